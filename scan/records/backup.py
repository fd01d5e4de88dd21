"""Backup and restore: every table of a database in one checked file, restored whole or not at all.

The file is gzip-compressed JSON with the schema version and a SHA-256 checksum over the
tables. It is deterministic: the same data always gives the same bytes, so a backup of a
restored database equals the original backup.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tempfile
import zlib
from pathlib import Path

from scan.base.errors import ScanError
from scan.base.formatting import nl_number
from scan.base.settings import max_backup_bytes
from scan.records.backup_rules import CREDENTIAL_TABLES, InvalidRow, check_rows
from scan.storage.core import Store, write_private
from scan.storage.schema_graph import data_tables, triggers

FORMAT = "democratiescan-backup"
STEP = 1024 * 1024
VERSION = 1
# Which tables, and in which order (parents first), comes from the schema itself: a new table is
# backed up without anyone listing it. Password hashes come along, so a restored installation stays
# locked.


class BackupError(ScanError):
    """A backup file that cannot be restored; nothing was changed."""


def _canonical(tables: dict) -> bytes:
    return json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def dump(store: Store) -> dict:
    """Every data table, read in one read transaction: one consistent moment, however busy writers are."""
    with store.read() as db:
        tables = {}
        for name in data_tables(db):
            table = db.table(name)
            order = ", ".join(f'"{pk}"' for pk in table.pks)
            tables[name] = [dict(row) for row in table.rows_where(order_by=order)]
        schema_names = store.schema_version()
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema_names,
        "sha256": hashlib.sha256(_canonical(tables)).hexdigest(),
        "tables": tables,
    }


def backup_bytes(store: Store) -> bytes:
    payload = json.dumps(dump(store), ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as gz:  # mtime 0: same data, same bytes
        gz.write(payload)
    return buffer.getvalue()


def backup(store: Store, out: Path) -> int:
    data = backup_bytes(store)
    write_private(out, data)
    return len(data)


def _unpack(data: bytes) -> bytes:
    """The gzip content, unpacked in bounded steps: a small file that unpacks to gigabytes (a "zip
    bomb") is refused as soon as it passes the limit, without ever holding more."""
    limit = max_backup_bytes()
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip framing
    out = bytearray()
    pending = data
    while pending:
        out += unpacker.decompress(pending, STEP)  # a megabyte at a time: never a second copy of the limit
        if len(out) > limit:
            raise BackupError(
                f"Deze back-up is uitgepakt groter dan {nl_number(limit / 1024 / 1024)} MB (instelbaar met "
                "DEMOCRATIESCAN_MAX_BACKUP_MB). Er is niets hersteld."
            )
        pending = unpacker.unconsumed_tail
    if not unpacker.eof:
        raise EOFError("truncated")
    return bytes(out)


def _load(data: bytes) -> dict:
    try:
        payload = json.loads(_unpack(data).decode("utf-8"))
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(
            "Dit is geen (volledige) back-up van democratiescan: het bestand is beschadigd of afgekapt."
        ) from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise BackupError("Dit bestand is geen back-up van democratiescan.")
    if payload.get("version") != VERSION:
        raise BackupError(
            f"Deze back-up heeft versie {payload.get('version')}; deze app kent alleen versie {VERSION}."
        )
    tables = payload.get("tables")
    if not isinstance(tables, dict) or not isinstance(payload.get("schema"), list):
        raise BackupError("De back-up bevat onbekende of ontbrekende tabellen.")
    if hashlib.sha256(_canonical(tables)).hexdigest() != payload.get("sha256"):
        raise BackupError(
            "De controlesom klopt niet: de back-up is veranderd of beschadigd. Er is niets hersteld."
        )
    return payload


def restore(store: Store, data: bytes, *, with_credentials: bool = False) -> dict[str, int]:
    """Restore into an empty database in one transaction; refuse anything else. A backup made by an
    older version is first restored at its own schema in a scratch database and brought up to date
    by the same migrations as any database. Every row must pass the app's own rules
    (scan/records/backup_rules.py). Passwords and organisation-account grants come back only with
    ``with_credentials``: a crafted file could otherwise bring its maker's own beheerder password."""
    payload = _load(data)
    current = store.schema_version()
    if set(payload["schema"]) - set(current):
        raise BackupError(
            "Deze back-up komt uit een nieuwere versie van democratiescan; werk de app eerst bij."
        )
    if payload["schema"] != current[: len(payload["schema"])]:
        raise BackupError("Deze back-up past niet bij deze versie van democratiescan.")
    if len(payload["schema"]) < len(current):
        payload = _upgraded(payload, current[len(payload["schema"])])
    if not with_credentials:
        payload["tables"] = {k: v for k, v in payload["tables"].items() if k not in CREDENTIAL_TABLES}
    try:
        check_rows(
            payload["tables"],
            {name: {c.name for c in store.db[name].columns} for name in data_tables(store.db)},
        )
    except InvalidRow as exc:
        raise BackupError(str(exc)) from exc
    return _restore_rows(store, payload)


def _upgraded(payload: dict, first_missing: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        old = Store(Path(scratch) / "oud.sqlite", stop_before=first_missing)
        _restore_rows(old, payload)
        return dump(Store(old.path))  # opening it again runs the missing migrations


def _restore_rows(store: Store, payload: dict) -> dict[str, int]:
    restored = {}
    try:
        with store.write() as db:
            order = data_tables(db)
            if set(payload["tables"]) - set(order):
                raise BackupError("De back-up bevat onbekende of ontbrekende tabellen.")
            # in the write: another process cannot fill the database between this check and the restore
            if any(db[name].count for name in order):
                raise BackupError(
                    "De database is niet leeg. Herstel een back-up alleen in een lege database, zodat er "
                    "niets dubbel komt."
                )
            # The rows come back exactly as they were, versions included: the triggers that keep
            # versions are set aside for the restore and put back in the same transaction.
            kept = triggers(db)
            for name, _ in kept:
                db.execute(f'DROP TRIGGER "{name}"')
            for name in order:
                rows = payload["tables"].get(name, [])
                if rows:
                    db.table(name).insert_all(rows)
                restored[name] = len(rows)
            for _, sql in kept:
                db.execute(sql)
    except BackupError:
        raise
    except Exception as exc:  # a constraint or type problem: the transaction is rolled back whole
        raise BackupError(
            f"De back-up kon niet worden hersteld ({type(exc).__name__}); er is niets veranderd."
        ) from exc
    return restored


def restore_file(store: Store, path: Path, *, with_credentials: bool = False) -> dict[str, int]:
    try:
        if Path(path).stat().st_size > max_backup_bytes():
            raise BackupError("Dit bestand is groter dan een back-up kan zijn. Er is niets hersteld.")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BackupError(f"Kan '{path}' niet lezen.") from exc
    return restore(store, data, with_credentials=with_credentials)

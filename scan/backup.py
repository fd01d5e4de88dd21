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
from pathlib import Path

from scan.errors import ScanError
from scan.storage import Store

FORMAT = "democratiescan-backup"
VERSION = 1
# Parents before children, so foreign keys hold during the restore.
TABLE_ORDER = (
    "credentials",  # password hashes only, so a restored installation stays locked
    "oidc_grants",
    "rounds",
    "invites",
    "respondents",
    "answers",
    "benchmark_imports",
    "benchmark_values",
    "proposal_status",
    "agenda_items",
    "workshops",
    "workshop_questions",
    "workshop_participants",
    "workshop_answers",
    "workshop_votes",
    "share_links",
)


class BackupError(ScanError):
    """A backup file that cannot be restored; nothing was changed."""


def _canonical(tables: dict) -> bytes:
    return json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def dump(store: Store) -> dict:
    tables = {}
    for name in TABLE_ORDER:
        table = store.db[name]
        pks = table.pks
        rows = [dict(row) for row in table.rows_where(order_by=", ".join(f'"{pk}"' for pk in pks))]
        tables[name] = rows
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": store.schema_version(),
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
    Path(out).write_bytes(data)
    return len(data)


def _load(data: bytes) -> dict:
    try:
        payload = json.loads(gzip.decompress(data).decode("utf-8"))
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, json.JSONDecodeError) as exc:
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
    if not isinstance(tables, dict) or set(tables) - set(TABLE_ORDER):
        raise BackupError("De back-up bevat onbekende of ontbrekende tabellen.")
    if hashlib.sha256(_canonical(tables)).hexdigest() != payload.get("sha256"):
        raise BackupError(
            "De controlesom klopt niet: de back-up is veranderd of beschadigd. Er is niets hersteld."
        )
    return payload


def restore(store: Store, data: bytes) -> dict[str, int]:
    """Restore into an empty database in one transaction; refuse anything else."""
    payload = _load(data)
    unknown = set(payload["schema"]) - set(store.schema_version())
    if unknown:
        raise BackupError(
            "Deze back-up komt uit een nieuwere versie van democratiescan; werk de app eerst bij."
        )
    counts = store.counts()
    if any(store.db[name].count for name in TABLE_ORDER) or counts["rounds"]:
        raise BackupError(
            "De database is niet leeg. Herstel een back-up alleen in een lege database, zodat er niets dubbel komt."
        )
    restored = {}
    try:
        with store.write() as db:
            for name in TABLE_ORDER:
                rows = payload["tables"].get(name, [])
                if rows:
                    db[name].insert_all(rows)
                restored[name] = len(rows)
    except Exception as exc:  # a constraint or type problem: the transaction is rolled back whole
        raise BackupError(
            f"De back-up kon niet worden hersteld ({type(exc).__name__}); er is niets veranderd."
        ) from exc
    return restored


def restore_file(store: Store, path: Path) -> dict[str, int]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BackupError(f"Kan '{path}' niet lezen.") from exc
    return restore(store, data)

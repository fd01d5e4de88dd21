"""Backup and restore: exact round trip; broken, tampered or misplaced backups change nothing."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scan import respondents, workshop
from scan.access import grant_oidc, set_password
from scan.backup import TABLE_ORDER, BackupError, backup_bytes, restore
from scan.demo import fill_demo
from scan.sharing import create_share_link
from scan.storage import Store

from .conftest import PROJECT


@pytest.fixture
def full(store: Store) -> Store:
    """A database with something in every table."""
    fill_demo(store)
    rnd = store.get_round("GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.6", 4)
    store.set_proposal_status(rnd.id, "6a", "kiezen")
    store.save_agenda_item(rnd.id, "6a", goal="Mediafonds")
    ws, secret = workshop.create(store, rnd.id, ["6.1"], "Avond")
    _, wt = workshop.join(store, ws.join_code)
    workshop.set_status(store, ws.id, secret, "6.1", "open")
    workshop.answer(store, ws.id, wt, "6.1", 3)
    workshop.set_phase(store, ws.id, secret, "voting")
    workshop.vote(store, ws.id, wt, ["6a"])
    create_share_link(store, rnd.id)
    set_password(store, "GM0355", "een-lang-wachtwoord")
    grant_oidc(store, "griffie@zeist.nl", "GM0355")
    store.import_benchmark("abc", "x.csv", [{"gm_code": "GM0014", "year": 2026, "item": "P1", "value": 50.0}])
    return store


def test_every_table_is_in_the_backup(full: Store) -> None:
    tables = {t for t in full.db.table_names() if not t.startswith("_") and not t.startswith("sqlite")}
    assert tables == set(TABLE_ORDER)
    assert all(full.db[t].count > 0 for t in TABLE_ORDER)


def test_backup_restore_backup_is_identical(full: Store, tmp_path: Path) -> None:
    first = backup_bytes(full)
    empty = Store(tmp_path / "empty.sqlite")
    counts = restore(empty, first)
    assert counts["answers"] == full.db["answers"].count
    assert backup_bytes(empty) == first


def _tamper(data: bytes) -> bytes:
    payload = json.loads(gzip.decompress(data))
    payload["tables"]["answers"][0]["value"] = 4 if payload["tables"]["answers"][0]["value"] != 4 else 0
    return gzip.compress(json.dumps(payload).encode())


BROKEN = {
    "truncated": (lambda d: d[: len(d) // 2], "beschadigd of afgekapt"),
    "tampered": (_tamper, "controlesom klopt niet"),
    "not_a_backup": (lambda d: gzip.compress(b'{"hello": 1}'), "geen back-up"),
    "plain_text": (lambda d: b"gemeente_code,jaar\n", "beschadigd of afgekapt"),
    "empty": (lambda d: b"", "beschadigd of afgekapt"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_broken_backup_is_refused_and_nothing_restored(full: Store, tmp_path: Path, kind: str) -> None:
    change, message = BROKEN[kind]
    empty = Store(tmp_path / "empty.sqlite")
    with pytest.raises(BackupError, match=message):
        restore(empty, change(backup_bytes(full)))
    assert all(count == 0 for count in empty.counts().values())


def test_restore_into_a_non_empty_database_is_refused(full: Store, tmp_path: Path) -> None:
    other = Store(tmp_path / "other.sqlite")
    other.start_round("GM0080", 2026)
    before = backup_bytes(other)
    with pytest.raises(BackupError, match="niet leeg"):
        restore(other, backup_bytes(full))
    assert backup_bytes(other) == before


def test_cli_backup_and_restore(full: Store, tmp_path: Path) -> None:
    out = tmp_path / "backup.gz"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "scan", *args], capture_output=True, text=True, cwd=PROJECT, timeout=120
        )

    assert run("backup", "--db", str(full.path), "--out", str(out)).returncode == 0
    target = tmp_path / "new.sqlite"
    result = run("restore", "--db", str(target), str(out))
    assert result.returncode == 0 and "Hersteld" in result.stdout
    again = run("restore", "--db", str(target), str(out))
    assert again.returncode == 2 and "niet leeg" in again.stderr and "Traceback" not in again.stderr
    out.write_bytes(out.read_bytes()[:100])
    broken = run("restore", "--db", str(tmp_path / "third.sqlite"), str(out))
    assert broken.returncode == 2 and "afgekapt" in broken.stderr


def test_export_benchmark_round_trips_through_import(full: Store, tmp_path: Path) -> None:
    from scan.benchmark_import import import_benchmark_file
    from scan.exports import benchmark_csv
    from scan.reference import reference

    path = tmp_path / "centraal.csv"
    path.write_text(benchmark_csv(full), encoding="utf-8")
    central = Store(tmp_path / "central.sqlite")
    rows, imported = import_benchmark_file(central, path, reference())
    shared = full.db.execute(
        "SELECT COUNT(*) FROM answers a JOIN respondents p ON p.id = a.respondent_id JOIN rounds r ON r.id = p.round_id "
        "WHERE r.share_benchmark = 1 AND p.kind = 'self' AND a.value IS NOT NULL AND a.question_id NOT LIKE '9.%'"
    ).fetchone()[0]
    assert imported and rows == shared

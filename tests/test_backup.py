"""Backup and restore: exact round trip; broken, tampered or misplaced backups change nothing."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from scan.content.reference import reference
from scan.records import benchmark_store, workshop
from scan.records.access import grant_oidc, set_password
from scan.records.backup import BackupError, backup_bytes, dump, restore
from scan.records.round import answers as answer_store
from scan.records.round import choices, follow_up, respondents, rounds
from scan.records.round.sharing import create_share_link
from scan.storage.core import Store
from scan.storage.schema_graph import data_tables
from scan.views import round as round_views

from . import council
from .conftest import clone_db, database_once, run_cli


@pytest.fixture(scope="session")
def full_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A database with something in every table, made once per test run."""
    return database_once(
        tmp_path_factory, worker_id, "full.sqlite", lambda path: _fill_full(demo_template, path)
    )


def _fill_full(demo_template: Path, path: Path) -> None:
    store = Store(clone_db(demo_template, path))
    rnd = rounds.get(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.6", 4)
    respondents.create_personal_invites(store, rnd.id, "raad", 2)
    respondents.set_expected(store, rnd.id, "inwoners", 400)
    choices.set_status(store, rnd.id, "6a", "kiezen")
    choices.save_agenda_field(store, rnd.id, "6a", goal="Mediafonds")
    own = follow_up.add_own_item(store, rnd.id, "Wijkbudgetten", budget="€ 30.000")  # issue 26.8
    follow_up.set_status(store, rnd.id, "6a", "gestopt", "Geen krant meer")
    follow_up.add_note(store, rnd.id, f"eigen-{own}", date(2026, 3, 1), "Eerste wijk")
    if rounds.previous(store, "GM0355", 2026) is None:
        rounds.start(store, "GM0355", 2024)
    follow_up.carry_forward(store, rnd.id)
    ws, secret = workshop.create(store, rnd.id, ["6.1"], "Avond")
    _, wt = workshop.join(store, ws.join_code)
    workshop.set_status(store, ws.id, secret, "6.1", "open")
    workshop.answer(store, ws.id, wt, "6.1", 3)
    open_question = workshop.add_open_question(store, ws.id, secret, "Wat moet beter?")
    workshop.set_status(store, ws.id, secret, open_question, "open")
    workshop.open_answer(store, ws.id, wt, open_question, "Meer inspraak")
    workshop.set_phase(store, ws.id, secret, "voting")
    workshop.vote(store, ws.id, wt, ["6a"])
    workshop.set_questions_open(store, ws.id, secret, True)  # a question from the room, approved and upvoted
    (asked,) = workshop.run_batch(store, [workshop.ask_op(ws.id, wt, "Wie beslist er?")])
    workshop.moderate_questions(store, ws.id, secret, [asked["vraag"]["id"]], "goedgekeurd")
    _, upvoter = workshop.join(store, ws.join_code)
    workshop.run_batch(store, [workshop.upvote_op(ws.id, upvoter, asked["vraag"]["id"], True)])
    create_share_link(store, rnd.id)
    set_password(store, "GM0355", "een-lang-wachtwoord")
    grant_oidc(store, "griffie@zeist.nl", "GM0355")
    benchmark_store.store_import(store, "abc", "x.csv", [(2, "GM0014", 2026, "P1", 50.0)])
    council.add_agreement(store, rnd)  # the akkoordcheck: analysis and decisions
    round_views.round_view(store, rnd)  # publishes the peer figures it shows (the releases table)


@pytest.fixture
def full(full_template: Path, tmp_path: Path) -> Store:
    """A fresh copy of that database for one test (cheaper than filling it again)."""
    return Store(clone_db(full_template, tmp_path / "full.sqlite"))


def test_every_table_is_in_the_backup(full: Store) -> None:
    tables = {t for t in full.db.table_names() if not t.startswith("_") and not t.startswith("sqlite")}
    backed_up = dump(full)["tables"]
    assert set(backed_up) == tables == set(data_tables(full.db))
    assert all(backed_up[t] for t in tables), [t for t in tables if not backed_up[t]]


def test_a_table_added_later_is_backed_up_and_deleted_with_its_round(full: Store, tmp_path: Path) -> None:
    # what a backup and a round deletion walk comes from the schema: nobody has to list a new table
    with full.write() as db:
        db.execute(
            "CREATE TABLE later (id INTEGER PRIMARY KEY, respondent_id INTEGER REFERENCES respondents(id))"
        )
        rid = db.execute("SELECT id FROM respondents WHERE kind = 'invited' LIMIT 1").fetchone()[0]
        db.execute("INSERT INTO later (respondent_id) VALUES (?)", [rid])
    assert dump(full)["tables"]["later"] == [{"id": 1, "respondent_id": rid}]
    owner = full.db.execute("SELECT round_id FROM respondents WHERE id = ?", [rid]).fetchone()[0]
    rounds.delete(full, owner)
    assert (
        full.db["later"].count == 0
        and full.db.execute("SELECT COUNT(*) FROM respondents WHERE round_id = ?", [owner]).fetchone()[0] == 0
    )


def test_a_backup_taken_while_twenty_writers_are_busy_restores_cleanly(full: Store, tmp_path: Path) -> None:
    import threading

    codes = [c for c in sorted(reference().municipalities) if rounds.get(full, c, 2030) is None][:20]
    targets = [(rounds.start(full, code, 2030).id,) for code in codes]
    stop = threading.Event()
    written = []

    def writer(round_id: int) -> None:
        value = 0
        while not stop.is_set():
            value = (value + 1) % 5
            answer_store.save(full, round_id, "1.1", value)
            written.append(round_id)

    threads = [threading.Thread(target=writer, args=(r[0],)) for r in targets]
    for t in threads:
        t.start()
    try:
        while len(written) < 200:  # really busy before the backup starts
            pass
        data = backup_bytes(full)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert len(targets) == 20
    restored = Store(tmp_path / "restored.sqlite")
    restore(restored, data, with_credentials=True)  # one consistent moment: checksum, keys and versions hold
    assert backup_bytes(restored) == data


def test_a_backup_made_by_an_older_version_is_brought_up_to_date(tmp_path: Path) -> None:
    old = Store(tmp_path / "old.sqlite", stop_before="010_versions")
    with old.write() as db:
        db.execute(
            "INSERT INTO rounds (id, gm_code, year, status, share_benchmark, is_demo, position, created_at, "
            "updated_at) VALUES (1, 'GM0355', 2024, 'open', 0, 0, 3, 'x', 'x')"
        )
        db.execute(
            "INSERT INTO respondents (id, round_id, role, kind, created_at) VALUES (1, 1, 'griffie', 'self', 'x')"
        )
        db.execute(
            "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at) VALUES (1, '1.1', 3, 0, '', 'x')"
        )
    data = backup_bytes(old)
    assert "010_versions" not in json.loads(gzip.decompress(data))["schema"]
    new = Store(tmp_path / "new.sqlite")
    restore(new, data)
    rnd = rounds.get(new, "GM0355", 2024)
    assert rnd.version > 0 and answer_store.of(new, rnd.id)["1.1"].value == 3


def test_backup_restore_backup_is_identical(full: Store, tmp_path: Path) -> None:
    first = backup_bytes(full)
    empty = Store(tmp_path / "empty.sqlite")
    counts = restore(empty, first, with_credentials=True)
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
    rounds.start(other, "GM0080", 2026)
    before = backup_bytes(other)
    with pytest.raises(BackupError, match="niet leeg"):
        restore(other, backup_bytes(full))
    assert backup_bytes(other) == before


def test_cli_backup_and_restore(full: Store, tmp_path: Path) -> None:
    out = tmp_path / "backup.gz"

    run = run_cli

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
    from scan.content.reference import reference
    from scan.records.benchmark_import import import_benchmark_file
    from scan.views.exports import benchmark_csv

    path = tmp_path / "centraal.csv"
    path.write_text(benchmark_csv(full), encoding="utf-8")
    central = Store(tmp_path / "central.sqlite")
    rows, imported = import_benchmark_file(central, path, reference())
    shared = full.db.execute(
        "SELECT COUNT(*) FROM answers a JOIN respondents p ON p.id = a.respondent_id JOIN rounds r ON r.id = p.round_id "
        "WHERE r.share_benchmark = 1 AND r.status = 'closed' AND p.kind = 'self' AND a.value IS NOT NULL "
        "AND a.question_id NOT LIKE '9.%'"
    ).fetchone()[0]
    assert imported and rows == shared


def test_a_backup_that_unpacks_to_gigabytes_is_refused_early(tmp_path: Path, monkeypatch) -> None:
    import zlib

    monkeypatch.setenv("DEMOCRATIESCAN_MAX_BACKUP_MB", "2")
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = (
        packer.compress(b"{" + b" " * (64 * 1024 * 1024)) + packer.flush()
    )  # 64 MB of spaces, ~64 kB packed
    assert len(bomb) < 200_000
    empty = Store(tmp_path / "leeg.sqlite")
    with pytest.raises(BackupError, match="groter dan 2 MB"):
        restore(empty, bomb)
    assert not any(empty.counts().values())
    path = tmp_path / "bom.gz"
    path.write_bytes(bomb)
    result = run_cli("restore", "--db", str(tmp_path / "nog.sqlite"), str(path))
    assert result.returncode == 2 and "groter dan 2 MB" in result.stderr


@pytest.fixture
def open_umask():
    """The loosest umask: files must still come out readable by their owner only."""
    import os

    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "csv", "json"])
def test_every_file_the_cli_writes_with_answers_or_hashes_is_owner_only(
    full: Store, tmp_path: Path, open_umask, fmt: str
) -> None:
    # Issue 23.7: backups hold password hashes, exports answers and comments: 0600 whatever the umask,
    # also when a world-readable file of that name was there before.
    import stat

    db = str(full.path)
    targets = {
        "backup": (["backup", "--db", db, "--out"], tmp_path / "backup.json.gz"),
        "export-benchmark": (["export-benchmark", "--db", db, "--out"], tmp_path / "benchmark.csv"),
        fmt: (
            ["export", "--db", db, "--municipality", "GM0355", "--year", "2026", "--format", fmt, "--out"],
            tmp_path / f"export.{fmt}",
        ),
    }
    for name, (args, out) in targets.items():
        out.write_text("oud")
        out.chmod(0o644)
        result = run_cli(*args, str(out))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, (name, oct(out.stat().st_mode))
        assert out.read_bytes() != b"oud"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


def _crafted(data: bytes, change) -> bytes:
    """A backup someone edited and gave a valid checksum again: the checksum proves nothing then."""
    import hashlib

    from scan.records.backup import _canonical

    payload = json.loads(gzip.decompress(data))
    change(payload["tables"])
    payload["sha256"] = hashlib.sha256(_canonical(payload["tables"])).hexdigest()
    return gzip.compress(json.dumps(payload).encode())


def _first(tables: dict, table: str, **where) -> dict:
    return next(r for r in tables[table] if all(r.get(k) == v for k, v in where.items()))


CRAFTED = {
    "answer_999": (
        lambda t: _first(t, "answers", question_id="1.1").update(value=999, dont_know=0),
        "answers",
    ),
    "unknown_municipality": (lambda t: t["rounds"][0].update(gm_code="GM9999"), "GM9999"),
    "superscript_year": (lambda t: t["rounds"][0].update(year="²⁰²⁶"), "Kies een jaar"),
    "year_out_of_range": (lambda t: t["rounds"][0].update(year=1850), "Kies een jaar"),
    "control_character": (
        lambda t: _first(t, "answers", question_id="1.1").update(comment="a\x0bb"),
        "stuurteken",
    ),
    "unknown_status": (lambda t: t["proposal_status"][0].update(status="hacked"), "Keuze 'hacked'"),
    "unknown_column": (lambda t: t["rounds"][0].update(is_admin=1), "Onbekend veld 'is_admin'"),
    "join_lock_not_a_flag": (
        lambda t: t["workshops"][0].update(joins_locked=7),
        "'joins_locked' moet 0 of 1",
    ),
    "unknown_question": (
        lambda t: _first(t, "answers", question_id="1.1").update(question_id="99.9"),
        "99.9",
    ),
    "expected_size": (lambda t: t["role_sizes"][0].update(expected=-4), "Verwacht aantal '-4'"),
    "closing_date": (lambda t: t["rounds"][0].update(respond_until="morgen"), "Sluitingsdatum 'morgen'"),
    "personal_not_a_flag": (lambda t: t["invites"][0].update(personal=2), "'personal' moet 0 of 1"),
    "benchmark_score": (
        lambda t: t["benchmark_values"].append(
            {"gm_code": "GM0355", "year": 2026, "item": "P1", "value": 250.0, "import_sha256": None}
        ),
        "tussen 0 en 100",
    ),
}


@pytest.mark.parametrize("kind", CRAFTED)
def test_a_crafted_backup_with_a_row_the_app_refuses_restores_nothing(
    full: Store, tmp_path: Path, kind: str
) -> None:
    # Issue 23.8: the same rules as the app, every row; the message names the table and the row.
    change, message = CRAFTED[kind]
    empty = Store(tmp_path / "empty.sqlite")
    with pytest.raises(BackupError, match=message) as refused:
        restore(empty, _crafted(backup_bytes(full), change), with_credentials=True)
    assert "rij " in str(refused.value) and "niets hersteld" in str(refused.value)
    assert all(count == 0 for count in empty.counts().values())


def test_passwords_and_grants_come_back_only_when_asked(full: Store, tmp_path: Path) -> None:
    from scan.records.access import verify

    def attacker(tables: dict) -> None:
        from scan.records.access import hash_password

        tables["credentials"].append(
            {"scope": "beheerder", "password_hash": hash_password("van de aanvaller!"), "updated_at": "x"}
        )

    crafted = _crafted(backup_bytes(full), attacker)
    plain = Store(tmp_path / "plain.sqlite")
    counts = restore(plain, crafted)
    assert plain.db["credentials"].count == 0 and plain.db["oidc_grants"].count == 0
    assert counts["answers"] == full.db["answers"].count
    assert not verify(plain, "beheerder", "van de aanvaller!")
    explicit = Store(tmp_path / "explicit.sqlite")
    restore(explicit, crafted, with_credentials=True)
    assert verify(explicit, "beheerder", "van de aanvaller!")  # only when the administrator chose it


def test_cli_restore_says_what_happened_to_the_passwords(full: Store, tmp_path: Path) -> None:
    out = tmp_path / "backup.gz"
    assert run_cli("backup", "--db", str(full.path), "--out", str(out)).returncode == 0
    plain = run_cli("restore", "--db", str(tmp_path / "a.sqlite"), str(out))
    assert plain.returncode == 0 and "niet teruggezet" in plain.stderr and "set-password" in plain.stderr
    explicit = run_cli("restore", "--db", str(tmp_path / "b.sqlite"), "--with-credentials", str(out))
    assert explicit.returncode == 0 and "Let op" in explicit.stderr

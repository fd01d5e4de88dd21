"""Upgrades keep the data (issue 28.4): a database made by an older release opens in this one, every
later migration applies to it, and what the app shows of it reads the same; a migration that fails
leaves the database as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from scan.base.formatting import shown
from scan.records.round import rounds
from scan.storage import schema
from scan.storage.core import MigrationFailed, Store
from scan.views import exports
from scan.views import round as round_views

from . import council
from .conftest import clone_db, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RELEASES = ["release-2026-12"]  # tests/fixtures/README.md: one database per release, kept for good


def _copy(release: str, tmp_path: Path) -> Path:
    target = tmp_path / f"{release}.sqlite"
    shutil.copy(FIXTURES / f"{release}.sqlite", target)  # never open the kept file itself
    return target


def _csv_words(text: str) -> str:
    """A release's answers CSV as issue 26.11 writes it: levels as whole numbers, "weet niet" as ja/nee."""
    lines = text.splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(";")
    value, dont_know = header.index("antwoord"), header.index("weet_niet")
    out = [lines[0]]
    for line in lines[1:]:
        cells = next(csv.reader([line], delimiter=";"))
        cells[value] = cells[value].removesuffix(",0")
        cells[dont_know] = {"True": "ja", "False": "nee"}.get(cells[dont_know], cells[dont_know])
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator=line[len(line.rstrip("\r\n")) :]).writerow(cells)
        out.append(buffer.getvalue())
    return "".join(out)


def _on_purpose(where: str, old: object, new: object) -> bool:
    """A value a later release changed on purpose, by a rule the old value must still follow."""
    # issue 26.11: the answers CSV says ja/nee and gives levels as whole numbers; nothing else changed
    if where.endswith("_csv") and isinstance(old, str):
        return new == _csv_words(old)
    # issue 26.2: a score in the exports is the whole number the screens show (one rule: half up)
    if where.endswith((".score", ".mediaan_groep", ".kwartiel_1", ".kwartiel_3", ".percentiel")):
        return isinstance(old, float) and new == shown(old)
    # issue 26.2: the Rollen sheet holds a shown figure as a number, not as text, rounded half up where
    # the release rounded half to even (an even number from a half: 62,5 was "62", is now 63)
    if "_roles[" in where and isinstance(old, str) and old.isdigit():
        return new == int(old) or (int(old) % 2 == 0 and new == int(old) + 1)
    # issue 26.6: a workshop's line on a proposal names the question and the levels in words, not by
    # number ("Vraag 1.1 in de workshop ‘T’ (6 antwoorden): 1 · Verkend: 2" -> "In de workshop ‘T’ over
    # ‘…’ (6 antwoorden): verkend 2"): the same workshop, the same n and the same counts in the same order
    if where.endswith(".workshops") and isinstance(old, str) and isinstance(new, str):
        was = re.fullmatch(r"Vraag [\d.]+ in de workshop ‘(.*)’ (\(\d+ antwoorden?\)): (.*)", old, re.S)
        now = re.fullmatch(r"In de workshop ‘(.*)’ over ‘.*’ (\(\d+ antwoorden?\)): (.*)", new, re.S)
        return (
            bool(was and now)
            and was.group(1, 2) == now.group(1, 2)
            and (re.findall(r": (\d+)", was[3]) == re.findall(r" (\d+)(?=,|$)", now[3]))
        )
    return False


def _subset(old: object, new: object, where: str = "") -> list[str]:
    """Where ``new`` differs from ``old``; keys that a later release added are not differences."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [d for key in old for d in _subset(old[key], new.get(key, "<missing>"), f"{where}.{key}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d for i, (a, b) in enumerate(zip(old, new, strict=True)) for d in _subset(a, b, f"{where}[{i}]")
        ]
    return [] if old == new or _on_purpose(where, old, new) else [f"{where}: {old!r} -> {new!r}"]


def _readings(store: Store) -> dict[str, object]:
    """What the release's fixture script read through its views and exports, read by today's code."""
    found: dict[str, object] = {"benchmark_csv": exports.benchmark_csv(store)}
    for year in (2024, 2026):
        own = rounds.get(store, council.OWN, year)
        view = round_views.round_view(store, own)
        found[f"{year}_json"] = json.loads(exports.to_json(view))
        found[f"{year}_csv"] = exports.to_csv(view).decode("utf-8-sig")
        found[f"{year}_comparison"] = exports._records(exports.comparison_frame(view))
        found[f"{year}_roles"] = exports._records(exports.roles_frame(view))
    found["tables"] = {name: store.db[name].count for name in sorted(store.counts())}
    return found


@pytest.mark.parametrize("release", RELEASES)
def test_a_release_database_gets_every_later_migration_and_reads_the_same(
    release: str, tmp_path: Path
) -> None:
    expected = json.loads((FIXTURES / f"{release}.json").read_text())
    store = Store(_copy(release, tmp_path))
    names = [m.name for m in schema.MIGRATIONS._migrations]
    assert store.schema_version()[: len(expected["migrations"])] == expected["migrations"]
    assert store.schema_version() == names  # every migration since the release ran, in order
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    found = _readings(store)
    expected.pop("migrations")
    assert _subset(expected, found) == []


@pytest.mark.parametrize("release", RELEASES)
def test_the_cli_opens_a_release_database(release: str, tmp_path: Path) -> None:
    # what an administrator does after installing: the first command brings the database up to date
    path = _copy(release, tmp_path)
    result = run_cli(
        "export",
        "--db",
        str(path),
        "--municipality",
        "GM0355",
        "--year",
        "2026",
        "--format",
        "json",
        "--out",
        str(tmp_path / "out.json"),
    )
    assert result.returncode == 0, result.stderr
    expected = json.loads((FIXTURES / f"{release}.json").read_text())["2026_json"]
    assert _subset(expected, json.loads((tmp_path / "out.json").read_text())) == []


def _copy_rows(source: Path, target: Store) -> None:
    """Every row of ``source`` into the older-schema ``target``, in the columns that exist there."""
    with target.write() as db:
        db.execute("ATTACH DATABASE ? AS newer", [str(source)])
        db.execute("PRAGMA defer_foreign_keys = ON")
        for table in target.counts():
            have = [c.name for c in db[table].columns]
            newer = {row[1] for row in db.execute(f"PRAGMA newer.table_info([{table}])")}
            columns = ", ".join(f"[{c}]" for c in have if c in newer)
            db.execute(f"DELETE FROM main.[{table}]")  # rows a migration seeds (data_versions)
            db.execute(f"INSERT INTO main.[{table}] ({columns}) SELECT {columns} FROM newer.[{table}]")
    target.db.execute("DETACH DATABASE newer")


def test_a_database_three_migrations_behind_is_brought_up_to_date_and_reads_the_same(tmp_path: Path) -> None:
    # the simulation of an upgrade over several releases: the same rows at an older schema level
    full = Store(tmp_path / "full.sqlite")
    council.share_peers(full, 2026, demo=False)
    own = council.own_round(full, 2026)
    council.add_roles(full, own, "raad", n=5)
    council.add_workshop(full, own, people=6)
    names = [m.name for m in schema.MIGRATIONS._migrations]
    older = Store(tmp_path / "older.sqlite", stop_before=names[-3])
    assert older.schema_version() == names[:-3]
    _copy_rows(tmp_path / "full.sqlite", older)
    del older
    before = {k: v for k, v in _readings_2026(full).items()}
    upgraded = Store(tmp_path / "older.sqlite")
    assert upgraded.schema_version() == names
    assert upgraded.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert upgraded.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _readings_2026(upgraded) == before


def _readings_2026(store: Store) -> dict[str, object]:
    own = rounds.get(store, council.OWN, 2026)
    view = round_views.round_view(store, own)
    return {
        "json": json.loads(exports.to_json(view)),
        "comparison": exports._records(exports.comparison_frame(view)),
        "roles": exports._records(exports.roles_frame(view)),
        "workshops": [(w.title, len(w.questions)) for w in view.workshops],
        "answers": store.db["answers"].count,
        "workshop_answers": store.db["workshop_answers"].count,
    }


def _content(path: Path, tmp_path: Path) -> tuple[str, str]:
    """The database as SQL text and its file's hash, read from a clone (reading the file itself
    could checkpoint it)."""
    copy = clone_db(path, tmp_path / "look.sqlite")
    with sqlite3.connect(copy) as conn:
        dump = "\n".join(conn.iterdump())
    copy.unlink()
    return dump, hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_failed_migration_leaves_the_database_untouched(tmp_path: Path) -> None:
    path = _copy(RELEASES[-1], tmp_path)
    Store(path)  # up to date first: only the injected migrations are pending below
    before = _content(path, tmp_path)

    @schema.MIGRATIONS(name="999_adds_a_table")
    def _fine(db) -> None:
        db.execute("CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY)")
        db.execute("UPDATE answers SET value = 1")

    @schema.MIGRATIONS(name="999_fails")
    def _fails(db) -> None:
        db.execute("ALTER TABLE rounds ADD COLUMN probe INTEGER")
        raise RuntimeError("migration bug")

    try:
        with pytest.raises(
            MigrationFailed, match=r"\(stappen 999_adds_a_table, 999_fails\)\. Er is niets veranderd"
        ) as caught:
            Store(path)
        assert "RuntimeError: migration bug" in str(caught.value)
        after_store = _content(path, tmp_path)
        cli = run_cli("backup", "--db", str(path), "--out", str(tmp_path / "backup.gz"))
    finally:
        del schema.MIGRATIONS._migrations[-2:]
    assert after_store == before  # the migration before it is undone too: all or nothing
    # the administrator's command says so in Dutch, without a traceback, and writes nothing
    assert (
        cli.returncode == 2 and cli.stderr.startswith("Fout: De database ") and "Traceback" not in cli.stderr
    )
    assert not (tmp_path / "backup.gz").exists()
    assert _content(path, tmp_path) == before
    assert Store(path).schema_version() == [m.name for m in schema.MIGRATIONS._migrations]

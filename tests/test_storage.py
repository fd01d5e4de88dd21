"""The storage core: WAL file, sqlite-utils migrations, transactions, connections, file mode."""

from __future__ import annotations

import sqlite3
import stat
import threading

import pytest

from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage import schema
from scan.storage.core import Store

from .conftest import PROJECT


def test_database_is_a_wal_file_with_all_migrations(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() == [m.name for m in schema.MIGRATIONS.pending(sqlite_empty())]
    again = Store(store.path)  # reopening runs nothing twice
    assert again.schema_version() == store.schema_version()


def sqlite_empty():
    import sqlite_utils

    return sqlite_utils.Database(memory=True)


def test_a_database_from_the_hand_rolled_migration_list_is_adopted(tmp_path) -> None:
    # Before sqlite-utils' migrations the project kept its own list in _migrations: carry it over.
    path = tmp_path / "old.sqlite"
    Store(path, stop_before="010_versions")
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        conn.executemany("INSERT INTO _migrations VALUES (?, 'x')", [(n,) for n in names])
        conn.execute("DROP TABLE _sqlite_migrations")
    store = Store(path)
    assert store.schema_version()[-1] == schema.MIGRATIONS.pending(sqlite_empty())[-1].name
    assert "_migrations" not in store.db.table_names()


def test_files_are_readable_by_their_owner_only(tmp_path) -> None:
    store = Store(tmp_path / "geheim.sqlite")
    rounds.start(store, "GM0355", 2026)  # makes the -wal and -shm files exist
    for suffix in ("", "-wal", "-shm"):
        mode = stat.S_IMODE((tmp_path / f"geheim.sqlite{suffix}").stat().st_mode)
        assert mode == 0o600, (suffix, oct(mode))


def test_a_failed_write_changes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as db:
        db.execute("INSERT INTO credentials (scope, password_hash) VALUES ('x', 'y')")
        raise RuntimeError("halfway")
    assert store.counts()["credentials"] == 0


def test_a_read_transaction_sees_one_moment(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 1)
    seen = []
    with store.read() as db:
        seen.append(db.execute("SELECT value FROM answers WHERE question_id = '1.1'").fetchone()[0])
        other = threading.Thread(target=answer_store.save, args=(store, rnd.id, "1.1", 4))
        other.start()
        other.join()  # a writer in another thread commits meanwhile
        seen.append(db.execute("SELECT value FROM answers WHERE question_id = '1.1'").fetchone()[0])
    assert seen == [1, 1]
    assert answer_store.of(store, rnd.id)["1.1"].value == 4


def test_counts_cover_every_data_table(store: Store) -> None:
    counts = store.counts()
    assert {"rounds", "answers", "workshops", "data_versions"} <= set(counts)
    assert not any(name.startswith("_") for name in counts)


def test_connections_of_finished_threads_are_reused_and_never_shared_at_once(tmp_path) -> None:
    store = Store(tmp_path / "pool.sqlite")
    seen = []

    def read(barrier=None) -> None:
        seen.append(id(store.db.conn))
        store.db.execute("SELECT COUNT(*) FROM rounds").fetchone()
        if barrier is not None:
            barrier.wait()  # hold the connection while the other thread takes one

    for _ in range(3):  # one after another, as Streamlit's reruns are for one session
        t = threading.Thread(target=read)
        t.start()
        t.join()
    assert len(set(seen)) == 1

    seen.clear()
    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=read, args=(barrier,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 2  # two live threads never share a connection

    def write() -> None:
        rnd = rounds.start(store, "GM0355", 2026)
        answer_store.save(store, rnd.id, "1.1", 3)

    t = threading.Thread(target=write)
    t.start()
    t.join()
    assert answer_store.of(store, rounds.get(store, "GM0355", 2026).id)["1.1"].value == 3
    assert all(not db.conn.in_transaction for db in store._pool)


def test_a_second_store_on_the_same_file_keeps_the_process_locks(tmp_path) -> None:
    """Opening a second Store on a file in use must not drop this process's locks on it: else another
    process (a CLI command) that closes its connection takes itself for the last user and deletes the
    -wal and -shm files under the server's open connections."""
    import subprocess
    import sys

    from .conftest import PROJECT

    path = tmp_path / "gedeeld.sqlite"
    first = Store(path)
    rnd = rounds.start(first, "GM0355", 2026)
    Store(path)  # a second Store in this process, like the phone page's and the upload route's
    other = (
        f"import sys; sys.path.insert(0, {str(PROJECT)!r}); from scan.storage.core import Store; "
        f"from scan.records.round import rounds; rounds.close(Store({str(path)!r}), {rnd.id})"
    )
    subprocess.run([sys.executable, "-c", other], check=True)
    # the other process found us still there: the write-ahead log stays, and we see its write
    assert (tmp_path / "gedeeld.sqlite-wal").exists() and (tmp_path / "gedeeld.sqlite-shm").exists()
    assert rounds.by_id(first, rnd.id).status == "closed"


def test_release_registers_of_every_group_merge_into_one_per_viewer(tmp_path) -> None:
    # Issue 23.1: sets published per group before the change join the viewer's one register, so a
    # new view is also kept five away from what any group showed before.
    import json

    path = tmp_path / "old.sqlite"
    old = Store(path, stop_before="020_releases_across_groups")
    rows = [
        ("benchmark:2026:provincie:Utrecht:GM0355", "P1", [["a#1", "b#1"]], "1"),
        ("benchmark:2026:alle:GM0355", "P1", [["a#1", "b#1", "c#1"]], "2"),
        ("benchmark:2026:alle:GM0355", "P2", [["x#1"]], "3"),
        ("akkoord:2026:M50:GM0355", "M2c", [["d#1"]], "4"),
        ("round:7:roles", "raad:1", [["r#1"]], "5"),
    ]
    with old.write() as db:
        for scope, figure, history, at in rows:
            db.execute(
                "INSERT INTO releases (scope, figure, history, released_at) VALUES (?, ?, ?, ?)",
                [scope, figure, json.dumps(history), at],
            )
    store = Store(path)
    found = {
        (scope, figure): json.loads(history)
        for scope, figure, history in store.db.execute("SELECT scope, figure, history FROM releases")
    }
    assert found == {
        ("benchmark:2026:GM0355", "P1"): [["a#1", "b#1"], ["a#1", "b#1", "c#1"]],
        ("benchmark:2026:GM0355", "P2"): [["x#1"]],
        ("akkoord:2026:GM0355", "M2c"): [["d#1"]],
        ("round:7:roles", "raad:1"): [["r#1"]],
    }


# --- every check that decides a write reads inside it (issue 23.9) ----------------------------------

# Functions that read through the store before their write on purpose, each with why it is safe.
READ_FIRST = {
    "scan/records/round/releases.py:resolve": "a fast path for the usual case (nothing new to publish); it decides again inside",
    "scan/records/workshop/core.py:close_expired": "a fast path (no countdown at zero: no write, pages ask every second); the UPDATE decides again inside",
}


def _reads_before_write() -> dict[str, list[int]]:
    """Per function under scan/ (not the UI) with ``with store.write()``: lines before that write that
    use ``store`` — a read outside the transaction that a check could rest on."""
    import ast

    found = {}
    for path in sorted((PROJECT / "scan").rglob("*.py")):
        if "ui" in path.relative_to(PROJECT / "scan").parts:
            continue
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(fn, ast.FunctionDef):
                continue
            writes = [
                node.lineno
                for node in ast.walk(fn)
                if isinstance(node, ast.With)
                and any(
                    isinstance(item.context_expr, ast.Call)
                    and isinstance(item.context_expr.func, ast.Attribute)
                    and item.context_expr.func.attr == "write"
                    and isinstance(item.context_expr.func.value, ast.Name)
                    and item.context_expr.func.value.id == "store"
                    for item in node.items
                )
            ]
            if not writes:
                continue
            before = sorted(
                {n.lineno for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == "store"} - {fn.lineno}
            )
            early = [line for line in before if line < min(writes)]
            if early:
                found[f"{path.relative_to(PROJECT).as_posix()}:{fn.name}"] = early
    return found


def test_no_record_function_reads_through_the_store_before_its_write() -> None:
    # A check read before the write transaction decides on a state that another session can change
    # before the write begins (an ended workshop reopened, a revoked code still answering). Read inside.
    found = _reads_before_write()
    assert set(found) - set(READ_FIRST) == set(), {k: v for k, v in found.items() if k not in READ_FIRST}
    assert set(READ_FIRST) <= set(found), "a function in READ_FIRST no longer reads first: remove it there"


def test_the_app_under_litestream_leaves_checkpoints_to_it(tmp_path, monkeypatch) -> None:
    # Litestream must control checkpoints: a connection of the app under it never checkpoints by itself
    monkeypatch.setenv("DEMOCRATIESCAN_LITESTREAM", "1")
    assert Store(tmp_path / "a.sqlite").db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    monkeypatch.delenv("DEMOCRATIESCAN_LITESTREAM")
    assert Store(tmp_path / "b.sqlite").db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000

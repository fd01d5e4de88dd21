"""Storage: WAL file, migrations, every answer saved at once, bad answers change nothing."""

from __future__ import annotations

import threading

import pytest

from scan.errors import InvalidAnswer, NotFound, ScanError
from scan.storage import MIGRATIONS, Store


def test_database_is_a_wal_file_with_all_migrations(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version() == [name for name, _ in MIGRATIONS]
    again = Store(store.path)  # reopening runs nothing twice
    assert again.schema_version() == store.schema_version()


def test_one_round_per_municipality_per_year(store: Store) -> None:
    store.start_round("GM0355", 2026)
    with pytest.raises(ScanError, match="Er is al een scan van Zeist voor 2026"):
        store.start_round("GM0355", 2026)
    store.start_round("GM0355", 2028)
    assert [r.year for r in store.rounds_for("GM0355")] == [2028, 2026]


@pytest.mark.parametrize(
    ("code", "year", "message"), [("GM9999", 2026, "bestaat niet"), ("GM0355", 1900, "Kies een jaar")]
)
def test_bad_round_input_is_refused(store: Store, code: str, year: int, message: str) -> None:
    with pytest.raises(ScanError, match=message):
        store.start_round(code, year)
    assert store.counts()["rounds"] == 0


def test_answers_survive_a_new_store_on_the_same_file(store: Store) -> None:
    rnd = store.start_round("GM0080", 2026)
    store.save_answer(rnd.id, "8.1", 4)
    store.save_answer(rnd.id, "8.2", None, dont_know=True)
    store.save_comment(rnd.id, "8.1", "Burgeragendering sinds 2023")
    store.set_position(rnd.id, 8)
    reopened = Store(store.path)
    answers = reopened.answers(rnd.id)
    assert answers["8.1"].value == 4 and answers["8.1"].comment == "Burgeragendering sinds 2023"
    assert answers["8.2"].dont_know
    assert reopened.round_by_id(rnd.id).position == 8
    assert reopened.last_updated_round().id == rnd.id


def test_changing_the_answer_keeps_the_comment(store: Store) -> None:
    rnd = store.start_round("GM0080", 2026)
    store.save_answer(rnd.id, "3.1", 1, comment="Loket in 2025 geopend")
    store.save_answer(rnd.id, "3.1", 2)
    assert store.answers(rnd.id)["3.1"].comment == "Loket in 2025 geopend"


@pytest.mark.parametrize(
    ("qid", "value", "dont_know", "message"),
    [
        ("1.1", 5, False, "geen geldig antwoord"),
        ("1.1", -1, False, "geen geldig antwoord"),
        ("1.1", 2, True, "niet allebei"),
        ("1.9", 2, False, "bestaat niet"),
        ("1.5", 3, False, "niet bedoeld voor de rol griffie"),
    ],
)
def test_bad_answers_are_refused_and_store_nothing(store: Store, qid, value, dont_know, message) -> None:
    rnd = store.start_round("GM0080", 2026)
    store.save_answer(rnd.id, "1.1", 2)
    before = store.db.execute("SELECT * FROM answers").fetchall()
    with pytest.raises(InvalidAnswer, match=message):
        store.save_answer(rnd.id, qid, value, dont_know=dont_know)
    assert store.db.execute("SELECT * FROM answers").fetchall() == before


def test_closed_round_refuses_answers(store: Store) -> None:
    rnd = store.start_round("GM0080", 2024)
    store.close_round(rnd.id)
    with pytest.raises(InvalidAnswer, match="gesloten"):
        store.save_answer(rnd.id, "1.1", 2)
    assert store.counts()["answers"] == 0


def test_unknown_round_is_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        store.save_answer(999, "1.1", 2)


def test_concurrent_answers_are_all_kept(store: Store) -> None:
    rounds = [store.start_round(code, 2026) for code in ("GM0014", "GM0034", "GM0037", "GM0047")]
    questions = [q.id for q in store.bank.questions_for_role("griffie")]

    def answer_all(round_id: int) -> None:
        for i, qid in enumerate(questions):
            store.save_answer(round_id, qid, i % 5)

    threads = [threading.Thread(target=answer_all, args=(r.id,)) for r in rounds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.counts()["answers"] == len(rounds) * len(questions)


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
        rnd = store.start_round("GM0355", 2026)
        store.save_answer(rnd.id, "1.1", 3)

    t = threading.Thread(target=write)
    t.start()
    t.join()
    assert store.answers(store.get_round("GM0355", 2026).id)["1.1"].value == 3
    assert all(not db.conn.in_transaction for db in store._pool)

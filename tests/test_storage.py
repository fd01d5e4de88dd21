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

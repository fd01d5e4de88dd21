"""Answers and comments: saved at once, refused whole, and decided inside their own transaction."""

from __future__ import annotations

import threading

import pytest

from scan.base.errors import InvalidAnswer, NotFound, ScanError
from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store

from .held_write import race


def test_answers_survive_a_new_store_on_the_same_file(store: Store) -> None:
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "8.1", 4)
    answer_store.save(store, rnd.id, "8.2", None, dont_know=True)
    answer_store.save_comment(store, rnd.id, "8.1", "Burgeragendering sinds 2023")
    found = answer_store.of(Store(store.path), rnd.id)
    assert found["8.1"].value == 4 and found["8.1"].comment == "Burgeragendering sinds 2023"
    assert found["8.2"].dont_know


def test_changing_the_answer_keeps_the_comment_and_the_comment_keeps_the_answer(store: Store) -> None:
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "3.1", 1)
    answer_store.save_comment(store, rnd.id, "3.1", "Loket in 2025 geopend")
    answer_store.save(store, rnd.id, "3.1", 2)
    saved = answer_store.save_comment(store, rnd.id, "3.1", "Loket in 2025 geopend, nu ook online")
    assert (saved.value, saved.comment) == (2, "Loket in 2025 geopend, nu ook online")
    assert answer_store.of(store, rnd.id)["3.1"] == saved


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
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "1.1", 2)
    before = store.db.execute("SELECT * FROM answers").fetchall()
    with pytest.raises(InvalidAnswer, match=message):
        answer_store.save(store, rnd.id, qid, value, dont_know=dont_know)
    assert store.db.execute("SELECT * FROM answers").fetchall() == before


def test_closed_round_refuses_answers_and_comments(store: Store) -> None:
    rnd = rounds.start(store, "GM0080", 2024)
    rounds.close(store, rnd.id)
    with pytest.raises(ScanError, match="gesloten"):
        answer_store.save(store, rnd.id, "1.1", 2)
    with pytest.raises(ScanError, match="gesloten"):
        answer_store.save_comment(store, rnd.id, "1.1", "te laat")
    assert store.counts()["answers"] == 0


def test_unknown_round_is_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        answer_store.save(store, 999, "1.1", 2)


def test_closing_while_an_answer_is_on_its_way_refuses_the_answer(store: Store) -> None:
    # the closed-round check runs inside the answer's own transaction: a round closed a moment
    # before the write (committed while the answer waited for the lock) refuses it
    rnd = rounds.start(store, "GM0080", 2026)
    outcome = race(
        store.path,
        [("UPDATE rounds SET status = 'closed' WHERE id = ?", [rnd.id])],
        lambda: answer_store.save(store, rnd.id, "1.1", 3),
    )
    assert isinstance(outcome, ScanError) and "gesloten" in str(outcome)
    assert answer_store.of(store, rnd.id) == {}


def test_a_comment_never_undoes_an_answer_given_meanwhile(store: Store) -> None:
    # the comment is written without reading the answer first: nothing to overwrite
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "1.1", 1)
    respondent = rounds.self_respondent(store.db, rnd.id)
    race(
        store.path,
        [("UPDATE answers SET value = 4 WHERE respondent_id = ? AND question_id = '1.1'", [respondent])],
        lambda: answer_store.save_comment(store, rnd.id, "1.1", "toelichting"),
    )
    saved = answer_store.of(store, rnd.id)["1.1"]
    assert (saved.value, saved.comment) == (4, "toelichting")


def test_concurrent_answers_are_all_kept(store: Store) -> None:
    found = [rounds.start(store, code, 2026) for code in ("GM0014", "GM0034", "GM0037", "GM0047")]
    questions = [q.id for q in question_bank().questions_for_role("griffie")]

    def answer_all(round_id: int) -> None:
        for i, qid in enumerate(questions):
            answer_store.save(store, round_id, qid, i % 5)

    threads = [threading.Thread(target=answer_all, args=(r.id,)) for r in found]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.counts()["answers"] == len(found) * len(questions)


def test_copy_forward_only_into_an_empty_open_round(store: Store) -> None:
    old = rounds.start(store, "GM0080", 2024)
    answer_store.save(store, old.id, "3.1", 3)
    answer_store.save_comment(store, old.id, "3.1", "loket sinds 2023")
    new = rounds.start(store, "GM0080", 2026)
    assert answer_store.copy_forward(store, old.id, new.id) == 1
    assert answer_store.of(store, new.id)["3.1"].comment == "loket sinds 2023"
    with pytest.raises(ScanError, match="al antwoorden"):
        answer_store.copy_forward(store, old.id, new.id)


def test_an_edit_on_a_stale_screen_is_refused_and_says_what_is_there_now(store: Store) -> None:
    # griffier A and B have the same round open; A changes 1.1 from 1 to 3, then B (still seeing 1) picks 4
    rnd = rounds.start(store, "GM0080", 2026)
    seen_by_b = answer_store.save(store, rnd.id, "1.1", 1)
    answer_store.save(store, rnd.id, "1.1", 3, expected=seen_by_b)  # A
    with pytest.raises(answer_store.StaleEdit, match="intussen veranderd in ‘3 · ") as refused:
        answer_store.save(store, rnd.id, "1.1", 4, expected=seen_by_b)  # B
    assert refused.value.current.value == 3
    assert answer_store.of(store, rnd.id)["1.1"].value == 3  # A's answer stands
    answer_store.save(store, rnd.id, "1.1", 4, expected=refused.value.current)  # B, now seeing 3: fine


def test_a_comment_on_a_stale_screen_never_overwrites_a_newer_one(store: Store) -> None:
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save_comment(store, rnd.id, "1.1", "versie A", expected="")
    with pytest.raises(answer_store.StaleEdit, match="versie A") as refused:
        answer_store.save_comment(store, rnd.id, "1.1", "versie B", expected="")
    assert "versie B" in str(refused.value)  # the refused text is in the message, so it is not lost
    assert answer_store.of(store, rnd.id)["1.1"].comment == "versie A"


def test_an_answer_keeps_the_version_of_the_question_it_was_given_to(store: Store) -> None:
    rnd = rounds.start(store, "GM0080", 2026)
    bank = question_bank()
    assert bank.question("8.3").version == 2  # the levels of 8.3 were rewritten (one ladder for 8.1-8.4)
    saved = answer_store.save(store, rnd.id, "8.3", 2)
    assert saved.version == 2 and answer_store.of(store, rnd.id)["8.3"].version == 2
    # an answer from before the change (version 1) keeps its own wording and meaning
    with store.write() as db:
        db.execute("UPDATE answers SET value = 1, question_version = 1 WHERE question_id = '8.3'")
    old = answer_store.of(store, rnd.id)["8.3"]
    asked = bank.question("8.3").at(old.version)
    assert asked.scale[1] != bank.question("8.3").scale[1]  # level 1 meant something else then
    assert bank.question("8.3").meaning_changed_since(old.version)

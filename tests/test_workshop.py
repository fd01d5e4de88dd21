"""Workshop rules: open/close/reveal, exact counts, three dots at most, facilitator secret required."""

from __future__ import annotations

import pytest

from scan import rounds, views, workshop
from scan.errors import ScanError
from scan.questionbank import question_bank
from scan.storage import Store
from scan.workshop import WorkshopError


@pytest.fixture
def live(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    ws, secret = workshop.create(store, rnd.id, workshop.short_set(question_bank()), "Raadsavond")
    return store, rnd, ws, secret


def test_short_set_is_one_basic_question_per_priority(store: Store) -> None:
    assert workshop.short_set(question_bank()) == ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1"]


def test_answers_only_while_open_and_changeable_until_closed(live) -> None:
    store, _, ws, secret = live
    _, token = workshop.join(store, ws.join_code.lower())
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.answer(store, ws.id, token, "1.1", 2)  # not opened yet
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    workshop.answer(store, ws.id, token, "1.1", 2)
    workshop.answer(store, ws.id, token, "1.1", 3)  # changed while open
    assert workshop.my_answer(store, ws.id, token, "1.1") == (3, False)
    workshop.set_status(store, ws.id, secret, "1.1", "closed")
    before = store.db.execute("SELECT * FROM workshop_answers").fetchall()
    with pytest.raises(WorkshopError, match="Deze vraag is gesloten"):
        workshop.answer(store, ws.id, token, "1.1", 4)
    assert store.db.execute("SELECT * FROM workshop_answers").fetchall() == before


def test_out_of_range_and_foreign_questions_are_refused(live) -> None:
    store, _, ws, secret = live
    _, token = workshop.join(store, ws.join_code)
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    with pytest.raises(ScanError, match="geen geldig antwoord"):
        workshop.answer(store, ws.id, token, "1.1", 9)
    with pytest.raises(WorkshopError, match="hoort niet bij deze workshop"):
        workshop.answer(store, ws.id, token, "1.2", 2)
    assert store.counts()["answers"] == 0


def test_reveal_shows_exact_counts_and_nothing_before(live) -> None:
    store, _, ws, secret = live
    workshop.set_status(store, ws.id, secret, "6.1", "open")
    for value in [0, 2, 2, 4, 4, 4, None]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "6.1", value, dont_know=value is None)
    workshop.join(store, ws.join_code)  # joined, did not answer
    hidden = workshop.tally(store, ws.id, "6.1")
    assert (hidden.participants, hidden.answered, hidden.counts) == (8, 7, None)
    workshop.set_status(store, ws.id, secret, "6.1", "closed")
    assert workshop.tally(store, ws.id, "6.1").counts is None
    workshop.set_status(store, ws.id, secret, "6.1", "revealed")
    assert workshop.tally(store, ws.id, "6.1").counts == {0: 1, 1: 0, 2: 2, 3: 0, 4: 3, "weet_niet": 1}


def test_dot_voting_caps_at_three(live) -> None:
    store, _, ws, secret = live
    _, a = workshop.join(store, ws.join_code)
    _, b = workshop.join(store, ws.join_code)
    with pytest.raises(WorkshopError, match="wacht tot de begeleider"):
        workshop.vote(store, ws.id, a, ["6a"])
    workshop.set_phase(store, ws.id, secret, "voting")
    with pytest.raises(WorkshopError, match="hoogstens 3"):
        workshop.vote(store, ws.id, a, ["1a", "2a", "3a", "4a"])
    workshop.vote(store, ws.id, a, ["6a", "8a", "3b"])
    workshop.vote(store, ws.id, a, ["6a", "8a"])  # changing replaces, never adds
    workshop.vote(store, ws.id, b, ["8a", "8a"])  # a double dot counts once
    assert workshop.vote_results(store, ws.id) == [("8a", 2), ("6a", 1)]
    assert store.db.execute("SELECT COUNT(*) FROM workshop_votes").fetchone()[0] == 3


@pytest.mark.parametrize("secret", ["", "fout", None])
def test_facilitator_actions_need_the_secret(live, secret) -> None:
    store, _, ws, _ = live
    _, participant_token = workshop.join(store, ws.join_code)
    for bad in (secret, participant_token, ws.join_code):
        with pytest.raises(WorkshopError, match="Alleen de begeleider"):
            workshop.set_status(store, ws.id, bad, "1.1", "revealed")
        with pytest.raises(WorkshopError, match="Alleen de begeleider"):
            workshop.set_phase(store, ws.id, bad, "ended")
    assert workshop.statuses(store, ws.id)["1.1"] == "hidden"


def test_wrong_join_code_is_refused(store: Store) -> None:
    with pytest.raises(WorkshopError, match="kennen we niet"):
        workshop.join(store, "ZZZZZZZZZZ")


def test_workshop_answers_join_the_round_once_as_their_own_group(live) -> None:
    store, rnd, ws, secret = live
    workshop.set_status(store, ws.id, secret, "2.1", "open")
    for value in [1, 2, 3, 4, 4]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "2.1", value)
    before = rounds.by_id(store, rnd.id).version
    assert workshop.add_to_round(store, ws.id, secret) == 5
    # the round's version moves on, so cached result pages show the workshop's answers
    assert rounds.by_id(store, rnd.id).version != before
    with pytest.raises(WorkshopError, match="al toegevoegd"):
        workshop.add_to_round(store, ws.id, secret)
    results = views.roles(store, views.self_scan(store, rounds.by_id(store, rnd.id))).results
    assert results["workshop"].respondents == 5
    assert results["workshop"].means[2] == pytest.approx((25 + 50 + 75 + 100 + 100) / 5)


def test_vote_ranking_needs_five_voters(live) -> None:
    store, _, ws, secret = live
    workshop.set_phase(store, ws.id, secret, "voting")
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(5)]
    for token in tokens[:4]:
        workshop.vote(store, ws.id, token, ["6a"])
    assert workshop.voters(store, ws.id) == 4
    assert workshop.published_vote_results(store, ws.id) is None
    workshop.vote(store, ws.id, tokens[4], ["8a"])
    assert workshop.published_vote_results(store, ws.id) == [("6a", 4), ("8a", 1)]

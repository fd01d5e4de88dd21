"""Role results: nothing below five counted per figure, nothing hidden derivable by subtracting or by
comparing views over time, and conversation starters that compare like with like."""

from __future__ import annotations

import pytest

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import respondents, rounds
from scan.rules.voices import DIVERGENCE_POINTS
from scan.storage.core import Store
from scan.views import self_scan as scan_views

BANK = question_bank()


@pytest.fixture
def rnd(store: Store):
    found = rounds.start(store, "GM0355", 2026)
    for q in BANK.questions_for_role("griffie"):
        answer_store.save(store, found.id, q.id, 1)  # the self-scan is modest: 25 on every priority
    return found


def _respond(store: Store, round_id: int, role: str, values: list, *, finish: bool = True) -> None:
    """One respondent per value; a value per question, or a dict question -> value ("x" = weet niet)."""
    _, code = respondents.create_invite(store, round_id, role)
    for value in values:
        _, token = respondents.join(store, code)
        for q in BANK.questions_for_role(role):
            v = value.get(q.id, 3) if isinstance(value, dict) else value
            respondents.answer(store, code, token, q.id, None if v == "x" else v, dont_know=v == "x")
        if finish:
            respondents.finish(store, code, token)


def _roles(store: Store, rnd) -> scan_views.Roles:
    return scan_views.roles(store, scan_views.self_scan(store, rounds.by_id(store, rnd.id)))


def test_a_role_figure_needs_five_people_on_that_very_figure(store: Store, rnd) -> None:
    # five council members, four of whom say "weet niet" on priority 1: one person's score there
    own_1 = [q.id for q in BANK.questions_for(1, "raad")]
    dont_know_1 = {qid: "x" for qid in own_1}
    _respond(store, rnd.id, "raad", [5, dont_know_1, dont_know_1, dont_know_1, dont_know_1])
    raad = _roles(store, rnd).results["raad"]
    assert raad.respondents == 5
    assert not raad.figures[1].shown and raad.figures[1].n == 1
    assert raad.figures[1].message == "te weinig antwoorden (n = 1)"
    assert raad.figures[2].shown and raad.figures[2].n == 5  # the other priorities rest on all five


def test_only_sent_answers_count(store: Store, rnd) -> None:
    _respond(store, rnd.id, "inwoners", [5, 5, 5, 5], finish=True)
    _respond(store, rnd.id, "inwoners", [1], finish=False)  # still filling in: not counted yet
    inwoners = _roles(store, rnd).results["inwoners"]
    assert inwoners.respondents == 4 and not inwoners.enough


def test_a_hidden_group_cannot_be_worked_out_from_the_shown_ones(store: Store, rnd) -> None:
    # inwoners n = 1 (hidden), raad n = 5 (shown): "all together" must not include the resident,
    # or 6 x together - 5 x raad would give the resident's answer
    _respond(store, rnd.id, "raad", [2, 2, 2, 2, 2])
    _respond(store, rnd.id, "inwoners", [5])
    found = _roles(store, rnd)
    raad, inwoners = found.results["raad"], found.results["inwoners"]
    assert not inwoners.figures[1].shown
    for p in BANK.core_priorities:
        everyone = found.together[p.id]
        assert everyone.n == raad.figures[p.id].n == 5
        assert everyone.mean == pytest.approx(raad.figures[p.id].mean)
    # and no conversation starter mentions the hidden group
    assert all("inwoners" not in (d.high_role, d.low_role) for d in found.divergences)


def test_a_sixth_respondent_cannot_be_read_off_by_comparing_two_views(store: Store, rnd) -> None:
    _respond(store, rnd.id, "inwoners", [2, 3, 4, 2, 3])
    first = _roles(store, rnd).results["inwoners"]
    _respond(store, rnd.id, "inwoners", [5])  # the sixth resident sends their answers
    second = _roles(store, rnd).results["inwoners"]
    assert second.respondents == 6
    assert second.figures == first.figures  # the same view: nothing to subtract
    _respond(store, rnd.id, "inwoners", [1, 1, 1, 1])
    third = _roles(store, rnd).results["inwoners"]
    assert third.figures[1].n == 10  # five newcomers at once: only their sum changes the figure


def test_conversation_starters_compare_like_with_like(store: Store, rnd) -> None:
    # raad and inwoners are compared on their shared statements; with the self-scan on different
    # questions, which the sentence says
    shared = {q.id for p in BANK.core_priorities for q in BANK.shared_statements(p.id)}
    raad_answers = {
        qid: (5 if qid in shared else 1) for qid in [q.id for q in BANK.questions_for_role("raad")]
    }
    _respond(store, rnd.id, "raad", [raad_answers] * 5)
    _respond(store, rnd.id, "inwoners", [1] * 5)
    found = _roles(store, rnd)
    pair = [d for d in found.divergences if {d.high_role, d.low_role} == {"raad", "inwoners"}]
    assert pair and all(d.gap == 100 for d in pair)  # shared statements: 5 against 1
    assert all(set(d.questions) <= shared for d in pair)
    sentence = pair[0].sentence(BANK)
    assert "vergeleken op vraag" in sentence
    with_self = [d for d in found.divergences if "zelfscan" in (d.high_role, d.low_role)]
    assert with_self and "andere vragen" in with_self[0].sentence(BANK)


def test_a_starter_from_exactly_25_points_apart(store: Store, rnd) -> None:
    assert DIVERGENCE_POINTS == 25
    # factual roles answer the self-scan's questions: college at level 2 (50) against the self-scan's 25
    _respond(store, rnd.id, "college", [2] * 5)
    gaps = {(d.priority_id, d.gap) for d in _roles(store, rnd).divergences}
    assert (1, 25.0) in gaps


def test_a_workshop_is_compared_only_on_the_questions_it_asked(store: Store, rnd) -> None:
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Avond")
    for _ in range(5):
        _, token = workshop.join(store, ws.join_code)
        workshop.set_status(store, ws.id, pin, "6.1", "open")
        workshop.answer(store, ws.id, token, "6.1", 4)
    workshop.add_to_round(store, ws.id, pin)
    found = _roles(store, rnd)
    group = found.results["workshop"]
    assert group.figures[6].shown and group.figures[6].questions == ("6.1",)
    assert not group.figures[1].asked  # priority 1 was not asked in the workshop
    starter = next(d for d in found.divergences if "workshop" in (d.high_role, d.low_role))
    assert starter.questions == ("6.1",)  # the self-scan's 6.1 (level 1 = 25), not its whole priority 6
    assert (starter.high, starter.low) == (100, 25)
    assert "vergeleken op vraag 6.1" in starter.sentence(BANK)

"""Scoring rules: hand-computed patterns and properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scan.base.errors import InvalidAnswer
from scan.content.questionbank import question_bank
from scan.rules.scoring import Answer, check_answer, points, score_scan

BANK = question_bank()
SELF_QUESTIONS = BANK.questions_for_role("griffie")
CORE_SELF = list(BANK.benchmark_questions)


def test_all_zero_scores_zero() -> None:
    score = score_scan(BANK, {q.id: Answer(q.id, 0) for q in SELF_QUESTIONS})
    assert score.overall == 0
    assert all(p.score == 0 and p.scored == p.answered == p.total for p in score.priorities)


def test_all_four_scores_hundred() -> None:
    score = score_scan(BANK, {q.id: Answer(q.id, 4) for q in SELF_QUESTIONS})
    assert score.overall == 100
    assert score.culture.score == 100


def test_mixed_with_dont_know_matches_hand_computation() -> None:
    # Priority 1 (1.1-1.4): 3, 1, weet niet, open -> (75 + 25) / 2 = 50; coverage 2 of 4.
    # Priority 6 (6.1-6.4): 4, 4, 2, weet niet -> (100 + 100 + 50) / 3 = 83.33...
    # Other priorities unanswered -> no score; total = (50 + 83.33) / 2 = 66.67.
    answers = {
        "1.1": Answer("1.1", 3),
        "1.2": Answer("1.2", 1),
        "1.3": Answer("1.3", None, dont_know=True),
        "6.1": Answer("6.1", 4),
        "6.2": Answer("6.2", 4),
        "6.3": Answer("6.3", 2),
        "6.4": Answer("6.4", None, dont_know=True),
    }
    score = score_scan(BANK, answers)
    p1, p6 = score.by_id(1), score.by_id(6)
    # one meaning everywhere: answered = a value or weet niet; scored = with a value; open = the rest
    assert p1.score == 50 and (p1.scored, p1.answered, p1.dont_know, p1.open, p1.total) == (2, 3, 1, 1, 4)
    assert p6.score == pytest.approx(250 / 3) and p6.dont_know == 1
    core = score.core_counts
    assert (core.answered, core.dont_know) == (7, 2)
    assert core.answered + core.open == core.total == sum(p.total for p in score.priorities)
    assert score.all_counts.total == core.total + score.culture.total
    assert score.by_id(2).score is None
    assert score.overall == pytest.approx((50 + 250 / 3) / 2)
    assert [p.priority_id for p in score.ranked()] == [6, 1]


def test_agreement_scale_maps_one_to_zero_and_five_to_hundred() -> None:
    q = BANK.question("1.5")
    assert [points(q, v) for v in (1, 2, 3, 4, 5)] == [0, 25, 50, 75, 100]


@pytest.mark.parametrize("bad", [5, -1, 2.5, "3", True, None])
def test_out_of_range_values_are_refused(bad) -> None:
    q = BANK.question("2.1")
    if bad is None:
        check_answer(q, "2.1", bad, False)  # no value and no "weet niet" = only a comment: allowed
        return
    with pytest.raises(InvalidAnswer, match="geen geldig antwoord"):
        check_answer(q, "2.1", bad, False)


def test_unknown_question_is_refused() -> None:
    with pytest.raises(InvalidAnswer, match="bestaat niet"):
        check_answer(None, "9.9", 2, False)


answer_value = st.one_of(st.integers(0, 4), st.just("x"), st.none())
answer_sets = st.fixed_dictionaries({q.id: answer_value for q in CORE_SELF})


def _answers(raw: dict) -> dict[str, Answer]:
    return {
        qid: Answer(qid, None, dont_know=True) if v == "x" else Answer(qid, v)
        for qid, v in raw.items()
        if v is not None
    }


@settings(max_examples=200, deadline=None)
@given(answer_sets)
def test_scores_stay_within_0_and_100(raw) -> None:
    score = score_scan(BANK, _answers(raw))
    for p in score.priorities:
        assert p.score is None or 0 <= p.score <= 100
        assert p.answered + p.open == p.total and p.scored + p.dont_know == p.answered
    assert score.overall is None or 0 <= score.overall <= 100


@settings(max_examples=300, deadline=None)
@given(answer_sets, st.sampled_from([q.id for q in CORE_SELF]), st.integers(0, 4), st.integers(1, 4))
def test_a_higher_answer_never_lowers_a_score(raw, qid, low, step) -> None:
    # every example compares two different scans: the question at a lower and at a higher level
    high = min(4, low + step)
    if high == low:
        low -= 1
    before = score_scan(BANK, _answers(dict(raw, **{qid: low})))
    after = score_scan(BANK, _answers(dict(raw, **{qid: high})))
    pid = int(qid[0])
    assert after.by_id(pid).score > before.by_id(pid).score  # strictly: the question counts
    assert after.overall > before.overall


@settings(max_examples=200, deadline=None)
@given(answer_sets, st.sampled_from([q.id for q in CORE_SELF]))
def test_dont_know_never_counts_as_zero(raw, qid) -> None:
    with_dont_know = score_scan(BANK, _answers(dict(raw, **{qid: "x"})))
    left_open = score_scan(BANK, _answers(dict(raw, **{qid: None})))
    pid = int(qid[0])
    assert with_dont_know.by_id(pid).score == left_open.by_id(pid).score
    assert with_dont_know.overall == left_open.overall
    as_zero = score_scan(BANK, _answers(dict(raw, **{qid: 0})))
    if left_open.by_id(pid).score not in (None, 0):
        assert as_zero.by_id(pid).score < with_dont_know.by_id(pid).score


@settings(max_examples=100, deadline=None)
@given(answer_sets, st.sampled_from([q.id for q in CORE_SELF]))
def test_adding_a_top_answer_never_lowers_a_score(raw, qid) -> None:
    before = score_scan(BANK, _answers(dict(raw, **{qid: None})))
    after = score_scan(BANK, _answers(dict(raw, **{qid: 4})))
    pid = int(qid[0])
    assert after.by_id(pid).score >= (before.by_id(pid).score or 0)


@settings(max_examples=150, deadline=None)
@given(st.lists(answer_sets, min_size=1, max_size=6))
def test_the_vectorised_peer_scores_equal_the_reference_rule(scans) -> None:
    # benchmark.build_peer_data scores whole groups at once; it must give exactly what score_scan gives
    import pandas as pd

    from scan.rules.benchmark import build_peer_data

    rows = [
        (f"GM{n:04d}", qid, v)
        for n, raw in enumerate(scans)
        for qid, v in raw.items()
        if isinstance(v, int)  # shared answers leave "weet niet" out
    ]
    shared = pd.DataFrame(rows, columns=["gm_code", "question_id", "value"])
    empty = pd.DataFrame(columns=["gm_code", "item", "value"])
    data = build_peer_data(BANK, 2026, shared, empty)
    for n, raw in enumerate(scans):
        reference = score_scan(BANK, _answers(raw))
        code = f"GM{n:04d}"
        for ps in reference.priorities:
            got = (
                data.priority_scores.loc[code, ps.priority_id] if code in data.priority_scores.index else None
            )
            if ps.score is None:
                assert got is None or pd.isna(got)
            else:
                assert got == pytest.approx(ps.score)


def test_bestuurscultuur_stays_out_of_the_total() -> None:
    answers = {q.id: Answer(q.id, 0) for q in CORE_SELF}
    answers |= {q.id: Answer(q.id, 4) for q in BANK.questions_for(9, "griffie")}
    score = score_scan(BANK, answers)
    assert score.culture.score == 100 and score.overall == 0


@pytest.mark.parametrize(
    ("unscored", "said"),
    [(1, "1 onderdeel heeft nog geen score."), (2, "2 onderdelen hebben nog geen score.")],
)
def test_the_summary_counts_unscored_priorities_in_the_right_number(unscored: int, said: str) -> None:
    """ "1 onderdelen hebben nog geen score" stood under the summary."""
    from scan.rules.summary import strongest_and_weakest

    left_open = {p.id for p in BANK.priorities[:unscored]}
    answers = {
        q.id: Answer(q.id, int(q.id.split(".")[0]) % 5)
        for q in SELF_QUESTIONS
        if int(q.id.split(".")[0]) not in left_open
    }
    assert strongest_and_weakest(BANK, score_scan(BANK, answers)).endswith(f" {said}")

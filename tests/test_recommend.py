"""Recommendation rules: basics first where weak, spicier first where the basics stand, honest peer counts."""

from __future__ import annotations

import pytest

from scan.content.questionbank import question_bank
from scan.content.reference import PeerGroup
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules.recommend import by_priority, suggest, top
from scan.rules.scoring import Answer, score_scan
from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views.peers import peer_data as load_peer_data

BANK = question_bank()


def _answers(values: dict[str, int]) -> dict[str, Answer]:
    return {qid: Answer(qid, v) for qid, v in values.items()}


def _suggest(answers, statuses=None, adoption=None):
    return suggest(BANK, answers, score_scan(BANK, answers), statuses, adoption)


def test_weak_on_priority_6_gets_6a_first() -> None:
    answers = _answers({"6.1": 0, "6.2": 1, "6.3": 0, "6.4": 0})
    per_priority = by_priority(_suggest(answers))
    first = per_priority[6][0]
    assert first.proposal.id == "6a"
    assert "basisstap" in first.reason and "Vraag 6.1 staat op niveau 0 (niet aan de orde)" in first.reason


def test_basics_in_place_on_priority_8_puts_the_spicier_ones_first_by_their_gap() -> None:
    answers = _answers({"8.1": 3, "8.2": 1, "8.3": 0, "8.4": 0})
    order = [s.proposal.id for s in by_priority(_suggest(answers))[8]]
    assert order == ["8c", "8d", "8b", "8a"]  # the larger gap first, the basic step last
    assert "De basis staat al" in by_priority(_suggest(answers))[8][0].reason


def test_the_ranking_rests_on_the_answers_not_on_letters_or_grades() -> None:
    # the same priority with the answers turned round: the order turns round with them
    answers = _answers({"8.1": 3, "8.2": 0, "8.3": 2, "8.4": 1})
    assert [s.proposal.id for s in by_priority(_suggest(answers))[8]] == ["8b", "8d", "8c", "8a"]
    # no grade beyond basisstap / pittiger: nothing says "2 pepertjes" or "3 pepertjes"
    reasons = " ".join(s.reason for s in _suggest(answers))
    assert "pepertjes" not in reasons and "pittiger" in reasons


def test_top_five_spreads_over_the_priorities() -> None:
    # the basics stand everywhere, the rest is weak; priorities 1 and 5 have the most urgent
    # proposals, several each: by urgency alone the top five would be 1b, 1c, 5b, 5c, 5d
    basic = {q for p in BANK.proposals if p.basic for q in p.questions}
    answers = _answers({q.id: 3 if q.id in basic else 1 for q in BANK.questions_for_role("griffie")})
    answers |= _answers({"1.2": 0, "1.3": 0})
    found = _suggest(answers)
    assert [s.proposal.id for s in found[:5]] == ["1b", "1c", "5b", "5c", "5d"]
    picks = top(found)
    assert len(picks) == 5 and len({p.suggestion.proposal.priority for p in picks}) == 5
    assert all(not p.why for p in picks)


def test_top_five_takes_a_second_of_a_much_weaker_priority_and_says_why() -> None:
    answers = _answers({q.id: 4 for q in BANK.questions_for_role("griffie")})
    answers |= _answers({q: 0 for q in ("1.1", "1.2", "1.3", "1.4")})  # priority 1 at 0
    answers |= _answers({"2.1": 2, "3.1": 2, "4.1": 2, "5.1": 2})  # others with a gap, far stronger
    picks = top(_suggest(answers))
    ids = [p.suggestion.proposal.priority for p in picks]
    assert ids.count(1) == 2, ids  # a second, never a third while others have a proposal
    second = next(p for p in picks[1:] if p.suggestion.proposal.priority == 1)
    assert "punten lager" in second.why and "Herstel van vertrouwen" not in second.why


def test_top_five_fills_up_from_one_priority_when_no_other_has_a_proposal() -> None:
    answers = _answers({q.id: 4 for q in BANK.questions_for_role("griffie")} | {"6.1": 0, "6.2": 0, "6.3": 0})
    picks = top(_suggest(answers))
    assert {p.suggestion.proposal.priority for p in picks} == {6} and len(picks) >= 2
    assert "geen voorstel meer" in picks[1].why


def test_a_confirmed_promise_is_named_beside_the_answers_and_raises_the_proposal() -> None:
    from scan.rules.akkoord import Passage
    from scan.rules.akkoord.coverage import Promise

    passage = Passage(
        12, None, "We organiseren een burgerberaad.", 1.0, ("burgerberaad",), ((17, 29),), False
    )
    answers = _answers({"2.3": 0, "2.1": 3})
    plain = {s.proposal.id: s for s in _suggest(answers)}
    promised = {
        s.proposal.id: s
        for s in suggest(
            BANK, answers, score_scan(BANK, answers), promised={"2c": Promise("2c", "staat_erin", passage)}
        )
    }
    assert promised["2c"].weight > plain["2c"].weight
    assert (
        promised["2c"].practice
        == "Het akkoord belooft dit (pagina 12); vraag 2.3 staat op niveau 0 (niet aan de orde)."
    )
    assert promised["2c"].practice in promised["2c"].reason and plain["2c"].practice == ""
    # the level of 2.3 is said once, in the promise's sentence
    assert promised["2c"].reason.count("vraag 2.3") + promised["2c"].reason.count("Vraag 2.3") == 1
    assert plain["2c"].reason.count("Vraag 2.3 staat op niveau 0") == 1


def test_fully_in_place_proposal_is_not_suggested() -> None:
    answers = _answers({"8.1": 4, "8.2": 1})
    assert "8a" not in [s.proposal.id for s in _suggest(answers)]


@pytest.mark.parametrize("status", ["al_gedaan", "niet_voor_ons"])
def test_marked_proposal_is_not_suggested_again(status: str) -> None:
    answers = _answers({"6.1": 0})
    assert "6a" in [s.proposal.id for s in _suggest(answers)]
    assert "6a" not in [s.proposal.id for s in _suggest(answers, {"6a": status})]
    assert "6a" in [s.proposal.id for s in _suggest(answers, {"6a": "kiezen"})]


def test_weaker_priorities_come_first_overall() -> None:
    answers = _answers(
        {q.id: 3 for q in BANK.questions_for_role("griffie")} | {"2.1": 0, "2.2": 0, "2.3": 0, "2.4": 0}
    )
    assert _suggest(answers)[0].proposal.id == "2a"


def test_peer_count_in_reason_matches_benchmark_data(store: Store) -> None:
    peers = ["GM0014", "GM0034", "GM0037", "GM0047", "GM0080", "GM0085", "GM0086"]
    for code, level in zip(peers, [4, 3, 3, 2, 1, 0, 3], strict=True):
        rnd = rounds.start(store, code, 2026)
        answer_store.save(store, rnd.id, "6.1", level)
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)
    group = PeerGroup("test", "de testgroep", frozenset(peers))
    adoption = peer_views.adoption(store, load_peer_data(store, 2026), group, "GM0355")
    assert (adoption["6a"].in_place, adoption["6a"].n) == (4, 7)
    first = by_priority(_suggest(_answers({"6.1": 0}), adoption=adoption))[6][0]
    assert "4 van de 7 gemeenten in de testgroep met gegevens hebben dit al" in first.reason
    # too few peers with data: no count, the minimum-n message instead
    assert adoption["6b"].n == 0
    assert "te weinig vergelijkingsmateriaal (n = 0)" in adoption["6b"].text


def test_a_proposals_gap_is_the_mean_distance_of_its_questions() -> None:
    # 1a is measured by 1.1 and 1.4: one at the top level, one at the bottom -> half way, not the worst
    answers = _answers({"1.1": 4, "1.4": 0})
    gap = next(s.gap for s in _suggest(answers) if s.proposal.id == "1a")
    assert gap == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("label", "words"),
    [
        (
            "Gemeenten met 20.000 tot 50.000 inwoners (circa)",
            "43 van de 60 gemeenten van 20.000 tot 50.000 inwoners (circa) met gegevens",
        ),
        ("Alle gemeenten", "43 van de 60 gemeenten met gegevens"),
        ("Provincie Utrecht", "43 van de 60 gemeenten in de provincie Utrecht met gegevens"),
        (
            "M50: middelgrote gemeenten",
            "43 van de 60 gemeenten in de M50 (middelgrote gemeenten) met gegevens",
        ),
    ],
)
def test_the_peer_count_names_the_group_in_plain_dutch(label: str, words: str) -> None:
    from scan.rules.recommend import PeerAdoption

    text = PeerAdoption(43, 60, label).text
    assert text.startswith(words) and "in Gemeenten" not in text and "in Alle" not in text


def test_one_peer_that_has_it_takes_a_singular_verb() -> None:
    from scan.rules.recommend import PeerAdoption

    one = PeerAdoption(in_place=1, n=7, group_label="de testgroep")
    assert one.text == "1 van de 7 gemeenten in de testgroep met gegevens heeft dit al (niveau 3 of hoger)."

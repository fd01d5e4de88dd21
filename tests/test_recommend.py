"""Recommendation rules: basics first where weak, spicier first where the basics stand, honest peer counts."""

from __future__ import annotations

import pytest

from scan import answers as answer_store
from scan import rounds, views
from scan.questionbank import question_bank
from scan.recommend import by_priority, suggest
from scan.reference import PeerGroup
from scan.scoring import Answer, score_scan
from scan.storage import Store
from scan.views import peer_data as load_peer_data

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


def test_basics_in_place_on_priority_8_puts_8b_to_8d_before_8a() -> None:
    answers = _answers({"8.1": 3, "8.2": 1, "8.3": 0, "8.4": 0})
    order = [s.proposal.id for s in by_priority(_suggest(answers))[8]]
    assert order == ["8b", "8c", "8d", "8a"]
    assert "De basis staat al" in by_priority(_suggest(answers))[8][0].reason


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
    adoption = views.adoption(store, load_peer_data(store, 2026), group, "GM0355")
    assert (adoption["6a"].in_place, adoption["6a"].n) == (4, 7)
    first = by_priority(_suggest(_answers({"6.1": 0}), adoption=adoption))[6][0]
    assert "4 van de 7 gemeenten in de testgroep met gegevens hebben dit al" in first.reason
    # too few peers with data: no count, the minimum-n message instead
    assert adoption["6b"].n == 0
    assert "te weinig vergelijkingsmateriaal (n = 0)" in adoption["6b"].text

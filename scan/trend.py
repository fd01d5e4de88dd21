"""Trend over rounds of one municipality: change per priority and per question (self-scan)."""

from __future__ import annotations

from dataclasses import dataclass

from scan.questionbank import QuestionBank
from scan.scoring import ScanScore, score_scan
from scan.storage import SELF_ROLE, Store


@dataclass(frozen=True)
class RoundScore:
    year: int
    is_demo: bool
    score: ScanScore


@dataclass(frozen=True)
class Change:
    question_id: str
    before: int | None
    after: int | None


def arrow(delta: float | None) -> str:
    if delta is None:
        return "–"
    if delta > 0.5:
        return "▲"
    if delta < -0.5:
        return "▼"
    return "="


def round_scores(store: Store, gm_code: str) -> list[RoundScore]:
    """Every round of the municipality, oldest first."""
    rounds = sorted(store.rounds_for(gm_code), key=lambda r: r.year)
    return [
        RoundScore(r.year, r.is_demo, score_scan(store.bank, store.answers(r.id), SELF_ROLE)) for r in rounds
    ]


def deltas(before: ScanScore, after: ScanScore) -> dict[int, float | None]:
    """Change per priority (points, 0-100 scale); None where either round has no score."""
    result = {}
    for b in before.priorities:
        a = after.by_id(b.priority_id)
        result[b.priority_id] = a.score - b.score if a.score is not None and b.score is not None else None
    return result


def question_changes(bank: QuestionBank, store: Store, round_before: int, round_after: int) -> list[Change]:
    """Questions whose self-scan answer changed between two rounds."""
    before, after = store.answers(round_before), store.answers(round_after)
    changes = []
    for q in bank.questions_for_role(SELF_ROLE):
        b = before.get(q.id)
        a = after.get(q.id)
        bv, av = (b.value if b else None), (a.value if a else None)
        if bv != av:
            changes.append(Change(q.id, bv, av))
    return changes

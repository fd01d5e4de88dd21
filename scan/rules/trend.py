"""Trend over rounds of one municipality: change per priority and per question (self-scan). Pure
rules: scan/views.py reads the rounds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scan.base.formatting import nl_number, nl_signed, shown_difference
from scan.content.models import SELF_ROLE
from scan.content.questionbank import QuestionBank
from scan.rules.scoring import Answer, ScanScore


@dataclass(frozen=True)
class Change:
    question_id: str
    before: int | None
    after: int | None
    before_version: int | None = None  # the question's version each answer was given to
    after_version: int | None = None
    reworded: str = ""  # what changed in the question between the two rounds ("" if nothing)
    meaning_changed: bool = False  # an answer may mean something else now: compare with care

    @property
    def answer_changed(self) -> bool:
        return self.before != self.after


def difference(before: float | None, after: float | None) -> float | None:
    """after − before as the reader computes it from the two numbers shown (scan/base/formatting.py:
    one rounding rule); None where either has no value."""
    return shown_difference(after, before)


def last_change(values: Sequence[float | None]) -> float | None:
    """The change between the last two values of a series; None with fewer than two or a gap."""
    return difference(values[-2], values[-1]) if len(values) > 1 else None


def deltas(before: ScanScore, after: ScanScore) -> dict[int, float | None]:
    """Change per priority (points, 0-100 scale); None where either round has no score."""
    return {b.priority_id: difference(b.score, after.by_id(b.priority_id).score) for b in before.priorities}


def question_changes(
    bank: QuestionBank, before: Mapping[str, Answer], after: Mapping[str, Answer]
) -> list[Change]:
    """Questions whose self-scan answer changed between two rounds, or whose wording or levels changed
    in between (the versions the answers were given to differ): then the trend says so."""
    changes = []
    for q in bank.questions_for_role(SELF_ROLE):
        b, a = before.get(q.id), after.get(q.id)
        bv, av = (b.value if b else None), (a.value if a else None)
        b_version = (b.version or q.version) if b else None
        a_version = (a.version or q.version) if a else q.version
        between = [h for h in q.history if b_version is not None and b_version <= h.version < a_version]
        if bv != av or between:
            changes.append(
                Change(
                    q.id,
                    bv,
                    av,
                    b_version,
                    a_version,
                    " ".join(h.change for h in between),
                    any(h.meaning_changed for h in between),
                )
            )
    return changes


def trend_rows(bank: QuestionBank, history: list[tuple[int, ScanScore]]) -> list[dict[str, str]]:
    """Per priority: the score in each round (year, score; oldest first) and the change since the
    previous round; then the total score."""
    change = deltas(history[-2][1], history[-1][1])
    rows = []
    for p in bank.core_priorities:
        row = {"Prioriteit": f"{p.id}. {p.name}"}
        for year, score in history:
            row[str(year)] = nl_number(score.by_id(p.id).score)
        row["Verschil"] = nl_signed(change[p.id])  # "+12", "−29": whole numbers, like the scores
        rows.append(row)
    total = {"Prioriteit": "Totaalscore"}  # the row the report's trend table ends with
    for year, score in history:
        total[str(year)] = nl_number(score.overall)
    total["Verschil"] = nl_signed(shown_difference(history[-1][1].overall, history[-2][1].overall))
    rows.append(total)
    return rows

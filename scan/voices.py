"""Many voices: results per respondent role, combined, and where the roles disagree.

Each respondent's priority scores follow the normal scoring rules for the questions of
their role (maturity for griffie, college and ambtelijk; agreement 1-5 for raad, inwoners
and partners), so all roles land on the same 0-100 scale. A role's figure is the average
over its respondents and is withheld below five respondents, with the count shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scan.benchmark import MIN_N, Stat, describe
from scan.formatting import nl_number
from scan.models import GROUP_LABELS, WORKSHOP_ROLE
from scan.questionbank import QuestionBank
from scan.scoring import Answer, score_scan

DIVERGENCE_POINTS = 25  # a gap this large between two roles is worth a conversation


@dataclass(frozen=True)
class RoleResult:
    role: str
    respondents: int
    priorities: dict[int, Stat]  # mean-free: describe() gives n, median, quartiles; we add the mean
    means: dict[int, float | None]

    @property
    def enough(self) -> bool:
        return self.respondents >= MIN_N

    @property
    def message(self) -> str:
        return f"te weinig respondenten (n = {self.respondents})"


def role_results(
    bank: QuestionBank, respondents: Mapping[int, tuple[str, Mapping[str, Answer]]]
) -> dict[str, RoleResult]:
    """Per role (and "samen" for all invited respondents): respondent count and per-priority figures."""
    per_role: dict[str, list[dict[int, float | None]]] = {}
    for role, answers in respondents.values():
        # workshop participants may answer any question: score what they answered
        score = score_scan(bank, answers, None if role == WORKSHOP_ROLE else role)
        scores = {p.priority_id: p.score for p in score.priorities}
        per_role.setdefault(role, []).append(scores)
        per_role.setdefault("samen", []).append(scores)
    result = {}
    for role, rows in per_role.items():
        n = len(rows)
        stats, means = {}, {}
        for p in bank.core_priorities:
            values = [r[p.id] for r in rows if r[p.id] is not None]
            if n >= MIN_N and values:
                stats[p.id] = describe(values, None)
                means[p.id] = sum(values) / len(values)
            else:
                stats[p.id] = Stat(len(values))
                means[p.id] = None
        result[role] = RoleResult(role, n, stats, means)
    return result


@dataclass(frozen=True)
class Divergence:
    priority_id: int
    high_role: str
    high: float
    low_role: str
    low: float

    @property
    def gap(self) -> float:
        return self.high - self.low

    def sentence(self, bank: QuestionBank) -> str:
        name = bank.priority(self.priority_id).name
        return (
            f"{name}: {label(self.high_role)} geeft {nl_number(self.high)}, {label(self.low_role)} "
            f"{nl_number(self.low)} — {nl_number(self.gap)} punten verschil. Hoe kijken zij er zo verschillend naar?"
        )


def label(role: str) -> str:
    return {"zelfscan": "de zelfscan"}.get(role, GROUP_LABELS.get(role, role).lower())


def divergences(
    bank: QuestionBank,
    results: Mapping[str, RoleResult],
    self_scores: Mapping[int, float | None] | None = None,
) -> list[Divergence]:
    """Priorities where roles (with enough respondents) and the self-scan differ by 25+ points."""
    found = []
    for p in bank.core_priorities:
        points = {
            r.role: r.means[p.id]
            for r in results.values()
            if r.role != "samen" and r.enough and r.means[p.id] is not None
        }
        if self_scores and self_scores.get(p.id) is not None:
            points["zelfscan"] = self_scores[p.id]
        if len(points) < 2:
            continue
        high_role = max(points, key=points.get)
        low_role = min(points, key=points.get)
        if points[high_role] - points[low_role] >= DIVERGENCE_POINTS:
            found.append(Divergence(p.id, high_role, points[high_role], low_role, points[low_role]))
    return sorted(found, key=lambda d: -d.gap)


def role_rows(
    bank: QuestionBank, results: Mapping[str, RoleResult], self_scores: Mapping[int, float | None]
) -> list[dict[str, str]]:
    """Per priority: the self-scan and each role's mean (or why it is withheld), for a table."""
    rows = []
    for p in bank.core_priorities:
        row = {"Prioriteit": f"{p.id}. {p.name}", "Zelfscan": nl_number(self_scores[p.id])}
        for role in [*GROUP_LABELS, "samen"]:
            if role not in results:
                continue
            r = results[role]
            column = f"{GROUP_LABELS.get(role, 'Alle respondenten samen')} (n = {r.respondents})"
            row[column] = nl_number(r.means[p.id]) if r.enough and r.means[p.id] is not None else r.message
        rows.append(row)
    return rows

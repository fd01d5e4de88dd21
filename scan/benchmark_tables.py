"""The comparison page's tables, as Markdown: per priority, where the municipality is behind,
the level spread per question, and the real election context. Computed once per data version."""

from __future__ import annotations

from dataclasses import dataclass

from scan.benchmark import Comparison, ElectionContext
from scan.formatting import nl_number, nl_percent
from scan.questionbank import QuestionBank
from scan.scoring import ScanScore
from scan.tables import markdown_table


@dataclass(frozen=True)
class ComparisonTables:
    priorities: str
    behind: str  # empty when the municipality is behind on no question
    levels: str


def comparison_tables(bank: QuestionBank, comparison: Comparison, score: ScanScore) -> ComparisonTables:
    priorities = []
    for p in bank.core_priorities:
        s, own = comparison.priorities[p.id], score.by_id(p.id).score
        priorities.append(
            {
                "Prioriteit": f"{p.id}. {p.name}",
                "Uw score": nl_number(own) if own is not None else "–",
                "Mediaan groep": nl_number(s.median) if s.enough else s.message,
                "Middelste helft": f"{nl_number(s.q1)}–{nl_number(s.q3)}" if s.enough else "–",
                "Percentiel": nl_number(s.percentile) if s.enough and s.percentile is not None else "–",
                "n": s.n,
            }
        )
    behind = [
        {
            "Vraag": f"{q.question_id} {bank.question(q.question_id).statement}",
            "Uw antwoord": q.own,
            "Mediaan groep": nl_number(q.stat.median, 1),
            "Groep op niveau 3 of 4": nl_percent(q.level_shares.get(3, 0) + q.level_shares.get(4, 0)),
            "n": q.stat.n,
        }
        for q in comparison.behind()
    ]
    levels = []
    for q in comparison.questions:
        row: dict[str, object] = {"Vraag": q.question_id, "n": q.stat.n}
        if q.stat.enough:
            row.update({f"Niveau {lvl}": nl_percent(share) for lvl, share in q.level_shares.items()})
        else:
            row["Niveau 0"] = q.stat.message
        levels.append(row)
    return ComparisonTables(markdown_table(priorities), markdown_table(behind), markdown_table(levels))


def election_table(contexts: list[ElectionContext], name: str) -> str:
    return markdown_table(
        [
            {
                "Verkiezingen": str(c.cycle),
                "Maat": c.measure,
                name: c.own if c.own is not None else "–",
                "Mediaan groep": nl_number(c.peers.median, 1) if c.peers.enough else c.peers.message,
                "n": c.peers.n,
            }
            for c in contexts
        ]
    )

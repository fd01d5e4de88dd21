"""The comparison page's tables, as Markdown: per priority, where the municipality is behind,
the level spread per question, and the real election context. Computed once per data version."""

from __future__ import annotations

from dataclasses import dataclass

from scan.base.formatting import nl_number, nl_percent
from scan.base.tables import markdown_table
from scan.content.questionbank import QuestionBank
from scan.rules.benchmark import Comparison, ElectionContext
from scan.rules.scoring import ScanScore


@dataclass(frozen=True)
class ComparisonTables:
    priorities: str
    behind: str  # empty when the municipality is behind on no question
    levels: str  # per question the share of the group at each level; the own level in bold


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
    behind = []
    for q in comparison.behind():
        question = bank.question(q.question_id)
        behind.append(
            {
                "Vraag": question.statement,
                "Uw antwoord": _level(question, q.own),
                "Mediaan groep": f"niveau {nl_number(q.stat.median, 1)}",
                "Verder dan u": nl_percent(q.further),
                "n": q.stat.n,
            }
        )
    levels = []
    for q in comparison.questions:
        question = bank.question(q.question_id)
        row: dict[str, object] = {"Vraag": question.statement, "Uw antwoord": _level(question, q.own)}
        if q.stat.enough:
            for lvl, share in q.level_shares.items():
                # the municipality's own level in bold, so the eye finds it in the row
                row[f"Niveau {lvl}"] = f"**{nl_percent(share)}**" if lvl == q.own else nl_percent(share)
        else:
            row["Niveau 0"] = q.stat.message
        row["n"] = q.stat.n
        levels.append(row)
    return ComparisonTables(markdown_table(priorities), markdown_table(behind), markdown_table(levels))


def _level(question, value: int | None) -> str:
    """The municipality's own answer as "2 · Besloten" (or "–" without a level)."""
    if value is None:
        return "–"
    return f"{value} · {question.scale[value].partition('.')[0]}"


def election_table(contexts: list[ElectionContext], name: str) -> str:
    return markdown_table(
        [
            {
                "Verkiezingen": str(c.cycle),
                "Maat": c.measure,
                name: c.own if c.own is not None else "–",
                # a median of whole numbers (seats, lists) is whole or a half: "39", "39,5", never "39,0"
                "Mediaan groep": nl_number(c.peers.median, 1 if c.peers.median % 1 else 0)
                if c.peers.enough and c.peers.median is not None
                else c.peers.message,
                "n": c.peers.n,
            }
            for c in contexts
        ]
    )

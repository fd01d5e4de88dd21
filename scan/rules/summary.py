"""Plain-Dutch sentences about a scan's scores (results page, report, presentation)."""

from __future__ import annotations

from scan.base.formatting import nl_count, nl_number
from scan.content.questionbank import QuestionBank
from scan.rules.answer_words import DONT_KNOW_COUNT
from scan.rules.scoring import PriorityScore, ScanScore


def strongest_and_weakest(bank: QuestionBank, score: ScanScore) -> str:
    ranked = score.ranked()
    if not ranked:
        return "Er is nog geen onderdeel met een score. Beantwoord eerst een paar vragen."
    if len(ranked) == 1:
        only = ranked[0]
        return f"Alleen {bank.priority(only.priority_id).name} heeft al een score ({nl_number(only.score)})."
    top, bottom = ranked[0], ranked[-1]
    tops = [p for p in ranked if p.score == top.score]
    bottoms = [p for p in ranked if p.score == bottom.score]

    def names(items: list[PriorityScore]) -> str:
        parts = [bank.priority(p.priority_id).name for p in items]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]

    if top.score == bottom.score:
        return f"Alle onderdelen met een score staan even hoog ({nl_number(top.score)})."
    text = (
        f"Het sterkst staat {names(tops)} ({nl_number(top.score)} van 100). "
        f"Het meeste werk ligt bij {names(bottoms)} ({nl_number(bottom.score)} van 100)."
    )
    unscored = [p for p in score.priorities if p.score is None]
    if unscored:
        text += f" {nl_count(len(unscored), 'onderdeel heeft', 'onderdelen hebben')} nog geen score."
    return text


def explain(bank: QuestionBank, ps: PriorityScore) -> str:
    """The arithmetic behind one priority score, so users can check it."""
    name = bank.priority(ps.priority_id).name
    if ps.score is None:
        return f"{name}: nog geen beantwoorde vraag, dus geen score."
    answers = " + ".join(nl_number(points) for _, _, points in ps.values)
    parts = f"({answers}) / {ps.scored} = {nl_number(ps.score, 1)}"
    extra = []
    if ps.dont_know:
        extra.append(f"{ps.dont_know} × weet niet")
    if ps.open:
        extra.append(f"{ps.open} open")
    note = f"; niet meegeteld: {', '.join(extra)}" if extra else ""
    return f"{name}: {parts}{note}."


def priority_rows(bank: QuestionBank, score: ScanScore) -> list[dict[str, object]]:
    """The score table of the results page and report: one row per priority, with coverage."""
    return [
        {
            "Prioriteit": f"{p.id}. {p.name}",
            "Score (0–100)": nl_number(ps.score) if ps.score is not None else "nog geen",
            "Beantwoord": f"{ps.answered} van {ps.total}",
            DONT_KNOW_COUNT: ps.dont_know,
            "Open": ps.open,
        }
        for p in bank.priorities
        for ps in [score.by_id(p.id)]
    ]


def calculation(bank: QuestionBank, score: ScanScore) -> str:
    """The arithmetic of every priority and of the total, as a Markdown list."""
    lines = [f"- {explain(bank, score.by_id(p.id))}" for p in bank.priorities]
    if score.overall is not None:
        scored = [nl_number(ps.score, 1) for ps in score.priorities if ps.score is not None]
        lines.append(f"- Totaal: ({' + '.join(scored)}) / {len(scored)} = {nl_number(score.overall, 1)}.")
    return "\n".join(lines)

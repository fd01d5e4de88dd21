"""What the round's workshops published (nothing that rests on fewer than five people)."""

from __future__ import annotations

from scan.content.questionbank import QuestionBank, question_bank
from scan.records import workshop
from scan.records.round.rounds import Round
from scan.rules.agenda import Spread, Vote, WorkshopSays
from scan.storage.core import Store

# Workshop outcomes come from the workshop domain itself (published figures only, n >= 5 per figure).
WorkshopOutcome = workshop.WorkshopOutcome


def workshop_outcomes(store: Store, rnd: Round) -> list[workshop.WorkshopOutcome]:
    """What the round's workshops published: distributions after reveal, the vote after it ended,
    approved open answers; nothing that rests on fewer than five people."""
    return workshop.outcomes(store, rnd.id)


def workshop_says(
    outcomes: list[workshop.WorkshopOutcome], bank: QuestionBank | None = None
) -> dict[str, WorkshopSays]:
    """Per proposal: the dots it got in every published vote of the round, and the published
    distributions of the workshop questions that measure it (for the cards and the agenda)."""
    bank = bank or question_bank()
    votes: dict[str, list[Vote]] = workshop.proposal_votes(outcomes)
    spreads: dict[str, list[Spread]] = {}
    measures: dict[str, list[str]] = {}
    for p in bank.proposals:
        for qid in p.questions:
            measures.setdefault(qid, []).append(p.id)
    for result in outcomes:
        for q in result.questions:
            if q.kind != "schaal" or q.distribution is None:
                continue
            for pid in measures.get(q.question_id, ()):
                spreads.setdefault(pid, []).append((result.title, q.question_id, q.n, q.distribution))
    return {
        pid: WorkshopSays(tuple(votes.get(pid, ())), tuple(spreads.get(pid, ())))
        for pid in sorted(set(votes) | set(spreads))
    }


def agenda_inputs(store: Store, rnd: Round) -> list[tuple[str, str, str]]:
    """Approved open answers the facilitator sent to the agenda: (workshop, question, answer), as typed."""
    return [(i.workshop_title, i.question, i.text) for i in workshop.agenda_inputs(store, rnd.id)]

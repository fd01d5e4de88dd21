"""What the round's workshops published (nothing that rests on fewer than five people)."""

from __future__ import annotations

from dataclasses import dataclass

from scan.content.questionbank import QuestionBank, question_bank
from scan.records import workshop
from scan.records.round.rounds import Round
from scan.records.workshop.results import Tally
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


@dataclass(frozen=True)
class ProjectorView:
    """What the projector shows of one workshop at this moment, read in one snapshot: the screen
    (scan/ui/pages/projector.py) only lays it out."""

    workshop: workshop.Workshop
    question: str | None = None  # the current question's id (questions phase)
    number: int = 0  # its number, from 1
    text: str = ""  # as asked
    tally: Tally | None = None
    is_open: bool = False  # an open question (typed answers)
    answers: tuple[str, ...] = ()  # approved open answers, once revealed
    pinned: tuple[str, ...] = ()  # those the facilitator pinned
    words: tuple[tuple[str, int], ...] = ()  # the word cloud of the approved answers
    ends_at: float | None = None  # the open question's countdown ends (Unix seconds)
    choices: tuple[tuple[str, str], ...] = ()  # voting: (proposal id, title) on the ballot
    voters: int = 0
    participants: int = 0
    results: tuple[tuple[str, int], ...] | None = (
        None  # ended: the published ranking (None below five voters)
    )


def projector_view(store: Store, workshop_id: int, bank: QuestionBank | None = None) -> ProjectorView:
    bank = bank or question_bank()
    with store.read():
        ws = workshop.get(store, workshop_id)
        if ws.phase == "voting":
            return ProjectorView(
                ws,
                choices=tuple((pid, bank.proposal(pid).title) for pid in ws.choice_list(bank)),
                voters=workshop.voters(store, ws.id),
                participants=workshop.participants(store, ws.id),
            )
        qid = ws.current_question
        if qid is None:
            ranking = workshop.published_vote_results(store, ws.id)
            return ProjectorView(
                ws,
                voters=workshop.voters(store, ws.id),
                results=None if ranking is None else tuple(ranking),
            )
        tally = workshop.tally(store, ws.id, qid)
        is_open = workshop.is_open_question(qid)
        answers = tuple(workshop.published_open_answers(store, ws.id, qid) or ()) if is_open else ()
        return ProjectorView(
            ws,
            question=qid,
            number=ws.question_ids.index(qid) + 1,
            text=ws.text_of(qid, bank),
            tally=tally,
            is_open=is_open,
            answers=answers,
            pinned=tuple(workshop.pinned_open_answers(store, ws.id, qid)) if answers else (),
            words=tuple(workshop.cloud(list(answers))[:8]) if answers else (),
            ends_at=None if (countdown := workshop.timer(store, ws.id, qid)) is None else countdown.ends_at,
        )

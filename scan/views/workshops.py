"""What the round's workshops published (nothing that rests on fewer than five people)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scan.base.formatting import nl_count, nl_date, nl_number
from scan.content.questionbank import QuestionBank, question_bank
from scan.records import workshop
from scan.records.round import rounds
from scan.records.round.rounds import Round
from scan.records.workshop.qa import Board
from scan.records.workshop.results import Tally
from scan.records.workshop.words import as_text
from scan.rules.agenda import Spread, Vote, WorkshopSays
from scan.rules.answer_words import DONT_KNOW_SHORT, level_name
from scan.rules.benchmark import MIN_N
from scan.storage.core import Store
from scan.views.self_scan import municipality_name

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
            question = bank.question(q.question_id)
            # the counts are in scale order with "weet niet" last (results.distribution_rows)
            names = [level_name(question, v) for v in question.scale] + [DONT_KNOW_SHORT.lower()]
            counts = tuple((name, n) for name, (_, n) in zip(names, q.distribution, strict=True))
            for pid in measures.get(q.question_id, ()):
                spreads.setdefault(pid, []).append(
                    (result.title, question.statement.rstrip("."), q.n, counts)
                )
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
    board: Board | None = None  # the facilitator put the questions from the room on screen

    @property
    def question_results(self) -> bool:
        """A question's results are on screen (during the workshop): the QR code and the room's code
        give way to them, as the room has joined by then; they come back with the next question."""
        return (
            self.workshop.phase == "questions"
            and self.board is None
            and self.tally is not None
            and self.tally.status == "revealed"
        )


def projector_view(store: Store, workshop_id: int, bank: QuestionBank | None = None) -> ProjectorView:
    bank = bank or question_bank()
    with store.read():
        ws = workshop.get(store, workshop_id)
        if ws.phase != "ended":
            room = workshop.board(store, ws.id)
            if room.on_screen:
                return ProjectorView(ws, board=room, participants=workshop.participants(store, ws.id))
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


# --- the workshop's report (PDF) for the council and the agenda ---------------------------------------

TOP_WORDS = 10  # of each open question's word cloud
TOP_ASKED = 10  # questions from the room


@dataclass(frozen=True)
class Table:
    caption: str  # what the figures are of, with their n
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # texts as typed: render them literally (autoescaped)


@dataclass(frozen=True)
class ReportQuestion:
    number: int
    text: str  # as asked (open questions: as the facilitator typed them)
    table: Table | None  # the published distribution (scale questions)
    note: str  # the n, or why nothing is shown
    answers: tuple[str, ...]  # approved open answers, as typed
    words: str  # the word cloud's top words with the number of people who used them


@dataclass(frozen=True)
class WorkshopReport:
    """What the workshop report says: the published outcome of one workshop, from the same data as
    its Excel and CSV export (``workshop.outcome``): distributions and the vote from five people,
    approved answers and approved questions from the room only."""

    title: str
    workshop: str  # the workshop's name as typed
    municipality: str
    made_on: str
    lead: str  # participants, audience, phase
    questions: tuple[ReportQuestion, ...]
    vote: Table | None
    vote_note: str
    asked: Table | None
    asked_note: str


def _question(number: int, q: workshop.QuestionOutcome) -> ReportQuestion:
    if q.kind == "open":
        words = as_text(workshop.cloud(list(q.open_answers)), TOP_WORDS)
        note = (
            f"{nl_count(len(q.open_answers), 'goedgekeurd antwoord', 'goedgekeurde antwoorden')} "
            f"van {nl_count(q.n, 'persoon', 'mensen')}."
            if q.open_answers
            else f"Geen goedgekeurde antwoorden getoond ({nl_count(q.n, 'persoon antwoordde', 'mensen antwoordden')})."
        )
        return ReportQuestion(number, q.text, None, note, q.open_answers, words)
    if q.distribution is None:
        note = (
            f"Geen uitkomst: te weinig antwoorden (n = {nl_number(q.n)}; een uitkomst staat er vanaf {MIN_N})."
            if q.n < MIN_N
            else f"Geen uitkomst: de begeleider heeft de verdeling niet aan de zaal getoond (n = {nl_number(q.n)})."
        )
        return ReportQuestion(number, q.text, None, note, (), "")
    values = [count for _, count in q.distribution]
    rows = tuple(
        (label, nl_number(count), f"{pct}%")
        for (label, count), pct in zip(q.distribution, workshop.percentages(values), strict=True)
    )
    caption = f"Percentage van de {nl_number(q.n)} antwoorden (n = {nl_number(q.n)})"
    return ReportQuestion(number, q.text, Table(caption, ("Antwoord", "Aantal", "Procent"), rows), "", (), "")


def workshop_report(
    store: Store, workshop_id: int, bank: QuestionBank | None = None, today: date | None = None
) -> WorkshopReport:
    bank = bank or question_bank()
    with store.read():
        result = workshop.outcome(store, workshop_id)
        rnd = rounds.by_id(store, workshop.get(store, workshop_id).round_id)
    name = result.title or "Workshop"
    place = municipality_name(rnd)
    audience = workshop.Audience(result.audience).label
    lead = (
        f"{nl_count(result.participants, 'deelnemer', 'deelnemers')} · publiek: {audience} · "
        f"{'afgelopen' if result.phase == 'ended' else 'nog bezig: de uitkomst kan nog veranderen'}."
    )
    vote, vote_note = (
        None,
        (
            f"Geen uitslag: de stemming is niet afgesloten of er stemden te weinig mensen (n = {nl_number(result.voters)}; "
            f"een uitslag staat er vanaf {MIN_N} stemmers)."
        ),
    )
    if result.votes is not None:
        dots = sum(d for _, d in result.votes)
        rows = tuple(
            (
                f"{bank.proposal(pid).title} (voorstel {pid})",
                nl_number(d),
                f"{workshop.share(d, result.voters)}%",
            )
            for pid, d in result.votes
        )
        caption = (
            f"Aantal stemmers dat dit voorstel koos, met het percentage van alle {nl_number(result.voters)} "
            f"stemmers (n = {nl_number(result.voters)}; samen {nl_number(dots)} stippen)"
        )
        vote, vote_note = Table(caption, ("Voorstel", "Stemmers", "Procent"), rows), ""
    asked, asked_note = None, "Er zijn geen vragen uit de zaal goedgekeurd."
    if result.asked:
        top = result.asked[:TOP_ASKED]
        counted = top[0].votes is not None
        rows = tuple(
            (q.text, "–" if q.votes is None else nl_number(q.votes), "ja" if q.answered else "nee")
            for q in top
        )
        notes = []
        if counted:
            caption = (
                f"De vragen met de meeste steun (steun van {nl_number(result.asked_voters)} deelnemers, "
                f"n = {nl_number(result.asked_voters)})"
            )
        else:
            caption = "De nieuwste vragen (de steun is niet geteld: te weinig deelnemers steunden vragen)"
            notes.append(
                f"Steun voor vragen tellen we pas als minstens {MIN_N} deelnemers vragen steunden "
                f"(n = {nl_number(result.asked_voters)})."
            )
        if len(result.asked) > len(top):
            rest = len(result.asked) - len(top)
            notes.append(f"Nog {nl_count(rest, 'vraag staat', 'vragen staan')} in de Excel-export.")
        asked_note = " ".join(notes)
        asked = Table(caption, ("Vraag", "Steun", "Beantwoord"), rows)
    return WorkshopReport(
        title=f"Workshop {name}, {place} {rnd.year}",
        workshop=name,
        municipality=place,
        made_on=nl_date(today or date.today()),
        lead=lead,
        questions=tuple(_question(i, q) for i, q in enumerate(result.questions, start=1)),
        vote=vote,
        vote_note=vote_note,
        asked=asked,
        asked_note=asked_note,
    )

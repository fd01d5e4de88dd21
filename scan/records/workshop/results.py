"""What a workshop shows: live counts, distributions, the vote, open answers, and its outcomes.

Privacy: a figure is published only when at least ``MIN_N`` (5) people contributed to that very
figure, and its count is always given with it. A distribution is published only after the
facilitator revealed it; the vote only after the workshop ended; an open answer only after the
facilitator approved it. Neither can change after publication (see core.py), so no two published
views of the same figure differ by one person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from scan.base.text import printable
from scan.content.questionbank import question_bank
from scan.records.workshop.core import (
    Workshop,
    WorkshopError,
    _touch,
    facilitator_in,
    for_round,
    get,
    is_open_question,
    statuses,
)
from scan.records.workshop.qa import board
from scan.records.workshop.words import word_counts
from scan.rules.answer_words import DONT_KNOW, bar_label, options
from scan.rules.benchmark import MIN_N
from scan.storage.core import Store

MODERATION = ("nieuw", "goedgekeurd", "afgewezen")


@dataclass(frozen=True)
class Tally:
    question_id: str
    status: str
    participants: int
    answered: int
    counts: dict[int | str, int] | None  # published (or previewed) distribution; "weet_niet" for don't know


def participants(store: Store, workshop_id: int) -> int:
    return store.db.execute(
        "SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = ?", [workshop_id]
    ).fetchone()[0]


def _rows(store: Store, workshop_id: int, question_id: str) -> list[tuple]:
    return store.db.execute(
        """
        SELECT a.value, a.dont_know FROM workshop_answers a
        JOIN workshop_participants p ON p.id = a.participant_id
        WHERE p.workshop_id = ? AND a.question_id = ?
        """,
        [workshop_id, question_id],
    ).fetchall()


def _counts(question_id: str, rows: list[tuple]) -> dict[int | str, int]:
    question = question_bank().question(question_id)
    counter = Counter(DONT_KNOW if dk else value for value, dk in rows)
    return {level: counter.get(level, 0) for level in question.scale} | {DONT_KNOW: counter.get(DONT_KNOW, 0)}


def _tally(store: Store, workshop_id: int, question_id: str, show_when: tuple[str, ...]) -> Tally:
    status = statuses(store, workshop_id).get(question_id, "hidden")
    rows = [] if is_open_question(question_id) else _rows(store, workshop_id, question_id)
    counts = _counts(question_id, rows) if status in show_when and len(rows) >= MIN_N else None
    if is_open_question(question_id):
        answered = store.db.execute(
            "SELECT COUNT(DISTINCT o.participant_id) FROM workshop_open_answers o "
            "JOIN workshop_participants p ON p.id = o.participant_id WHERE p.workshop_id = ? AND o.question_id = ?",
            [workshop_id, question_id],
        ).fetchone()[0]
    else:
        answered = len(rows)
    return Tally(question_id, status, participants(store, workshop_id), answered, counts)


def tally(store: Store, workshop_id: int, question_id: str) -> Tally:
    """Live count always; the distribution only once revealed, and only over five or more answers."""
    return _tally(store, workshop_id, question_id, ("revealed",))


def preview(store: Store, workshop_id: int, question_id: str) -> Tally:
    """The facilitator's private view: the distribution once the question is closed (before the
    room sees it), over five or more answers. Never while answers still come in."""
    return _tally(store, workshop_id, question_id, ("closed", "revealed"))


def distribution_rows(question, counts: dict) -> tuple[list[str], list[int]]:
    """Labels ("2 · Besloten", ..., "Weet niet") and counts in scale order, for chart and text."""
    labels = [bar_label(question, v) for v in options(question)]
    values = [counts[v] for v in question.scale] + [counts[DONT_KNOW]]
    return labels, values


# --- the vote --------------------------------------------------------------------------------------


def voters(store: Store, workshop_id: int) -> int:
    """How many participants placed at least one dot."""
    return store.db.execute(
        """
        SELECT COUNT(DISTINCT v.participant_id) FROM workshop_votes v
        JOIN workshop_participants p ON p.id = v.participant_id WHERE p.workshop_id = ?
        """,
        [workshop_id],
    ).fetchone()[0]


def vote_results(store: Store, workshop_id: int) -> list[tuple[str, int]]:
    """Proposals ranked by number of dots (ties by id). Unpublished: see published_vote_results."""
    rows = store.db.execute(
        """
        SELECT v.proposal_id, COUNT(*) FROM workshop_votes v
        JOIN workshop_participants p ON p.id = v.participant_id
        WHERE p.workshop_id = ? GROUP BY v.proposal_id
        """,
        [workshop_id],
    ).fetchall()
    return sorted(((pid, n) for pid, n in rows), key=lambda r: (-r[1], r[0]))


def published_vote_results(store: Store, workshop_id: int) -> list[tuple[str, int]] | None:
    """The ranking once the workshop ended, or None (still voting, or fewer than five voters)."""
    if get(store, workshop_id).phase != "ended" or voters(store, workshop_id) < MIN_N:
        return None
    return vote_results(store, workshop_id)


# --- open answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenAnswer:
    id: int
    question_id: str
    text: str  # as typed: show it literally (escaped), never as Markdown or HTML
    status: str  # nieuw | goedgekeurd | afgewezen
    for_agenda: bool
    pinned: bool = False  # on the projector while pinned (approved answers only)


def open_answers(store: Store, workshop_id: int, question_id: str | None = None) -> list[OpenAnswer]:
    """Every answer to the workshop's open questions (for the facilitator's moderation), oldest first."""
    sql = (
        "SELECT o.id, o.question_id, o.text, o.status, o.for_agenda, o.pinned FROM workshop_open_answers o "
        "JOIN workshop_participants p ON p.id = o.participant_id WHERE p.workshop_id = ?"
    )
    params: list = [workshop_id]
    if question_id is not None:
        sql += " AND o.question_id = ?"
        params.append(question_id)
    rows = store.db.execute(sql + " ORDER BY o.id", params).fetchall()
    return [OpenAnswer(r[0], r[1], printable(r[2]), r[3], bool(r[4]), bool(r[5])) for r in rows]


def _own_answer(db: Database, workshop_id: int, answer_id: int) -> None:
    row = db.execute(
        "SELECT 1 FROM workshop_open_answers o JOIN workshop_participants p ON p.id = o.participant_id "
        "WHERE o.id = ? AND p.workshop_id = ?",
        [answer_id, workshop_id],
    ).fetchone()
    if row is None:
        raise WorkshopError("Dit antwoord hoort niet bij deze workshop.")


def moderate(store: Store, workshop_id: int, pin: str, answer_ids: list[int], status: str) -> None:
    """Approve (shown on the projector and in the outcomes) or reject open answers."""
    if status not in MODERATION:
        raise WorkshopError(f"Onbekende keuze '{status}'.")
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        for answer_id in answer_ids:
            _own_answer(db, workshop_id, answer_id)
            db.execute(
                "UPDATE workshop_open_answers SET status = ?, for_agenda = for_agenda * (? = 'goedgekeurd'), "
                "pinned = pinned * (? = 'goedgekeurd') WHERE id = ?",
                [status, status, status, answer_id],
            )
        _touch(db, workshop_id)


def _approved_in(db: Database, workshop_id: int, pin: str, answer_id: int, refusal: str) -> None:
    """Inside the write: the facilitator's PIN, the answer of this workshop, and approved."""
    facilitator_in(db, workshop_id, pin)
    _own_answer(db, workshop_id, answer_id)
    status = db.execute("SELECT status FROM workshop_open_answers WHERE id = ?", [answer_id]).fetchone()[0]
    if status != "goedgekeurd":
        raise WorkshopError(refusal)


def set_for_agenda(store: Store, workshop_id: int, pin: str, answer_id: int, for_agenda: bool) -> None:
    """Mark an approved open answer as input for the democratiseringsagenda (see agenda_inputs)."""
    with store.write() as db:
        _approved_in(db, workshop_id, pin, answer_id, "Alleen een goedgekeurd antwoord kan naar de agenda.")
        db.execute(
            "UPDATE workshop_open_answers SET for_agenda = ? WHERE id = ?", [int(bool(for_agenda)), answer_id]
        )


def set_pinned(store: Store, workshop_id: int, pin: str, answer_id: int, pinned: bool) -> None:
    """Pin an approved open answer to the projector (to discuss it), or let it go again. While any
    answer of a question is pinned, the projector shows the pinned ones only."""
    with store.write() as db:
        _approved_in(
            db, workshop_id, pin, answer_id, "Alleen een goedgekeurd antwoord kan op het scherm vast."
        )
        db.execute("UPDATE workshop_open_answers SET pinned = ? WHERE id = ?", [int(bool(pinned)), answer_id])
        _touch(db, workshop_id)


def published_open_answers(store: Store, workshop_id: int, question_id: str) -> list[str] | None:
    """Approved answers once the facilitator showed the question (None before)."""
    if statuses(store, workshop_id).get(question_id) != "revealed":
        return None
    return [a.text for a in open_answers(store, workshop_id, question_id) if a.status == "goedgekeurd"]


def pinned_open_answers(store: Store, workshop_id: int, question_id: str) -> list[str]:
    """The approved answers the facilitator pinned to the projector, oldest first."""
    return [
        a.text
        for a in open_answers(store, workshop_id, question_id)
        if a.status == "goedgekeurd" and a.pinned
    ]


# --- outcomes: what the agenda, the proposals, the presentation and the report show ---------------


@dataclass(frozen=True)
class QuestionOutcome:
    question_id: str  # a question-bank id ("6.1") or an open question ("o1")
    text: str  # the statement or the open question, as typed: show literally
    kind: str  # "schaal" | "open"
    n: int  # answers to this very question (open: people who answered)
    distribution: tuple[tuple[str, int], ...] | None  # (label, count) in scale order; None: not published
    open_answers: tuple[str, ...]  # approved answers (open questions only)


@dataclass(frozen=True)
class AskedQuestion:
    """An approved question from the room, as published: its upvotes only from MIN_N upvoters."""

    text: str  # as typed: show literally
    votes: int | None  # None: fewer than MIN_N participants upvoted (see qa.py)
    answered: bool


@dataclass(frozen=True)
class WorkshopOutcome:
    workshop_id: int
    title: str  # as typed: show literally
    audience: str  # "bestuur" | "inwoners"
    phase: str
    participants: int
    questions: tuple[QuestionOutcome, ...]
    votes: tuple[tuple[str, int], ...] | None  # (proposal id, dots), most first; None: not published
    voters: int  # the n of the vote ranking
    asked: tuple[AskedQuestion, ...] = ()  # questions from the room: approved ones, the most upvoted first
    asked_voters: int = 0  # the n of their upvote counts


def _outcome(store: Store, ws: Workshop) -> WorkshopOutcome:
    bank = question_bank()
    questions = []
    for qid in ws.question_ids:
        if is_open_question(qid):
            shown = published_open_answers(store, ws.id, qid)
            n = _tally(store, ws.id, qid, ()).answered
            questions.append(QuestionOutcome(qid, ws.text_of(qid), "open", n, None, tuple(shown or ())))
        else:
            t = tally(store, ws.id, qid)
            dist = None
            if t.counts is not None:
                labels, values = distribution_rows(bank.question(qid), t.counts)
                dist = tuple(zip(labels, values, strict=True))
            questions.append(QuestionOutcome(qid, ws.text_of(qid, bank), "schaal", t.answered, dist, ()))
    votes = published_vote_results(store, ws.id)
    room = board(store, ws.id)
    asked = [AskedQuestion(q.text, room.count(q), q.status == "beantwoord") for q in room.ranked]
    return WorkshopOutcome(
        workshop_id=ws.id,
        title=ws.title,
        audience=ws.audience.value,
        phase=ws.phase,
        participants=participants(store, ws.id),
        questions=tuple(questions),
        votes=None if votes is None else tuple(votes),
        voters=voters(store, ws.id),
        asked=tuple(asked),
        asked_voters=room.voters,
    )


def outcomes(store: Store, round_id: int) -> list[WorkshopOutcome]:
    """The published outcomes of every workshop of a round, oldest workshop first.

    Only what the room saw and may be kept: distributions of revealed questions with n >= 5, the vote
    ranking of an ended workshop with >= 5 voters, approved answers of revealed open questions. Each
    figure carries its own n. Texts are as typed (titles, open answers): render them literally.
    """
    return [_outcome(store, ws) for ws in for_round(store, round_id)]


def outcome(store: Store, workshop_id: int) -> WorkshopOutcome:
    return _outcome(store, get(store, workshop_id))


def proposal_votes(outcomes: Sequence[WorkshopOutcome]) -> dict[str, list[tuple[str, int, int]]]:
    """Per proposal id: (workshop title, dots, voters) for every published vote among ``outcomes``."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for result in outcomes:
        for pid, dots in result.votes or ():
            found.setdefault(pid, []).append((result.title, dots, result.voters))
    return found


@dataclass(frozen=True)
class AgendaInput:
    workshop_title: str
    question: str
    text: str  # as typed: render literally


def agenda_inputs(store: Store, round_id: int) -> list[AgendaInput]:
    """Approved open answers the facilitator sent to the agenda, as input for the griffie."""
    rows = store.db.execute(
        """
        SELECT w.title, q.text, o.text FROM workshop_open_answers o
        JOIN workshop_participants p ON p.id = o.participant_id
        JOIN workshops w ON w.id = p.workshop_id
        JOIN workshop_open_questions q ON q.workshop_id = w.id AND q.question_id = o.question_id
        WHERE w.round_id = ? AND o.status = 'goedgekeurd' AND o.for_agenda = 1
        ORDER BY w.id, o.question_id, o.id
        """,
        [round_id],
    ).fetchall()
    return [AgendaInput(title or "Workshop", question, text) for title, question, text in rows]


def cloud(texts: list[str]) -> list[tuple[str, int]]:
    """Word cloud data of approved answers (Dutch stop words removed)."""
    return word_counts(texts)

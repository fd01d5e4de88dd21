"""Vragen uit de zaal (Slido-style Q&A): participants send questions for the panel, others upvote
them, the facilitator moderates them and marks them answered; the projector shows the top ones.

- Anonymous: a question keeps who asked it only so the asker's phone can list its own questions
  (``mine_in``); no page, file or export ever says who asked or who upvoted.
- A question reaches other phones, the projector and the outcomes only once the facilitator
  approved it (``goedgekeurd``, later perhaps ``beantwoord``); hidden ones (``verborgen``) stay with
  the facilitator.
- One upvote per participant per question (the table's key), and it can be taken back; never on
  one's own question (refused in the write; the asker's phone shows "Uw vraag" instead of the button).
- The small-group rule for upvotes, as for the dot-vote: a count of upvotes (and a ranking by
  them) is shown only when at least ``MIN_N`` (5) participants upvoted a question of this workshop
  (the ``n`` of the counts); below that, everyone sees the approved questions newest first without
  counts. The counts go with their n everywhere they are shown.
- Phones do not get the live counts: an upvote changes nothing that every phone is sent, so a
  thousand phones upvoting cost a write each and no broadcast (scan/web/hub.py); the projector and the
  facilitator's page read the counts every second.

Phone actions are operations of a write transaction (see participation.py), checked inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from scan.base.errors import InvalidAnswer
from scan.base.text import clean_input, printable
from scan.records.workshop.core import WorkshopError, _touch, facilitator_in, require_sent_here
from scan.records.workshop.participation import Operation, _participant_in
from scan.rules.benchmark import MIN_N
from scan.storage.core import Store, inserted_id, now

MAX_QUESTION = 200  # characters: a question the projector can show whole
MAX_QUESTIONS_PER_PERSON = 3  # per workshop
MAX_LISTED = 50  # approved questions a phone lists (newest first): bounds what every phone is sent
QA_STATUSES = ("nieuw", "goedgekeurd", "verborgen", "beantwoord")
PUBLISHED = ("goedgekeurd", "beantwoord")
QA_CLOSED = "Vragen stellen kan nu niet: de begeleider heeft de vragen uit de zaal (nog) niet opengezet."


@dataclass(frozen=True)
class RoomQuestion:
    id: int
    text: str  # as typed: show it literally (escaped), never as Markdown or HTML
    status: str  # nieuw | goedgekeurd | verborgen | beantwoord
    votes: int  # upvotes (show only through ``board``: the small-group rule)


@dataclass(frozen=True)
class Board:
    """The approved questions as the room may see them: ranked by upvotes with their counts when at
    least MIN_N participants upvoted (``counted``), else newest first without counts."""

    open: bool  # phones can ask and upvote
    on_screen: bool  # the projector shows the questions
    ranked: tuple[RoomQuestion, ...]  # every approved question (answered or not), in the order shown
    voters: int  # participants who upvoted at least one question: the n of the counts
    counted: bool  # voters >= MIN_N: counts and ranking shown

    @property
    def questions(self) -> tuple[RoomQuestion, ...]:
        """Approved and not yet answered, in the order shown."""
        return tuple(q for q in self.ranked if q.status == "goedgekeurd")

    @property
    def answered(self) -> tuple[RoomQuestion, ...]:
        return tuple(q for q in self.ranked if q.status == "beantwoord")

    def count(self, question: RoomQuestion) -> int | None:
        return question.votes if self.counted else None


def _settings(db: Database, workshop_id: int) -> tuple[str, bool, bool]:
    row = db.execute(
        "SELECT phase, qa_open, qa_on_screen FROM workshops WHERE id = ?", [workshop_id]
    ).fetchone()
    if row is None:
        raise WorkshopError("Deze workshop bestaat niet.")
    return row[0], bool(row[1]), bool(row[2])


def _accepting(db: Database, workshop_id: int) -> None:
    phase, is_open, _ = _settings(db, workshop_id)
    if phase == "ended":
        raise WorkshopError("De workshop is afgelopen: er kunnen geen vragen meer bij.")
    if not is_open:
        raise WorkshopError(QA_CLOSED)


# --- the phone -------------------------------------------------------------------------------------


def answer_state(answered: bool) -> str:
    """An approved room question's state in words, on the facilitator's page and in the export."""
    return "beantwoord" if answered else "nog open"


def ask_op(workshop_id: int, token: object, text: object) -> Operation:
    """Send a question for the panel; it waits for the facilitator's approval before anyone else
    sees it. Returns the question as the asker's phone lists it."""

    def run(db: Database) -> dict:
        pid = _participant_in(db, workshop_id, token)
        if not isinstance(text, str):
            raise InvalidAnswer("Schrijf uw vraag als tekst.")
        cleaned = " ".join(clean_input(text, "Uw vraag").split())
        if len(cleaned) < 3:
            raise InvalidAnswer("Schrijf eerst uw vraag (minstens 3 tekens).")
        if len(cleaned) > MAX_QUESTION:
            raise InvalidAnswer(f"Uw vraag is te lang: hoogstens {MAX_QUESTION} tekens.")
        _accepting(db, workshop_id)
        sent = db.execute(
            "SELECT COUNT(*) FROM workshop_room_questions WHERE participant_id = ?", [pid]
        ).fetchone()[0]
        if sent >= MAX_QUESTIONS_PER_PERSON:
            raise WorkshopError(f"U heeft al {MAX_QUESTIONS_PER_PERSON} vragen gesteld in deze workshop.")
        qid = inserted_id(
            db.execute(
                "INSERT INTO workshop_room_questions (participant_id, text, status, created_at) "
                "VALUES (?, ?, 'nieuw', ?)",
                [pid, cleaned, now()],
            )
        )
        return {"ok": True, "vraag": {"id": qid, "tekst": cleaned, "stand": "nieuw"}}

    return run


def upvote_op(workshop_id: int, token: object, question_id: object, on: object) -> Operation:
    """Upvote an approved question of someone else (``on`` True) or take the upvote back (False).
    Doing it twice changes nothing: one upvote per participant per question."""

    def run(db: Database) -> dict:
        pid = _participant_in(db, workshop_id, token)
        if isinstance(question_id, bool) or not isinstance(question_id, int) or not 0 < question_id < 2**63:
            raise WorkshopError("Deze vraag staat niet in de lijst.")
        if not isinstance(on, bool):
            raise InvalidAnswer("Tik op de knop bij de vraag om hem te steunen of uw steun in te trekken.")
        row = db.execute(
            "SELECT q.status, q.participant_id FROM workshop_room_questions q "
            "JOIN workshop_participants p ON p.id = q.participant_id WHERE q.id = ? AND p.workshop_id = ?",
            [question_id, workshop_id],
        ).fetchone()
        if row is None or row[0] not in PUBLISHED:
            raise WorkshopError("Deze vraag staat niet in de lijst.")
        _accepting(db, workshop_id)
        if on:
            if row[0] != "goedgekeurd":
                raise WorkshopError("Deze vraag is al beantwoord.")
            if row[1] == pid:  # support comes from the others in the room, not from the asker
                raise WorkshopError("Dit is uw eigen vraag: die kunt u niet steunen.")
            db.execute(
                "INSERT OR IGNORE INTO workshop_room_votes (question_id, participant_id, created_at) VALUES (?, ?, ?)",
                [question_id, pid, now()],
            )
        else:
            db.execute(
                "DELETE FROM workshop_room_votes WHERE question_id = ? AND participant_id = ?",
                [question_id, pid],
            )
        return {"ok": True, "steun": on}

    return run


def mine_in(db: Database, participant_id: int) -> dict:
    """This participant's own questions (with their status) and the questions they upvoted."""
    asked = [
        {"id": qid, "tekst": printable(text), "stand": status}
        for qid, text, status in db.execute(
            "SELECT id, text, status FROM workshop_room_questions WHERE participant_id = ? ORDER BY id",
            [participant_id],
        ).fetchall()
    ]
    upvoted = [
        r[0]
        for r in db.execute(
            "SELECT question_id FROM workshop_room_votes WHERE participant_id = ? ORDER BY question_id",
            [participant_id],
        ).fetchall()
    ]
    return {"vragen": asked, "steun": upvoted}


# --- the facilitator -------------------------------------------------------------------------------


def set_questions_open(store: Store, workshop_id: int, pin: str, open_: bool) -> None:
    """Let phones ask and upvote (``open_`` True), or stop it (what was asked stays)."""
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        if open_ and _settings(db, workshop_id)[0] == "ended":
            raise WorkshopError("De workshop is afgelopen: er kunnen geen vragen meer bij.")
        db.execute("UPDATE workshops SET qa_open = ? WHERE id = ?", [int(bool(open_)), workshop_id])
        _touch(db, workshop_id)  # phones show or hide the questions


def set_questions_on_screen(store: Store, workshop_id: int, pin: str, on: bool) -> None:
    """Show the top approved questions on the projector (True), or the workshop's question again."""
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        db.execute("UPDATE workshops SET qa_on_screen = ? WHERE id = ?", [int(bool(on)), workshop_id])


def moderate_questions(
    store: Store, workshop_id: int, pin: str, question_ids: list[int], status: str
) -> None:
    """Approve (others see it and can upvote), hide, or mark answered. Each step can be undone by
    another: a hidden question can be approved after all, an answered one put back in the list."""
    if status not in QA_STATUSES[1:]:
        raise WorkshopError(f"Onbekende keuze '{str(status)[:20]}'.")
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        for question_id in question_ids:
            require_sent_here(
                db,
                "workshop_room_questions",
                question_id,
                workshop_id,
                "Deze vraag hoort niet bij deze workshop.",
            )
            db.execute("UPDATE workshop_room_questions SET status = ? WHERE id = ?", [status, question_id])
        _touch(db, workshop_id)  # phones list the approved questions


# --- what is shown ---------------------------------------------------------------------------------


def room_questions(store: Store, workshop_id: int) -> list[RoomQuestion]:
    """Every question of the workshop with its upvotes, oldest first (for the facilitator; show the
    counts only through ``board``)."""
    rows = store.db.execute(
        """
        SELECT q.id, q.text, q.status, (SELECT COUNT(*) FROM workshop_room_votes v WHERE v.question_id = q.id)
        FROM workshop_room_questions q JOIN workshop_participants p ON p.id = q.participant_id
        WHERE p.workshop_id = ? ORDER BY q.id
        """,
        [workshop_id],
    ).fetchall()
    return [RoomQuestion(r[0], printable(r[1]), r[2], r[3]) for r in rows]


def question_voters(store: Store, workshop_id: int) -> int:
    """Participants who upvoted at least one question of this workshop."""
    return store.db.execute(
        "SELECT COUNT(DISTINCT v.participant_id) FROM workshop_room_votes v "
        "JOIN workshop_participants p ON p.id = v.participant_id WHERE p.workshop_id = ?",
        [workshop_id],
    ).fetchone()[0]


def board(store: Store, workshop_id: int) -> Board:
    """The approved questions in the order the room sees them (see the module's docstring)."""
    _, is_open, on_screen = _settings(store.db, workshop_id)
    found = [q for q in room_questions(store, workshop_id) if q.status in PUBLISHED]
    voters = question_voters(store, workshop_id)
    counted = voters >= MIN_N
    if counted:  # most upvotes first; equal counts: the oldest first (it waited longest)
        found.sort(key=lambda q: (-q.votes, q.id))
    else:  # newest first: an order that says nothing about upvotes
        found.sort(key=lambda q: -q.id)
    return Board(
        open=is_open,
        on_screen=on_screen,
        ranked=tuple(found),
        voters=voters,
        counted=counted,
    )


def phone_list(store: Store, workshop_id: int) -> dict | None:
    """What every phone is sent of the questions (None while closed): the approved ones, newest
    first, without counts; answered ones say so."""
    _, is_open, _ = _settings(store.db, workshop_id)
    if not is_open:
        return None
    rows = store.db.execute(
        "SELECT q.id, q.text, q.status FROM workshop_room_questions q "
        "JOIN workshop_participants p ON p.id = q.participant_id "
        "WHERE p.workshop_id = ? AND q.status IN ('goedgekeurd', 'beantwoord') ORDER BY q.id DESC LIMIT ?",
        [workshop_id, MAX_LISTED],
    ).fetchall()
    return {
        "max": MAX_QUESTION,
        "per_persoon": MAX_QUESTIONS_PER_PERSON,
        "vragen": [[qid, printable(text), status == "beantwoord"] for qid, text, status in rows],
    }

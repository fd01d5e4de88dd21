"""A workshop and what the facilitator does with it: questions, open questions, the dot-vote.

Every facilitator action checks the facilitator PIN (the griffier's pages read it from the database
for the municipality's own workshops, so a logged-in griffier never types it). A question only
moves forward: hidden -> open -> closed -> revealed. A question that was closed never opens again,
and an ended workshop never takes answers again: otherwise comparing a published figure before and
after one more answer would show what that one person answered.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from scan.base.errors import ScanError
from scan.base.text import clean_input, printable
from scan.content.models import PROPOSAL_ID
from scan.content.questionbank import QuestionBank, question_bank
from scan.records.round.rounds import require_open
from scan.storage.core import Store, inserted_id, now

JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: typed from a screen
JOIN_LENGTH = 10
PIN_LENGTH = 6
MAX_VOTES = 3
MAX_TITLE = 200
MAX_OPEN_QUESTION = 300
STATUSES = ("hidden", "open", "closed", "revealed")  # in this order, never backwards
PHASES = ("questions", "voting", "ended")
OPEN_PREFIX = "o"  # open questions are "o1", "o2", ... in the workshop's sequence
TIMER_SECONDS = (30, 60, 120, 300)  # the countdowns a facilitator can start for a question
MAX_NOTE = 500  # the facilitator's note on a question (what to ask the room next)
ANSWER_LIMITS = range(1, 11)  # answers one participant may send to an open question
DEFAULT_ANSWER_LIMIT = 3


class WorkshopError(ScanError):
    """A workshop action that is not allowed now (closed question, wrong code or PIN, ...)."""


class Audience(StrEnum):
    """Who is in the room: officials and council get the maturity scale, residents plain statements."""

    BESTUUR = "bestuur"
    INWONERS = "inwoners"

    @property
    def label(self) -> str:
        return {
            "bestuur": "Bestuur, raad en ambtenaren (de volwassenheidsschaal 0–4)",
            "inwoners": "Inwoners (stellingen: eens of oneens)",
        }[self.value]

    @property
    def kind(self) -> str:
        """The kind of question-bank question this audience answers."""
        return "maturity" if self is Audience.BESTUUR else "agreement"


STATUS_LABELS = {
    "hidden": "nog niet geopend",
    "open": "open",
    "closed": "gesloten",
    "revealed": "uitkomst getoond",
}
PHASE_LABELS = {"questions": "vragen", "voting": "stemmen", "ended": "afgelopen"}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _code(length: int) -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(length))


def clean_code(code: object) -> str:
    """What someone typed, as a code: letters and digits only, upper case ("abcde-fghjk" works)."""
    return "".join(ch for ch in str(code or "").upper() if ch.isascii() and ch.isalnum())[:40]


def is_open_question(question_id: str) -> bool:
    return question_id.startswith(OPEN_PREFIX)


def short_set(bank: QuestionBank, audience: Audience | str = Audience.BESTUUR) -> list[str]:
    """One question per priority. Officials: the first question of the basic ("a") proposal;
    residents: the priority's statement."""
    if Audience(audience) is Audience.INWONERS:
        return [
            next(q.id for q in bank.questions_for(p.id) if q.kind == "agreement")
            for p in bank.core_priorities
        ]
    return [bank.proposal(f"{p.id}a").questions[0] for p in bank.core_priorities]


def questions_for(bank: QuestionBank, audience: Audience | str) -> list[str]:
    """Every question-bank question this audience can be asked."""
    kind = Audience(audience).kind
    return [q.id for q in bank.questions if q.kind == kind]


@dataclass(frozen=True)
class Workshop:
    id: int
    round_id: int
    ref: str  # the workshop's name in URLs: random, so nobody can step through workshops
    join_code: str
    title: str
    question_ids: tuple[str, ...]
    current: int
    phase: str
    added_to_round: bool
    audience: Audience
    vote_options: tuple[str, ...] | None  # None: every proposal (workshops made before the list)
    max_votes: int
    version: int
    reviewing: bool
    open_questions: dict[str, str]  # "o1" -> the facilitator's text
    answer_limits: dict[str, int]  # "o1" -> how many answers one participant may send

    @property
    def current_question(self) -> str | None:
        if self.phase == "voting" or not self.question_ids:
            return None
        if self.phase == "ended" and not self.reviewing:
            return None
        return self.question_ids[min(self.current, len(self.question_ids) - 1)]

    @property
    def phase_label(self) -> str:
        return PHASE_LABELS[self.phase]

    def text_of(self, question_id: str, bank: QuestionBank | None = None) -> str:
        """The statement of a question-bank question or the text of an open question."""
        if is_open_question(question_id):
            return self.open_questions.get(question_id, "")
        return (bank or question_bank()).question(question_id).statement

    def choice_list(self, bank: QuestionBank | None = None) -> tuple[str, ...]:
        """The proposals participants can vote for, in the facilitator's order."""
        if self.vote_options is not None:
            return self.vote_options
        return tuple(p.id for p in (bank or question_bank()).proposals)


_SELECT = (
    "SELECT id, round_id, ref, join_code, title, question_ids, current, phase, added_to_round, audience, "
    "vote_options, max_votes, version, reviewing FROM workshops"
)


def _from_rows(db: Database, rows: list[tuple]) -> list[Workshop]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    texts: dict[int, dict[str, str]] = {}
    limits: dict[int, dict[str, int]] = {}
    for wid, qid, text, limit in db.execute(
        "SELECT workshop_id, question_id, text, max_answers FROM workshop_open_questions "
        f"WHERE workshop_id IN ({marks})",
        ids,
    ).fetchall():
        texts.setdefault(wid, {})[qid] = printable(text)
        limits.setdefault(wid, {})[qid] = limit
    return [
        Workshop(
            id=r[0],
            round_id=r[1],
            ref=r[2],
            join_code=r[3],
            title=printable(r[4] or ""),  # stored text never breaks a page or a file
            question_ids=tuple(json.loads(r[5])),
            current=r[6],
            phase=r[7],
            added_to_round=bool(r[8]),
            audience=Audience(r[9]),
            vote_options=None if r[10] is None else tuple(json.loads(r[10])),
            max_votes=r[11],
            version=r[12],
            reviewing=bool(r[13]),
            open_questions=texts.get(r[0], {}),
            answer_limits=limits.get(r[0], {}),
        )
        for r in rows
    ]


def _one(db: Database, where: str, params: list, missing: str) -> Workshop:
    found = _from_rows(db, db.execute(f"{_SELECT} WHERE {where}", params).fetchall())
    if not found:
        raise WorkshopError(missing)
    return found[0]


def get(store: Store, workshop_id: int) -> Workshop:
    if isinstance(workshop_id, bool) or not isinstance(workshop_id, int) or not 0 < workshop_id < 2**63:
        raise WorkshopError("Deze workshop bestaat niet.")
    return _one(store.db, "id = ?", [workshop_id], "Deze workshop bestaat niet.")


def by_ref(store: Store, ref: object) -> Workshop:
    """The workshop a URL names (``?workshop=REF``); a Dutch refusal for anything else."""
    text = str(ref or "")
    if not 8 <= len(text) <= 40 or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in text):
        raise WorkshopError("Deze workshop bestaat niet (meer). Open hem vanuit de pagina Workshops.")
    return _one(
        store.db, "ref = ?", [text], "Deze workshop bestaat niet (meer). Open hem vanuit de pagina Workshops."
    )


def by_join_code(store: Store, code: object) -> Workshop:
    cleaned = clean_code(code)
    found = None
    if len(cleaned) == JOIN_LENGTH:
        rows = store.db.execute(f"{_SELECT} WHERE join_code = ?", [cleaned]).fetchall()
        found = _from_rows(store.db, rows)
    if not found:
        raise WorkshopError("Deze workshopcode kennen we niet. Kijk nog eens naar het scherm voorin de zaal.")
    return found[0]


def for_round(store: Store, round_id: int) -> list[Workshop]:
    rows = store.db.execute(f"{_SELECT} WHERE round_id = ? ORDER BY id", [round_id]).fetchall()
    return _from_rows(store.db, rows)


def gm_code(store: Store, workshop: Workshop) -> str:
    """The municipality a workshop belongs to (who may lead and project it)."""
    return store.db.execute("SELECT gm_code FROM rounds WHERE id = ?", [workshop.round_id]).fetchone()[0]


# --- making a workshop and its PIN ---------------------------------------------------------------


def _check_questions(question_ids: list[str], audience: Audience) -> None:
    if not question_ids:
        raise WorkshopError("Kies minstens één vraag voor de workshop.")
    bank = question_bank()
    if unknown := [q for q in question_ids if not isinstance(q, str) or bank.find_question(q) is None]:
        raise WorkshopError(f"Vraag '{unknown[0]}' bestaat niet.")
    if len(set(question_ids)) != len(question_ids):
        raise WorkshopError("Elke vraag mag maar één keer in de workshop staan.")
    if wrong := [q for q in question_ids if bank.question(q).kind != audience.kind]:
        raise WorkshopError(
            f"Vraag {wrong[0]} past niet bij dit publiek: "
            + (
                "inwoners krijgen de stellingen."
                if audience is Audience.INWONERS
                else "bestuur en raad krijgen de vragen met de schaal 0–4."
            )
        )


def create(
    store: Store,
    round_id: int,
    question_ids: list[str],
    title: str = "",
    audience: Audience | str = "bestuur",
) -> tuple[Workshop, str]:
    """A workshop with its join code and its facilitator PIN (returned; the griffier can read it again)."""
    try:
        audience = Audience(audience)
    except ValueError as exc:
        raise WorkshopError("Kies het publiek: bestuur en raad, of inwoners.") from exc
    _check_questions(list(question_ids), audience)
    title = clean_input(str(title or ""), "De naam van de workshop").strip()
    pin = _code(PIN_LENGTH)
    with store.write() as db:
        require_open(db, round_id, "Deze scanronde is gesloten; start de workshop in een open ronde.")
        for _ in range(10):  # a clash of random join codes is astronomically rare; retry anyway
            code = _code(JOIN_LENGTH)
            if not db.execute("SELECT 1 FROM workshops WHERE join_code = ?", [code]).fetchone():
                break
        workshop_id = inserted_id(
            db.execute(
                "INSERT INTO workshops (round_id, ref, join_code, facilitator_hash, pin, title, question_ids, current, "
                "phase, added_to_round, audience, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'questions', 0, ?, ?)",
                [
                    round_id,
                    secrets.token_urlsafe(12),
                    code,
                    _hash(pin),
                    pin,
                    title[:MAX_TITLE],
                    json.dumps(list(question_ids)),
                    audience.value,
                    now(),
                ],
            )
        )
        db.conn.executemany(
            "INSERT INTO workshop_questions (workshop_id, question_id, status) VALUES (?, ?, 'hidden')",
            [(workshop_id, q) for q in question_ids],
        )
    return get(store, workshop_id), pin


def check_facilitator(store: Store, workshop_id: int, pin: object) -> None:
    """For pages that only look (the projector, the facilitator's screen): every action checks again
    inside its own write (``facilitator_in``), so a PIN changed a moment ago is never accepted there."""
    facilitator_in(store.db, workshop_id, pin)


# Tables of what a participant sent (an open answer, a question from the room): a facilitator acts on
# a row only when it was sent in the facilitator's own workshop.
SENT_BY_PARTICIPANTS = frozenset({"workshop_open_answers", "workshop_room_questions"})


def require_sent_here(db: Database, table: str, row_id: int, workshop_id: int, refusal: str) -> None:
    """Inside the write: the row of ``table`` was sent by a participant of this workshop."""
    if table not in SENT_BY_PARTICIPANTS:  # a table name goes into the SQL: only these two
        raise ValueError(table)
    row = db.execute(
        f"SELECT 1 FROM {table} t JOIN workshop_participants p ON p.id = t.participant_id "
        "WHERE t.id = ? AND p.workshop_id = ?",
        [row_id, workshop_id],
    ).fetchone()
    if row is None:
        raise WorkshopError(refusal)


def facilitator_in(db: Database, workshop_id: int, pin: object) -> None:
    """The PIN check on a connection: inside a write transaction, it decides on what that write sees."""
    row = db.execute("SELECT pin, facilitator_hash FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    given = clean_code(pin) if row and row[0] else str(pin or "")
    expected = row[0] if row and row[0] else (row[1] if row else "")
    candidate = given if row and row[0] else _hash(given)
    if row is None or not given or not hmac.compare_digest(candidate.encode(), expected.encode()):
        raise WorkshopError(
            "Alleen de begeleider van de workshop kan dit doen (verkeerde of ontbrekende pincode)."
        )


def facilitator_pin(store: Store, workshop_id: int) -> str | None:
    """The PIN, for the griffier's own pages (to show it again, or to act without typing it).
    None for a workshop made before PINs were kept: make a new one with new_pin()."""
    row = store.db.execute("SELECT pin FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    return row[0] if row else None


def new_pin(store: Store, workshop_id: int) -> str:
    """A fresh PIN (the old one stops working). Only for the griffier's pages: they check access."""
    pin = _code(PIN_LENGTH)
    with store.write() as db:
        db.execute(
            "UPDATE workshops SET pin = ?, facilitator_hash = ? WHERE id = ?", [pin, _hash(pin), workshop_id]
        )
    return pin


def format_pin(pin: str) -> str:
    """``K7PQ2M`` as ``K7P Q2M``: easier to read aloud and type."""
    return f"{pin[:3]} {pin[3:]}" if len(pin) == PIN_LENGTH else pin


def format_code(code: str) -> str:
    return f"{code[:5]} {code[5:]}" if len(code) == JOIN_LENGTH else code


# --- facilitator actions (each checks the PIN; every change moves the version phones follow) -----


def _touch(db: Database, workshop_id: int) -> None:
    db.execute("UPDATE workshops SET version = version + 1 WHERE id = ?", [workshop_id])


def statuses(store: Store, workshop_id: int) -> dict[str, str]:
    rows = store.db.execute(
        "SELECT question_id, status FROM workshop_questions WHERE workshop_id = ?", [workshop_id]
    ).fetchall()
    return dict(rows)


def _question_in(db: Database, workshop_id: int, pin: str, question_id: str) -> tuple[str, str]:
    """Inside a facilitator's write: the PIN checked, then (the workshop's phase, the question's status)."""
    facilitator_in(db, workshop_id, pin)
    phase = db.execute("SELECT phase FROM workshops WHERE id = ?", [workshop_id]).fetchone()[0]
    row = db.execute(
        "SELECT status FROM workshop_questions WHERE workshop_id = ? AND question_id = ?",
        [workshop_id, question_id],
    ).fetchone()
    if row is None:
        raise WorkshopError(f"Vraag {str(question_id)[:10]} hoort niet bij deze workshop.")
    return phase, row[0]


def set_status(store: Store, workshop_id: int, pin: str, question_id: str, status: str) -> None:
    """Move a question forward (hidden -> open -> closed -> revealed). Never backwards: a closed
    question does not open again (see the module's docstring)."""
    if status not in STATUSES:
        raise WorkshopError(f"Onbekende stand '{status}'.")
    with store.write() as db:
        phase, old = _question_in(db, workshop_id, pin, question_id)
        if status == old:
            return
        if STATUSES.index(status) < STATUSES.index(old):
            if old in ("closed", "revealed"):
                raise WorkshopError(
                    "Een gesloten vraag gaat niet opnieuw open: anders kan iemand uit twee uitkomsten "
                    "afleiden wat één persoon antwoordde."
                )
            raise WorkshopError("Deze stap kan niet terug.")
        if status == "open":
            _open_in(db, workshop_id, question_id, phase)
        db.execute(
            "UPDATE workshop_questions SET status = ? WHERE workshop_id = ? AND question_id = ?",
            [status, workshop_id, question_id],
        )
        _touch(db, workshop_id)


def _open_in(db: Database, workshop_id: int, question_id: str, phase: str) -> None:
    """Make room for opening a question: one open question at a time, and it is the one on the screen."""
    if phase == "ended":
        raise WorkshopError("De workshop is afgelopen: er kunnen geen antwoorden meer bij.")
    ids = json.loads(
        db.execute("SELECT question_ids FROM workshops WHERE id = ?", [workshop_id]).fetchone()[0]
    )
    db.execute(
        "UPDATE workshop_questions SET status = 'closed' WHERE workshop_id = ? AND status = 'open'",
        [workshop_id],
    )
    db.execute(
        "UPDATE workshops SET current = ?, phase = 'questions' WHERE id = ?",
        [ids.index(question_id), workshop_id],
    )
    db.execute(
        "UPDATE workshop_questions SET status = 'open' WHERE workshop_id = ? AND question_id = ?",
        [workshop_id, question_id],
    )


# --- the countdown: at zero a question closes by itself ----------------------------------------------


@dataclass(frozen=True)
class Timer:
    ends_at: float  # Unix seconds
    reveal: bool  # at zero the question closes and, if True, the room sees its outcome


def timer(store: Store, workshop_id: int, question_id: str) -> Timer | None:
    """The countdown of a question that is open, or None."""
    row = store.db.execute(
        "SELECT ends_at, reveal_at_end FROM workshop_questions WHERE workshop_id = ? AND question_id = ? "
        "AND status = 'open' AND ends_at IS NOT NULL",
        [workshop_id, question_id],
    ).fetchone()
    return None if row is None else Timer(float(row[0]), bool(row[1]))


def start_timer(
    store: Store,
    workshop_id: int,
    pin: str,
    question_id: str,
    seconds: int,
    reveal: bool,
    clock: Callable[[], float] = time.time,
) -> Timer:
    """Count a question down: at zero it closes, and shows its outcome when ``reveal``, by itself
    (close_expired). A question that was not open yet opens now; a running countdown starts again."""
    if isinstance(seconds, bool) or seconds not in TIMER_SECONDS:
        raise WorkshopError("Kies een timer van 30 seconden, 1 minuut, 2 minuten of 5 minuten.")
    with store.write() as db:
        phase, status = _question_in(db, workshop_id, pin, question_id)
        if status == "hidden":
            _open_in(db, workshop_id, question_id, phase)
        elif status != "open":
            raise WorkshopError("Deze vraag is al gesloten: een timer kan alleen bij een vraag die open is.")
        found = Timer(clock() + seconds, bool(reveal))
        db.execute(
            "UPDATE workshop_questions SET ends_at = ?, reveal_at_end = ? WHERE workshop_id = ? AND question_id = ?",
            [found.ends_at, int(found.reveal), workshop_id, question_id],
        )
        _touch(db, workshop_id)
    return found


def stop_timer(store: Store, workshop_id: int, pin: str, question_id: str) -> None:
    """Stop the countdown: the question stays open until the facilitator closes it."""
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        db.execute(
            "UPDATE workshop_questions SET ends_at = NULL WHERE workshop_id = ? AND question_id = ?",
            [workshop_id, question_id],
        )
        _touch(db, workshop_id)


def close_expired(store: Store, workshop_ids: Iterable[int], clock: Callable[[], float] = time.time) -> int:
    """Close the open questions of these workshops whose countdown ran out (showing the outcome where
    the facilitator asked for that). Whoever sees it first calls this: the phones' hub (scan/web/hub.py),
    the facilitator's or the projector's page. It closes inside one write, and only what is still
    open, so a question closes exactly once however many processes try at the same moment. A cheap
    read first: nothing due, no write. Returns how many questions it closed."""
    ids = [int(w) for w in workshop_ids]
    if not ids:
        return 0
    due = f"workshop_id IN ({','.join('?' * len(ids))}) AND status = 'open' AND ends_at <= ?"
    at = clock()
    if (
        store.db.execute(f"SELECT 1 FROM workshop_questions WHERE {due} LIMIT 1", [*ids, at]).fetchone()
        is None
    ):
        return 0
    with store.write() as db:
        rooms = [
            r[0]
            for r in db.execute(
                f"SELECT DISTINCT workshop_id FROM workshop_questions WHERE {due}", [*ids, at]
            )
        ]
        closed = db.execute(
            "UPDATE workshop_questions SET status = CASE reveal_at_end WHEN 1 THEN 'revealed' ELSE 'closed' END, "
            f"ends_at = NULL WHERE {due}",
            [*ids, at],
        ).rowcount
        for workshop_id in rooms:
            _touch(db, workshop_id)
    return closed


def go_to(store: Store, workshop_id: int, pin: str, index: int) -> None:
    """Show another question. An open question the room leaves is closed: no phone keeps answering
    a question that is no longer on the screen."""
    with store.write() as db:
        _go_to(db, workshop_id, pin, index)


def _go_to(db: Database, workshop_id: int, pin: str, index: int) -> None:
    # the phase is read in the write: a workshop another facilitator just ended is never reopened
    facilitator_in(db, workshop_id, pin)
    ws = _one(db, "id = ?", [workshop_id], "Deze workshop bestaat niet.")
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(ws.question_ids):
        raise WorkshopError("Er is geen vraag op die plek.")
    db.execute(
        "UPDATE workshop_questions SET status = 'closed' WHERE workshop_id = ? AND status = 'open' "
        "AND question_id != ?",
        [workshop_id, ws.question_ids[index]],
    )
    if ws.phase == "ended":  # looking back at an ended workshop: nothing opens again
        db.execute("UPDATE workshops SET current = ?, reviewing = 1 WHERE id = ?", [index, workshop_id])
    else:
        db.execute("UPDATE workshops SET current = ?, phase = 'questions' WHERE id = ?", [index, workshop_id])
    _touch(db, workshop_id)


def set_phase(store: Store, workshop_id: int, pin: str, phase: str) -> None:
    """questions <-> voting -> ended. An ended workshop stays ended (it can be viewed: review())."""
    if phase not in PHASES:
        raise WorkshopError(f"Onbekende fase '{phase}'.")
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        current = db.execute("SELECT phase FROM workshops WHERE id = ?", [workshop_id]).fetchone()[0]
        if current == "ended" and phase != "ended":
            raise WorkshopError(
                "Deze workshop is afgelopen. U kunt de uitkomsten nog bekijken, maar er kan niets meer bij."
            )
        if phase != "questions":
            db.execute(
                "UPDATE workshop_questions SET status = 'closed' WHERE workshop_id = ? AND status = 'open'",
                [workshop_id],
            )
            # the projector follows to the vote: questions from the room left on screen hid the ballot
            db.execute("UPDATE workshops SET qa_on_screen = 0 WHERE id = ?", [workshop_id])
        db.execute("UPDATE workshops SET phase = ?, reviewing = 0 WHERE id = ?", [phase, workshop_id])
        _touch(db, workshop_id)


def review(store: Store, workshop_id: int, pin: str, question_index: int | None) -> None:
    """An ended workshop, opened again for viewing: the projector shows the published outcome of one
    question (``question_index``) or, with None, the result of the vote. Nothing opens again."""
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        phase = db.execute("SELECT phase FROM workshops WHERE id = ?", [workshop_id]).fetchone()[0]
        if phase != "ended":
            raise WorkshopError("Terugkijken kan als de workshop is afgelopen.")
        if question_index is None:
            db.execute("UPDATE workshops SET reviewing = 0 WHERE id = ?", [workshop_id])
            _touch(db, workshop_id)
        else:
            _go_to(db, workshop_id, pin, question_index)


def _check_limit(max_answers: object) -> int:
    if isinstance(max_answers, bool) or not isinstance(max_answers, int) or max_answers not in ANSWER_LIMITS:
        raise WorkshopError(
            f"Geef iedere deelnemer {ANSWER_LIMITS[0]} tot {ANSWER_LIMITS[-1]} antwoorden op een open vraag."
        )
    return max_answers


def add_open_question(
    store: Store, workshop_id: int, pin: str, text: str, max_answers: int = DEFAULT_ANSWER_LIMIT
) -> str:
    """Add an open question ("Wat moet beter in onze lokale democratie?") after the current ones;
    each participant may send ``max_answers`` answers to it."""
    text = " ".join(clean_input(str(text or ""), "De open vraag").split())
    if not 5 <= len(text) <= MAX_OPEN_QUESTION:
        raise WorkshopError(f"Een open vraag heeft 5 tot {MAX_OPEN_QUESTION} tekens.")
    _check_limit(max_answers)
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        row = db.execute("SELECT question_ids, phase FROM workshops WHERE id = ?", [workshop_id]).fetchone()
        if row[1] == "ended":
            raise WorkshopError("De workshop is afgelopen: er kan geen vraag meer bij.")
        ids = json.loads(row[0])
        number = 1 + max((int(q[1:]) for q in ids if is_open_question(q)), default=0)
        qid = f"{OPEN_PREFIX}{number}"
        db.execute(
            "INSERT INTO workshop_open_questions (workshop_id, question_id, text, max_answers) VALUES (?, ?, ?, ?)",
            [workshop_id, qid, text, max_answers],
        )
        db.execute(
            "INSERT INTO workshop_questions (workshop_id, question_id, status) VALUES (?, ?, 'hidden')",
            [workshop_id, qid],
        )
        db.execute(
            "UPDATE workshops SET question_ids = ? WHERE id = ?", [json.dumps([*ids, qid]), workshop_id]
        )
        _touch(db, workshop_id)
    return qid


def set_answer_limit(store: Store, workshop_id: int, pin: str, question_id: str, max_answers: int) -> None:
    """How many answers one participant may send to an open question, until it closes (checked inside
    each answer's write: participation.open_answer_op)."""
    _check_limit(max_answers)
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        row = db.execute(
            "SELECT q.status FROM workshop_questions q JOIN workshop_open_questions o "
            "ON o.workshop_id = q.workshop_id AND o.question_id = q.question_id "
            "WHERE q.workshop_id = ? AND q.question_id = ?",
            [workshop_id, question_id],
        ).fetchone()
        if row is None:
            raise WorkshopError("Dit is geen open vraag van deze workshop.")
        if row[0] in ("closed", "revealed"):
            raise WorkshopError("Deze vraag is gesloten: er komen geen antwoorden meer bij.")
        db.execute(
            "UPDATE workshop_open_questions SET max_answers = ? WHERE workshop_id = ? AND question_id = ?",
            [max_answers, workshop_id, question_id],
        )
        _touch(db, workshop_id)  # the phones say how many answers are left


# --- the facilitator's own notes: shown on the facilitator's page only ------------------------------


def set_note(store: Store, workshop_id: int, pin: str, question_id: str, text: str) -> None:
    """A note on a question for the facilitator alone (what to ask the room next). Never in what
    phones, the projector or an export get: only notes() reads it, for the facilitator's page."""
    note = clean_input(str(text or ""), "De notitie").strip()
    if len(note) > MAX_NOTE:
        raise WorkshopError(f"Een notitie heeft hoogstens {MAX_NOTE} tekens.")
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        if not db.execute(
            "UPDATE workshop_questions SET note = ? WHERE workshop_id = ? AND question_id = ?",
            [note, workshop_id, question_id],
        ).rowcount:
            raise WorkshopError(f"Vraag {str(question_id)[:10]} hoort niet bij deze workshop.")


def notes(store: Store, workshop_id: int) -> dict[str, str]:
    """The facilitator's notes by question (questions without one are left out). For the facilitator's
    page only: the griffier's or PIN holder's access is checked there."""
    rows = store.db.execute(
        "SELECT question_id, note FROM workshop_questions WHERE workshop_id = ? AND note != ''", [workshop_id]
    ).fetchall()
    return {qid: printable(note) for qid, note in rows}


def set_vote_options(
    store: Store, workshop_id: int, pin: str, proposal_ids: list[str], max_votes: int
) -> None:
    """The proposals participants choose from, and how many dots each gets. Fixed once someone voted."""
    chosen = list(dict.fromkeys(str(p) for p in proposal_ids or []))
    known = {p.id for p in question_bank().proposals}
    if unknown := [p for p in chosen if not PROPOSAL_ID.match(p) or p not in known]:
        raise WorkshopError(f"Voorstel '{unknown[0][:10]}' bestaat niet.")
    if len(chosen) < 2:
        raise WorkshopError("Kies minstens twee voorstellen om over te stemmen.")
    if (
        isinstance(max_votes, bool)
        or not isinstance(max_votes, int)
        or not 1 <= max_votes <= min(5, len(chosen))
    ):
        raise WorkshopError(f"Geef iedereen 1 tot {min(5, len(chosen))} stippen.")
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        voted = db.execute(
            "SELECT 1 FROM workshop_votes v JOIN workshop_participants p ON p.id = v.participant_id "
            "WHERE p.workshop_id = ? LIMIT 1",
            [workshop_id],
        ).fetchone()
        if voted:
            raise WorkshopError("Er is al gestemd: de keuzelijst ligt nu vast.")
        db.execute(
            "UPDATE workshops SET vote_options = ?, max_votes = ? WHERE id = ?",
            [json.dumps(chosen), max_votes, workshop_id],
        )
        _touch(db, workshop_id)


def add_to_round(store: Store, workshop_id: int, pin: str) -> int:
    """Add the workshop's scale answers to its round as respondents of the role "workshop". Once only.
    Open answers stay with the workshop (see agenda_inputs)."""
    from scan.content.models import WORKSHOP_ROLE, RespondentKind

    stamp = now()
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)
        ws = _one(db, "id = ?", [workshop_id], "Deze workshop bestaat niet.")
        require_open(db, ws.round_id, "De scanronde is gesloten; er kan niets meer bij.")
        # claimed inside the transaction: a second click at the same moment cannot add them twice
        claimed = db.execute(
            "UPDATE workshops SET added_to_round = 1 WHERE id = ? AND added_to_round = 0", [workshop_id]
        ).rowcount
        if not claimed:
            raise WorkshopError("De antwoorden van deze workshop zijn al toegevoegd aan de ronde.")
        # read inside the same transaction: an answer stored a moment earlier is included
        rows = db.execute(
            """
            SELECT p.id, a.question_id, a.value, a.dont_know FROM workshop_participants p
            JOIN workshop_answers a ON a.participant_id = p.id WHERE p.workshop_id = ? ORDER BY p.id
            """,
            [workshop_id],
        ).fetchall()
        by_participant: dict[int, list[tuple]] = {}
        for pid, qid, value, dk in rows:
            by_participant.setdefault(pid, []).append((qid, value, dk))
        for answers in by_participant.values():
            rid = inserted_id(
                db.execute(
                    "INSERT INTO respondents (round_id, role, kind, created_at) VALUES (?, ?, ?, ?)",
                    [ws.round_id, WORKSHOP_ROLE, RespondentKind.WORKSHOP.value, stamp],
                )
            )
            db.conn.executemany(
                "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at, "
                "question_version) VALUES (?, ?, ?, ?, '', ?, ?)",
                [(rid, q, v, dk, stamp, question_bank().question(q).version) for q, v, dk in answers],
            )
    return len(by_participant)

"""What a participant's phone does: join, answer, vote, send an open answer.

Each action exists as an *operation*: a function of an open write transaction. A server that
receives many answers at once runs a whole batch of operations in one transaction (``run_batch``),
each in its own savepoint, so one refused answer never undoes another and a thousand phones cost
one commit per batch instead of one each. The plain functions (``join``, ``answer``, ``vote``, ...)
run a single operation and raise its refusal.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlite_utils import Database

from scan.base.errors import InvalidAnswer, ScanError
from scan.base.formatting import nl_count
from scan.base.text import clean_input
from scan.content.questionbank import question_bank
from scan.records.workshop.core import (
    Workshop,
    WorkshopError,
    _hash,
    _touch,
    by_join_code,
    facilitator_in,
    get,
    is_open_question,
)
from scan.rules.answer_words import DONT_KNOW
from scan.rules.scoring import check_answer
from scan.storage.core import Store, now

MAX_OPEN_ANSWER = 280

Operation = Callable[[Any], Any]  # runs inside a write transaction (a sqlite_utils.Database)


def run_batch(store: Store, operations: Sequence[Operation]) -> list[Any]:
    """Run operations in one transaction; each result is its return value or its ScanError (a
    refused operation is rolled back to its savepoint, the others stay)."""
    results: list[Any] = []
    with store.write() as db:
        for operation in operations:
            db.execute("SAVEPOINT op")
            try:
                results.append(operation(db))
            except ScanError as exc:
                db.execute("ROLLBACK TO op")
                results.append(exc)
            db.execute("RELEASE op")
    return results


def _single(store: Store, operation: Operation) -> Any:
    (result,) = run_batch(store, [operation])
    if isinstance(result, ScanError):
        raise result
    return result


def _participant_in(db: Database, workshop_id: int, token: object) -> int:
    row = db.execute(
        "SELECT id FROM workshop_participants WHERE token_hash = ? AND workshop_id = ?",
        [_hash(str(token or "")), workshop_id],
    ).fetchone()
    if row is None:
        raise WorkshopError(
            "U bent nog niet aangemeld bij deze workshop. Scan de QR-code of vul de code opnieuw in."
        )
    return row[0]


def _status_in(db: Database, workshop_id: int, question_id: str) -> str | None:
    """A question's status as an answer sees it inside its write: one whose countdown ran out is
    closed, also in the moment before the hub or a page has closed it (core.close_expired)."""
    row = db.execute(
        "SELECT status, ends_at FROM workshop_questions WHERE workshop_id = ? AND question_id = ?",
        [workshop_id, question_id],
    ).fetchone()
    if row is None:
        return None
    if row[0] == "open" and row[1] is not None and row[1] <= time.time():
        return "closed"
    return row[0]


# --- join ------------------------------------------------------------------------------------------


JOINING_CLOSED_WHY = (
    "De begeleider heeft deze workshop dichtgezet voor nieuwe deelnemers. "
    "Hoort u erbij? Vraag de begeleider om het aanmelden even open te zetten."
)
JOINING_CLOSED = f"Aanmelden is gesloten. {JOINING_CLOSED_WHY}"
ENDED_FOR_NEWCOMERS = (
    "Deze workshop is afgelopen: meedoen kan niet meer. De gemeente deelt de uitkomsten later."
)


def join_op(workshop_id: int) -> Operation:
    """A new anonymous participant; returns the token that is their only proof (only its hash is kept).
    Refused once the workshop ended or the facilitator closed it to new joins (checked here, inside
    the write, so a join that waited for the lock sees a lock set meanwhile)."""

    def run(db: Database) -> str:
        row = db.execute("SELECT phase, joins_locked FROM workshops WHERE id = ?", [workshop_id]).fetchone()
        if row is None:
            raise WorkshopError("Deze workshop bestaat niet.")
        if row[0] == "ended":
            raise WorkshopError(ENDED_FOR_NEWCOMERS)
        if row[1]:
            raise WorkshopError(JOINING_CLOSED)
        token = secrets.token_urlsafe(18)
        db.execute(
            "INSERT INTO workshop_participants (workshop_id, token_hash, created_at) VALUES (?, ?, ?)",
            [workshop_id, _hash(token), now()],
        )
        return token

    return run


def set_joining(store: Store, workshop_id: int, pin: str, open_: bool) -> None:
    """The facilitator closes the room to new participants once everyone is in (``open_`` False),
    or opens it again for someone who comes late. Phones that joined keep answering either way."""
    with store.write() as db:
        facilitator_in(db, workshop_id, pin)  # decided on what this write sees
        db.execute("UPDATE workshops SET joins_locked = ? WHERE id = ?", [int(not open_), workshop_id])
        _touch(db, workshop_id)


def joining_open(store: Store, workshop_id: int) -> bool:
    row = store.db.execute("SELECT joins_locked FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    return row is not None and not row[0]


def join(store: Store, code: str):
    """Join by the room's code: (workshop, token)."""
    ws = by_join_code(store, code)
    return ws, _single(store, join_op(ws.id))


def joined_room(store: Store, token: object) -> Workshop | None:
    """The workshop this participant token belongs to, or None for an unknown token."""
    text = str(token or "")
    if not 8 <= len(text) <= 64:
        return None
    row = store.db.execute(
        "SELECT workshop_id FROM workshop_participants WHERE token_hash = ?", [_hash(text)]
    ).fetchone()
    return None if row is None else get(store, row[0])


def participant(store: Store, workshop_id: int, token: str) -> int:
    return _participant_in(store.db, workshop_id, token)


# --- scale answers ---------------------------------------------------------------------------------


def _check_value(question_id: str, value: object, dont_know: bool) -> None:
    question = question_bank().find_question(question_id)
    if question is None:
        raise WorkshopError(f"Vraag {str(question_id)[:10]} hoort niet bij deze workshop.")
    if value is None and not dont_know:
        raise InvalidAnswer("Kies een antwoord.")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InvalidAnswer(f"'{str(value)[:10]}' is geen geldig antwoord op vraag {question_id}.")
    check_answer(question, question_id, value, dont_know)


def answer_op(workshop_id: int, token: object, question_id: str, value: int | None, dont_know: bool = False):
    """Store or change an answer while the question is open; refused once it is closed."""

    def run(db: Database) -> None:
        pid = _participant_in(db, workshop_id, token)
        status = _status_in(db, workshop_id, question_id)
        if status is None or is_open_question(question_id):
            raise WorkshopError(f"Vraag {str(question_id)[:10]} hoort niet bij deze workshop.")
        _check_value(question_id, value, dont_know)
        if status != "open":
            raise WorkshopError("Deze vraag is gesloten; uw antwoord is niet meer bewaard.")
        db.execute(
            "INSERT INTO workshop_answers (participant_id, question_id, value, dont_know, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (participant_id, question_id) DO UPDATE SET "
            "value = excluded.value, dont_know = excluded.dont_know, updated_at = excluded.updated_at",
            [pid, question_id, None if dont_know else value, int(bool(dont_know)), now()],
        )

    return run


def answer(
    store: Store, workshop_id: int, token: str, question_id: str, value: int | None, dont_know: bool = False
) -> None:
    _single(store, answer_op(workshop_id, token, question_id, value, dont_know))


def mine(store: Store, workshop_id: int, token: str) -> dict:
    """Everything this participant gave, for their phone after a reload or reconnect:
    {"antwoorden": {qid: value or "weet_niet"}, "stemmen": [...], "open": {qid: [texts]},
    "vragen": [their questions from the room], "steun": [ids of questions they upvoted]}."""
    from scan.records.workshop.qa import mine_in  # qa builds on this module

    pid = participant(store, workshop_id, token)
    db = store.db
    answers = {
        qid: DONT_KNOW if dk else value
        for qid, value, dk in db.execute(
            "SELECT question_id, value, dont_know FROM workshop_answers WHERE participant_id = ?", [pid]
        ).fetchall()
    }
    votes = [
        r[0] for r in db.execute("SELECT proposal_id FROM workshop_votes WHERE participant_id = ?", [pid])
    ]
    texts: dict[str, list[str]] = {}
    for qid, text in db.execute(
        "SELECT question_id, text FROM workshop_open_answers WHERE participant_id = ? ORDER BY id", [pid]
    ).fetchall():
        texts.setdefault(qid, []).append(text)
    return {"antwoorden": answers, "stemmen": votes, "open": texts} | mine_in(db, pid)


# --- dot-vote ----------------------------------------------------------------------------------------


def vote_op(workshop_id: int, token: object, proposal_ids: object) -> Operation:
    """Replace this participant's dots with proposals from the facilitator's list (at most max_votes)."""

    def run(db: Database) -> None:
        from scan.records.workshop.core import _SELECT, _from_rows

        pid = _participant_in(db, workshop_id, token)
        if not isinstance(proposal_ids, list | tuple) or not all(isinstance(p, str) for p in proposal_ids):
            raise WorkshopError("Kies voorstellen uit de lijst.")
        chosen = list(dict.fromkeys(proposal_ids))
        (ws,) = _from_rows(db, db.execute(f"{_SELECT} WHERE id = ?", [workshop_id]).fetchall())
        if len(chosen) > ws.max_votes:
            raise WorkshopError(
                f"U kunt hoogstens {nl_count(ws.max_votes, 'voorstel', 'voorstellen')} kiezen."
            )
        allowed = set(ws.choice_list())
        if outside := [p for p in chosen if p not in allowed]:
            raise WorkshopError(f"Voorstel '{outside[0][:10]}' staat niet op de lijst van deze stemming.")
        # the phase decides whether a vote counts: checked where the vote is written
        if ws.phase != "voting":
            raise WorkshopError("Stemmen kan nu niet; wacht tot de begeleider de stemming opent.")
        db.execute("DELETE FROM workshop_votes WHERE participant_id = ?", [pid])
        stamp = now()
        db.conn.executemany(
            "INSERT INTO workshop_votes (participant_id, proposal_id, created_at) VALUES (?, ?, ?)",
            [(pid, p, stamp) for p in chosen],
        )

    return run


def vote(store: Store, workshop_id: int, token: str, proposal_ids: list[str]) -> None:
    _single(store, vote_op(workshop_id, token, proposal_ids))


# --- open answers --------------------------------------------------------------------------------


def open_answer_op(workshop_id: int, token: object, question_id: str, text: object) -> Operation:
    """Send a short answer to an open question. It waits for the facilitator's approval before
    anyone else sees it."""

    def run(db: Database) -> None:
        pid = _participant_in(db, workshop_id, token)
        cleaned = " ".join(clean_input(str(text or ""), "Uw antwoord").split())
        if not cleaned:
            raise InvalidAnswer("Schrijf eerst uw antwoord.")
        if len(cleaned) > MAX_OPEN_ANSWER:
            raise InvalidAnswer(f"Uw antwoord is te lang: hoogstens {MAX_OPEN_ANSWER} tekens.")
        status = _status_in(db, workshop_id, question_id)
        if status is None or not is_open_question(str(question_id)):
            raise WorkshopError("Deze open vraag hoort niet bij deze workshop.")
        if status != "open":
            raise WorkshopError("Deze vraag is gesloten; uw antwoord is niet meer bewaard.")
        # the facilitator's limit as this write sees it: one lowered a moment ago counts
        limit = db.execute(
            "SELECT max_answers FROM workshop_open_questions WHERE workshop_id = ? AND question_id = ?",
            [workshop_id, question_id],
        ).fetchone()[0]
        sent = db.execute(
            "SELECT COUNT(*) FROM workshop_open_answers WHERE participant_id = ? AND question_id = ?",
            [pid, question_id],
        ).fetchone()[0]
        if sent >= limit:
            raise WorkshopError(
                f"U heeft al {nl_count(limit, 'antwoord', 'antwoorden')} gegeven op deze vraag; "
                "meer kan niet."
            )
        db.execute(
            "INSERT INTO workshop_open_answers (participant_id, question_id, text, status, for_agenda, created_at) "
            "VALUES (?, ?, ?, 'nieuw', 0, ?)",
            [pid, question_id, cleaned, now()],
        )

    return run


def open_answer(store: Store, workshop_id: int, token: str, question_id: str, text: str) -> None:
    _single(store, open_answer_op(workshop_id, token, question_id, text))

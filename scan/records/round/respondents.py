"""Invited respondents: role codes, anonymous answering, response overview, closing a round.

A code belongs to one round and one role; everybody with the code answers anonymously as
a new respondent. Only hashes of codes and of respondents' resume tokens are stored, and
no name or e-mail address: a respondent is a role and a random token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from scan.base.errors import ScanError
from scan.content.models import ROLE_LABELS, RespondentKind
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.records.round.rounds import Round, require_open
from scan.rules.scoring import Answer
from scan.rules.voices import Respondent as VoiceRespondent
from scan.storage.core import Store, inserted_id, now

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from a slide
CODE_LENGTH = 12
TOKEN_BYTES = 24


class InvalidCode(ScanError):
    """A code that does not (or no longer) give access."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass(frozen=True)
class Invite:
    id: int
    round_id: int
    role: str
    created_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class Respondent:
    id: int
    round_id: int
    role: str
    finished: bool


def create_invite(store: Store, round_id: int, role: str) -> tuple[Invite, str]:
    """A new code for one role; the code itself is returned once and only its hash is stored."""
    if role not in ROLE_LABELS:
        raise ScanError(f"Onbekende rol '{role}'.")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    stamp = now()
    with store.write() as db:
        require_open(db, round_id, "Deze scanronde is gesloten; er kunnen geen deelnemers meer bij.")
        invite_id = inserted_id(
            db.execute(
                "INSERT INTO invites (round_id, role, code_hash, created_at) VALUES (?, ?, ?, ?)",
                [round_id, role, _hash(code), stamp],
            )
        )
    return Invite(invite_id, round_id, role, stamp, None), code


def invites_for(store: Store, round_id: int) -> list[Invite]:
    rows = store.db.execute(
        "SELECT id, round_id, role, created_at, revoked_at FROM invites WHERE round_id = ? ORDER BY id",
        [round_id],
    ).fetchall()
    return [Invite(*row) for row in rows]


def revoke_invite(store: Store, round_id: int, invite_id: int) -> None:
    with store.write() as db:
        db.execute(
            "UPDATE invites SET revoked_at = ? WHERE id = ? AND round_id = ? AND revoked_at IS NULL",
            [now(), invite_id, round_id],
        )


def open_code(store: Store, code: str) -> tuple[Invite, Round]:
    """The invite and round behind a code, or a clear refusal."""
    return _open_code(store.db, code)


def _open_code(db: Database, code: str) -> tuple[Invite, Round]:
    """``open_code`` on a connection: inside a write, it decides on what that write sees."""
    cleaned = normalise_code(code or "")
    row = db.execute(
        "SELECT id, round_id, role, created_at, revoked_at FROM invites WHERE code_hash = ?", [_hash(cleaned)]
    ).fetchone()
    if len(cleaned) != CODE_LENGTH or row is None:
        raise InvalidCode("Deze code kennen we niet. Controleer de code of vraag de griffie om een nieuwe.")
    inv = Invite(*row)
    if inv.revoked_at:
        raise InvalidCode("Deze code is ingetrokken door de griffie en werkt niet meer.")
    rnd = rounds.read(db, inv.round_id)
    if not rnd.is_open:
        raise InvalidCode("Deze scan is gesloten. Bedankt voor uw belangstelling.")
    return inv, rnd


def join(store: Store, code: str) -> tuple[Respondent, str]:
    """A new anonymous respondent for this code; returns it with its resume token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.write() as db:
        inv, rnd = _open_code(db, code)  # in the write: a code revoked or a round closed just now counts
        rid = inserted_id(
            db.execute(
                "INSERT INTO respondents (round_id, role, kind, invite_id, token_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [rnd.id, inv.role, RespondentKind.INVITED.value, inv.id, _hash(token), now()],
            )
        )
    return Respondent(rid, rnd.id, inv.role, False), token


def resume(store: Store, code: str, token: str) -> Respondent:
    """The respondent behind a code and token (after a browser refresh), checked against the code."""
    return _resume(store.db, code, token)


def _resume(db: Database, code: str, token: str) -> Respondent:
    inv, _ = _open_code(db, code)
    row = db.execute(
        "SELECT id, round_id, role, finished_at FROM respondents WHERE token_hash = ? AND invite_id = ?",
        [_hash(token or ""), inv.id],
    ).fetchone()
    if row is None:
        raise InvalidCode("Deze link hoort niet bij deze code. Open de link uit de uitnodiging opnieuw.")
    return Respondent(row[0], row[1], row[2], row[3] is not None)


def answer(
    store: Store, code: str, token: str, question_id: str, value: int | None, dont_know: bool = False
) -> Answer:
    """Store one answer of an invited respondent; refuses questions not meant for the role. The store's
    write checks again inside its transaction that the code still works and the round is open."""
    respondent = resume(store, code, token)
    return answer_store.save(
        store, respondent.round_id, question_id, value, dont_know=dont_know, respondent_id=respondent.id
    )


def finish(store: Store, code: str, token: str) -> None:
    """Send the answers: from now on they count, and they are final."""
    with store.write() as db:
        respondent = _resume(db, code, token)
        db.execute(
            "UPDATE respondents SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            [now(), respondent.id],
        )


@dataclass(frozen=True)
class RoleResponse:
    role: str
    started: int
    finished: int
    active_codes: int


def response_overview(store: Store, round_id: int) -> list[RoleResponse]:
    """Per role: respondents who started (gave any answer) and finished."""
    rows = store.db.execute(
        """
        SELECT p.role,
               COUNT(DISTINCT CASE WHEN a.respondent_id IS NOT NULL THEN p.id END),
               COUNT(DISTINCT CASE WHEN p.finished_at IS NOT NULL THEN p.id END)
        FROM respondents p LEFT JOIN answers a ON a.respondent_id = p.id
        WHERE p.round_id = ? AND p.kind = 'invited'
        GROUP BY p.role
        """,
        [round_id],
    ).fetchall()
    counts = {role: (started, finished) for role, started, finished in rows}
    codes = store.db.execute(
        "SELECT role, COUNT(*) FROM invites WHERE round_id = ? AND revoked_at IS NULL GROUP BY role",
        [round_id],
    ).fetchall()
    active = dict(codes)
    return [
        RoleResponse(role, *counts.get(role, (0, 0)), active.get(role, 0))
        for role in ROLE_LABELS
        if role in counts or role in active
    ]


def counted(store: Store, round_id: int) -> list[VoiceRespondent]:
    """The respondents whose answers count in the role results: invited respondents who pressed
    "Klaar" (final from then on) and workshop participants added to the round. One query."""
    rows = store.db.execute(
        """
        SELECT p.id, p.role, a.question_id, a.value, a.dont_know, a.question_version
        FROM respondents p JOIN answers a ON a.respondent_id = p.id
        WHERE p.round_id = ? AND (
            (p.kind = 'invited' AND p.finished_at IS NOT NULL) OR p.kind = 'workshop'
        )
        ORDER BY p.id
        """,
        [round_id],
    ).fetchall()
    found: dict[int, tuple[str, dict[str, Answer]]] = {}
    for rid, role, qid, value, dont_know, version in rows:
        found.setdefault(rid, (role, {}))[1][qid] = Answer(qid, value, bool(dont_know), version=version)
    return [VoiceRespondent(rid, role, answers) for rid, (role, answers) in found.items()]

"""Invited respondents: role codes, personal codes, anonymous answering, response overview,
expected sizes per role, closing a round.

A code belongs to one round and one role. With a shared role code everybody who has it answers
anonymously as a new respondent. A personal code (one per invitee) makes one respondent at most:
whoever starts with it continues with the resume token in the link (as with a role code); a second
start with the same code is refused. The code alone never reopens someone's answers: the griffier
who holds the list of codes (to mail them) cannot read what a named invitee answered.
Only hashes of codes and of respondents' resume tokens are stored, and no name or e-mail address:
a respondent is a role and a random token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlite_utils import Database

from scan.base.errors import ScanError
from scan.base.formatting import nl_number
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
MAX_PERSONAL = 500  # personal codes made at once: a council, a panel of residents
MAX_EXPECTED = 1_000_000
USED = (
    "Deze persoonlijke code is al gebruikt. Een persoonlijke code werkt één keer. Begon u zelf al? "
    "Ga dan verder met de link in de browser waarin u begon. Lukt dat niet? Vraag de griffie om een nieuwe code."
)


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
    personal: bool = False  # one invitee's code: one respondent at most
    used: bool = False  # someone started with it (matters for a personal code)


_INVITE_COLUMNS = (
    "id, round_id, role, created_at, revoked_at, personal, "
    "EXISTS (SELECT 1 FROM respondents WHERE invite_id = invites.id)"
)


def _invite(row: tuple) -> Invite:
    iid, round_id, role, created, revoked, personal, used = row
    return Invite(iid, round_id, role, created, revoked, bool(personal), bool(used))


@dataclass(frozen=True)
class Respondent:
    id: int
    round_id: int
    role: str
    finished: bool


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def create_invite(store: Store, round_id: int, role: str) -> tuple[Invite, str]:
    """A new shared code for one role; the code itself is returned once and only its hash is stored."""
    if role not in ROLE_LABELS:
        raise ScanError(f"Onbekende rol '{role}'.")
    code = _new_code()
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


def create_personal_invites(store: Store, round_id: int, role: str, count: object) -> list[str]:
    """``count`` personal codes for one role, one per invitee, made in one step; the codes are returned
    once and only their hashes are stored. Refused, making none, for a bad count or a closed round."""
    if role not in ROLE_LABELS:
        raise ScanError(f"Onbekende rol '{role}'.")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_PERSONAL:
        raise ScanError(f"Kies een aantal persoonlijke codes van 1 tot en met {MAX_PERSONAL}.")
    codes = [_new_code() for _ in range(count)]
    stamp = now()
    with store.write() as db:
        require_open(db, round_id, "Deze scanronde is gesloten; er kunnen geen deelnemers meer bij.")
        db.conn.executemany(
            "INSERT INTO invites (round_id, role, code_hash, created_at, personal) VALUES (?, ?, ?, ?, 1)",
            [(round_id, role, _hash(code), stamp) for code in codes],
        )
    return codes


def invites_for(store: Store, round_id: int) -> list[Invite]:
    rows = store.db.execute(
        f"SELECT {_INVITE_COLUMNS} FROM invites WHERE round_id = ? ORDER BY id", [round_id]
    ).fetchall()
    return [_invite(row) for row in rows]


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
        f"SELECT {_INVITE_COLUMNS} FROM invites WHERE code_hash = ?", [_hash(cleaned)]
    ).fetchone()
    if len(cleaned) != CODE_LENGTH or row is None:
        raise InvalidCode("Deze code kennen we niet. Controleer de code of vraag de griffie om een nieuwe.")
    inv = _invite(row)
    if inv.revoked_at:
        raise InvalidCode("Deze code is ingetrokken door de griffie en werkt niet meer.")
    rnd = rounds.read(db, inv.round_id)
    if not rnd.is_open:
        raise InvalidCode("Deze scan is gesloten. Bedankt voor uw belangstelling.")
    if closed := rounds.respondents_closed(rnd.respond_until):
        raise InvalidCode(closed)
    return inv, rnd


def join(store: Store, code: str) -> tuple[Respondent, str]:
    """A new anonymous respondent for this code; returns it with its resume token. A personal code that
    someone already started with is refused (a second start would count one invitee twice)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.write() as db:
        # in the write: a code revoked, a round closed or a personal code used just now counts
        inv, rnd = _open_code(db, code)
        if inv.personal and inv.used:
            raise InvalidCode(USED)
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


NOTHING_TO_SEND = (
    "U heeft nog geen enkele vraag beantwoord. Beantwoord er eerst minstens één; daarna kunt u versturen."
)


def finish(store: Store, code: str, token: str) -> None:
    """Send the answers: from now on they count, and they are final. Refused without a single answer
    (checked in the same transaction): an empty sending would count as taking part in the response
    figures while adding nothing to any figure."""
    with store.write() as db:
        respondent = _resume(db, code, token)
        answered = db.execute(
            "SELECT 1 FROM answers WHERE respondent_id = ? AND (value IS NOT NULL OR dont_know = 1) LIMIT 1",
            [respondent.id],
        ).fetchone()
        if answered is None and not respondent.finished:
            raise ScanError(NOTHING_TO_SEND)
        db.execute(
            "UPDATE respondents SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            [now(), respondent.id],
        )


@dataclass(frozen=True)
class RoleResponse:
    role: str
    started: int
    finished: int
    active_codes: int  # shared and personal codes that still work
    personal_codes: int = 0  # personal codes made (also revoked ones: each was one invitee)
    personal_used: int = 0  # of those, the ones someone started with


def response_overview(store: Store, round_id: int) -> list[RoleResponse]:
    """Per role: respondents who started (gave any answer) and finished, and the codes. Finished counts
    only who sent at least one answer: ``finish`` refuses an empty sending, and one sent before that rule
    (an older database) does not count either."""
    rows = store.db.execute(
        """
        SELECT p.role,
               COUNT(DISTINCT CASE WHEN a.respondent_id IS NOT NULL THEN p.id END),
               COUNT(DISTINCT CASE WHEN p.finished_at IS NOT NULL
                                    AND (a.value IS NOT NULL OR a.dont_know = 1) THEN p.id END)
        FROM respondents p LEFT JOIN answers a ON a.respondent_id = p.id
        WHERE p.round_id = ? AND p.kind = 'invited'
        GROUP BY p.role
        """,
        [round_id],
    ).fetchall()
    counts = {role: (started, finished) for role, started, finished in rows}
    codes = store.db.execute(
        """
        SELECT role, COUNT(CASE WHEN revoked_at IS NULL THEN 1 END), COUNT(CASE WHEN personal = 1 THEN 1 END),
               COUNT(CASE WHEN personal = 1
                     AND EXISTS (SELECT 1 FROM respondents p WHERE p.invite_id = invites.id) THEN 1 END)
        FROM invites WHERE round_id = ? GROUP BY role
        """,
        [round_id],
    ).fetchall()
    made = {role: (active, personal, used) for role, active, personal, used in codes}
    return [
        RoleResponse(role, *counts.get(role, (0, 0)), *made.get(role, (0, 0, 0)))
        for role in ROLE_LABELS
        if role in counts or role in made
    ]


def set_expected(store: Store, round_id: int, role: str, expected: object) -> None:
    """How many people the griffier expects to answer for a role (None: not said). Refused, changing
    nothing, for an unknown role, a number below 1 or a closed round."""
    if role not in ROLE_LABELS:
        raise ScanError(f"Onbekende rol '{role}'.")
    if expected is not None and (
        isinstance(expected, bool) or not isinstance(expected, int) or not 1 <= expected <= MAX_EXPECTED
    ):
        raise ScanError(f"Vul een heel aantal in van 1 tot en met {nl_number(MAX_EXPECTED)}.")
    with store.write() as db:
        require_open(db, round_id, "Deze scanronde is gesloten; de verwachte aantallen liggen vast.")
        if expected is None:
            db.execute("DELETE FROM role_sizes WHERE round_id = ? AND role = ?", [round_id, role])
        else:
            db.execute(
                "INSERT INTO role_sizes (round_id, role, expected) VALUES (?, ?, ?) "
                "ON CONFLICT (round_id, role) DO UPDATE SET expected = excluded.expected",
                [round_id, role, expected],
            )


def expected_sizes(store: Store, round_id: int) -> dict[str, int]:
    """The sizes the griffier typed, per role."""
    rows = store.db.execute("SELECT role, expected FROM role_sizes WHERE round_id = ?", [round_id]).fetchall()
    return dict(rows)


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

"""Live workshops: a facilitator runs questions in a room, participants answer on their phones.

Answers are hidden until the facilitator reveals them (against group-think), can be changed
until the question closes, and are refused afterwards. The session ends with dot-voting:
each participant picks at most three proposals. Facilitator actions need the facilitator
secret; the join code only lets people answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from scan.benchmark import MIN_N
from scan.errors import InvalidAnswer, ScanError
from scan.models import WORKSHOP_ROLE, RespondentKind
from scan.questionbank import QuestionBank, question_bank
from scan.rounds import require_open
from scan.scoring import check_answer
from scan.storage import Store

JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_LENGTH = 10
MAX_VOTES = 3
STATUSES = ("hidden", "open", "closed", "revealed")


class WorkshopError(ScanError):
    """A workshop action that is not allowed now (closed question, wrong code or secret, ...)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def short_set(bank: QuestionBank) -> list[str]:
    """One question per priority: the first question of its basic ("a") proposal."""
    return [bank.proposal(f"{p.id}a").questions[0] for p in bank.core_priorities]


@dataclass(frozen=True)
class Workshop:
    id: int
    round_id: int
    join_code: str
    title: str
    question_ids: tuple[str, ...]
    current: int
    phase: str
    added_to_round: bool

    @property
    def current_question(self) -> str | None:
        if self.phase != "questions" or not self.question_ids:
            return None
        return self.question_ids[self.current]


def create(store: Store, round_id: int, question_ids: list[str], title: str = "") -> tuple[Workshop, str]:
    """A workshop with its join code; returns the facilitator secret once (only its hash is kept)."""
    if not question_ids:
        raise WorkshopError("Kies minstens één vraag voor de workshop.")
    unknown = [q for q in question_ids if question_bank().question(q) is None]
    if unknown:
        raise WorkshopError(f"Vraag '{unknown[0]}' bestaat niet.")
    if len(set(question_ids)) != len(question_ids):
        raise WorkshopError("Elke vraag mag maar één keer in de workshop staan.")
    secret = secrets.token_urlsafe(12)
    with store.write() as db:
        require_open(db, round_id, "Deze scanronde is gesloten; start de workshop in een open ronde.")
        for _ in range(10):  # a clash of random join codes is astronomically rare; retry anyway
            code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))
            if not db.execute("SELECT 1 FROM workshops WHERE join_code = ?", [code]).fetchone():
                break
        workshop_id = (
            db["workshops"]
            .insert(
                {
                    "round_id": round_id,
                    "join_code": code,
                    "facilitator_hash": _hash(secret),
                    "title": title.strip()[:200],
                    "question_ids": json.dumps(question_ids),
                    "current": 0,
                    "phase": "questions",
                    "added_to_round": 0,
                    "created_at": _now(),
                }
            )
            .last_pk
        )
        db["workshop_questions"].insert_all(
            [{"workshop_id": workshop_id, "question_id": q, "status": "hidden"} for q in question_ids]
        )
    return get(store, workshop_id), secret


_SELECT = "SELECT id, round_id, join_code, title, question_ids, current, phase, added_to_round FROM workshops"


def _from_row(row: tuple) -> Workshop:
    return Workshop(
        row[0], row[1], row[2], row[3] or "", tuple(json.loads(row[4])), row[5], row[6], bool(row[7])
    )


def get(store: Store, workshop_id: int) -> Workshop:
    row = store.db.execute(f"{_SELECT} WHERE id = ?", [workshop_id]).fetchone()
    if row is None:
        raise WorkshopError("Deze workshop bestaat niet.")
    return _from_row(row)


def by_join_code(store: Store, code: str) -> Workshop:
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    row = store.db.execute(f"{_SELECT} WHERE join_code = ?", [cleaned]).fetchone()
    if row is None:
        raise WorkshopError("Deze workshopcode kennen we niet. Kijk nog eens naar het scherm voorin de zaal.")
    return _from_row(row)


def for_round(store: Store, round_id: int) -> list[Workshop]:
    rows = store.db.execute(f"{_SELECT} WHERE round_id = ? ORDER BY id", [round_id]).fetchall()
    return [_from_row(r) for r in rows]


def check_facilitator(store: Store, workshop_id: int, secret: str) -> None:
    row = store.db.execute("SELECT facilitator_hash FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    if row is None or not hmac.compare_digest(row[0], _hash(secret or "")):
        raise WorkshopError(
            "Alleen de begeleider van de workshop kan dit doen (verkeerde of ontbrekende pincode)."
        )


def statuses(store: Store, workshop_id: int) -> dict[str, str]:
    rows = store.db.execute(
        "SELECT question_id, status FROM workshop_questions WHERE workshop_id = ?", [workshop_id]
    ).fetchall()
    return dict(rows)


# --- facilitator actions (each checks the secret) ---


def set_status(store: Store, workshop_id: int, secret: str, question_id: str, status: str) -> None:
    check_facilitator(store, workshop_id, secret)
    if status not in STATUSES:
        raise WorkshopError(f"Onbekende stand '{status}'.")
    ws = get(store, workshop_id)
    if question_id not in ws.question_ids:
        raise WorkshopError(f"Vraag {question_id} hoort niet bij deze workshop.")
    with store.write() as db:
        db.execute(
            "UPDATE workshop_questions SET status = ? WHERE workshop_id = ? AND question_id = ?",
            [status, workshop_id, question_id],
        )


def go_to(store: Store, workshop_id: int, secret: str, index: int) -> None:
    check_facilitator(store, workshop_id, secret)
    ws = get(store, workshop_id)
    if not 0 <= index < len(ws.question_ids):
        raise WorkshopError("Er is geen vraag op die plek.")
    with store.write() as db:
        db.execute("UPDATE workshops SET current = ?, phase = 'questions' WHERE id = ?", [index, workshop_id])


def set_phase(store: Store, workshop_id: int, secret: str, phase: str) -> None:
    check_facilitator(store, workshop_id, secret)
    if phase not in ("questions", "voting", "ended"):
        raise WorkshopError(f"Onbekende fase '{phase}'.")
    with store.write() as db:
        if phase != "questions":
            db.execute(
                "UPDATE workshop_questions SET status = 'closed' WHERE workshop_id = ? AND status = 'open'",
                [workshop_id],
            )
        db.execute("UPDATE workshops SET phase = ? WHERE id = ?", [phase, workshop_id])


# --- participants ---


def join(store: Store, code: str) -> tuple[Workshop, str]:
    ws = by_join_code(store, code)
    if ws.phase == "ended":
        raise WorkshopError("Deze workshop is afgelopen. Bedankt voor uw deelname!")
    token = secrets.token_urlsafe(18)
    with store.write() as db:
        db["workshop_participants"].insert(
            {"workshop_id": ws.id, "token_hash": _hash(token), "created_at": _now()}
        )
    return ws, token


def participant(store: Store, workshop_id: int, token: str) -> int:
    row = store.db.execute(
        "SELECT id FROM workshop_participants WHERE workshop_id = ? AND token_hash = ?",
        [workshop_id, _hash(token or "")],
    ).fetchone()
    if row is None:
        raise WorkshopError(
            "U bent nog niet aangemeld bij deze workshop. Scan de QR-code of vul de code opnieuw in."
        )
    return row[0]


def answer(
    store: Store, workshop_id: int, token: str, question_id: str, value: int | None, dont_know: bool = False
) -> None:
    """Store or change an answer while the question is open; refused once it is closed."""
    pid = participant(store, workshop_id, token)
    check_answer(question_bank().question(question_id), question_id, value, dont_know)
    if value is None and not dont_know:
        raise InvalidAnswer("Kies een antwoord.")
    with store.write() as db:
        row = db.execute(
            "SELECT status FROM workshop_questions WHERE workshop_id = ? AND question_id = ?",
            [workshop_id, question_id],
        ).fetchone()
        if row is None:
            raise WorkshopError(f"Vraag {question_id} hoort niet bij deze workshop.")
        if row[0] != "open":
            raise WorkshopError("Deze vraag is gesloten; uw antwoord is niet meer bewaard.")
        # plain SQL: sqlite-utils' upsert inspects the table's schema on every call (hot path: 200 phones)
        db.execute(
            "INSERT INTO workshop_answers (participant_id, question_id, value, dont_know, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (participant_id, question_id) DO UPDATE SET "
            "value = excluded.value, dont_know = excluded.dont_know, updated_at = excluded.updated_at",
            [pid, question_id, value, int(dont_know), _now()],
        )


def my_answer(store: Store, workshop_id: int, token: str, question_id: str) -> tuple[int | None, bool] | None:
    pid = participant(store, workshop_id, token)
    row = store.db.execute(
        "SELECT value, dont_know FROM workshop_answers WHERE participant_id = ? AND question_id = ?",
        [pid, question_id],
    ).fetchone()
    return (row[0], bool(row[1])) if row else None


def vote(store: Store, workshop_id: int, token: str, proposal_ids: list[str]) -> None:
    """Replace this participant's dots with up to three proposals."""
    pid = participant(store, workshop_id, token)
    chosen = list(dict.fromkeys(proposal_ids))
    if len(chosen) > MAX_VOTES:
        raise WorkshopError(f"U kunt hoogstens {MAX_VOTES} voorstellen kiezen.")
    known = {p.id for p in question_bank().proposals}
    if unknown := [p for p in chosen if p not in known]:
        raise WorkshopError(f"Voorstel '{unknown[0]}' bestaat niet.")
    with store.write() as db:
        # the phase decides whether a vote counts: checked where the vote is written
        phase = db.execute("SELECT phase FROM workshops WHERE id = ?", [workshop_id]).fetchone()
        if phase is None or phase[0] != "voting":
            raise WorkshopError("Stemmen kan nu niet; wacht tot de begeleider de stemming opent.")
        db.execute("DELETE FROM workshop_votes WHERE participant_id = ?", [pid])
        db["workshop_votes"].insert_all(
            [{"participant_id": pid, "proposal_id": p, "created_at": _now()} for p in chosen]
        )


def my_votes(store: Store, workshop_id: int, token: str) -> list[str]:
    pid = participant(store, workshop_id, token)
    rows = store.db.execute(
        "SELECT proposal_id FROM workshop_votes WHERE participant_id = ?", [pid]
    ).fetchall()
    return [r[0] for r in rows]


# --- what the projector shows ---


@dataclass(frozen=True)
class Tally:
    question_id: str
    status: str
    participants: int
    answered: int
    counts: dict[int | str, int] | None  # only after reveal; "weet_niet" for don't know


def tally(store: Store, workshop_id: int, question_id: str) -> Tally:
    """Live count always; the distribution only once the facilitator has revealed it."""
    status = statuses(store, workshop_id).get(question_id, "hidden")
    participants = store.db.execute(
        "SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = ?", [workshop_id]
    ).fetchone()[0]
    rows = store.db.execute(
        """
        SELECT a.value, a.dont_know FROM workshop_answers a
        JOIN workshop_participants p ON p.id = a.participant_id
        WHERE p.workshop_id = ? AND a.question_id = ?
        """,
        [workshop_id, question_id],
    ).fetchall()
    counts = None
    # Privacy: a distribution over fewer than five people is never shown, even after reveal.
    if status == "revealed" and len(rows) >= MIN_N:
        question = question_bank().question(question_id)
        counter = Counter("weet_niet" if dk else value for value, dk in rows)
        counts = {level: counter.get(level, 0) for level in question.scale} | {
            "weet_niet": counter.get("weet_niet", 0)
        }
    return Tally(question_id, status, participants, len(rows), counts)


def distribution_rows(question, counts: dict) -> tuple[list[str], list[int]]:
    """Labels ("2 · Besloten", ..., "Weet niet") and counts in scale order, for chart and text."""
    labels = [f"{v} · {question.scale[v].split('.')[0]}" for v in question.scale] + ["Weet niet"]
    values = [counts[v] for v in question.scale] + [counts["weet_niet"]]
    return labels, values


def voters(store: Store, workshop_id: int) -> int:
    """How many participants placed at least one dot."""
    return store.db.execute(
        """
        SELECT COUNT(DISTINCT v.participant_id) FROM workshop_votes v
        JOIN workshop_participants p ON p.id = v.participant_id WHERE p.workshop_id = ?
        """,
        [workshop_id],
    ).fetchone()[0]


def published_vote_results(store: Store, workshop_id: int) -> list[tuple[str, int]] | None:
    """The ranking, or None while fewer than five people voted (it would show individual choices)."""
    return vote_results(store, workshop_id) if voters(store, workshop_id) >= MIN_N else None


def vote_results(store: Store, workshop_id: int) -> list[tuple[str, int]]:
    """Proposals ranked by number of dots (ties by id)."""
    rows = store.db.execute(
        """
        SELECT v.proposal_id, COUNT(*) FROM workshop_votes v
        JOIN workshop_participants p ON p.id = v.participant_id
        WHERE p.workshop_id = ? GROUP BY v.proposal_id
        """,
        [workshop_id],
    ).fetchall()
    return sorted(((pid, n) for pid, n in rows), key=lambda r: (-r[1], r[0]))


def add_to_round(store: Store, workshop_id: int, secret: str) -> int:
    """Add the workshop's answers to its round as respondents of the role "workshop". Once only."""
    check_facilitator(store, workshop_id, secret)
    ws = get(store, workshop_id)
    now = _now()
    with store.write() as db:
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
            rid = db.execute(
                "INSERT INTO respondents (round_id, role, kind, created_at) VALUES (?, ?, ?, ?)",
                [ws.round_id, WORKSHOP_ROLE, RespondentKind.WORKSHOP.value, now],
            ).lastrowid
            db.conn.executemany(
                "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at) "
                "VALUES (?, ?, ?, ?, '', ?)",
                [(rid, q, v, dk, now) for q, v, dk in answers],
            )
    return len(by_participant)

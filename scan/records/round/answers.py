"""Answers and comments of a round's respondents: validated, and written with every check that
decides the write inside its transaction (round open, respondent in this round, question meant
for the role). The round's version moves by itself (schema triggers)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Final, Literal

from sqlite_utils import Database

from scan.base.errors import InvalidAnswer, ScanError
from scan.base.text import clean_input, printable
from scan.content.models import ROLE_LABELS, SELF_ROLE, WORKSHOP_ROLE, RespondentKind
from scan.content.questionbank import question_bank
from scan.records.round.rounds import require_open, respondents_closed, self_respondent
from scan.rules.answer_words import in_sentence
from scan.rules.scoring import Answer, check_answer
from scan.storage.core import Store, now

MAX_COMMENT = 2000
CLOSED = "Deze scanronde is gesloten; antwoorden kunnen niet meer worden gewijzigd."


class _Unchecked(Enum):
    UNCHECKED = "unchecked"


UNCHECKED: Final = (
    _Unchecked.UNCHECKED
)  # no expectation: a script, the CLI or demo data writes without a screen


class StaleEdit(ScanError):
    """Someone else changed it since this screen showed it; nothing was saved. ``current`` is the
    newer value, so the screen can show it."""

    def __init__(self, message: str, current: Answer) -> None:
        super().__init__(message)
        self.current = current


def _current(db: Database, respondent: int, question_id: str) -> Answer:
    row = db.execute(
        "SELECT value, dont_know, comment, question_version FROM answers WHERE respondent_id = ? AND question_id = ?",
        [respondent, question_id],
    ).fetchone()
    return (
        Answer(question_id, row[0], bool(row[1]), printable(row[2] or ""), row[3])
        if row
        else Answer(question_id)
    )


_UPSERT = (
    "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at, question_version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (respondent_id, question_id) DO UPDATE SET "
    "value = excluded.value, dont_know = excluded.dont_know, updated_at = excluded.updated_at, "
    "question_version = excluded.question_version"
)
_UPSERT_COMMENT = (  # a comment alone leaves the answer's version as it was
    "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at, question_version) "
    "VALUES (?, ?, NULL, 0, ?, ?, ?) ON CONFLICT (respondent_id, question_id) DO UPDATE SET "
    "comment = excluded.comment, updated_at = excluded.updated_at"
)


def _respondent_for(db: Database, round_id: int, respondent_id: int | None, question_id: str) -> int:
    """The respondent who answers (the self-scan by default), checked against round and role."""
    respondent = respondent_id if respondent_id is not None else self_respondent(db, round_id)
    owner = db.execute(
        "SELECT p.round_id, p.role, p.finished_at, i.revoked_at, p.kind, r.respond_until FROM respondents p "
        "LEFT JOIN invites i ON i.id = p.invite_id JOIN rounds r ON r.id = p.round_id WHERE p.id = ?",
        [respondent],
    ).fetchone()
    if owner is None or owner[0] != round_id:
        raise InvalidAnswer("Deze deelnemer hoort niet bij deze scanronde.")
    if owner[3] is not None:  # read in the answer's own write: a code revoked a moment ago stops it
        raise InvalidAnswer("Deze code is ingetrokken door de griffie en werkt niet meer.")
    if owner[4] == RespondentKind.INVITED.value and (closed := respondents_closed(owner[5])):
        raise InvalidAnswer(closed)  # the closing date, as this write sees it
    if owner[2] is not None:
        # final once sent: a changed answer would let two views of a role's figure differ by one person
        raise InvalidAnswer("U heeft uw antwoorden al verstuurd met 'Klaar'; ze kunnen niet meer veranderen.")
    if owner[1] != WORKSHOP_ROLE and owner[1] not in question_bank().question(question_id).roles:
        raise InvalidAnswer(
            f"Vraag {question_id} is niet bedoeld voor de rol {ROLE_LABELS[owner[1]].lower()}."
        )
    return respondent


def save(
    store: Store,
    round_id: int,
    question_id: str,
    value: int | None,
    *,
    dont_know: bool = False,
    respondent_id: int | None = None,
    expected: Answer | Literal[_Unchecked.UNCHECKED] = UNCHECKED,
) -> Answer:
    """Validate and store one answer at once (its comment stays); refuse without storing anything.
    ``expected``: the answer the screen showed; when someone else changed it meanwhile (two griffiers
    on one round), nothing is saved and StaleEdit says what it is now."""
    check_answer(question_bank().find_question(question_id), question_id, value, dont_know)
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        respondent = _respondent_for(db, round_id, respondent_id, question_id)
        current = _current(db, respondent, question_id)
        if expected is not UNCHECKED and (current.value, current.dont_know) != (
            expected.value,
            expected.dont_know,
        ):
            raise StaleEdit(
                f"Iemand anders heeft het antwoord op vraag {question_id} intussen veranderd in "
                f"‘{in_sentence(question_bank().question(current.question_id), current)}’. Uw keuze is niet bewaard; kies opnieuw als u hem wilt.",
                current,
            )
        # plain SQL: sqlite-utils' upsert inspects the table's schema on every call (saved on every click)
        version = question_bank().question(question_id).version  # an answer is given to today's wording
        db.execute(_UPSERT, [respondent, question_id, value, int(dont_know), "", now(), version])
        comment = db.execute(
            "SELECT comment FROM answers WHERE respondent_id = ? AND question_id = ?",
            [respondent, question_id],
        ).fetchone()[0]
    return Answer(question_id, value, dont_know, comment or "", version)


def save_comment(
    store: Store,
    round_id: int,
    question_id: str,
    comment: str,
    *,
    respondent_id: int | None = None,
    expected: str | Literal[_Unchecked.UNCHECKED] | None = UNCHECKED,
) -> Answer:
    """Change only the comment, keeping the answer as it is (one statement: nothing to lose in between).
    ``expected``: the comment the screen showed; a newer one from someone else is never overwritten."""
    if question_bank().find_question(question_id) is None:
        raise InvalidAnswer(f"Vraag '{question_id}' bestaat niet in de vragenlijst.")
    comment = clean_input(comment, "De toelichting")
    if len(comment) > MAX_COMMENT:
        raise InvalidAnswer("Een toelichting mag hoogstens 2.000 tekens hebben.")
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        respondent = _respondent_for(db, round_id, respondent_id, question_id)
        current = _current(db, respondent, question_id)
        if expected is not UNCHECKED and current.comment != (expected or "").strip():
            raise StaleEdit(
                f"Iemand anders heeft de toelichting bij vraag {question_id} intussen veranderd in: "
                f"‘{current.comment or '(leeg)'}’. Uw tekst is niet bewaard: ‘{comment.strip()}’.",
                current,
            )
        version = question_bank().question(question_id).version
        db.execute(_UPSERT_COMMENT, [respondent, question_id, comment.strip(), now(), version])
        saved = _current(db, respondent, question_id)
    return saved


def save_bulk(store: Store, round_id: int, answers: Iterable[Answer]) -> None:
    """Store many self-scan answers (with comments) in one transaction: demo data, copy forward."""
    bank = question_bank()
    answers = list(answers)
    for a in answers:
        check_answer(bank.find_question(a.question_id), a.question_id, a.value, a.dont_know)
    stamp = now()
    with store.write() as db:
        require_open(db, round_id)
        respondent = self_respondent(db, round_id)
        db.conn.executemany(
            "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at, "
            "question_version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (respondent_id, question_id) DO UPDATE "
            "SET value = excluded.value, dont_know = excluded.dont_know, comment = excluded.comment, "
            "updated_at = excluded.updated_at, question_version = excluded.question_version",
            [
                (
                    respondent,
                    a.question_id,
                    a.value,
                    int(a.dont_know),
                    a.comment,
                    stamp,
                    a.version or bank.question(a.question_id).version,
                )
                for a in answers
            ],
        )


def of(store: Store, round_id: int, respondent_id: int | None = None) -> dict[str, Answer]:
    """One respondent's answers (the self-scan by default), by question id."""
    db = store.db
    respondent = respondent_id if respondent_id is not None else self_respondent(db, round_id)
    rows = db.execute(
        "SELECT question_id, value, dont_know, comment, question_version FROM answers WHERE respondent_id = ?",
        [respondent],
    ).fetchall()
    # stored text never breaks a page or a file (control characters from before the input check)
    return {
        qid: Answer(qid, value, bool(dk), printable(comment or ""), version)
        for qid, value, dk, comment, version in rows
    }


def copy_forward(store: Store, from_round: int, to_round: int) -> int:
    """Copy the self-scan answers (and comments) of an earlier round into a new, still empty round."""
    factual = {q.id for q in question_bank().questions_for_role(SELF_ROLE)}
    with store.write() as db:
        require_open(db, to_round)
        source, target = self_respondent(db, from_round), self_respondent(db, to_round)
        if db.execute("SELECT 1 FROM answers WHERE respondent_id = ? LIMIT 1", [target]).fetchone():
            raise ScanError("De nieuwe ronde heeft al antwoorden; overnemen kan alleen in een lege ronde.")
        rows = db.execute(
            "SELECT question_id, value, dont_know, comment, question_version FROM answers WHERE respondent_id = ?",
            [source],
        ).fetchall()
        stamp = now()
        # a copied answer keeps the version it was given to: the questionnaire can say it needs a look
        copied = [
            (target, qid, v, dk, c or "", stamp, version) for qid, v, dk, c, version in rows if qid in factual
        ]
        db.conn.executemany(
            "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at, "
            "question_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            copied,
        )
    return len(copied)

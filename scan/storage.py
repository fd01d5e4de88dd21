"""SQLite storage through sqlite-utils: one file, WAL mode, numbered migrations.

Streamlit serves every browser session from its own thread, so each thread gets
its own connection (reads never wait for each other in WAL mode) and all writes in
this process go through one lock, each in a single transaction: a write either
lands whole or not at all.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlite_utils

from scan.errors import InvalidAnswer, NotFound, ScanError
from scan.models import ROLE_LABELS
from scan.questionbank import QuestionBank, question_bank
from scan.recommend import STATUS_LABELS
from scan.reference import reference
from scan.scoring import Answer, check_answer

MIN_YEAR, MAX_YEAR = 2018, 2100
SELF_ROLE = "griffie"
WORKSHOP_ROLE = "workshop"  # workshop participants added to a round: any question, shown as their own group

_WRITE_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# --- migrations -------------------------------------------------------------------------------
# Append only: a database records which steps it has and runs the missing ones in order.


def _m001_initial(db: sqlite_utils.Database) -> None:
    db["rounds"].create(
        {
            "id": int,
            "gm_code": str,
            "year": int,
            "status": str,
            "share_benchmark": int,
            "is_demo": int,
            "position": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"gm_code", "year", "status"},
        defaults={"status": "open", "share_benchmark": 0, "is_demo": 0, "position": 1},
    )
    db["rounds"].create_index(["gm_code", "year"], unique=True)
    db["respondents"].create(
        {"id": int, "round_id": int, "role": str, "kind": str, "created_at": str},
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "role", "kind"},
    )
    db["respondents"].create_index(["round_id"])
    db["answers"].create(
        {
            "respondent_id": int,
            "question_id": str,
            "value": int,
            "dont_know": int,
            "comment": str,
            "updated_at": str,
        },
        pk=("respondent_id", "question_id"),
        foreign_keys=[("respondent_id", "respondents", "id")],
        not_null={"respondent_id", "question_id"},
        defaults={"dont_know": 0, "comment": ""},
    )
    db["answers"].create_index(["question_id"])


def _m002_benchmark(db: sqlite_utils.Database) -> None:
    db["benchmark_imports"].create(
        {"sha256": str, "filename": str, "rows": int, "imported_at": str}, pk="sha256"
    )
    db["benchmark_values"].create(
        {"gm_code": str, "year": int, "item": str, "value": float, "import_sha256": str},
        pk=("gm_code", "year", "item"),
        foreign_keys=[("import_sha256", "benchmark_imports", "sha256")],
    )
    db["benchmark_values"].create_index(["year"])
    db["rounds"].create_index(["year", "share_benchmark"])


def _m003_agenda(db: sqlite_utils.Database) -> None:
    db["proposal_status"].create(
        {"round_id": int, "proposal_id": str, "status": str, "updated_at": str},
        pk=("round_id", "proposal_id"),
        foreign_keys=[("round_id", "rounds", "id")],
    )
    db["agenda_items"].create(
        {
            "round_id": int,
            "proposal_id": str,
            "goal": str,
            "owner": str,
            "timeline": str,
            "text": str,
            "updated_at": str,
        },
        pk=("round_id", "proposal_id"),
        foreign_keys=[("round_id", "rounds", "id")],
    )


def _m004_invites(db: sqlite_utils.Database) -> None:
    db["invites"].create(
        {"id": int, "round_id": int, "role": str, "code_hash": str, "created_at": str, "revoked_at": str},
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "role", "code_hash"},
    )
    db["invites"].create_index(["code_hash"], unique=True)
    db["respondents"].add_column("invite_id", int)
    db["respondents"].add_column("token_hash", str)
    db["respondents"].add_column("finished_at", str)
    db["respondents"].create_index(["token_hash"], unique=True)


def _m005_workshops(db: sqlite_utils.Database) -> None:
    db["workshops"].create(
        {
            "id": int,
            "round_id": int,
            "join_code": str,
            "facilitator_hash": str,
            "title": str,
            "question_ids": str,  # JSON list, in order
            "current": int,  # index into question_ids
            "phase": str,  # questions | voting | ended
            "added_to_round": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "join_code", "facilitator_hash"},
        defaults={"current": 0, "phase": "questions", "added_to_round": 0},
    )
    db["workshops"].create_index(["join_code"], unique=True)
    db["workshop_questions"].create(
        {"workshop_id": int, "question_id": str, "status": str},  # hidden | open | closed | revealed
        pk=("workshop_id", "question_id"),
        foreign_keys=[("workshop_id", "workshops", "id")],
    )
    db["workshop_participants"].create(
        {"id": int, "workshop_id": int, "token_hash": str, "created_at": str},
        pk="id",
        foreign_keys=[("workshop_id", "workshops", "id")],
    )
    db["workshop_participants"].create_index(["token_hash"], unique=True)
    db["workshop_answers"].create(
        {"participant_id": int, "question_id": str, "value": int, "dont_know": int, "updated_at": str},
        pk=("participant_id", "question_id"),
        foreign_keys=[("participant_id", "workshop_participants", "id")],
    )
    db["workshop_votes"].create(
        {"participant_id": int, "proposal_id": str, "created_at": str},
        pk=("participant_id", "proposal_id"),
        foreign_keys=[("participant_id", "workshop_participants", "id")],
    )
    db["share_links"].create(
        {"token_hash": str, "round_id": int, "created_at": str, "revoked_at": str},
        pk="token_hash",
        foreign_keys=[("round_id", "rounds", "id")],
    )


def _m006_credentials(db: sqlite_utils.Database) -> None:
    db["credentials"].create({"scope": str, "password_hash": str, "updated_at": str}, pk="scope")


def _m007_indexes(db: sqlite_utils.Database) -> None:
    # Found with tests/perf on the national data set: "last updated round" and "self respondent".
    db["rounds"].create_index(["updated_at"])
    db["respondents"].create_index(["round_id", "kind"])


def _m008_oidc(db: sqlite_utils.Database) -> None:
    db["oidc_grants"].create({"email": str, "scope": str, "created_at": str}, pk=("email", "scope"))


def _m009_benchmark_version_index(db: sqlite_utils.Database) -> None:
    # benchmark_version() runs on every view of a comparison: answer it from an index, not a table scan
    db["rounds"].create_index(["share_benchmark", "updated_at"])


MIGRATIONS: tuple[tuple[str, Callable[[sqlite_utils.Database], None]], ...] = (
    ("001_initial", _m001_initial),
    ("002_benchmark", _m002_benchmark),
    ("003_agenda", _m003_agenda),
    ("004_invites", _m004_invites),
    ("005_workshops", _m005_workshops),
    ("006_credentials", _m006_credentials),
    ("007_indexes", _m007_indexes),
    ("008_oidc", _m008_oidc),
    ("009_benchmark_version_index", _m009_benchmark_version_index),
)


@dataclass(frozen=True)
class Round:
    id: int
    gm_code: str
    year: int
    status: str
    share_benchmark: bool
    is_demo: bool
    position: int
    created_at: str
    updated_at: str

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @classmethod
    def from_row(cls, row: dict) -> Round:
        return cls(
            id=row["id"],
            gm_code=row["gm_code"],
            year=row["year"],
            status=row["status"],
            share_benchmark=bool(row["share_benchmark"]),
            is_demo=bool(row["is_demo"]),
            position=row["position"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


def touch_round(db: sqlite_utils.Database, round_id: int, when: str) -> None:
    """Move the round's version on: every change to its answers must, as cached views key on it."""
    db.execute("UPDATE rounds SET updated_at = ? WHERE id = ?", [when, round_id])


POOL_SIZE = 32  # idle connections kept; when more threads run at once, the extra ones are closed after use


class _Lease:
    """A thread's connection, handed back to the pool when the thread ends and this is collected."""

    def __init__(self, db: sqlite_utils.Database, pool: list[sqlite_utils.Database]) -> None:
        self.db, self.pool = db, pool

    def __del__(self) -> None:
        if len(self.pool) < POOL_SIZE:
            self.pool.append(self.db)  # list.append is atomic: no lock needed
        else:
            self.db.conn.close()


class Store:
    """All reads and writes of scan data. Safe to share between Streamlit sessions."""

    def __init__(self, path: Path | str, bank: QuestionBank | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.bank = bank or question_bank()
        self._local = threading.local()
        self._pool: list[sqlite_utils.Database] = []  # connections of threads that have ended
        with _LOCKS_GUARD:
            self._lock = _WRITE_LOCKS.setdefault(str(self.path.resolve()), threading.Lock())
        self._migrate()

    # --- connections and transactions ---

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection. Streamlit runs every rerun in a new thread, so connections of
        finished threads are reused (a fresh one costs a connect and a schema read on each click)."""
        lease = getattr(self._local, "lease", None)
        if lease is None:
            try:
                db = self._pool.pop()
            except IndexError:
                db = self._connect()
            if db.conn.in_transaction:  # never expected: write() always commits or rolls back
                db.conn.rollback()
            lease = self._local.lease = _Lease(db, self._pool)
        return lease.db

    def _connect(self) -> sqlite_utils.Database:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        return sqlite_utils.Database(conn)

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction under the process-wide write lock; rolled back on any error."""
        db = self.db
        with self._lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            else:
                db.execute("COMMIT")

    def _migrate(self) -> None:
        self.db.enable_wal()
        with self.write() as db:
            if "_migrations" not in db.table_names():
                db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
            done = {row["name"] for row in db["_migrations"].rows}
            for name, step in MIGRATIONS:
                if name not in done:
                    step(db)
                    db["_migrations"].insert({"name": name, "applied_at": _now()})

    def schema_version(self) -> list[str]:
        return [row["name"] for row in self.db["_migrations"].rows_where(order_by="name")]

    # --- rounds ---

    def start_round(self, gm_code: str, year: int, *, is_demo: bool = False) -> Round:
        """Create the round of this year for a municipality, with its self-assessment respondent."""
        ref = reference()
        if gm_code not in ref.municipalities:
            raise NotFound(f"Gemeentecode '{gm_code}' bestaat niet.")
        if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            raise ScanError(f"Kies een jaar van {MIN_YEAR} tot en met {MAX_YEAR}.")
        name = ref.municipality(gm_code).name
        with self.write() as db:
            existing = db.execute(
                "SELECT 1 FROM rounds WHERE gm_code = ? AND year = ?", [gm_code, year]
            ).fetchone()
            if existing:
                raise ScanError(f"Er is al een scan van {name} voor {year}. Open die ronde.")
            now = _now()
            round_id = (
                db["rounds"]
                .insert(
                    {
                        "gm_code": gm_code,
                        "year": year,
                        "status": "open",
                        "share_benchmark": 0,
                        "is_demo": int(is_demo),
                        "position": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                .last_pk
            )
            db["respondents"].insert(
                {"round_id": round_id, "role": SELF_ROLE, "kind": "self", "created_at": now}
            )
        return self.round_by_id(round_id)

    def copy_forward(self, from_round: int, to_round: int) -> int:
        """Copy the self-scan answers (and comments) of an earlier round into a new, still empty round."""
        source = self.answers(from_round)
        target = self.round_by_id(to_round)
        if self.answers(to_round):
            raise ScanError("De nieuwe ronde heeft al antwoorden; overnemen kan alleen in een lege ronde.")
        if not target.is_open:
            raise ScanError("Deze scanronde is gesloten.")
        factual = {q.id for q in self.bank.questions_for_role(SELF_ROLE)}
        self.save_answers_bulk(to_round, [a for qid, a in source.items() if qid in factual])
        return len(source)

    def delete_round(self, round_id: int) -> None:
        """Remove a round and everything in it (answers, respondents, codes, workshops, agenda), at once."""
        self.round_by_id(round_id)
        workshop_ids = "SELECT id FROM workshops WHERE round_id = :r"
        participant_ids = f"SELECT id FROM workshop_participants WHERE workshop_id IN ({workshop_ids})"
        statements = [
            f"DELETE FROM workshop_votes WHERE participant_id IN ({participant_ids})",
            f"DELETE FROM workshop_answers WHERE participant_id IN ({participant_ids})",
            f"DELETE FROM workshop_participants WHERE workshop_id IN ({workshop_ids})",
            f"DELETE FROM workshop_questions WHERE workshop_id IN ({workshop_ids})",
            "DELETE FROM workshops WHERE round_id = :r",
            "DELETE FROM answers WHERE respondent_id IN (SELECT id FROM respondents WHERE round_id = :r)",
            "DELETE FROM respondents WHERE round_id = :r",
            "DELETE FROM invites WHERE round_id = :r",
            "DELETE FROM proposal_status WHERE round_id = :r",
            "DELETE FROM agenda_items WHERE round_id = :r",
            "DELETE FROM share_links WHERE round_id = :r",
            "DELETE FROM rounds WHERE id = :r",
        ]
        with self.write() as db:
            for sql in statements:
                db.execute(sql, {"r": round_id})

    def round_by_id(self, round_id: int) -> Round:
        rows = list(self.db["rounds"].rows_where("id = ?", [round_id]))
        if not rows:
            raise NotFound(f"Scanronde {round_id} bestaat niet.")
        return Round.from_row(rows[0])

    def get_round(self, gm_code: str, year: int) -> Round | None:
        rows = list(self.db["rounds"].rows_where("gm_code = ? AND year = ?", [gm_code, year]))
        return Round.from_row(rows[0]) if rows else None

    def rounds_for(self, gm_code: str) -> list[Round]:
        rows = self.db["rounds"].rows_where("gm_code = ?", [gm_code], order_by="year DESC")
        return [Round.from_row(r) for r in rows]

    def last_updated_round(self) -> Round | None:
        rows = list(self.db["rounds"].rows_where(order_by="updated_at DESC, id DESC", limit=1))
        return Round.from_row(rows[0]) if rows else None

    def set_position(self, round_id: int, priority_id: int) -> None:
        if not any(p.id == priority_id for p in self.bank.priorities):
            raise ScanError(f"Onderdeel {priority_id} bestaat niet.")
        with self.write() as db:
            db.execute(
                "UPDATE rounds SET position = ?, updated_at = ? WHERE id = ?",
                [priority_id, _now(), round_id],
            )

    def set_share_benchmark(self, round_id: int, share: bool) -> None:
        with self.write() as db:
            db.execute(
                "UPDATE rounds SET share_benchmark = ?, updated_at = ? WHERE id = ?",
                [int(share), _now(), round_id],
            )

    # --- answers ---

    def self_respondent(self, round_id: int) -> int:
        row = self.db.execute(
            "SELECT id FROM respondents WHERE round_id = ? AND kind = 'self'", [round_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"Scanronde {round_id} bestaat niet.")
        return row[0]

    def save_answer(
        self,
        round_id: int,
        question_id: str,
        value: int | None,
        *,
        dont_know: bool = False,
        comment: str | None = None,
        respondent_id: int | None = None,
    ) -> Answer:
        """Validate and store one answer (or comment) at once; refuse without storing anything."""
        check_answer(self.bank.question(question_id), question_id, value, dont_know)
        if comment is not None and len(comment) > 2000:
            raise InvalidAnswer("Een toelichting mag hoogstens 2.000 tekens hebben.")
        rnd = self.round_by_id(round_id)
        if not rnd.is_open:
            raise InvalidAnswer("Deze scanronde is gesloten; antwoorden kunnen niet meer worden gewijzigd.")
        respondent = respondent_id if respondent_id is not None else self.self_respondent(round_id)
        with self.write() as db:
            owner = db.execute("SELECT round_id, role FROM respondents WHERE id = ?", [respondent]).fetchone()
            if owner is None or owner[0] != round_id:
                raise InvalidAnswer("Deze deelnemer hoort niet bij deze scanronde.")
            if owner[1] != WORKSHOP_ROLE and owner[1] not in self.bank.question(question_id).roles:
                raise InvalidAnswer(
                    f"Vraag {question_id} is niet bedoeld voor de rol {ROLE_LABELS[owner[1]].lower()}."
                )
            previous = db.execute(
                "SELECT comment FROM answers WHERE respondent_id = ? AND question_id = ?",
                [respondent, question_id],
            ).fetchone()
            text = comment if comment is not None else (previous[0] if previous else "")
            now = _now()
            # plain SQL: sqlite-utils' upsert inspects the table's schema on every call (saved on every click)
            db.execute(
                "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (respondent_id, question_id) DO UPDATE SET "
                "value = excluded.value, dont_know = excluded.dont_know, comment = excluded.comment, "
                "updated_at = excluded.updated_at",
                [respondent, question_id, value, int(dont_know), text.strip(), now],
            )
            touch_round(db, round_id, now)
        return Answer(question_id, value, dont_know, text.strip())

    def save_answers_bulk(self, round_id: int, answers: list[Answer]) -> None:
        """Store many self-assessment answers in one transaction (demo data, copy forward)."""
        for a in answers:
            check_answer(self.bank.question(a.question_id), a.question_id, a.value, a.dont_know)
        respondent = self.self_respondent(round_id)
        now = _now()
        rows = [
            {
                "respondent_id": respondent,
                "question_id": a.question_id,
                "value": a.value,
                "dont_know": int(a.dont_know),
                "comment": a.comment,
                "updated_at": now,
            }
            for a in answers
        ]
        with self.write() as db:
            db["answers"].upsert_all(rows, pk=("respondent_id", "question_id"))
            touch_round(db, round_id, now)

    def close_round(self, round_id: int) -> None:
        with self.write() as db:
            db.execute("UPDATE rounds SET status = 'closed', updated_at = ? WHERE id = ?", [_now(), round_id])

    def save_comment(self, round_id: int, question_id: str, comment: str) -> Answer:
        """Change only the comment, keeping the answer as it is."""
        current = self.answers(round_id).get(question_id, Answer(question_id))
        return self.save_answer(
            round_id, question_id, current.value, dont_know=current.dont_know, comment=comment
        )

    def answers(self, round_id: int, respondent_id: int | None = None) -> dict[str, Answer]:
        respondent = respondent_id if respondent_id is not None else self.self_respondent(round_id)
        rows = self.db.execute(
            "SELECT question_id, value, dont_know, comment FROM answers WHERE respondent_id = ?",
            [respondent],
        ).fetchall()
        return {qid: Answer(qid, value, bool(dk), comment or "") for qid, value, dk, comment in rows}

    def counts(self) -> dict[str, int]:
        names = ("rounds", "respondents", "answers", "benchmark_imports", "benchmark_values")
        return {name: self.db[name].count for name in names}

    # --- proposals and agenda ---

    def set_proposal_status(self, round_id: int, proposal_id: str, status: str | None) -> None:
        """Mark a proposal "al_gedaan", "kiezen" or "niet_voor_ons"; None removes the mark."""
        if status not in (None, *STATUS_LABELS):
            raise ScanError(f"Onbekende keuze '{status}'.")
        if not any(p.id == proposal_id for p in self.bank.proposals):
            raise ScanError(f"Voorstel '{proposal_id}' bestaat niet.")
        self.round_by_id(round_id)
        with self.write() as db:
            if status is None:
                db.execute(
                    "DELETE FROM proposal_status WHERE round_id = ? AND proposal_id = ?",
                    [round_id, proposal_id],
                )
            else:
                db["proposal_status"].upsert(
                    {
                        "round_id": round_id,
                        "proposal_id": proposal_id,
                        "status": status,
                        "updated_at": _now(),
                    },
                    pk=("round_id", "proposal_id"),
                )

    def proposal_statuses(self, round_id: int) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT proposal_id, status FROM proposal_status WHERE round_id = ?", [round_id]
        ).fetchall()
        return dict(rows)

    def saved_agenda_items(self, round_id: int) -> dict[str, dict]:
        rows = self.db["agenda_items"].rows_where("round_id = ?", [round_id])
        return {row["proposal_id"]: row for row in rows}

    def save_agenda_item(self, round_id: int, proposal_id: str, **fields: str) -> None:
        """Store the edited goal, owner, timeline and/or text of one agenda item."""
        allowed = {"goal", "owner", "timeline", "text"}
        if unknown := set(fields) - allowed:
            raise ScanError(f"Onbekend veld '{sorted(unknown)[0]}'.")
        for name, value in fields.items():
            if not isinstance(value, str) or len(value) > 4000:
                raise ScanError(f"Het veld '{name}' mag hoogstens 4.000 tekens tekst bevatten.")
        if self.proposal_statuses(round_id).get(proposal_id) != "kiezen":
            raise ScanError(f"Voorstel {proposal_id} is niet gekozen voor de agenda.")
        with self.write() as db:
            existing = db.execute(
                "SELECT 1 FROM agenda_items WHERE round_id = ? AND proposal_id = ?", [round_id, proposal_id]
            ).fetchone()
            row = {"round_id": round_id, "proposal_id": proposal_id, **fields, "updated_at": _now()}
            if existing:
                db["agenda_items"].update((round_id, proposal_id), row)
            else:
                db["agenda_items"].insert(row)

    # --- benchmark sources ---

    def benchmark_version(self) -> tuple:
        """Changes whenever benchmark input changes; the UI caches peer statistics on it."""
        # one statement: every query hands the GIL to the server's other thread and waits to get it back
        return tuple(
            self.db.execute(
                "SELECT (SELECT COUNT(*) FROM rounds WHERE share_benchmark = 1), "
                "(SELECT MAX(updated_at) FROM rounds WHERE share_benchmark = 1), "
                "(SELECT COUNT(*) FROM benchmark_imports), (SELECT MAX(imported_at) FROM benchmark_imports)"
            ).fetchone()
        )

    def shared_answers(self, year: int) -> pd.DataFrame:
        """Self-assessment answers (no "weet niet") of all rounds of this year shared for the benchmark."""
        return pd.read_sql_query(
            """
            SELECT r.gm_code, a.question_id, a.value, r.is_demo
            FROM rounds r
            JOIN respondents p ON p.round_id = r.id AND p.kind = 'self'
            JOIN answers a ON a.respondent_id = p.id
            WHERE r.year = ? AND r.share_benchmark = 1 AND a.value IS NOT NULL AND a.dont_know = 0
            """,
            self.db.conn,
            params=[year],
        )

    def imported_values(self, year: int) -> pd.DataFrame:
        return pd.read_sql_query(
            "SELECT gm_code, item, value FROM benchmark_values WHERE year = ?", self.db.conn, params=[year]
        )

    def benchmark_years(self) -> list[int]:
        rows = self.db.execute(
            "SELECT year FROM rounds WHERE share_benchmark = 1 UNION SELECT year FROM benchmark_values ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows]

    def import_benchmark(self, sha256: str, filename: str, rows: list[dict]) -> bool:
        """Store validated rows in one transaction; False when this exact file was imported before."""
        with self.write() as db:
            if db.execute("SELECT 1 FROM benchmark_imports WHERE sha256 = ?", [sha256]).fetchone():
                return False
            db["benchmark_imports"].insert(
                {"sha256": sha256, "filename": filename, "rows": len(rows), "imported_at": _now()}
            )
            db["benchmark_values"].upsert_all(
                [dict(row, import_sha256=sha256) for row in rows], pk=("gm_code", "year", "item")
            )
        return True

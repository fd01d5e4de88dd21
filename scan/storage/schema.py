"""The database schema: sqlite-utils migrations, applied in order and recorded in the database.

Append only. Each step runs in the transaction that opens the store, together with the record
that it ran. Part of the storage core: imports no domain module.

Versions live in the schema itself (triggers), so no writer can forget them:
- ``rounds.version``: a change stamp, unique across the database, that moves whenever anything a
  view of the round shows changes (answers and comments of anyone in the round, respondents,
  proposal choices, agenda items). Following up an agenda (027) moves the versions of the municipality's
  later rounds too: they show what happened with it. Cached views key on it. Moving between sections, the share
  toggle and closing the round do not move it: they change nothing a view shows.
- ``data_versions['benchmark']``: moves when peer figures can change (self-scan answers of a shared
  round, the share toggle, a deleted shared round, an imported benchmark file).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("democratiescan")
LEGACY_TABLE = "_migrations"  # the hand-rolled list this project used before sqlite-utils' own


@MIGRATIONS(name="001_initial")
def _m001_initial(db: sqlite_utils.Database) -> None:
    db.table("rounds").create(
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
    db.table("rounds").create_index(["gm_code", "year"], unique=True)
    db.table("respondents").create(
        {"id": int, "round_id": int, "role": str, "kind": str, "created_at": str},
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "role", "kind"},
    )
    db.table("respondents").create_index(["round_id"])
    db.table("answers").create(
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
    db.table("answers").create_index(["question_id"])


@MIGRATIONS(name="002_benchmark")
def _m002_benchmark(db: sqlite_utils.Database) -> None:
    db.table("benchmark_imports").create(
        {"sha256": str, "filename": str, "rows": int, "imported_at": str}, pk="sha256"
    )
    db.table("benchmark_values").create(
        {"gm_code": str, "year": int, "item": str, "value": float, "import_sha256": str},
        pk=("gm_code", "year", "item"),
        foreign_keys=[("import_sha256", "benchmark_imports", "sha256")],
    )
    db.table("benchmark_values").create_index(["year"])
    db.table("rounds").create_index(["year", "share_benchmark"])


@MIGRATIONS(name="003_agenda")
def _m003_agenda(db: sqlite_utils.Database) -> None:
    db.table("proposal_status").create(
        {"round_id": int, "proposal_id": str, "status": str, "updated_at": str},
        pk=("round_id", "proposal_id"),
        foreign_keys=[("round_id", "rounds", "id")],
    )
    db.table("agenda_items").create(
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


@MIGRATIONS(name="004_invites")
def _m004_invites(db: sqlite_utils.Database) -> None:
    db.table("invites").create(
        {"id": int, "round_id": int, "role": str, "code_hash": str, "created_at": str, "revoked_at": str},
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "role", "code_hash"},
    )
    db.table("invites").create_index(["code_hash"], unique=True)
    db.table("respondents").add_column("invite_id", int)
    db.table("respondents").add_column("token_hash", str)
    db.table("respondents").add_column("finished_at", str)
    db.table("respondents").create_index(["token_hash"], unique=True)


@MIGRATIONS(name="005_workshops")
def _m005_workshops(db: sqlite_utils.Database) -> None:
    db.table("workshops").create(
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
    db.table("workshops").create_index(["join_code"], unique=True)
    db.table("workshop_questions").create(
        {"workshop_id": int, "question_id": str, "status": str},  # hidden | open | closed | revealed
        pk=("workshop_id", "question_id"),
        foreign_keys=[("workshop_id", "workshops", "id")],
    )
    db.table("workshop_participants").create(
        {"id": int, "workshop_id": int, "token_hash": str, "created_at": str},
        pk="id",
        foreign_keys=[("workshop_id", "workshops", "id")],
    )
    db.table("workshop_participants").create_index(["token_hash"], unique=True)
    db.table("workshop_answers").create(
        {"participant_id": int, "question_id": str, "value": int, "dont_know": int, "updated_at": str},
        pk=("participant_id", "question_id"),
        foreign_keys=[("participant_id", "workshop_participants", "id")],
    )
    db.table("workshop_votes").create(
        {"participant_id": int, "proposal_id": str, "created_at": str},
        pk=("participant_id", "proposal_id"),
        foreign_keys=[("participant_id", "workshop_participants", "id")],
    )
    db.table("share_links").create(
        {"token_hash": str, "round_id": int, "created_at": str, "revoked_at": str},
        pk="token_hash",
        foreign_keys=[("round_id", "rounds", "id")],
    )


@MIGRATIONS(name="006_credentials")
def _m006_credentials(db: sqlite_utils.Database) -> None:
    db.table("credentials").create({"scope": str, "password_hash": str, "updated_at": str}, pk="scope")


@MIGRATIONS(name="007_indexes")
def _m007_indexes(db: sqlite_utils.Database) -> None:
    db.table("rounds").create_index(["updated_at"])
    db.table("respondents").create_index(["round_id", "kind"])


@MIGRATIONS(name="008_oidc")
def _m008_oidc(db: sqlite_utils.Database) -> None:
    db.table("oidc_grants").create({"email": str, "scope": str, "created_at": str}, pk=("email", "scope"))


@MIGRATIONS(name="009_benchmark_version_index")
def _m009_benchmark_version_index(db: sqlite_utils.Database) -> None:
    db.table("rounds").create_index(["share_benchmark", "updated_at"])


# --- 010: versions kept by the schema -----------------------------------------------------------

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_NEXT_STAMP = (
    "INSERT INTO data_versions (name, version) VALUES ('stamp', 1) "
    "ON CONFLICT (name) DO UPDATE SET version = version + 1;"
)
_STAMP = "(SELECT version FROM data_versions WHERE name = 'stamp')"
_BUMP_BENCHMARK = (
    "INSERT INTO data_versions (name, version) VALUES ('benchmark', 1) "
    "ON CONFLICT (name) DO UPDATE SET version = version + 1;"
)


def _stamp_round(round_id_sql: str) -> str:
    return (
        f"{_NEXT_STAMP} UPDATE rounds SET version = {_STAMP}, updated_at = {_NOW} WHERE id = {round_id_sql};"
    )


def _shared_self(respondent_sql: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM respondents p JOIN rounds r ON r.id = p.round_id "
        f"WHERE p.id = {respondent_sql} AND p.kind = 'self' AND r.share_benchmark = 1)"
    )


def _round_triggers() -> list[str]:
    """(table, how to find the round from NEW/OLD) for every table a view of a round shows."""
    via = {
        "answers": "(SELECT round_id FROM respondents WHERE id = {row}.respondent_id)",
        "respondents": "{row}.round_id",
        "proposal_status": "{row}.round_id",
        "agenda_items": "{row}.round_id",
    }
    sql = []
    for table, where in via.items():
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            name = f"{table}_{event.lower()}_stamps_round"
            sql.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                f"{_stamp_round(where.format(row=row))} END;"
            )
    # a new round gets a fresh stamp too, so a reused row id never matches an old cache entry
    sql.append(
        f"CREATE TRIGGER rounds_insert_stamps_round AFTER INSERT ON rounds BEGIN {_stamp_round('NEW.id')} END;"
    )
    return sql


def _benchmark_triggers() -> list[str]:
    return [
        "CREATE TRIGGER answers_insert_benchmark AFTER INSERT ON answers "
        f"WHEN {_shared_self('NEW.respondent_id')} BEGIN {_BUMP_BENCHMARK} END;",
        "CREATE TRIGGER answers_update_benchmark AFTER UPDATE OF value, dont_know ON answers "
        f"WHEN {_shared_self('NEW.respondent_id')} BEGIN {_BUMP_BENCHMARK} END;",
        "CREATE TRIGGER answers_delete_benchmark AFTER DELETE ON answers "
        f"WHEN {_shared_self('OLD.respondent_id')} BEGIN {_BUMP_BENCHMARK} END;",
        "CREATE TRIGGER rounds_share_benchmark AFTER UPDATE OF share_benchmark ON rounds "
        f"WHEN OLD.share_benchmark IS NOT NEW.share_benchmark BEGIN {_BUMP_BENCHMARK} END;",
        f"CREATE TRIGGER rounds_delete_benchmark AFTER DELETE ON rounds WHEN OLD.share_benchmark = 1 BEGIN {_BUMP_BENCHMARK} END;",
        f"CREATE TRIGGER benchmark_imports_benchmark AFTER INSERT ON benchmark_imports BEGIN {_BUMP_BENCHMARK} END;",
    ]


@MIGRATIONS(name="010_versions")
def _m010_versions(db: sqlite_utils.Database) -> None:
    # "position" (the section last opened) was not data: it moved the round's version on every click
    db.execute("ALTER TABLE rounds DROP COLUMN position")
    db.execute("DROP INDEX IF EXISTS idx_rounds_share_benchmark_updated_at")
    db.execute("ALTER TABLE rounds ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    db.table("data_versions").create({"name": str, "version": int}, pk="name", not_null={"version"})
    for statement in [*_round_triggers(), *_benchmark_triggers()]:
        db.execute(statement)
    rounds = [row[0] for row in db.execute("SELECT id FROM rounds ORDER BY id").fetchall()]
    for round_id in rounds:  # existing rounds: a first stamp each
        db.execute(_NEXT_STAMP)
        db.execute(f"UPDATE rounds SET version = {_STAMP} WHERE id = ?", [round_id])


def adopt_legacy_records(db: sqlite_utils.Database) -> None:
    """Databases made before sqlite-utils' migrations kept their own list: carry it over once."""
    if LEGACY_TABLE not in db.table_names():
        return
    MIGRATIONS.ensure_migrations_table(db)
    done = {m.name for m in MIGRATIONS.applied(db)}
    for row in db.execute(f"SELECT name, applied_at FROM {LEGACY_TABLE} ORDER BY name").fetchall():
        if row[0] not in done:
            db.table(MIGRATIONS.migrations_table).insert(
                {"migration_set": MIGRATIONS.name, "name": row[0], "applied_at": row[1]}
            )
    db[LEGACY_TABLE].drop()


def applied(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(db)]


# Tables that hold bookkeeping, not data: never backed up, never counted as content.
BOOKKEEPING = frozenset({MIGRATIONS.migrations_table, LEGACY_TABLE})


@MIGRATIONS(name="015_releases")
def _m015_releases(db: sqlite_utils.Database) -> None:
    # Every set each group figure was published over (scan/rules/disclosure.py): the memory that keeps two
    # views of a figure from differing by one contributor. Figures about one round go with the round.
    db.table("releases").create(
        {"scope": str, "figure": str, "history": str, "round_id": int, "released_at": str},
        pk=("scope", "figure"),
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"history"},
    )
    db.table("releases").create_index(["round_id"])
    # only closed (final) rounds count in the benchmark: closing a shared round changes peer figures
    db.execute(
        "CREATE TRIGGER rounds_close_benchmark AFTER UPDATE OF status ON rounds "
        f"WHEN NEW.share_benchmark = 1 AND OLD.status IS NOT NEW.status BEGIN {_BUMP_BENCHMARK} END;"
    )


# --- 016: live workshops (phones outside Streamlit, open questions, audience, vote list) ----------


def _workshop_stamps_round(table: str, column: str, workshop_sql: str) -> str:
    """A published workshop figure changes (reveal, end of the vote, a moderated open answer): the
    round's views that show workshop outcomes (agenda, presentation, report) must be redrawn."""
    return (
        f"CREATE TRIGGER {table}_{column}_stamps_round AFTER UPDATE OF {column} ON {table} BEGIN "
        f"{_stamp_round(f'(SELECT round_id FROM workshops WHERE id = {workshop_sql})')} END;"
    )


@MIGRATIONS(name="016_workshop_live")
def _m016_workshop_live(db: sqlite_utils.Database) -> None:
    import secrets  # only here: the other migrations need no randomness

    # ref: the workshop's unguessable name in URLs (ids are consecutive); pin: the short facilitator
    # PIN, kept readable so the griffier can show it again; audience: bestuur | inwoners;
    # vote_options: JSON list the facilitator chose (NULL: every proposal); version: moves with
    # every change a phone shows (the phone page's server polls it); reviewing: an ended workshop
    # opened again for viewing its published outcomes.
    for column, kind, default in (
        ("ref", "TEXT", None),
        ("pin", "TEXT", None),
        ("audience", "TEXT NOT NULL", "'bestuur'"),
        ("vote_options", "TEXT", None),
        ("max_votes", "INTEGER NOT NULL", "3"),
        ("version", "INTEGER NOT NULL", "0"),
        ("reviewing", "INTEGER NOT NULL", "0"),
    ):
        db.execute(
            f"ALTER TABLE workshops ADD COLUMN {column} {kind}" + (f" DEFAULT {default}" if default else "")
        )
    for (workshop_id,) in db.execute("SELECT id FROM workshops").fetchall():
        db.execute("UPDATE workshops SET ref = ? WHERE id = ?", [secrets.token_urlsafe(12), workshop_id])
    db.execute("CREATE UNIQUE INDEX idx_workshops_ref ON workshops (ref)")
    db.table("workshop_open_questions").create(
        {"workshop_id": int, "question_id": str, "text": str},  # question_id: "o1", "o2", ...
        pk=("workshop_id", "question_id"),
        foreign_keys=[("workshop_id", "workshops", "id")],
    )
    db.table("workshop_open_answers").create(
        {
            "id": int,
            "participant_id": int,
            "question_id": str,
            "text": str,
            "status": str,  # nieuw | goedgekeurd | afgewezen
            "for_agenda": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("participant_id", "workshop_participants", "id")],
        not_null={"participant_id", "question_id", "text", "status"},
        defaults={"status": "nieuw", "for_agenda": 0},
    )
    db.table("workshop_open_answers").create_index(["participant_id"])
    db.table("workshop_open_answers").create_index(["question_id", "status"])
    db.table("workshop_participants").create_index(["workshop_id"])
    for statement in (
        _workshop_stamps_round("workshop_questions", "status", "NEW.workshop_id"),
        _workshop_stamps_round("workshops", "phase", "NEW.id"),
        (
            "CREATE TRIGGER workshop_open_answers_status_stamps_round AFTER UPDATE OF status, for_agenda "
            "ON workshop_open_answers BEGIN "
            + _stamp_round(
                "(SELECT w.round_id FROM workshops w JOIN workshop_participants p ON p.workshop_id = w.id "
                "WHERE p.id = NEW.participant_id)"
            )
            + " END;"
        ),
    ):
        db.execute(statement)


@MIGRATIONS(name="018_question_versions")
def _m018_question_versions(db: sqlite_utils.Database) -> None:
    # the version of the question each answer was given to (questions/*.yaml: version, history), so an
    # old round keeps the meaning of its answers when a question's wording or levels change later;
    # every answer so far was given to version 1
    db.execute("ALTER TABLE answers ADD COLUMN question_version INTEGER NOT NULL DEFAULT 1")


# --- 019: the akkoordcheck of a round (issue 19) --------------------------------------------------

_BUMP_AGREEMENTS = (
    "INSERT INTO data_versions (name, version) VALUES ('agreements', 1) "
    "ON CONFLICT (name) DO UPDATE SET version = version + 1;"
)
# What a view of the round shows of its agreement: the analysis and the griffier's decisions. The
# share toggle is not among them (it changes only what other municipalities see).
_AGREEMENT_CONTENT = "filename, source, pages, sha256, analysis, words_version, language_ok"


@MIGRATIONS(name="019_agreements")
def _m019_agreements(db: sqlite_utils.Database) -> None:
    # One agreement per round: what the akkoordcheck found (the analysis as JSON, never the document
    # itself), and whether the municipality shares its confirmed coverage with peers (opt-in).
    db.table("agreements").create(
        {
            "round_id": int,
            "filename": str,
            "source": str,  # pdf | docx | text
            "pages": int,
            "sha256": str,
            "analysis": str,  # AgreementAnalysis.to_dict() as JSON
            "words_version": str,  # the word list it was read with (questions/akkoord.yaml)
            "language_ok": int,
            "shared": int,
            "created_at": str,
        },
        pk="round_id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"analysis", "source"},
        defaults={"shared": 0, "language_ok": 1},
    )
    # The griffier's decision per proposal: confirmed (with the passage that shows it) or rejected.
    db.table("agreement_decisions").create(
        {"round_id": int, "proposal_id": str, "decision": str, "passage": int, "updated_at": str},
        pk=("round_id", "proposal_id"),
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"decision"},
        defaults={"passage": 0},
    )
    statements = []
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        for table in ("agreements", "agreement_decisions"):
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_stamps_round AFTER {event} ON {table} BEGIN "
                f"{_stamp_round(f'{row}.round_id')} {_BUMP_AGREEMENTS} END;"
            )
    statements += [
        f"CREATE TRIGGER agreements_update_stamps_round AFTER UPDATE OF {_AGREEMENT_CONTENT} ON agreements "
        f"BEGIN {_stamp_round('NEW.round_id')} {_BUMP_AGREEMENTS} END;",
        "CREATE TRIGGER agreement_decisions_update_stamps_round AFTER UPDATE ON agreement_decisions "
        f"BEGIN {_stamp_round('NEW.round_id')} {_BUMP_AGREEMENTS} END;",
        # what peers see: the share toggle, and closing a round (only closed rounds are shared)
        "CREATE TRIGGER agreements_shared_version AFTER UPDATE OF shared ON agreements "
        f"WHEN OLD.shared IS NOT NEW.shared BEGIN {_BUMP_AGREEMENTS} END;",
        "CREATE TRIGGER rounds_close_agreements AFTER UPDATE OF status ON rounds WHEN OLD.status IS NOT "
        "NEW.status AND EXISTS (SELECT 1 FROM agreements WHERE round_id = NEW.id AND shared = 1) "
        f"BEGIN {_BUMP_AGREEMENTS} END;",
    ]
    for statement in statements:
        db.execute(statement)


@MIGRATIONS(name="020_releases_across_groups")
def _m020_releases_across_groups(db: sqlite_utils.Database) -> None:
    # Peer figures were remembered per group ("benchmark:2026:M50:GM0355"); one register per figure
    # for every group now ("benchmark:2026:GM0355", scan/rules/disclosure.py). Every set published under any
    # group joins the viewer's one register, so nothing published before can be one away from a new view.
    merged: dict[tuple[str, str], list[list[str]]] = {}
    round_ids: dict[tuple[str, str], int | None] = {}
    rows = db.execute(
        "SELECT scope, figure, history, round_id FROM releases "
        "WHERE (scope LIKE 'benchmark:%' OR scope LIKE 'akkoord:%') ORDER BY released_at"
    ).fetchall()
    for scope, figure, history, round_id in rows:
        parts = scope.split(":")
        if len(parts) < 4:
            continue  # already one register per viewer
        key = (f"{parts[0]}:{parts[1]}:{parts[-1]}", figure)
        sets = merged.setdefault(key, [])
        sets.extend(s for s in json.loads(history) if s not in sets)
        round_ids.setdefault(key, round_id)
    stamp = datetime.now(UTC).isoformat(timespec="microseconds")
    for (scope, figure), sets in merged.items():
        db.execute(
            "INSERT INTO releases (scope, figure, history, round_id, released_at) VALUES (?, ?, ?, ?, ?)",
            [scope, figure, json.dumps(sets), round_ids[(scope, figure)], stamp],
        )
    db.execute(
        "DELETE FROM releases WHERE (scope LIKE 'benchmark:%' OR scope LIKE 'akkoord:%') "
        "AND length(scope) - length(replace(scope, ':', '')) >= 3"
    )


@MIGRATIONS(name="021_workshop_join_lock")
def _m021_workshop_join_lock(db: sqlite_utils.Database) -> None:
    # the facilitator closes the room to new participants once everyone is in (issue 23); phones that
    # joined keep working. Checked inside each join's write transaction (scan/records/workshop/participation.py).
    db.execute("ALTER TABLE workshops ADD COLUMN joins_locked INTEGER NOT NULL DEFAULT 0")


@MIGRATIONS(name="022_round_comparison_group")
def _m022_round_comparison_group(db: sqlite_utils.Database) -> None:
    # one comparison group per round (issue 26.1), chosen by the griffier and used by every output of the
    # round; NULL: the default (the municipality's own network, else its size class, scan/views/peers.py).
    # A new choice changes what the round's views show, so it moves the round's version.
    db.execute("ALTER TABLE rounds ADD COLUMN comparison_group TEXT")
    db.execute(
        "CREATE TRIGGER rounds_comparison_group_stamps_round AFTER UPDATE OF comparison_group ON rounds "
        f"WHEN OLD.comparison_group IS NOT NEW.comparison_group BEGIN {_stamp_round('NEW.id')} END;"
    )


@MIGRATIONS(name="023_workshop_pins")
def _m023_workshop_pins(db: sqlite_utils.Database) -> None:
    # the facilitator pins approved open answers to discuss: the projector then shows those only,
    # instead of moving on by itself through all approved answers a screenful at a time (issue 27.1)
    db.execute("ALTER TABLE workshop_open_answers ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")


@MIGRATIONS(name="024_workshop_timer_notes")
def _m024_workshop_timer_notes(db: sqlite_utils.Database) -> None:
    # issue 27.4 and 27.7: a countdown per question (ends_at in Unix seconds; at zero the question closes,
    # and shows its outcome when reveal_at_end, inside the write of whoever sees it first: the phones'
    # hub, the facilitator's or the projector's page), the facilitator's own note per question (shown
    # on the facilitator's page only), and how many answers one participant may send to an open question
    db.execute("ALTER TABLE workshop_questions ADD COLUMN ends_at REAL")
    db.execute("ALTER TABLE workshop_questions ADD COLUMN reveal_at_end INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE workshop_questions ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE workshop_open_questions ADD COLUMN max_answers INTEGER NOT NULL DEFAULT 3")


@MIGRATIONS(name="025_workshop_questions")
def _m025_workshop_questions(db: sqlite_utils.Database) -> None:
    # Vragen uit de zaal (issue 27.7): participants send questions for the panel, others upvote them,
    # the facilitator moderates them. qa_open: phones can ask and upvote; qa_on_screen: the projector
    # shows the top approved questions instead of the current question.
    db.execute("ALTER TABLE workshops ADD COLUMN qa_open INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE workshops ADD COLUMN qa_on_screen INTEGER NOT NULL DEFAULT 0")
    db.table("workshop_room_questions").create(
        {
            "id": int,
            "participant_id": int,  # who asked: never shown, only to give the asker their own list
            "text": str,
            "status": str,  # nieuw | goedgekeurd | verborgen | beantwoord
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("participant_id", "workshop_participants", "id")],
        not_null={"participant_id", "text", "status"},
        defaults={"status": "nieuw"},
    )
    db.table("workshop_room_questions").create_index(["participant_id"])
    db.table("workshop_room_votes").create(  # one upvote per participant per question
        {"question_id": int, "participant_id": int, "created_at": str},
        pk=("question_id", "participant_id"),
        foreign_keys=[
            ("question_id", "workshop_room_questions", "id"),
            ("participant_id", "workshop_participants", "id"),
        ],
    )
    db.table("workshop_room_votes").create_index(["participant_id"])


@MIGRATIONS(name="026_personal_invitations")
def _m026_personal_invitations(db: sqlite_utils.Database) -> None:
    # response "n van N" and personal invitations (issue 26.9). A personal code makes one respondent at
    # most: the trigger refuses a second, whatever writer forgets to check (scan/records/round/respondents.py
    # checks first, with a Dutch message). ``respond_until``: the last day (Dutch time) on which invited
    # respondents can start, answer and send; NULL: until the round closes. ``role_sizes``: how many people
    # the griffier expects per role (the council's seats come from the Kiesraad data when none is typed).
    db.execute("ALTER TABLE invites ADD COLUMN personal INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE rounds ADD COLUMN respond_until TEXT")
    db.table("role_sizes").create(
        {"round_id": int, "role": str, "expected": int},
        pk=("round_id", "role"),
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"expected"},
    )
    db.table("respondents").create_index(["invite_id"])
    db.execute(
        "CREATE TRIGGER respondents_one_per_personal_invite BEFORE INSERT ON respondents "
        "WHEN NEW.invite_id IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM invites WHERE id = NEW.invite_id AND personal = 1) "
        "AND EXISTS (SELECT 1 FROM respondents WHERE invite_id = NEW.invite_id) "
        "BEGIN SELECT RAISE(ABORT, 'personal invite already used'); END;"
    )
    # the expected sizes and the closing date are shown in the round's documents: they move its version
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        db.execute(
            f"CREATE TRIGGER role_sizes_{event.lower()}_stamps_round AFTER {event} ON role_sizes "
            f"BEGIN {_stamp_round(f'{row}.round_id')} END;"
        )
    db.execute(
        "CREATE TRIGGER rounds_respond_until_stamps_round AFTER UPDATE OF respond_until ON rounds "
        f"WHEN OLD.respond_until IS NOT NEW.respond_until BEGIN {_stamp_round('NEW.id')} END;"
    )


# --- 027: following up the agenda (issue 26.8) -----------------------------------------------------


def _stamp_round_and_later(round_id_sql: str) -> str:
    """The round and the municipality's later rounds: a later round shows what happened with this
    round's agenda ("Wat deden we met de agenda van …?"), so their views change too."""
    return (
        f"{_NEXT_STAMP} UPDATE rounds SET version = {_STAMP}, updated_at = {_NOW} "
        f"WHERE gm_code = (SELECT gm_code FROM rounds WHERE id = {round_id_sql}) "
        f"AND year >= (SELECT year FROM rounds WHERE id = {round_id_sql});"
    )


@MIGRATIONS(name="027_agenda_follow_up")
def _m027_agenda_follow_up(db: sqlite_utils.Database) -> None:
    # the municipality's own agenda items (not from the pamphlet); carried_from: the item of the
    # previous round it was carried over from (no foreign key: deleting that round keeps this one)
    db.table("agenda_own_items").create(
        {
            "id": int,
            "round_id": int,
            "title": str,
            "goal": str,
            "owner": str,
            "timeline": str,
            "budget": str,
            "carried_from": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "title"},
    )
    db.table("agenda_own_items").create_index(["round_id", "carried_from"], unique=True)
    # per agenda item (a proposal's id, or "eigen-<id>"): gestart / loopt / klaar / gestopt, and why it stopped
    db.table("agenda_follow_up").create(
        {"round_id": int, "item": str, "status": str, "why": str, "updated_at": str},
        pk=("round_id", "item"),
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"status"},
    )
    db.table("agenda_notes").create(
        {"id": int, "round_id": int, "item": str, "noted_on": str, "text": str, "created_at": str},
        pk="id",
        foreign_keys=[("round_id", "rounds", "id")],
        not_null={"round_id", "item", "noted_on", "text"},
    )
    db.table("agenda_notes").create_index(["round_id", "item"])
    # the open items of the previous round's agenda were carried into this round: once per round
    db.table("agenda_carries").create(
        {"round_id": int, "from_round_id": int, "items": int, "carried_at": str},
        pk="round_id",
        foreign_keys=[("round_id", "rounds", "id"), ("from_round_id", "rounds", "id")],
        not_null={"from_round_id", "items", "carried_at"},
    )
    for table in ("agenda_own_items", "agenda_follow_up", "agenda_notes", "agenda_carries"):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_stamps_rounds AFTER {event} ON {table} BEGIN "
                f"{_stamp_round_and_later(f'{row}.round_id')} END;"
            )

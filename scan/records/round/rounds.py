"""Scan rounds: one per municipality per year, with its self-scan respondent. The round's SQL lives
here; its version is kept by the schema (see scan/storage/schema.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from scan.base.errors import NotFound, ScanError
from scan.base.formatting import nl_date
from scan.content.models import SELF_ROLE, RespondentKind
from scan.content.reference import reference
from scan.storage.core import Store, inserted_id, now
from scan.storage.schema_graph import delete_with_dependents

MIN_YEAR, MAX_YEAR = 2018, 2100
_COLUMNS = (
    "id, gm_code, year, status, share_benchmark, is_demo, version, created_at, updated_at, comparison_group, "
    "respond_until"
)


@dataclass(frozen=True)
class Round:
    id: int
    gm_code: str
    year: int
    status: str
    share_benchmark: bool
    is_demo: bool
    version: int  # moves whenever anything a view of this round shows changes (cache key)
    created_at: str
    updated_at: str
    comparison_group: str | None = None  # the group the griffier chose for this round; None: the default
    respond_until: str | None = None  # ISO date: invited respondents' last day (Dutch time); None: no date

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def key(self) -> tuple[int, int]:
        """What a cached view of this round depends on."""
        return (self.id, self.version)

    @classmethod
    def from_row(cls, row: tuple) -> Round:
        rid, code, year, status, share, demo, version, created, updated, group, until = row
        return cls(rid, code, year, status, bool(share), bool(demo), version, created, updated, group, until)


def valid_year(year: object) -> int:
    """The year as an int, or a Dutch refusal (also for bools, floats and out-of-range numbers)."""
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ScanError(f"Kies een jaar van {MIN_YEAR} tot en met {MAX_YEAR}.")
    return year


def start(store: Store, gm_code: str, year: int, *, is_demo: bool = False) -> Round:
    """Create the round of this year for a municipality, with its self-scan respondent."""
    ref = reference()
    if gm_code not in ref.municipalities:
        raise NotFound(f"Gemeentecode '{gm_code}' bestaat niet.")
    valid_year(year)
    name = ref.municipality(gm_code).name
    with store.write() as db:
        if db.execute("SELECT 1 FROM rounds WHERE gm_code = ? AND year = ?", [gm_code, year]).fetchone():
            raise ScanError(f"Er is al een scan van {name} voor {year}. Open die ronde.")
        stamp = now()
        round_id = inserted_id(
            db.execute(
                "INSERT INTO rounds (gm_code, year, status, share_benchmark, is_demo, created_at, updated_at) "
                "VALUES (?, ?, 'open', 0, ?, ?, ?)",
                [gm_code, year, int(is_demo), stamp, stamp],
            )
        )
        db.execute(
            "INSERT INTO respondents (round_id, role, kind, created_at) VALUES (?, ?, ?, ?)",
            [round_id, SELF_ROLE, RespondentKind.SELF.value, stamp],
        )
    return by_id(store, round_id)


def by_id(store: Store, round_id: int) -> Round:
    return read(store.db, round_id)


def read(db: Database, round_id: int) -> Round:
    """``by_id`` on a connection: inside a write, the round as that write sees it."""
    row = db.execute(f"SELECT {_COLUMNS} FROM rounds WHERE id = ?", [round_id]).fetchone()
    if row is None:
        raise NotFound(f"Scanronde {round_id} bestaat niet.")
    return Round.from_row(row)


def get(store: Store, gm_code: str, year: int) -> Round | None:
    row = store.db.execute(
        f"SELECT {_COLUMNS} FROM rounds WHERE gm_code = ? AND year = ?", [gm_code, year]
    ).fetchone()
    return Round.from_row(row) if row else None


def for_municipality(store: Store, gm_code: str) -> list[Round]:
    """Every round of the municipality, newest first."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM rounds WHERE gm_code = ? ORDER BY year DESC", [gm_code]
    ).fetchall()
    return [Round.from_row(r) for r in rows]


def earlier(store: Store, gm_code: str, year: int) -> list[Round]:
    """The municipality's rounds before ``year``, newest first: the trend's history and "the previous
    round" (the first of them) come from this one query."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM rounds WHERE gm_code = ? AND year < ? ORDER BY year DESC", [gm_code, year]
    ).fetchall()
    return [Round.from_row(r) for r in rows]


def previous(store: Store, gm_code: str, year: int) -> Round | None:
    """The round a round of ``year`` is compared with (and can copy its answers from)."""
    return next(iter(earlier(store, gm_code, year)), None)


def self_respondent(db: Database, round_id: int) -> int:
    row = db.execute(
        "SELECT id FROM respondents WHERE round_id = ? AND kind = ?", [round_id, RespondentKind.SELF.value]
    ).fetchone()
    if row is None:
        raise NotFound(f"Scanronde {round_id} bestaat niet.")
    return row[0]


def require_open(db: Database, round_id: int, message: str = "Deze scanronde is gesloten.") -> None:
    """Refuse a write to a closed (or missing) round; call inside the write's transaction."""
    row = db.execute("SELECT status FROM rounds WHERE id = ?", [round_id]).fetchone()
    if row is None:
        raise NotFound(f"Scanronde {round_id} bestaat niet.")
    if row[0] != "open":
        raise ScanError(message)


def set_share_benchmark(store: Store, round_id: int, share: bool) -> None:
    with store.write() as db:
        db.execute("UPDATE rounds SET share_benchmark = ? WHERE id = ?", [int(share), round_id])


def set_comparison_group(store: Store, round_id: int, group_id: str) -> Round:
    """The round's comparison group: one of the groups its municipality may compare with (its own
    groups and the named networks). Refused, changing nothing, for an unknown group or a closed round."""
    with store.write() as db:
        rnd = read(db, round_id)
        require_open(db, round_id, "Deze scanronde is gesloten: de vergelijkingsgroep ligt vast.")
        if reference().peer_group(rnd.gm_code, group_id) is None:
            raise ScanError(f"Vergelijkingsgroep '{group_id}' bestaat niet. Kies een groep uit de lijst.")
        db.execute("UPDATE rounds SET comparison_group = ? WHERE id = ?", [group_id, round_id])
        return read(db, round_id)


DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
LONGEST_INVITATION = timedelta(days=366)


def today() -> date:
    """Today in the Netherlands: a closing date ends at midnight Dutch time, wherever the server runs."""
    return datetime.now(DUTCH_TIME).date()


def respondents_closed(respond_until: str | None, on: date | None = None) -> str | None:
    """Why invited respondents can no longer start, answer or send (the closing date has passed), or None."""
    if respond_until is None:
        return None
    last = date.fromisoformat(respond_until)
    if (on or today()) <= last:
        return None
    return f"De vragenlijst stond open tot en met {nl_date(last)}. Bedankt voor uw belangstelling."


def set_respond_until(store: Store, round_id: int, until: date | None) -> Round:
    """The last day on which invited respondents can answer (None: until the round closes). Refused,
    changing nothing, for a day in the past or more than a year ahead, or a closed round."""
    if until is not None:
        if not isinstance(until, date) or isinstance(until, datetime):
            raise ScanError("Kies een datum.")
        if until < today():
            raise ScanError("Kies een datum vanaf vandaag: een sluitingsdatum in het verleden kan niet.")
        if until > today() + LONGEST_INVITATION:
            raise ScanError("Kies een datum binnen een jaar vanaf vandaag.")
    with store.write() as db:
        require_open(db, round_id, "Deze scanronde is gesloten; de sluitingsdatum ligt vast.")
        db.execute(
            "UPDATE rounds SET respond_until = ? WHERE id = ?",
            [until.isoformat() if until else None, round_id],
        )
        return read(db, round_id)


def close(store: Store, round_id: int) -> None:
    with store.write() as db:
        db.execute("UPDATE rounds SET status = 'closed' WHERE id = ?", [round_id])


def delete(store: Store, round_id: int) -> None:
    """Remove a round and everything that refers to it, at once. What refers to it comes from the
    schema's foreign keys, so a table added later is removed too."""
    with store.write() as db:
        if db.execute("SELECT 1 FROM rounds WHERE id = ?", [round_id]).fetchone() is None:
            raise NotFound(f"Scanronde {round_id} bestaat niet.")
        delete_with_dependents(db, "rounds", "id = :round", {"round": round_id})

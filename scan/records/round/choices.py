"""What the municipality chose: a status per proposal, and the edited fields of its agenda items."""

from __future__ import annotations

from sqlite_utils import Database

from scan.base.errors import ScanError
from scan.base.text import clean_input, printable
from scan.content.models import ProposalStatus
from scan.content.questionbank import question_bank
from scan.records.round.rounds import require_open
from scan.storage.core import Store, now

AGENDA_FIELDS = ("goal", "owner", "timeline", "text")
FIELD_LABELS = {
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "text": "Tekstsuggestie voor het akkoord",
}
MAX_FIELD = 4000
CLOSED = "Deze scanronde is gesloten; keuzes kunnen niet meer veranderen."
UNCHECKED = object()  # no expectation: a script or the CLI writes without a screen


class StaleChoice(ScanError):
    """Someone else changed it since this screen showed it; nothing was saved. ``current``: what it is now."""

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current


def set_status(
    store: Store,
    round_id: int,
    proposal_id: str,
    status: ProposalStatus | str | None,
    *,
    expected: ProposalStatus | str | object | None = UNCHECKED,
) -> None:
    """Mark a proposal as done, chosen or not for us; None removes the mark. ``expected``: the mark
    the screen showed; when someone else changed it meanwhile, nothing is saved (StaleChoice)."""
    try:
        status = None if status is None else ProposalStatus(status)
    except ValueError:
        raise ScanError(f"Onbekende keuze '{status}'.") from None
    if not any(p.id == proposal_id for p in question_bank().proposals):
        raise ScanError(f"Voorstel '{proposal_id}' bestaat niet.")
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        row = db.execute(
            "SELECT status FROM proposal_status WHERE round_id = ? AND proposal_id = ?",
            [round_id, proposal_id],
        ).fetchone()
        current = row[0] if row else None
        if expected is not UNCHECKED and current != (None if expected is None else str(expected)):
            raise StaleChoice(
                f"Iemand anders heeft de keuze voor voorstel {proposal_id} intussen veranderd in "
                f"‘{ProposalStatus(current).label if current else 'nog geen keuze'}’. Uw keuze is niet bewaard.",
                current,
            )
        if status is None:
            db.execute(
                "DELETE FROM proposal_status WHERE round_id = ? AND proposal_id = ?", [round_id, proposal_id]
            )
        else:
            db.execute(
                "INSERT INTO proposal_status (round_id, proposal_id, status, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (round_id, proposal_id) DO UPDATE SET status = excluded.status, "
                "updated_at = excluded.updated_at",
                [round_id, proposal_id, status.value, now()],
            )


def statuses(store: Store, round_id: int) -> dict[str, ProposalStatus]:
    rows = store.db.execute(
        "SELECT proposal_id, status FROM proposal_status WHERE round_id = ?", [round_id]
    ).fetchall()
    return {pid: ProposalStatus(status) for pid, status in rows}


def agenda_edits(store: Store, round_id: int) -> dict[str, dict]:
    """The fields the griffier edited, per proposal (only what was edited)."""
    rows = store.db.table("agenda_items").rows_where("round_id = ?", [round_id])
    # stored text never breaks a page or a file (control characters from before the input check)
    return {
        row["proposal_id"]: {
            k: printable(v) if k in AGENDA_FIELDS and v is not None else v for k, v in row.items()
        }
        for row in rows
    }


def is_chosen(db: Database, round_id: int, proposal_id: str) -> bool:
    """The proposal is on the round's agenda (chosen), read inside the caller's transaction."""
    return (
        db.execute(
            "SELECT 1 FROM proposal_status WHERE round_id = ? AND proposal_id = ? AND status = ?",
            [round_id, proposal_id, ProposalStatus.CHOSEN.value],
        ).fetchone()
        is not None
    )


def save_agenda_field(
    store: Store, round_id: int, proposal_id: str, *, expected: dict | None = None, **fields: str
) -> None:
    """Store the edited goal, owner, timeline and/or text of one chosen proposal's agenda item.
    ``expected``: per field the stored value the screen showed (None: not edited yet); a newer value
    from someone else is never overwritten (StaleChoice names it)."""
    if unknown := set(fields) - set(AGENDA_FIELDS):
        raise ScanError(f"Onbekend veld '{sorted(unknown)[0]}'.")
    fields = {name: clean_input(value, f"Het veld ‘{FIELD_LABELS[name]}’") for name, value in fields.items()}
    for name, value in fields.items():
        if len(value) > MAX_FIELD:
            raise ScanError(f"Het veld ‘{FIELD_LABELS[name]}’ mag hoogstens 4.000 tekens bevatten.")
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        if not is_chosen(db, round_id, proposal_id):
            raise ScanError(f"Voorstel {proposal_id} is niet gekozen voor de agenda.")
        if expected is not None:
            row = db.execute(
                f"SELECT {', '.join(fields)} FROM agenda_items WHERE round_id = ? AND proposal_id = ?",
                [round_id, proposal_id],
            ).fetchone()
            stored = dict(zip(fields, row, strict=True)) if row else dict.fromkeys(fields)
            for name in fields:
                if name in expected and (stored[name] or None) != (expected[name] or None):
                    raise StaleChoice(
                        f"Iemand anders heeft ‘{FIELD_LABELS[name]}’ bij voorstel {proposal_id} intussen "
                        f"veranderd in: ‘{printable(stored[name] or '')}’. Uw tekst is niet bewaard: "
                        f"‘{fields[name]}’.",
                        stored[name],
                    )
        columns = ", ".join(fields)
        updates = ", ".join(f"{name} = excluded.{name}" for name in fields)
        db.execute(
            f"INSERT INTO agenda_items (round_id, proposal_id, {columns}, updated_at) "
            f"VALUES (?, ?, {', '.join('?' for _ in fields)}, ?) "
            f"ON CONFLICT (round_id, proposal_id) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
            [round_id, proposal_id, *fields.values(), now()],
        )

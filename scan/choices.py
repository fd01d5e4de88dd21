"""What the municipality chose: a status per proposal, and the edited fields of its agenda items."""

from __future__ import annotations

from scan.errors import ScanError
from scan.models import ProposalStatus
from scan.questionbank import question_bank
from scan.rounds import require_open
from scan.storage import Store, now
from scan.text import clean_input, printable

AGENDA_FIELDS = ("goal", "owner", "timeline", "text")
FIELD_LABELS = {
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "text": "Tekstsuggestie voor het akkoord",
}
MAX_FIELD = 4000
CLOSED = "Deze scanronde is gesloten; keuzes kunnen niet meer veranderen."


def set_status(store: Store, round_id: int, proposal_id: str, status: ProposalStatus | str | None) -> None:
    """Mark a proposal as done, chosen or not for us; None removes the mark."""
    try:
        status = None if status is None else ProposalStatus(status)
    except ValueError:
        raise ScanError(f"Onbekende keuze '{status}'.") from None
    if not any(p.id == proposal_id for p in question_bank().proposals):
        raise ScanError(f"Voorstel '{proposal_id}' bestaat niet.")
    with store.write() as db:
        require_open(db, round_id, CLOSED)
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
    rows = store.db["agenda_items"].rows_where("round_id = ?", [round_id])
    # stored text never breaks a page or a file (control characters from before the input check)
    return {
        row["proposal_id"]: {
            k: printable(v) if k in AGENDA_FIELDS and v is not None else v for k, v in row.items()
        }
        for row in rows
    }


def save_agenda_field(store: Store, round_id: int, proposal_id: str, **fields: str) -> None:
    """Store the edited goal, owner, timeline and/or text of one chosen proposal's agenda item."""
    if unknown := set(fields) - set(AGENDA_FIELDS):
        raise ScanError(f"Onbekend veld '{sorted(unknown)[0]}'.")
    fields = {name: clean_input(value, f"Het veld ‘{FIELD_LABELS[name]}’") for name, value in fields.items()}
    for name, value in fields.items():
        if len(value) > MAX_FIELD:
            raise ScanError(f"Het veld ‘{FIELD_LABELS[name]}’ mag hoogstens 4.000 tekens bevatten.")
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        chosen = db.execute(
            "SELECT 1 FROM proposal_status WHERE round_id = ? AND proposal_id = ? AND status = ?",
            [round_id, proposal_id, ProposalStatus.CHOSEN.value],
        ).fetchone()
        if not chosen:
            raise ScanError(f"Voorstel {proposal_id} is niet gekozen voor de agenda.")
        columns = ", ".join(fields)
        updates = ", ".join(f"{name} = excluded.{name}" for name in fields)
        db.execute(
            f"INSERT INTO agenda_items (round_id, proposal_id, {columns}, updated_at) "
            f"VALUES (?, ?, {', '.join('?' for _ in fields)}, ?) "
            f"ON CONFLICT (round_id, proposal_id) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
            [round_id, proposal_id, *fields.values(), now()],
        )

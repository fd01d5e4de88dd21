"""Following up the agenda (issue 26.8): the municipality's own items (not from the pamphlet), a status
per item with dated progress notes, and the open items of the previous round carried into the next.

Own items change only while the round is open, like the rest of the agenda. Status and notes change
also after the round closed: following up is what happens after the council received the agenda.
A change to what a screen showed meanwhile is refused (StaleChoice), as for the agenda's fields."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from scan.base.errors import NotFound, ScanError
from scan.base.formatting import nl_date, nl_number
from scan.base.text import clean_input, printable
from scan.content.models import ProposalStatus
from scan.records.round.choices import AGENDA_FIELDS, CLOSED, MAX_FIELD, UNCHECKED, StaleChoice
from scan.records.round.rounds import read, require_open
from scan.rules.agenda import OWN_PREFIX, ItemStatus, Note, OwnItem, Progress, own_key
from scan.storage.core import Store, inserted_id, now

OWN_FIELDS = ("title", "goal", "owner", "timeline", "budget")
OWN_LABELS = {
    "title": "Titel",
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "budget": "Budget",
}
MAX_TITLE = 200
MAX_NOTE = 2000


def _text(value: str, label: str, limit: int) -> str:
    text = clean_input(value, f"Het veld ‘{label}’").strip()
    if len(text) > limit:
        raise ScanError(f"Het veld ‘{label}’ mag hoogstens {nl_number(limit)} tekens bevatten.")
    return text


def _own_fields(fields: dict[str, str]) -> dict[str, str]:
    if unknown := set(fields) - set(OWN_FIELDS):
        raise ScanError(f"Onbekend veld '{sorted(unknown)[0]}'.")
    clean = {
        name: _text(value, OWN_LABELS[name], MAX_TITLE if name == "title" else MAX_FIELD)
        for name, value in fields.items()
    }
    if "title" in clean and not clean["title"]:
        raise ScanError("Geef het eigen punt een titel, bijvoorbeeld ‘Wijkbudgetten in drie wijken’.")
    return clean


# --- own items ----------------------------------------------------------------------------------


def add_own_item(store: Store, round_id: int, title: str, **fields: str) -> int:
    """Put an item of the municipality's own on the round's agenda; returns its id."""
    clean = _own_fields({"title": title, **fields})
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        stamp = now()
        columns = ", ".join(clean)
        return inserted_id(
            db.execute(
                f"INSERT INTO agenda_own_items (round_id, {columns}, created_at, updated_at) "
                f"VALUES (?, {', '.join('?' for _ in clean)}, ?, ?)",
                [round_id, *clean.values(), stamp, stamp],
            )
        )


def _own_row(db: Database, round_id: int, item_id: int, columns: str = "id") -> tuple:
    row = db.execute(
        f"SELECT {columns} FROM agenda_own_items WHERE id = ? AND round_id = ?", [item_id, round_id]
    ).fetchone()
    if row is None:
        raise NotFound(
            "Dit eigen punt staat niet (meer) op de agenda. Misschien heeft iemand het verwijderd."
        )
    return row


def save_own_field(
    store: Store, round_id: int, item_id: int, *, expected: dict | None = None, **fields: str
) -> None:
    """Change fields of an own item. ``expected``: per field the value the screen showed; a newer value
    from someone else is never overwritten (StaleChoice names it)."""
    clean = _own_fields(fields)
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        stored = dict(zip(clean, _own_row(db, round_id, item_id, ", ".join(clean)), strict=True))
        for name in clean:
            if expected is not None and name in expected and (stored[name] or "") != (expected[name] or ""):
                raise StaleChoice(
                    f"Iemand anders heeft ‘{OWN_LABELS[name]}’ bij dit eigen punt intussen veranderd in: "
                    f"‘{printable(stored[name] or '')}’. Uw tekst is niet bewaard: ‘{clean[name]}’.",
                    stored[name],
                )
        updates = ", ".join(f"{name} = ?" for name in clean)
        db.execute(
            f"UPDATE agenda_own_items SET {updates}, updated_at = ? WHERE id = ?",
            [*clean.values(), now(), item_id],
        )


def delete_own_item(store: Store, round_id: int, item_id: int) -> None:
    """Take an own item off the agenda, with its status and notes."""
    with store.write() as db:
        require_open(db, round_id, CLOSED)
        _own_row(db, round_id, item_id)
        key = own_key(item_id)
        db.execute("DELETE FROM agenda_notes WHERE round_id = ? AND item = ?", [round_id, key])
        db.execute("DELETE FROM agenda_follow_up WHERE round_id = ? AND item = ?", [round_id, key])
        db.execute("DELETE FROM agenda_own_items WHERE id = ?", [item_id])


def own_items(store: Store, round_id: int) -> list[OwnItem]:
    """The round's own items, in the order they were added."""
    rows = store.db.execute(
        "SELECT id, title, goal, owner, timeline, budget, carried_from FROM agenda_own_items "
        "WHERE round_id = ? ORDER BY id",
        [round_id],
    ).fetchall()
    # stored text never breaks a page or a file (control characters from before the input check)
    return [
        OwnItem(
            rid,
            printable(title),
            printable(goal),
            printable(owner),
            printable(timeline),
            printable(budget),
            carried,
        )
        for rid, title, goal, owner, timeline, budget, carried in rows
    ]


# --- status and notes ---------------------------------------------------------------------------


def _require_item(db: Database, round_id: int, item: str) -> None:
    """The item is on the round's agenda: a chosen proposal or one of its own items."""
    if item.startswith(OWN_PREFIX):
        suffix = item.removeprefix(OWN_PREFIX)
        if not suffix.isdecimal():
            raise NotFound(f"Agendapunt '{item[:30]}' bestaat niet.")
        _own_row(db, round_id, int(suffix))
        return
    chosen = db.execute(
        "SELECT 1 FROM proposal_status WHERE round_id = ? AND proposal_id = ? AND status = ?",
        [round_id, item, ProposalStatus.CHOSEN.value],
    ).fetchone()
    if not chosen:
        raise ScanError(f"Voorstel {item[:10]} staat niet op de agenda van deze ronde.")


def _require_round(db: Database, round_id: int) -> None:
    read(db, round_id)  # NotFound for a round that does not exist


def set_status(
    store: Store,
    round_id: int,
    item: str,
    status: ItemStatus | str | None,
    why: str = "",
    *,
    expected: tuple[str | None, str] | object = UNCHECKED,
) -> None:
    """Record how an item is getting on: gestart, loopt, klaar or gestopt (with why); None: not started.
    ``expected``: (status, why) as the screen showed them; when someone else changed them meanwhile,
    nothing is saved (StaleChoice). Allowed in a closed round too: following up comes after."""
    try:
        status = None if status in (None, "") else ItemStatus(status)
    except ValueError:
        raise ScanError(f"Onbekende stand '{str(status)[:20]}'.") from None
    why = _text(why, "Waarom gestopt", MAX_FIELD) if status is ItemStatus.STOPPED else ""
    if status is ItemStatus.STOPPED and not why:
        raise ScanError("Schrijf op waarom het punt gestopt is; de raad wil dat weten. Er is niets bewaard.")
    with store.write() as db:
        _require_round(db, round_id)
        _require_item(db, round_id, item)
        row = db.execute(
            "SELECT status, why FROM agenda_follow_up WHERE round_id = ? AND item = ?", [round_id, item]
        ).fetchone()
        current = (row[0], row[1] or "") if row else (None, "")
        if expected is not UNCHECKED:
            shown = expected if isinstance(expected, tuple) else (None, "")
            if current != ((str(shown[0]) if shown[0] else None), shown[1] or ""):
                label = ItemStatus(current[0]).label if current[0] else "nog niet gestart"
                raise StaleChoice(
                    f"Iemand anders heeft de stand van dit punt intussen veranderd in ‘{label.lower()}’"
                    f"{f' ({printable(current[1])})' if current[1] else ''}. Uw keuze is niet bewaard.",
                    current,
                )
        if status is None:
            db.execute("DELETE FROM agenda_follow_up WHERE round_id = ? AND item = ?", [round_id, item])
        else:
            db.execute(
                "INSERT INTO agenda_follow_up (round_id, item, status, why, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (round_id, item) DO UPDATE SET status = excluded.status, why = excluded.why, "
                "updated_at = excluded.updated_at",
                [round_id, item, status.value, why, now()],
            )


def add_note(store: Store, round_id: int, item: str, noted_on: date, text: str) -> None:
    """A dated progress note on an item ("3 maart 2027: de eerste wijkavond was vol")."""
    text = _text(text, "Voortgang", MAX_NOTE)
    if not text:
        raise ScanError("Schrijf eerst op wat er gebeurd is. Er is niets bewaard.")
    if not isinstance(noted_on, date) or noted_on > date.today():
        raise ScanError("Kies een datum van vandaag of eerder: een notitie zegt wat er al gebeurd is.")
    with store.write() as db:
        _require_round(db, round_id)
        _require_item(db, round_id, item)
        db.execute(
            "INSERT INTO agenda_notes (round_id, item, noted_on, text, created_at) VALUES (?, ?, ?, ?, ?)",
            [round_id, item, noted_on.isoformat(), text, now()],
        )


def progress(store: Store, round_id: int) -> dict[str, Progress]:
    """Per item key: its status, why it stopped and its notes (oldest first)."""
    statuses = {
        item: (ItemStatus(status), printable(why or ""))
        for item, status, why in store.db.execute(
            "SELECT item, status, why FROM agenda_follow_up WHERE round_id = ?", [round_id]
        ).fetchall()
    }
    notes: dict[str, list[Note]] = {}
    for item, noted_on, text in store.db.execute(
        "SELECT item, noted_on, text FROM agenda_notes WHERE round_id = ? ORDER BY noted_on, id", [round_id]
    ).fetchall():
        notes.setdefault(item, []).append(Note(date.fromisoformat(noted_on), printable(text)))
    result = {}
    for item in statuses.keys() | notes.keys():
        status, why = statuses.get(item, (None, ""))
        result[item] = Progress(status, why, tuple(notes.get(item, ())))
    return result


def item_keys(store: Store, round_id: int) -> list[str]:
    """The keys of every item on the round's agenda: its chosen proposals, then its own items."""
    chosen = store.db.execute(
        "SELECT proposal_id FROM proposal_status WHERE round_id = ? AND status = ? ORDER BY proposal_id",
        [round_id, ProposalStatus.CHOSEN.value],
    ).fetchall()
    own = store.db.execute("SELECT id FROM agenda_own_items WHERE round_id = ? ORDER BY id", [round_id])
    return [pid for (pid,) in chosen] + [own_key(oid) for (oid,) in own.fetchall()]


# --- carrying the open items forward ------------------------------------------------------------


class Carry(NamedTuple):
    from_round_id: int
    items: int
    carried_on: date


def carried(store: Store, round_id: int) -> Carry | None:
    """Whether (and when, how many) the previous agenda's open items were carried into this round."""
    row = store.db.execute(
        "SELECT from_round_id, items, carried_at FROM agenda_carries WHERE round_id = ?", [round_id]
    ).fetchone()
    return Carry(row[0], row[1], date.fromisoformat(row[2][:10])) if row else None


def carry_forward(store: Store, round_id: int) -> int:
    """Carry the open items (not klaar, not gestopt) of the previous round's agenda into this round, in
    one step and once: a proposal becomes chosen here with its edited fields and status (unless this
    round decided about it already), an own item is copied with its fields and status. Notes stay with
    the round they were written in. Returns how many items came over."""
    with store.write() as db:
        rnd = read(db, round_id)
        require_open(db, round_id, "Deze scanronde is gesloten; er kan niets meer bij op de agenda.")
        done = db.execute("SELECT carried_at FROM agenda_carries WHERE round_id = ?", [round_id]).fetchone()
        if done:
            when = nl_date(date.fromisoformat(done[0][:10]))
            raise ScanError(f"De open punten zijn al overgenomen, op {when}. Er is niets dubbel gezet.")
        row = db.execute(
            "SELECT id FROM rounds WHERE gm_code = ? AND year < ? ORDER BY year DESC LIMIT 1",
            [rnd.gm_code, rnd.year],
        ).fetchone()
        if row is None:
            raise ScanError(
                "Er is geen eerdere scanronde van deze gemeente, dus geen agenda om over te nemen."
            )
        earlier = read(db, row[0])
        status = dict(
            db.execute(
                "SELECT item, status FROM agenda_follow_up WHERE round_id = ?", [earlier.id]
            ).fetchall()
        )

        def is_open(key: str) -> bool:
            return key not in status or ItemStatus(status[key]).is_open

        stamp, count = now(), 0
        chosen = [
            pid
            for (pid,) in db.execute(
                "SELECT proposal_id FROM proposal_status WHERE round_id = ? AND status = ? ORDER BY proposal_id",
                [earlier.id, ProposalStatus.CHOSEN.value],
            ).fetchall()
            if is_open(pid)
        ]
        for pid in chosen:
            decided = db.execute(
                "SELECT 1 FROM proposal_status WHERE round_id = ? AND proposal_id = ?", [round_id, pid]
            ).fetchone()
            if decided:
                continue  # this round chose, did or dropped it already: its own decision stands
            db.execute(
                "INSERT INTO proposal_status (round_id, proposal_id, status, updated_at) VALUES (?, ?, ?, ?)",
                [round_id, pid, ProposalStatus.CHOSEN.value, stamp],
            )
            db.execute(
                f"INSERT INTO agenda_items (round_id, proposal_id, {', '.join(AGENDA_FIELDS)}, updated_at) "
                f"SELECT ?, proposal_id, {', '.join(AGENDA_FIELDS)}, ? FROM agenda_items "
                "WHERE round_id = ? AND proposal_id = ?",
                [round_id, stamp, earlier.id, pid],
            )
            _carry_status(db, round_id, pid, pid, status, stamp)
            count += 1
        own = db.execute(
            f"SELECT id, {', '.join(OWN_FIELDS)} FROM agenda_own_items WHERE round_id = ? ORDER BY id",
            [earlier.id],
        ).fetchall()
        for old_id, *values in own:
            if not is_open(own_key(old_id)):
                continue
            new_id = inserted_id(
                db.execute(
                    f"INSERT INTO agenda_own_items (round_id, {', '.join(OWN_FIELDS)}, carried_from, "
                    f"created_at, updated_at) VALUES (?, {', '.join('?' for _ in OWN_FIELDS)}, ?, ?, ?)",
                    [round_id, *values, old_id, stamp, stamp],
                )
            )
            _carry_status(db, round_id, own_key(old_id), own_key(new_id), status, stamp)
            count += 1
        db.execute(
            "INSERT INTO agenda_carries (round_id, from_round_id, items, carried_at) VALUES (?, ?, ?, ?)",
            [round_id, earlier.id, count, stamp],
        )
        return count


def _carry_status(db: Database, new_round: int, old_key: str, new_key: str, status: dict, stamp: str) -> None:
    """The item goes on as it stood (gestart, loopt); notes and a reason stay in the old round."""
    if old_key in status:
        db.execute(
            "INSERT INTO agenda_follow_up (round_id, item, status, why, updated_at) VALUES (?, ?, ?, '', ?)",
            [new_round, new_key, status[old_key], stamp],
        )

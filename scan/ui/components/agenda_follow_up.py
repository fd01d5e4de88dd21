"""Following up the agenda on screen (issue 26.8): per item its status (gestart, loopt, klaar, gestopt
with why) and dated progress notes, and "Wat deden we met de agenda van …?" with the one click that
carries the open items into this round. The records are in scan/records/round/follow_up.py.

A status is saved against the status this screen showed: when someone else changed it meanwhile,
nothing is saved and the newer status is shown, with a message (as for the agenda's fields)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from scan.base.errors import ScanError
from scan.base.formatting import nl_count, nl_date, nl_number
from scan.records.round import follow_up
from scan.records.round.choices import StaleChoice
from scan.records.round.rounds import Round
from scan.rules.agenda import NOT_STARTED, AgendaItem, ItemStatus
from scan.ui.components import literal
from scan.ui.services import get_store
from scan.views.agenda import PreviousAgenda

NO_STATUS = ""  # the radio's "nog niet gestart"
SHOWN = "voortgang_getoond"  # per (round, item): the (status, why) this screen last showed


def _key(round_id: int, item: str, part: str) -> str:
    return f"voortgang_{round_id}_{item}_{part}"


def _save_status(round_id: int, item: str) -> None:
    status = st.session_state[_key(round_id, item, "stand")] or None
    why = st.session_state[_key(round_id, item, "waarom")]
    expected = st.session_state[SHOWN].get((round_id, item), (None, ""))
    message = _key(round_id, item, "bericht")
    try:
        follow_up.set_status(get_store(), round_id, item, status, why, expected=expected)
    except StaleChoice as exc:
        st.session_state[message] = ("warning", str(exc))
        st.session_state[SHOWN].pop((round_id, item), None)  # the next run shows what is stored now
        return
    except ScanError as exc:
        st.session_state[message] = ("error", str(exc))
        return
    st.session_state[message] = ("success", "De stand is bewaard.")


def _add_note(round_id: int, item: str) -> None:
    text_key = _key(round_id, item, "notitie")
    message = _key(round_id, item, "bericht")
    try:
        follow_up.add_note(
            get_store(),
            round_id,
            item,
            st.session_state[_key(round_id, item, "datum")],
            st.session_state[text_key],
        )
    except ScanError as exc:
        st.session_state[message] = ("error", str(exc))  # what was typed stays in the field
        return
    st.session_state[text_key] = ""
    st.session_state[message] = ("success", "De notitie is bewaard.")


def progress_block(round_id: int, item: AgendaItem, title: str = "Voortgang") -> None:
    """An item's status and notes in an expander, with a form for each (also in a closed round:
    following up comes after the council received the agenda)."""
    st.session_state.setdefault(SHOWN, {})
    progress = item.progress
    stored = (progress.status.value if progress.status else None, progress.why)
    status_key, why_key = _key(round_id, item.key, "stand"), _key(round_id, item.key, "waarom")
    if st.session_state[SHOWN].get((round_id, item.key)) != stored or status_key not in st.session_state:
        st.session_state[SHOWN][(round_id, item.key)] = stored  # new here, or changed since (by anyone)
        st.session_state[status_key] = stored[0] or NO_STATUS
        st.session_state[why_key] = stored[1]
    message = st.session_state.pop(_key(round_id, item.key, "bericht"), None)
    notes = len(progress.notes)
    label = f"{title}{': ' if title == 'Voortgang' else ' — '}{progress.label}" + (
        f" · {nl_count(notes, 'notitie', 'notities')}" if notes else ""
    )
    with st.expander(literal.markdown(label), expanded=message is not None):
        if message is not None:
            kind, text = message
            getattr(st, kind)(literal.markdown(text))  # it may quote typed text: shown as text
        if progress.status is ItemStatus.STOPPED and progress.why:
            st.html(f"<p><strong>Waarom gestopt:</strong> {literal.html(progress.why)}</p>")
        if progress.notes:
            # typed text: escaped HTML, never Markdown
            st.html(
                "<ul>"
                + "".join(
                    f"<li><strong>{literal.html(nl_date(n.noted_on))}</strong>: {literal.html(n.text)}</li>"
                    for n in reversed(progress.notes)  # newest first
                )
                + "</ul>"
            )
        with st.form(_key(round_id, item.key, "standformulier"), border=False):
            st.radio(
                "Stand",
                [NO_STATUS, *(s.value for s in ItemStatus)],
                format_func=lambda v: ItemStatus(v).label if v else NOT_STARTED,
                horizontal=True,
                key=status_key,
            )
            st.text_input("Waarom gestopt (alleen bij ‘gestopt’)", key=why_key, max_chars=4000)
            st.form_submit_button(
                "Stand bewaren",
                on_click=_save_status,
                args=(round_id, item.key),
                key=_key(round_id, item.key, "bewaar_stand"),
            )
        with st.form(_key(round_id, item.key, "notitieformulier"), border=False):
            cols = st.columns([1, 3])
            cols[0].date_input(
                "Datum",
                value=date.today(),
                max_value=date.today(),
                format="DD-MM-YYYY",
                key=_key(round_id, item.key, "datum"),
            )
            cols[1].text_input(
                "Wat is er gebeurd?",
                key=_key(round_id, item.key, "notitie"),
                max_chars=2000,
                placeholder="Bijvoorbeeld: eerste wijkavond gehouden, 40 inwoners",
            )
            st.form_submit_button(
                "Notitie toevoegen",
                on_click=_add_note,
                args=(round_id, item.key),
                key=_key(round_id, item.key, "bewaar_notitie"),
            )


CARRY_MESSAGE = "agenda_overnemen_bericht"


def _carry(round_id: int) -> None:
    try:
        count = follow_up.carry_forward(get_store(), round_id)
    except ScanError as exc:
        st.session_state[CARRY_MESSAGE] = ("error", str(exc))
        return
    st.session_state[CARRY_MESSAGE] = (
        "success",
        f"{nl_count(count, 'punt staat', 'punten staan')} nu op de agenda hieronder.",
    )


def previous_block(rnd: Round, previous: PreviousAgenda) -> None:
    """ "Wat deden we met de agenda van 2024?": each item with its status and notes (to bring up to
    date here), and one button that carries the open ones into this round's agenda, once."""
    with st.container(border=True):
        st.subheader(previous.heading)
        st.write(
            f"Zo staan de punten van de agenda van {previous.year} ervoor. {previous.summary} "
            "Werk de stand bij; wat nog open staat, kunt u meenemen naar deze agenda."
        )
        for item in previous.items:
            progress_block(previous.round_id, item, title=item.heading)
        if message := st.session_state.pop(CARRY_MESSAGE, None):
            getattr(st, message[0])(literal.markdown(message[1]))
        open_items = previous.open_items
        if previous.carry is not None:
            st.caption(
                f":material/check: Overgenomen op {nl_date(previous.carry.carried_on)}: "
                f"{nl_count(previous.carry.items, 'punt', 'punten')}."
            )
        elif open_items:
            st.button(
                f"Neem de open punten over in de agenda van {rnd.year} ({nl_number(len(open_items))})",
                key=f"agenda_overnemen_{rnd.id}",
                on_click=_carry,
                args=(rnd.id,),
                disabled=not rnd.is_open,
                icon=":material/move_down:",
            )
        else:
            st.caption("Alle punten zijn klaar of gestopt: er is niets om over te nemen.")

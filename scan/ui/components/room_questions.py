"""Vragen uit de zaal on the facilitator's page: open them to phones, put them on the projector,
approve or hide new questions, mark them answered (each step can be undone by another).

Part of the facilitator's live block (redrawn every second). ``do`` is the page's action runner
(it adds the PIN and shows a refusal). Owns the session keys ``leiden_zaal_*``. Typed text goes
through ``literal.html``; the upvote counts follow the small-group rule (scan/records/workshop/qa.py).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from scan.base.formatting import nl_count, nl_number
from scan.records import workshop
from scan.rules.benchmark import MIN_N
from scan.storage.core import Store
from scan.ui.components import literal


def _votes(room: workshop.Board, q: workshop.RoomQuestion) -> str:
    count = room.count(q)
    return "" if count is None else f" · <strong>{nl_number(count)}× gesteund</strong>"


def _text(q: workshop.RoomQuestion, room: workshop.Board, number: int | None = None, state: str = "") -> None:
    """A question as typed; a listed one with its upvotes (a new one cannot have any yet), and its
    ``state`` when given."""
    label = f"{number}. " if number is not None else ""
    votes = _votes(room, q) if q.status in workshop.qa.PUBLISHED else ""
    state = f" · {state}" if state else ""
    st.html(f'<p style="font-size:1.1rem;margin:0.4rem 0 0">{label}{literal.html(q.text)}{votes}{state}</p>')


def facilitator_part(store: Store, ws: workshop.Workshop, do: Callable[..., None]) -> None:
    room = workshop.board(store, ws.id)
    found = workshop.room_questions(store, ws.id)
    new = [q for q in found if q.status == "nieuw"]
    hidden = [q for q in found if q.status == "verborgen"]
    st.subheader("Vragen uit de zaal")
    if ws.phase == "ended":  # what the room asked, and which questions the panel answered
        if not room.ranked:
            st.write("Er zijn geen vragen uit de zaal goedgekeurd.")
            return
        approved = len(room.ranked)
        st.markdown(
            f"{nl_count(approved, 'vraag', 'vragen')} goedgekeurd, "
            f"waarvan {nl_number(len(room.answered))} beantwoord."
        )
        for number, q in enumerate(room.ranked, start=1):
            _text(q, room, number, workshop.qa.answer_state(q.status == "beantwoord"))
        return
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(
        "**Aan**: telefoons kunnen anoniem vragen stellen en vragen in de lijst steunen."
        if room.open
        else "**Uit**: telefoons zien geen vragen uit de zaal."
    )
    row.button(
        "Vragen stellen stoppen" if room.open else "Vragen uit de zaal openzetten",
        key="leiden_zaal_open",
        on_click=do,
        args=(workshop.set_questions_open, not room.open),
    )
    row.button(
        "Terug naar de vraag op het scherm" if room.on_screen else "Vragen op het scherm zetten",
        key="leiden_zaal_scherm",
        type="primary" if room.on_screen else "secondary",
        on_click=do,
        args=(workshop.set_questions_on_screen, not room.on_screen),
    )
    counted = (
        f"{nl_number(room.voters)} deelnemers steunden vragen: de lijst staat op steun."
        if room.counted
        else f"Steun telt pas als minstens {MIN_N} deelnemers vragen steunden (nu {nl_number(room.voters)}); "
        "tot dan staat de lijst op volgorde van binnenkomst, nieuwste eerst, zonder aantallen."
    )
    st.markdown(
        f"{len(new)} nieuw · {len(room.questions)} in de lijst · {len(room.answered)} beantwoord. {counted}"
    )
    for q in new:
        with st.container(border=True):
            _text(q, room)
            yes, no = st.columns(2)
            yes.button(
                "Goedkeuren",
                key=f"leiden_zaal_goed_{q.id}",
                on_click=do,
                args=(workshop.moderate_questions, [q.id], "goedgekeurd"),
            )
            no.button(
                "Verbergen",
                key=f"leiden_zaal_weg_{q.id}",
                on_click=do,
                args=(workshop.moderate_questions, [q.id], "verborgen"),
            )
    if room.questions:
        st.markdown("**In de lijst** (zo ziet het scherm ze, bovenaan wat het scherm toont)")
    for number, q in enumerate(room.questions, start=1):
        _text(q, room, number)
        done, away = st.columns(2)
        done.button(
            f"Vraag {number} beantwoord",
            key=f"leiden_zaal_klaar_{q.id}",
            on_click=do,
            args=(workshop.moderate_questions, [q.id], "beantwoord"),
        )
        away.button(
            f"Vraag {number} verbergen",
            key=f"leiden_zaal_verberg_{q.id}",
            on_click=do,
            args=(workshop.moderate_questions, [q.id], "verborgen"),
        )
    if room.answered or hidden:
        with st.expander(f"Beantwoord ({len(room.answered)}) en verborgen ({len(hidden)})"):
            for number, q in enumerate(room.answered, start=1):
                st.html(
                    f'<p style="margin:0.4rem 0 0">Beantwoord {number}. {literal.html(q.text)}{_votes(room, q)}</p>'
                )
                st.button(
                    f"Beantwoorde vraag {number} terug in de lijst",
                    key=f"leiden_zaal_terug_{q.id}",
                    on_click=do,
                    args=(workshop.moderate_questions, [q.id], "goedgekeurd"),
                )
            for number, q in enumerate(hidden, start=1):
                st.html(f'<p style="margin:0.4rem 0 0">Verborgen {number}. {literal.html(q.text)}</p>')
                st.button(
                    f"Verborgen vraag {number} toch goedkeuren",
                    key=f"leiden_zaal_toch_{q.id}",
                    on_click=do,
                    args=(workshop.moderate_questions, [q.id], "goedgekeurd"),
                )

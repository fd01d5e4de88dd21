"""One proposal from the pamphlet as a card: what it is, why it fits, examples, and the user's choice."""

from __future__ import annotations

import streamlit as st

from scan import choices
from scan.errors import ScanError
from scan.models import ProposalStatus
from scan.recommend import Suggestion
from scan.storage import Store

NO_CHOICE = "geen"


def status_key(round_id: int, proposal_id: str) -> str:
    return f"voorstel_status_{round_id}_{proposal_id}"


def _save_status(store: Store, round_id: int, proposal_id: str) -> None:
    choice = st.session_state[status_key(round_id, proposal_id)]
    try:
        choices.set_status(store, round_id, proposal_id, None if choice == NO_CHOICE else choice)
    except ScanError as exc:
        st.session_state["voorstel_fout"] = str(exc)


def peppers(n: int) -> str:
    return "🌶" * n + f" ({n} {'pepertje' if n == 1 else 'pepertjes'})"


def status_choice(store: Store, round_id: int, proposal_id: str, current: str | None, disabled: bool) -> None:
    options = [NO_CHOICE, *(s.value for s in ProposalStatus)]
    st.radio(
        f"Uw keuze voor voorstel {proposal_id}",
        options,
        index=options.index(current or NO_CHOICE),
        format_func=lambda o: "Nog geen keuze" if o == NO_CHOICE else ProposalStatus(o).label,
        key=status_key(round_id, proposal_id),
        horizontal=True,
        on_change=_save_status,
        args=(store, round_id, proposal_id),
        disabled=disabled,
    )


def card(store: Store, round_id: int, suggestion: Suggestion, current: str | None, disabled: bool) -> None:
    p = suggestion.proposal
    links = [f"[{e.gemeente}]({e.url})" if e.url else e.gemeente for e in p.examples] + [
        f"[{s.title}]({s.url})" for s in p.sources
    ]
    text = [
        f"**Voorstel {p.id}: {p.title}** · {peppers(p.peppers)}",
        p.summary,
        f"*Waarom dit voorstel:* {suggestion.reason}",
    ]
    if links:
        text.append("Voorbeelden en bronnen uit het pamflet: " + " · ".join(links))
    with st.container(border=True):
        st.markdown("\n\n".join(text))  # one element instead of four: every element costs on each rerun
        status_choice(store, round_id, p.id, current, disabled)

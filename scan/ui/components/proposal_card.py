"""One proposal from the pamphlet as a card: what it is, why it fits, what the agreement and the
workshops say, examples, and the user's choice."""

from __future__ import annotations

import streamlit as st

from scan.base.errors import ScanError
from scan.content.models import Proposal, ProposalStatus
from scan.records.round import choices
from scan.rules.agenda import WorkshopSays
from scan.rules.akkoord.coverage import PeerMention
from scan.rules.recommend import Suggestion
from scan.storage.core import Store
from scan.ui.components import literal

NO_CHOICE = "geen"
# The pamphlet's only grading: the basic step (one pepper) and the spicier ones. A material icon (a font
# that ships with Streamlit, so it always renders) beside the words, which are the text alternative.
STEP_BADGES = {
    True: ":blue-badge[:material/flag: Basisstap]",
    False: ":orange-badge[:material/local_fire_department: Pittiger stap]",
}
PROMISED_BADGE = ":green-badge[:material/handshake: Staat in het akkoord]"


def step_badge(proposal: Proposal) -> str:
    return STEP_BADGES[proposal.basic]


def status_key(round_id: int, proposal_id: str) -> str:
    return f"voorstel_status_{round_id}_{proposal_id}"


def _saved_key(round_id: int, proposal_id: str) -> str:
    return f"voorstel_opgeslagen_{round_id}_{proposal_id}"


_NOT_SHOWN = object()


def _stale_key(round_id: int, proposal_id: str) -> str:
    return f"voorstel_verouderd_{round_id}_{proposal_id}"


def _shown_key(round_id: int) -> str:
    """What this screen last showed of each proposal's choice: a save expects it, so a choice someone
    else made meanwhile is reported instead of overwritten."""
    return f"voorstel_getoond_{round_id}"


def _save_status(store: Store, round_id: int, proposal_id: str) -> None:
    choice = st.session_state[status_key(round_id, proposal_id)]
    shown = st.session_state.get(_shown_key(round_id), {})
    try:
        choices.set_status(
            store,
            round_id,
            proposal_id,
            None if choice == NO_CHOICE else choice,
            expected=shown.get(proposal_id, choices.UNCHECKED),
        )
    except choices.StaleChoice as exc:
        st.session_state[_stale_key(round_id, proposal_id)] = str(exc)
        shown.pop(proposal_id, None)  # the next run shows the newer choice
        return
    except ScanError as exc:
        st.session_state["voorstel_fout"] = str(exc)
        return
    shown[proposal_id] = None if choice == NO_CHOICE else choice
    label = "geen keuze" if choice == NO_CHOICE else f"‘{ProposalStatus(choice).label}’"
    st.session_state[_saved_key(round_id, proposal_id)] = (
        f"Opgeslagen: voorstel {proposal_id} staat op {label}."
    )


def status_choice(store: Store, round_id: int, proposal_id: str, current: str | None, disabled: bool) -> None:
    options = [NO_CHOICE, *(s.value for s in ProposalStatus)]
    key = status_key(round_id, proposal_id)
    shown = st.session_state.setdefault(_shown_key(round_id), {})
    current = None if current is None else str(current)
    if shown.get(proposal_id, _NOT_SHOWN) != current or key not in st.session_state:
        shown[proposal_id] = current  # new here, or changed since (here or by someone else)
        st.session_state[key] = current or NO_CHOICE
    st.radio(
        f"Uw keuze voor voorstel {proposal_id}",
        options,
        format_func=lambda o: "Nog geen keuze" if o == NO_CHOICE else ProposalStatus(o).label,
        key=key,
        horizontal=True,
        on_change=_save_status,
        args=(store, round_id, proposal_id),
        disabled=disabled,
    )
    if stale := st.session_state.pop(_stale_key(round_id, proposal_id), None):
        st.warning(stale, icon=":material/group:")
    if saved := st.session_state.pop(_saved_key(round_id, proposal_id), None):
        st.caption(f":material/check: {saved}")


def card(
    store: Store,
    round_id: int,
    suggestion: Suggestion,
    current: str | None,
    disabled: bool,
    workshops: WorkshopSays | None = None,
    mention: PeerMention | None = None,
) -> None:
    p = suggestion.proposal
    links = [f"[{e.gemeente}]({e.url})" if e.url else e.gemeente for e in p.examples] + [
        f"[{s.title}]({s.url})" for s in p.sources
    ]
    badges = [step_badge(p)] + ([PROMISED_BADGE] if suggestion.promise else [])
    text = [
        f"**Voorstel {p.id}: {p.title}** · {' '.join(badges)}",
        p.summary,
        f"*Waarom dit voorstel:* {suggestion.reason}",
    ]
    if suggestion.promise:
        # document text: every Markdown character escaped, so it shows exactly as the agreement has it
        where = suggestion.promise.where
        text.append(f"*Wat het akkoord zegt ({where}):* “{literal.markdown(suggestion.promise.quote)}”")
    if workshops:
        # workshop titles are typed by people: shown literally
        text.append("*Workshops:* " + "; ".join(literal.markdown(line) for line in workshops.lines) + ".")
    if mention is not None and mention.enough:
        text.append(f"*Akkoorden van andere gemeenten:* {mention.text}")
    if links:
        text.append("Voorbeelden en bronnen uit het pamflet: " + " · ".join(links))
    with st.container(border=True):
        st.markdown("\n\n".join(text))  # one element instead of four: every element costs on each rerun
        status_choice(store, round_id, p.id, current, disabled)

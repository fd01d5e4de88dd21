"""The peer group the user compares with. Owns the session key ``vergelijkingsgroep``: one choice
per session, used by the comparison page, the recommendations and the report downloads alike.
(A widget's own key is dropped when another page runs, so the choice is kept in a key of its own.)"""

from __future__ import annotations

import streamlit as st

from scan.base.formatting import nl_number
from scan.content.reference import PeerGroup
from scan.records.round.rounds import Round
from scan.ui.components import cached
from scan.views import peers as peer_views

KEY = "vergelijkingsgroep"


def chosen_id(rnd: Round) -> str:
    """The group this session chose for this municipality, or the default (most specific with data)."""
    groups = {g.id for g in peer_views.peer_groups(rnd.gm_code)}
    current = st.session_state.get(KEY)
    return current if current in groups else cached.default_group(rnd).id


def choose(rnd: Round, label: str, widget_key: str) -> PeerGroup:
    """A picker over every group, each with how many municipalities have data; returns the choice."""
    peers = cached.peer_data(rnd.year)
    groups = {g.id: g for g in peer_views.peer_groups(rnd.gm_code)}
    st.session_state[widget_key] = chosen_id(rnd)

    def caption(group_id: str) -> str:
        n = len(peers.peers(groups[group_id], rnd.gm_code))
        return f"{groups[group_id].label} ({nl_number(n)} met gegevens)"

    def remember() -> None:
        st.session_state[KEY] = st.session_state[widget_key]

    group_id = st.selectbox(label, list(groups), format_func=caption, key=widget_key, on_change=remember)
    return groups[group_id]

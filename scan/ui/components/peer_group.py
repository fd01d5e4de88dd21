"""The round's comparison group (stored with the round, scan/views/peers.py) and the look-around on
Vergelijken. The round's group is what every output uses; the look-around only changes what the
Vergelijken page shows and is forgotten when another page runs (its widget key is dropped)."""

from __future__ import annotations

import streamlit as st

from scan.base.errors import ScanError
from scan.base.formatting import nl_number
from scan.content.reference import PeerGroup
from scan.records.round import rounds
from scan.records.round.rounds import Round
from scan.ui.components import cached
from scan.ui.services import get_store
from scan.views import peers as peer_views

KEY_SAVED = "vergelijken_groep_opgeslagen"  # a notice for the next run after choosing the round's group


def round_group(rnd: Round) -> PeerGroup:
    return peer_views.round_group(rnd)


def caption_line(rnd: Round) -> str:
    """The round's group named, for a page whose figures use it (and, if so, that the municipality is no member)."""
    return peer_views.group_line(rnd, round_group(rnd))


def look_around(rnd: Round, label: str, widget_key: str) -> PeerGroup:
    """A picker over every group (each with how many municipalities have data), starting at the round's
    group. Choosing another group looks around; it does not change the round's group."""
    peers = cached.peer_data(rnd.year)
    groups = {g.id: g for g in peer_views.peer_groups(rnd.gm_code)}
    if st.session_state.get(widget_key) not in groups:  # first run, or another municipality
        st.session_state[widget_key] = round_group(rnd).id
    own = round_group(rnd).id

    def caption(group_id: str) -> str:
        n = len(peers.peers(groups[group_id], rnd.gm_code))
        mark = " · groep van de ronde" if group_id == own else ""
        return f"{groups[group_id].label} ({nl_number(n)} met gegevens){mark}"

    group_id = st.selectbox(label, list(groups), format_func=caption, key=widget_key)
    return groups[group_id]


def choose_for_round(rnd: Round, group: PeerGroup, widget_key: str) -> None:
    """A button that makes ``group`` the round's comparison group (refused for a closed round)."""
    if notice := st.session_state.pop(KEY_SAVED, None):
        st.success(notice, icon=":material/check:")
    if group.id == round_group(rnd).id or not rnd.is_open:
        return
    if st.button(
        f"Maak {peer_views.group_short(group)} de vergelijkingsgroep van deze ronde", key=widget_key
    ):
        try:
            rounds.set_comparison_group(get_store(), rnd.id, group.id)
        except ScanError as exc:
            st.error(str(exc))
            return
        st.session_state[KEY_SAVED] = (
            f"Opgeslagen: deze ronde vergelijkt nu met {peer_views.group_phrase(group)}, "
            "in het rapport, de presentatie, de exports en de aanbevelingen."
        )
        st.rerun()

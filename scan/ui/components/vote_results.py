"""The dot-vote ranking of a workshop, or the voter count while fewer than five people voted."""

from __future__ import annotations

import streamlit as st

from scan import workshop
from scan.benchmark import MIN_N
from scan.ui.services import get_bank, get_store


def vote_results(workshop_id: int) -> None:
    store, bank = get_store(), get_bank()
    results = workshop.published_vote_results(store, workshop_id)
    if results is None:
        count = workshop.voters(store, workshop_id)
        st.markdown(f"Te weinig stemmers om de uitslag te tonen (n = {count}; minimaal {MIN_N}).")
        return
    for pid, n in results:
        st.markdown(f"- **{n}** × {pid} {bank.proposal(pid).title}")

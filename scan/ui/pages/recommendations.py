"""Recommendations: the pamphlet's proposals that fit the gaps, with reasons, filters and choices."""

import streamlit as st

from scan import choices
from scan.models import ProposalStatus
from scan.recommend import by_priority, with_peppers
from scan.ui.components import cached, context, peer_group
from scan.ui.components.proposal_card import card, peppers, status_choice
from scan.ui.services import get_bank, get_reference, get_store

KEY_PEPPERS = "aanbevelingen_pepers"
KEY_PRIORITY = "aanbevelingen_prioriteit"
TOP = 5

store, bank, ref = get_store(), get_bank(), get_reference()
rnd = context.require_round()
if rnd is None:
    st.stop()

context.heading("Aanbevelingen", rnd)
if error := st.session_state.pop("voorstel_fout", None):
    st.error(error)
st.write(
    "Welke voorstellen uit het Democratisch pamflet passen bij uw gemeente? De volgorde volgt uit uw antwoorden: "
    "waar een onderdeel zwak is, komt eerst de basisstap (één pepertje); staat de basis, dan de pittigere voorstellen."
)

statuses = choices.statuses(store, rnd.id)
cols = st.columns(2)
with cols[0]:
    group_id = peer_group.choose(
        rnd, "Vergelijk met (hoeveel vergelijkbare gemeenten doen dit al?)", "aanbevelingen_groep"
    ).id
chosen_peppers = cols[1].multiselect(
    "Pepertjes", [1, 2, 3], default=[1, 2, 3], format_func=peppers, key=KEY_PEPPERS
)
found = cached.suggestions(rnd, group_id)
suggestions = with_peppers(found.items, set(chosen_peppers))
if found.peers_are_demo:
    st.caption("De tellingen van vergelijkbare gemeenten steunen op fictieve voorbeelddata.")

st.subheader("Eerst aan de slag met")
if not suggestions:
    st.write("Geen voorstellen bij deze filters.")
else:
    st.markdown(
        "\n".join(
            f"- **{s.proposal.id} {s.proposal.title}** {'🌶' * s.proposal.peppers}: {s.reason}"
            for s in suggestions[:TOP]
        )
    )

# One priority at a time: all 29 cards at once made a long page and a slow one (every card redrawn on each click).
st.subheader("Per prioriteit")
grouped = by_priority(suggestions)
if grouped:
    options = [p.id for p in bank.core_priorities if p.id in grouped]
    if st.session_state.get(KEY_PRIORITY) not in options:
        st.session_state[KEY_PRIORITY] = suggestions[0].proposal.priority  # the most urgent one
    priority_id = st.selectbox(
        "Bekijk de voorstellen bij",
        options,
        format_func=lambda pid: (
            f"{pid}. {bank.priority(pid).name} ({len(grouped[pid])} voorstel{'' if len(grouped[pid]) == 1 else 'len'})"
        ),
        key=KEY_PRIORITY,
    )
    for s in grouped[priority_id]:
        card(store, rnd.id, s, statuses.get(s.proposal.id), not rnd.is_open)

marked = {pid: status for pid, status in statuses.items() if status.excludes}
if marked:
    st.subheader("Gemarkeerd als al gedaan of niet voor ons")
    st.caption("Deze voorstellen worden niet meer aangeraden. Verander de keuze om ze terug te halen.")
    for pid in sorted(marked):
        p = bank.proposal(pid)
        st.markdown(f"**{pid} {p.title}** · {marked[pid].label}")
        status_choice(store, rnd.id, pid, marked[pid], not rnd.is_open)

chosen = [pid for pid, status in statuses.items() if status == ProposalStatus.CHOSEN]
st.page_link(
    "scan/ui/pages/agenda.py",
    label=f"Naar de democratiseringsagenda ({len(chosen)} gekozen)",
    icon=":material/assignment:",
)

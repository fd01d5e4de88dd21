"""Recommendations: the pamphlet's proposals that fit the gaps, with reasons, filters and choices."""

import streamlit as st

from scan.recommend import STATUS_LABELS, Filters, by_priority, peer_adoption, suggest
from scan.ui.components import cached, context
from scan.ui.components.proposal_card import card, peppers, status_choice
from scan.ui.services import get_bank, get_reference, get_store

KEY_GROUP = "aanbevelingen_groep"
KEY_PEPPERS = "aanbevelingen_pepers"
KEY_PRIORITIES = "aanbevelingen_prioriteiten"
TOP = 5

store, bank, ref = get_store(), get_bank(), get_reference()
rnd = context.require_round()
if rnd is None:
    st.stop()


@st.cache_resource(max_entries=64, show_spinner=False)
def _adoption(db_path: str, version: tuple, year: int, group_id: str, own_code: str):
    # Peer counts change only when shared scans or imports change.
    group = ref.peer_group(own_code, group_id)
    return peer_adoption(bank, cached.peer_data(year), group, own_code)


context.heading("Aanbevelingen", rnd)
if error := st.session_state.pop("voorstel_fout", None):
    st.error(error)
st.write(
    "Welke voorstellen uit het Democratisch pamflet passen bij uw gemeente? De volgorde volgt uit uw antwoorden: "
    "waar een onderdeel zwak is, komt eerst de basisstap (één pepertje); staat de basis, dan de pittigere voorstellen."
)

answers = store.answers(rnd.id)
score = cached.self_score(rnd)
statuses = store.proposal_statuses(rnd.id)
groups = {g.id: g for g in ref.peer_groups_for(rnd.gm_code)}
group_id = st.selectbox(
    "Vergelijk met (hoeveel vergelijkbare gemeenten doen dit al?)",
    list(groups),
    format_func=lambda gid: groups[gid].label,
    key=KEY_GROUP,
)
adoption = _adoption(str(store.path), store.benchmark_version(), rnd.year, group_id, rnd.gm_code)

cols = st.columns(2)
chosen_peppers = cols[0].multiselect(
    "Pepertjes", [1, 2, 3], default=[1, 2, 3], format_func=peppers, key=KEY_PEPPERS
)
chosen_priorities = cols[1].multiselect(
    "Prioriteiten",
    [p.id for p in bank.core_priorities],
    default=[p.id for p in bank.core_priorities],
    format_func=lambda pid: f"{pid}. {bank.priority(pid).name}",
    key=KEY_PRIORITIES,
)
filters = Filters(frozenset(chosen_peppers), frozenset(chosen_priorities))
suggestions = filters.apply(suggest(bank, answers, score, statuses, adoption))
if any(a.n for a in adoption.values()) and cached.peer_data(rnd.year).has_demo:
    st.caption("De tellingen van vergelijkbare gemeenten steunen op fictieve voorbeelddata.")

st.subheader("Eerst aan de slag met")
if not suggestions:
    st.write("Geen voorstellen bij deze filters.")
for s in suggestions[:TOP]:
    st.markdown(f"- **{s.proposal.id} {s.proposal.title}** {'🌶' * s.proposal.peppers}: {s.reason}")

st.subheader("Per prioriteit")
grouped = by_priority(suggestions)
for priority in bank.core_priorities:
    if priority.id not in grouped:
        continue
    with st.expander(
        f"{priority.id}. {priority.name} ({len(grouped[priority.id])} voorstellen)", expanded=False
    ):
        for s in grouped[priority.id]:
            card(store, rnd.id, s, statuses.get(s.proposal.id), not rnd.is_open)

marked = {pid: st_ for pid, st_ in statuses.items() if st_ in ("al_gedaan", "niet_voor_ons")}
if marked:
    st.subheader("Gemarkeerd als al gedaan of niet voor ons")
    st.caption("Deze voorstellen worden niet meer aangeraden. Verander de keuze om ze terug te halen.")
    for pid in sorted(marked):
        p = bank.proposal(pid)
        st.markdown(f"**{pid} {p.title}** · {STATUS_LABELS[marked[pid]]}")
        status_choice(store, rnd.id, pid, marked[pid], not rnd.is_open)

chosen = [pid for pid, st_ in statuses.items() if st_ == "kiezen"]
st.page_link(
    "scan/ui/pages/agenda.py",
    label=f"Naar de democratiseringsagenda ({len(chosen)} gekozen)",
    icon=":material/assignment:",
)

"""Recommendations: the pamphlet's proposals that fit the gaps, with reasons, filters and choices."""

import streamlit as st

from scan.base.formatting import nl_count
from scan.content.models import ProposalStatus
from scan.records.round import choices
from scan.rules.recommend import SPREAD_POINTS, by_priority, top, with_step
from scan.ui.components import cached, context, literal, peer_group
from scan.ui.components.proposal_card import PROMISED_BADGE, card, status_choice, step_badge
from scan.ui.services import get_bank, get_store

KEY_STEP = "aanbevelingen_stap"
KEY_PRIORITY = "aanbevelingen_prioriteit"
STEPS = {"alle": None, "basis": True, "pittig": False}
STEP_LABELS = {
    "alle": "Alle voorstellen",
    "basis": "Alleen basisstappen",
    "pittig": "Alleen pittigere stappen",
}

store, bank = get_store(), get_bank()
rnd = context.require_round()

context.heading("Aanbevelingen", rnd)
if error := st.session_state.pop("voorstel_fout", None):
    st.error(error)
st.write(
    "Welke voorstellen uit het Democratisch pamflet passen bij uw gemeente? De volgorde volgt uit uw antwoorden: "
    "waar een prioriteit zwak is, komt eerst de basisstap. Het pamflet noemt dat de stap die geen gemeente kan "
    "overslaan (één pepertje). Staat de basis, dan komen de pittigere voorstellen. Het pamflet deelt die niet "
    "verder in; de app dus ook niet."
)

statuses = choices.statuses(store, rnd.id)
cols = st.columns(2)
cols[0].caption(
    "Hoeveel vergelijkbare gemeenten een voorstel al doen: " + peer_group.caption_line(rnd) + " Een andere "
    "groep kiest u op Vergelijken."
)
group_id = peer_group.round_group(rnd).id
step = cols[1].radio(
    "Soort stap", list(STEPS), format_func=STEP_LABELS.__getitem__, key=KEY_STEP, horizontal=True
)
found = cached.suggestions(rnd, group_id)
suggestions = with_step(found.items, STEPS[step])
workshops = cached.agenda(rnd).workshops
mentions = cached.agreement_peers(rnd, group_id).mentions
if found.peers_are_demo:
    st.caption("De tellingen van vergelijkbare gemeenten steunen op fictieve voorbeelddata.")

st.subheader("Eerst aan de slag met")
if not suggestions:
    st.write("Geen voorstellen bij deze keuze.")
else:
    picks = top(suggestions)
    lines = []
    for n, pick in enumerate(picks, start=1):
        s = pick.suggestion
        marks = [step_badge(s.proposal)]
        if s.promise:
            marks.append(PROMISED_BADGE)
        if statuses.get(s.proposal.id) == ProposalStatus.CHOSEN:
            marks.append(":green-badge[:material/check: Al gekozen]")
        line = f"{n}. **{s.proposal.id} {s.proposal.title}** {' '.join(marks)}  \n{s.reason}"
        if pick.why:
            line += f"  \n*Waarom nog een uit deze prioriteit:* {pick.why}"
        lines.append(line)
    st.markdown("\n".join(lines))
    st.caption(
        "Verspreid over de prioriteiten: eerst één voorstel per prioriteit. Een tweede uit dezelfde prioriteit "
        f"komt er alleen bij als die prioriteit minstens {SPREAD_POINTS} punten lager scoort dan de prioriteit "
        "die anders aan de beurt was. Een derde alleen als andere prioriteiten geen passend voorstel meer "
        "hebben. Dat staat er dan bij."
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
            f"{pid}. {bank.priority(pid).name} ({nl_count(len(grouped[pid]), 'voorstel', 'voorstellen')})"
        ),
        key=KEY_PRIORITY,
    )
    for s in grouped[priority_id]:
        card(
            store,
            rnd.id,
            s,
            statuses.get(s.proposal.id),
            not rnd.is_open,
            workshops.get(s.proposal.id),
            mentions.get(s.proposal.id),
        )

marked = {pid: status for pid, status in statuses.items() if status.excludes}
if marked:
    st.subheader("Gemarkeerd als al gedaan of niet voor ons")
    st.caption("Deze voorstellen worden niet meer aangeraden. Verander de keuze om ze terug te halen.")
    for pid in sorted(marked):
        p = bank.proposal(pid)
        st.markdown(f"**{pid} {literal.markdown(p.title)}** · {marked[pid].label}")
        status_choice(store, rnd.id, pid, marked[pid], not rnd.is_open)

chosen = [pid for pid, status in statuses.items() if status == ProposalStatus.CHOSEN]
st.page_link(
    "scan/ui/pages/agenda.py",
    label=f"Naar de democratiseringsagenda ({len(chosen)} gekozen)",
    icon=":material/assignment:",
)
st.page_link("scan/ui/pages/akkoord.py", label="Naar de akkoordcheck", icon=":material/handshake:")

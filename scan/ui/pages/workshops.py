"""Workshops (griffier/facilitator): set up a live session for this round."""

import streamlit as st

from scan import workshop
from scan.errors import ScanError
from scan.ui.components import context
from scan.ui.components.links import app_link
from scan.ui.services import get_bank, get_store

KEY_CREATED = "workshops_nieuw"  # (workshop id, join code, facilitator pin) shown once

store, bank = get_store(), get_bank()
rnd = context.require_round()
if rnd is None:
    st.stop()

context.heading("Workshops", rnd)
st.write(
    "Houd een workshop waarin 10 tot 200 mensen in de zaal op hun telefoon antwoorden. U projecteert de code en "
    "QR-code, opent en sluit de vragen en laat de uitkomst pas zien als u dat wilt. Aan het eind kiest iedereen "
    "hoogstens drie voorstellen (stippen plakken)."
)

with st.container(border=True):
    title = st.text_input("Naam van de workshop", value=f"Democratiescan {rnd.year}", key="workshops_titel")
    choice = st.radio(
        "Welke vragen?",
        ["kort", "alles", "zelf"],
        format_func={
            "kort": "Korte set: één vraag per prioriteit (8 vragen)",
            "alles": "Alle vragen",
            "zelf": "Zelf kiezen",
        }.get,
        key="workshops_keuze",
    )
    if choice == "kort":
        question_ids = workshop.short_set(bank)
    elif choice == "alles":
        question_ids = [q.id for q in bank.questions]
    else:
        question_ids = st.multiselect(
            "Vragen",
            [q.id for q in bank.questions],
            format_func=lambda qid: f"{qid} {bank.question(qid).statement}",
            key="workshops_vragen",
        )
    if st.button("Workshop maken", type="primary", key="workshops_maak", disabled=not rnd.is_open):
        try:
            ws, pin = workshop.create(store, rnd.id, question_ids, title)
            st.session_state[KEY_CREATED] = (ws.id, ws.join_code, pin)
        except ScanError as exc:
            st.error(str(exc))

if created := st.session_state.pop(KEY_CREATED, None):
    ws_id, join_code, pin = created
    st.success(
        f"Workshop gemaakt. Code voor de zaal: **{join_code}**. Uw pincode als begeleider: **{pin}** — "
        "schrijf die nu op: we bewaren hem alleen onherkenbaar en tonen hem niet opnieuw."
    )
    st.markdown(f"Deelnemers openen: `{app_link(ws=join_code)}`")

st.subheader("Workshops in deze ronde")
found = workshop.for_round(store, rnd.id)
if not found:
    st.write("Nog geen workshops.")
for ws in found:
    with st.container(border=True):
        st.markdown(
            f"**{ws.title or 'Workshop'}** · code {ws.join_code} · {len(ws.question_ids)} vragen · fase: {ws.phase}"
        )
        cols = st.columns(2)
        cols[0].page_link(
            "scan/ui/pages/facilitate.py",
            label="Leiden (met pincode)",
            icon=":material/tune:",
            query_params={"workshop": str(ws.id)},
        )
        cols[1].page_link(
            "scan/ui/pages/projector.py",
            label="Projectiescherm",
            icon=":material/present_to_all:",
            query_params={"workshop": str(ws.id)},
        )

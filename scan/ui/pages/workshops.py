"""Workshops (griffier): set up a live session for this round, for officials and council or for residents."""

import streamlit as st

from scan.base.errors import ScanError
from scan.base.formatting import nl_count
from scan.records import workshop
from scan.ui.components import cached, context, literal, workshop_view
from scan.ui.services import get_bank, get_store
from scan.views import peers as peer_views

KEY_CREATED = "workshops_nieuw"  # the ref of the workshop just made

store, bank = get_store(), get_bank()
st.html(workshop_view.CSS)
rnd = context.require_round()

context.heading("Workshops", rnd)
st.write(
    "Houd een workshop waarin de mensen in de zaal op hun telefoon antwoorden, van 10 tot 1.000 deelnemers. "
    "U projecteert de QR-code, opent en sluit de vragen en laat de uitkomst pas zien als u dat wilt. Aan het "
    "eind kiest iedereen een paar voorstellen (stippen plakken). Open vragen voegt u toe tijdens het leiden."
)


def _suggested() -> list[str]:
    """The proposals the scan suggests for this round (the default choice list for the vote)."""
    try:
        found = [s.proposal.id for s in cached.suggestions(rnd, peer_views.round_group(rnd).id).items[:6]]
    except Exception:  # no answers yet or no peers: fall back to the basic proposals
        found = []
    return found if len(found) >= 2 else [f"{p.id}a" for p in bank.core_priorities]


with st.container(border=True):
    title = st.text_input(
        "Naam van de workshop", value=f"Democratiescan {rnd.year}", max_chars=200, key="workshops_titel"
    )
    audience = st.radio(
        "Wie zitten er in de zaal?",
        [a.value for a in workshop.Audience],
        format_func=lambda v: workshop.Audience(v).label,
        key="workshops_publiek",
    )
    choice = st.radio(
        "Welke vragen?",
        ["kort", "alles", "zelf"],
        format_func={
            "kort": "Korte set: één vraag per prioriteit (8 vragen)",
            "alles": "Alle vragen voor dit publiek",
            "zelf": "Zelf kiezen",
        }.get,
        key="workshops_keuze",
    )
    if choice == "kort":
        question_ids = workshop.short_set(bank, audience)
    elif choice == "alles":
        question_ids = workshop.questions_for(bank, audience)
    else:
        with st.expander("Vragen kiezen", expanded=True):
            question_ids = [
                qid
                for qid in workshop.questions_for(bank, audience)
                if st.checkbox(
                    f"{qid} {bank.question(qid).statement}", key=f"workshops_vraag_{audience}_{qid}"
                )
            ]
    if st.button("Workshop maken", type="primary", key="workshops_maak", disabled=not rnd.is_open):
        try:
            ws, pin = workshop.create(store, rnd.id, question_ids, title, audience)
            workshop.set_vote_options(store, ws.id, pin, _suggested(), workshop.MAX_VOTES)
            st.session_state[KEY_CREATED] = ws.ref
        except ScanError as exc:
            st.error(str(exc))

created = st.session_state.get(KEY_CREATED)
st.subheader("Workshops in deze ronde")
found = workshop.for_round(store, rnd.id)
if not found:
    st.write("Nog geen workshops.")
for ws in reversed(found):
    facilitator_pin = workshop.facilitator_pin(store, ws.id)
    with st.container(border=True):
        st.html(
            f'<p style="margin:0"><strong>{literal.html(ws.title or "Workshop")}</strong>'
            + (" — <strong>net gemaakt</strong>" if ws.ref == created else "")
            + "</p>"
        )
        st.markdown(
            f"Code voor de zaal: **{workshop.format_code(ws.join_code)}** · "
            + (
                f"pincode voor een begeleider: **{workshop.format_pin(facilitator_pin)}** · "
                if facilitator_pin
                else ""
            )
            + f"{nl_count(len(ws.question_ids), 'vraag', 'vragen')} · {ws.audience.label.split(' (')[0].lower()} · "
            f"fase: {ws.phase_label}"
        )
        cols = st.columns(2)
        cols[0].page_link(
            "scan/ui/pages/facilitate.py",
            label="Bekijken" if ws.phase == "ended" else "Leiden",
            icon=":material/tune:",
            query_params={"workshop": ws.ref},
        )
        cols[1].page_link(
            "scan/ui/pages/projector.py",
            label="Projectiescherm",
            icon=":material/present_to_all:",
            query_params={"projectie": ws.ref},
        )

"""Facilitator controls: open, close and reveal questions, move on, run the dot-vote.

Owns ``begeleider_pin_<id>``: the facilitator's PIN, kept in this browser session once it
has been checked. Every action checks it again in the domain layer.
"""

import streamlit as st

from scan import workshop
from scan.errors import ScanError
from scan.ui.components.access import attempt
from scan.ui.components.vote_results import vote_results
from scan.ui.components.workshop_select import selected_workshop
from scan.ui.services import get_bank, get_store

store, bank = get_store(), get_bank()
st.title("Workshop leiden")
ws = selected_workshop(store)
if ws is None:
    st.stop()

KEY_PIN = f"begeleider_pin_{ws.id}"
KEY_ERROR = "begeleider_fout"

if KEY_PIN not in st.session_state:
    with st.form("begeleider_login"):
        pin = st.text_input("Pincode van de begeleider", type="password", key="begeleider_pin_invoer")
        if st.form_submit_button("Inloggen"):
            try:
                attempt(f"pincode-{ws.id}", workshop.check_facilitator, store, ws.id, pin)
                st.session_state[KEY_PIN] = pin
                st.rerun()
            except ScanError as exc:
                st.error(str(exc))
    st.stop()

secret = st.session_state[KEY_PIN]


def _do(action, *args) -> None:
    try:
        action(store, ws.id, secret, *args)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


st.caption(f"{ws.title} · code voor de zaal: {ws.join_code}")
if error := st.session_state.pop(KEY_ERROR, None):
    st.error(error)
st.page_link(
    "scan/ui/pages/projector.py",
    label="Open het projectiescherm",
    icon=":material/present_to_all:",
    query_params={"workshop": str(ws.id)},
)

statuses = workshop.statuses(store, ws.id)
STATUS_NL = {
    "hidden": "nog niet gesteld",
    "open": "open",
    "closed": "gesloten",
    "revealed": "uitkomst getoond",
}

if ws.phase == "questions":
    qid = ws.current_question
    q = bank.question(qid)
    t = workshop.tally(store, ws.id, qid)
    st.subheader(f"Vraag {ws.current + 1} van {len(ws.question_ids)}: {q.statement}")
    st.write(
        f"Stand: **{STATUS_NL[t.status]}** · {t.answered} van {t.participants} deelnemers hebben geantwoord"
    )
    cols = st.columns(4)
    cols[0].button(
        "Openen",
        key="begeleider_open",
        on_click=_do,
        args=(workshop.set_status, qid, "open"),
        disabled=t.status == "open",
        type="primary",
    )
    cols[1].button(
        "Sluiten",
        key="begeleider_sluit",
        on_click=_do,
        args=(workshop.set_status, qid, "closed"),
        disabled=t.status != "open",
    )
    cols[2].button(
        "Uitkomst tonen",
        key="begeleider_toon",
        on_click=_do,
        args=(workshop.set_status, qid, "revealed"),
        disabled=t.status not in ("closed", "open"),
    )
    cols[3].button("Vernieuwen", key="begeleider_vernieuw")
    nav = st.columns(3)
    nav[0].button(
        "← Vorige vraag",
        key="begeleider_vorige",
        on_click=_do,
        args=(workshop.go_to, ws.current - 1),
        disabled=ws.current == 0,
    )
    nav[1].button(
        "Volgende vraag →",
        key="begeleider_volgende",
        on_click=_do,
        args=(workshop.go_to, ws.current + 1),
        disabled=ws.current >= len(ws.question_ids) - 1,
    )
    nav[2].button(
        "Naar het stemmen", key="begeleider_stemmen", on_click=_do, args=(workshop.set_phase, "voting")
    )
elif ws.phase == "voting":
    results = workshop.vote_results(store, ws.id)
    st.subheader("Stemmen met stippen")
    st.write(f"Er zijn {sum(n for _, n in results)} stippen geplakt.")
    cols = st.columns(3)
    cols[0].button(
        "Terug naar de vragen", key="begeleider_terug", on_click=_do, args=(workshop.set_phase, "questions")
    )
    cols[1].button(
        "Stemmen afsluiten en uitslag tonen",
        key="begeleider_einde",
        type="primary",
        on_click=_do,
        args=(workshop.set_phase, "ended"),
    )
    cols[2].button("Vernieuwen", key="begeleider_vernieuw")
else:
    st.subheader("De workshop is afgelopen")
    vote_results(ws.id)
    if not ws.added_to_round:
        st.button(
            "Antwoorden toevoegen aan de scanronde (als groep 'workshop')",
            key="begeleider_toevoegen",
            on_click=_do,
            args=(workshop.add_to_round,),
        )
    else:
        st.write(
            "De antwoorden staan in de scanronde, als groep Workshopdeelnemers (zie Rollen vergelijken)."
        )

with st.expander("Alle vragen van deze workshop"):
    for i, qid in enumerate(ws.question_ids):
        st.markdown(f"{i + 1}. **{qid}** {bank.question(qid).statement} — {STATUS_NL[statuses[qid]]}")

"""Participant view of a workshop, for phones: one question at a time, no auto-refresh.

The join code and the participant's token live in the URL (``?ws=…&t=…``), so a refresh
keeps the participant and every stored answer.
"""

import streamlit as st

from scan import workshop
from scan.errors import ScanError
from scan.ui.components.access import attempt
from scan.ui.components.privacy_text import privacy_text
from scan.ui.services import get_bank, get_store

DONT_KNOW = "weet_niet"
KEY_ERROR = "deelnemer_ws_fout"

store, bank = get_store(), get_bank()
code = st.query_params.get("ws", "")
try:
    ws = attempt("workshopcode", workshop.by_join_code, store, code)
except ScanError as exc:
    st.title("Workshop")
    st.error(str(exc))
    st.stop()

st.title(ws.title or "Workshop")
token = st.query_params.get("t", "")
if not token:
    st.write("U doet anoniem mee: we bewaren geen naam of e-mailadres.")
    if st.button("Meedoen", type="primary", key="ws_meedoen"):
        try:
            _, token = workshop.join(store, code)
            st.query_params["t"] = token
            st.rerun()
        except ScanError as exc:
            st.error(str(exc))
    st.stop()

try:
    workshop.participant(store, ws.id, token)
except ScanError as exc:
    st.error(str(exc))
    st.stop()


def _answer(qid: str) -> None:
    choice = st.session_state[f"ws_antwoord_{qid}"]
    try:
        if choice == DONT_KNOW:
            workshop.answer(store, ws.id, token, qid, None, dont_know=True)
        else:
            workshop.answer(store, ws.id, token, qid, choice)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


def _vote() -> None:
    try:
        workshop.vote(store, ws.id, token, st.session_state["ws_stemmen"])
        st.session_state["ws_gestemd"] = True
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


@st.fragment
def live() -> None:
    """What changes during the workshop. A tap here reruns only this part (a fragment): with a room
    of phones tapping at once, the server does not redraw the page around it each time."""
    if error := st.session_state.pop(KEY_ERROR, None):  # set by the callbacks below
        st.error(error)
    try:
        ws_now = workshop.get(store, ws.id)  # the facilitator may have moved on since the last full run
    except ScanError as exc:
        st.error(str(exc))
        return
    if ws_now.phase == "questions":
        qid = ws_now.current_question
        q = bank.question(qid)
        status = workshop.statuses(store, ws.id)[qid]
        st.subheader(q.statement)
        st.caption(q.help)
        mine = workshop.my_answer(store, ws.id, token, qid)
        options = [*q.scale, DONT_KNOW]
        index = None if mine is None else options.index(DONT_KNOW if mine[1] else mine[0])
        st.radio(
            "Uw antwoord",
            options,
            index=index,
            format_func=lambda v: "Weet niet" if v == DONT_KNOW else f"{v} · {q.scale[v]}",
            key=f"ws_antwoord_{qid}",
            on_change=_answer,
            args=(qid,),
            disabled=status != "open",
        )
        if status == "hidden":
            st.info("Deze vraag is nog niet geopend. Druk op Vernieuwen als de begeleider hem opent.")
        elif status == "open":
            st.caption("U kunt uw antwoord veranderen tot de begeleider de vraag sluit.")
        else:
            st.info("Deze vraag is gesloten. Kijk naar het scherm voorin de zaal.")
    elif ws_now.phase == "voting":
        st.subheader("Welke voorstellen moet de gemeente oppakken?")
        with st.form("ws_stemformulier"):  # one submit: picking proposals causes no reruns on a phone
            st.multiselect(
                "Kies hoogstens drie voorstellen",
                [p.id for p in bank.proposals],
                default=workshop.my_votes(store, ws.id, token),
                format_func=lambda pid: f"{pid} {bank.proposal(pid).title}",
                max_selections=workshop.MAX_VOTES,
                key="ws_stemmen",
            )
            st.form_submit_button("Stem", type="primary", on_click=_vote)
        if st.session_state.pop("ws_gestemd", False):
            st.success("Uw stem is bewaard. U kunt hem nog aanpassen tot de begeleider de stemming sluit.")
    else:
        st.success("De workshop is afgelopen. Bedankt voor uw deelname!")
    st.button("Vernieuwen", key="ws_vernieuw", icon=":material/refresh:")


live()
with st.expander("Privacy: wat bewaren we?"):
    privacy_text()

"""Respondent page: answer the questions for your role, anonymously, on any phone.

Owns the session key ``deelnemer_fout``. The code and the respondent's resume token live in
the URL (``?code=…&r=…``) so a refresh or a closed tab loses nothing.
"""

import json
from datetime import date

import streamlit as st

from scan.base.errors import ScanError
from scan.base.formatting import nl_count, nl_date
from scan.content.models import ROLE_AS
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import respondents
from scan.ui.components import glossary
from scan.ui.components.access import attempt
from scan.ui.components.accessibility_statement import show_body
from scan.ui.components.answer_choice import answer_radio, chosen
from scan.ui.components.privacy_text import privacy_text
from scan.ui.services import get_bank, get_reference, get_store
from scan.web.phone import join_path

KEY_ERROR = "deelnemer_fout"

store, bank = get_store(), get_bank()
st.title("Doe mee met de democratiescan")

# Every link and button here keeps this page's mode (?meedoen or ?code=…): nothing leads to a
# griffier page. A workshop code leads to the workshop's own phone page (/doe/CODE).
code = st.query_params.get("code", "")
if not code:
    with st.form("deelnemer_code"):
        typed = st.text_input(
            "Uw code (uit de uitnodiging of van het scherm in de zaal)",
            max_chars=40,
            key="deelnemer_code_invoer",
        )
        sent = st.form_submit_button("Verder", type="primary")
    cleaned = respondents.normalise_code(typed) if sent else ""
    if len(cleaned) == workshop.JOIN_LENGTH:
        # straight to the workshop, without another tap; the link is there if scripts are off
        target = join_path(cleaned)
        st.html(
            f"<script>window.location.replace({json.dumps(target)});</script>", unsafe_allow_javascript=True
        )
        st.link_button("Naar de workshop", target, type="primary")
        st.stop()
    if len(cleaned) == respondents.CODE_LENGTH:
        st.query_params.clear()
        st.query_params["code"] = cleaned
        st.rerun()
    if sent:
        st.error(
            "Dit is geen geldige code. Een code uit een uitnodiging heeft "
            f"{respondents.CODE_LENGTH} tekens, een workshopcode {workshop.JOIN_LENGTH}. "
            "Kijk nog eens goed en typ de code opnieuw."
        )
    st.stop()

try:
    invite, rnd = attempt("respondentcode", respondents.open_code, store, code)
except ScanError as exc:
    st.error(str(exc))
    if st.button("Andere code invullen", key="deelnemer_andere_code", type="primary"):
        st.query_params.clear()
        st.query_params["meedoen"] = ""  # back to typing a code: still the respondent's page
        st.rerun()
    st.stop()

name = get_reference().municipality(rnd.gm_code).name
token = st.query_params.get("r", "")
if not token and invite.personal and invite.used:
    st.error(respondents.USED)  # one start per personal code: a second would count one invitee twice
    st.stop()
if not token:
    st.write(
        f"U doet mee aan de democratiescan van {name} ({rnd.year}) **{ROLE_AS[invite.role]}**. "
        "Uw antwoorden zijn anoniem: we bewaren geen naam, e-mailadres of IP-adres. "
        "Uitkomsten per groep tonen we pas als minstens 5 mensen hebben geantwoord."
    )
    if st.button("Begin", type="primary", key="deelnemer_begin"):
        try:
            _, new_token = respondents.join(store, code)
        except ScanError as exc:  # used, revoked or closed a moment ago
            st.error(str(exc))
            st.stop()
        st.query_params["r"] = new_token
        st.rerun()
    st.stop()

try:
    me = respondents.resume(store, code, token)
except ScanError as exc:
    st.error(str(exc))
    st.stop()


def _save(qid: str) -> None:
    value, dont_know = chosen(st.session_state[f"deelnemer_{qid}"])
    try:
        respondents.answer(store, code, token, qid, value, dont_know=dont_know)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


st.caption(f"Democratiescan {name} {rnd.year} · u antwoordt {ROLE_AS[invite.role]} · anoniem")
if invite.personal and not me.finished:
    st.caption(
        "Later verder? Bewaar deze pagina als bladwijzer. Uw persoonlijke code werkt maar één keer: "
        "alleen met deze link gaat u verder met uw eigen antwoorden."
    )
if rnd.respond_until and not me.finished:
    st.caption(f"U kunt antwoorden tot en met {nl_date(date.fromisoformat(rnd.respond_until))}.")
if error := st.session_state.pop(KEY_ERROR, None):
    st.error(error)
answers = answer_store.of(store, rnd.id, me.id)
questions = bank.questions_for_role(invite.role)
done = sum(1 for q in questions if q.id in answers and answers[q.id].is_answered)
st.progress(done / len(questions), text=f"{done} van {len(questions)} vragen beantwoord")

for priority in bank.priorities:
    items = [q for q in questions if q.priority_id == priority.id]
    if not items:
        continue
    st.subheader(priority.name, anchor=False)
    for q in items:
        current = answers.get(q.id)
        # the statement and its explanation as text: a tooltip's "?" is too small to tap on a phone
        st.markdown(f"**{q.statement}**")
        st.caption(q.help)
        answer_radio(
            q,
            label=q.statement,
            key=f"deelnemer_{q.id}",
            on_change=_save,
            args=(q.id,),
            disabled=me.finished,
            current=current,
            collapsed=True,
        )
        glossary.terms_expander(bank.terms_for(q))

with st.expander("Privacy: wat bewaren we?"):
    privacy_text()
glossary.all_terms_expander(bank)
with st.expander("Toegankelijkheid: wat we testen en wat nog niet werkt"):
    show_body()

KEY_CONFIRM = "deelnemer_klaar_vragen"  # asked "send with open questions?" once
KEY_NOTHING = "deelnemer_niets"  # Klaar pressed without a single answer
open_questions = len(questions) - done


def _finish() -> None:
    try:
        respondents.finish(store, code, token)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


if me.finished:
    st.success("Bedankt! Uw antwoorden zijn verstuurd en tellen mee. Ze liggen nu vast.")
elif st.session_state.get(KEY_CONFIRM):
    st.warning(
        f"U heeft nog {nl_count(open_questions, 'vraag', 'vragen')} open. "
        "Na versturen kunt u niets meer veranderen."
    )
    cols = st.columns(2)
    cols[0].button(
        "Terug naar de vragen", key="deelnemer_terug", on_click=st.session_state.pop, args=(KEY_CONFIRM,)
    )
    cols[1].button("Toch versturen", type="primary", key="deelnemer_toch", on_click=_finish)
else:
    st.caption("Met Klaar verstuurt u uw antwoorden. Daarna tellen ze mee en kunt u ze niet meer veranderen.")
    if st.session_state.pop(KEY_NOTHING, False):  # beside the button, where the phone's screen is
        st.warning(respondents.NOTHING_TO_SEND)
    if st.button("Klaar", type="primary", key="deelnemer_klaar"):
        if not done:  # nothing to send: say so at once (respondents.finish refuses it too)
            st.session_state[KEY_NOTHING] = True
        elif open_questions:
            st.session_state[KEY_CONFIRM] = True
        else:
            _finish()
        st.rerun()

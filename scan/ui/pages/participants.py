"""Participants (griffier): role codes, response per role, closing the round."""

import streamlit as st

from scan import respondents, rounds, sharing
from scan.errors import ScanError
from scan.models import ROLE_LABELS
from scan.tables import markdown_table
from scan.ui.components import context
from scan.ui.components.links import app_link
from scan.ui.services import get_store

KEY_NEW_CODE = "deelnemers_nieuwe_code"  # (role, code) shown once after creating it

store = get_store()
rnd = context.require_round()
if rnd is None:
    st.stop()

context.heading("Deelnemers", rnd)
st.write(
    "Nodig per rol mensen uit met een eigen code. Iedereen met de code beantwoordt anoniem de vragen voor die rol: "
    "feitelijke vragen voor griffie, college en ambtelijke organisatie; stellingen voor gemeenteraad, inwoners en maatschappelijke partners."
)

if rnd.is_open:
    cols = st.columns([2, 1], vertical_alignment="bottom")
    role = cols[0].selectbox("Rol", list(ROLE_LABELS), format_func=ROLE_LABELS.get, key="deelnemers_rol")
    if cols[1].button("Nieuwe code maken", icon=":material/key:", key="deelnemers_maak"):
        try:
            _, code = respondents.create_invite(store, rnd.id, role)
            st.session_state[KEY_NEW_CODE] = (role, code)
        except ScanError as exc:
            st.error(str(exc))

if new := st.session_state.pop(KEY_NEW_CODE, None):
    role, code = new
    st.success(
        f"Code voor {ROLE_LABELS[role].lower()}: **{code}**. Deel de link `{app_link(code=code)}` of de code. "
        "Bewaar de code nu: we slaan alleen een onherkenbare versie op en kunnen hem niet opnieuw tonen."
    )

st.subheader("Respons per rol")
overview = respondents.response_overview(store, rnd.id)
if not overview:
    st.write("Nog geen codes gemaakt.")
else:
    st.markdown(
        markdown_table(
            [
                {
                    "Rol": ROLE_LABELS[r.role],
                    "Begonnen": r.started,
                    "Klaar": r.finished,
                    "Werkende codes": r.active_codes,
                }
                for r in overview
            ]
        )
    )

st.subheader("Codes")
for inv in respondents.invites_for(store, rnd.id):
    cols = st.columns([3, 1], vertical_alignment="center")
    status = "ingetrokken" if inv.revoked_at else "werkt"
    cols[0].markdown(f"Code {inv.id} · {ROLE_LABELS[inv.role]} · {status}")
    if not inv.revoked_at and cols[1].button("Intrekken", key=f"deelnemers_intrekken_{inv.id}"):
        respondents.revoke_invite(store, rnd.id, inv.id)
        st.rerun()

st.subheader("Presentatie voor de raad")
st.write(
    "Een link naar de presentatie van deze ronde (alleen lezen, grote letters). Wie de link heeft, ziet de "
    "uitkomsten van deze ronde, niets anders en kan niets veranderen."
)
cols = st.columns(2)
if cols[0].button("Presentatielink maken", icon=":material/link:", key="deelnemers_deellink"):
    st.session_state["deelnemers_nieuwe_link"] = sharing.create_share_link(store, rnd.id)
if cols[1].button("Alle presentatielinks intrekken", key="deelnemers_links_intrekken"):
    sharing.revoke_all(store, rnd.id)
    st.success("Alle presentatielinks van deze ronde werken niet meer.")
if link := st.session_state.pop("deelnemers_nieuwe_link", None):
    st.success(f"Presentatielink: `{app_link(presentatie=link)}` — bewaar hem nu; we tonen hem niet opnieuw.")

st.subheader("Ronde verwijderen")
st.write(
    "Verwijder deze ronde helemaal: alle antwoorden, toelichtingen, codes, workshops, presentatielinks en de agenda. "
    "Dit kan niet ongedaan worden gemaakt."
)
confirm = st.text_input(
    f"Typ ter bevestiging het jaar van de ronde ({rnd.year})", key="deelnemers_verwijder_jaar", max_chars=4
)
if st.button(
    "Ronde verwijderen",
    key="deelnemers_verwijder",
    disabled=confirm != str(rnd.year),
    icon=":material/delete:",
):
    rounds.delete(store, rnd.id)
    context.forget()
    st.switch_page("scan/ui/pages/start.py")

st.subheader("Ronde sluiten")
if rnd.is_open:
    sure = st.checkbox(
        "Ik wil deze ronde sluiten. Daarna kan niemand meer antwoorden of antwoorden wijzigen.",
        key="deelnemers_zeker",
    )
    if st.button("Ronde sluiten", disabled=not sure, key="deelnemers_sluit", icon=":material/lock:"):
        rounds.close(store, rnd.id)
        st.rerun()
else:
    st.write("Deze ronde is gesloten; de antwoorden liggen vast.")

"""Participants (griffier): invitations per role, response per role, the presentation link, closing
the round, and (last, with a typed confirmation) deleting it."""

import streamlit as st

from scan.base.errors import ScanError
from scan.base.tables import markdown_table
from scan.content.models import ROLE_LABELS
from scan.records.round import respondents, rounds, sharing
from scan.ui.components import context, invitation
from scan.ui.components.links import app_link, app_root
from scan.ui.services import get_bank, get_reference, get_store

store, bank = get_store(), get_bank()
rnd = context.require_round()

name = get_reference().municipality(rnd.gm_code).name
# (role, code) of the codes this session made for this round: shown until the griffier hides them,
# because the database keeps only a hash of each code
KEY_NEW = f"deelnemers_uitnodigingen_{rnd.id}"
KEY_LINK = f"deelnemers_presentatielink_{rnd.id}"
confirmation = f"{name} {rnd.year}"

context.heading("Deelnemers", rnd)
st.write(
    "Nodig per rol mensen uit met een eigen code. Iedereen met de code beantwoordt anoniem de vragen voor die rol: "
    "feitelijke vragen voor griffie, college en ambtelijke organisatie; stellingen voor gemeenteraad, inwoners en "
    "maatschappelijke partners. Eén code kunt u met een hele groep delen."
)

st.subheader("Uitnodigen")
if rnd.is_open:
    cols = st.columns([2, 1], vertical_alignment="bottom")
    role = cols[0].selectbox(
        "Rol", list(ROLE_LABELS), format_func=ROLE_LABELS.__getitem__, key="deelnemers_rol"
    )
    if cols[1].button("Nieuwe code met uitnodiging", icon=":material/key:", key="deelnemers_maak"):
        try:
            _, code = respondents.create_invite(store, rnd.id, role)
        except ScanError as exc:
            st.error(str(exc))
        else:
            st.session_state[KEY_NEW] = [(role, code), *st.session_state.get(KEY_NEW, [])]
else:
    st.write("Deze ronde is gesloten: er kunnen geen nieuwe deelnemers bij.")

made = st.session_state.get(KEY_NEW, [])
for role, code in made:
    invitation.show(
        invitation.make(bank, name, rnd.year, role, code, app_root()), key=f"deelnemers_uitnodiging_{code}"
    )
if made and st.button("Uitnodigingen verbergen (ik heb ze bewaard)", key="deelnemers_verberg"):
    st.session_state.pop(KEY_NEW, None)
    st.rerun()

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
    st.markdown("**Codes van deze ronde**")
    st.caption("Een ingetrokken code werkt niet meer; wie ermee begon, kan niet verder.")
    for inv in respondents.invites_for(store, rnd.id):
        cols = st.columns([3, 1], vertical_alignment="center")
        status = "ingetrokken" if inv.revoked_at else "werkt"
        cols[0].markdown(f"Code nummer {inv.id} · {ROLE_LABELS[inv.role]} · {status}")
        if not inv.revoked_at and cols[1].button("Intrekken", key=f"deelnemers_intrekken_{inv.id}"):
            respondents.revoke_invite(store, rnd.id, inv.id)
            st.rerun()

st.subheader("Presentatie voor de raad")
st.write(
    "Een link naar de presentatie van deze ronde (alleen lezen, grote letters). Wie de link heeft, ziet de "
    "uitkomsten van deze ronde, niets anders en kan niets veranderen."
)
link_cols = st.columns(2)
if link_cols[0].button("Presentatielink maken", icon=":material/link:", key="deelnemers_deellink"):
    st.session_state[KEY_LINK] = sharing.create_share_link(store, rnd.id)
if link_cols[1].button("Alle presentatielinks intrekken", key="deelnemers_links_intrekken"):
    sharing.revoke_all(store, rnd.id)
    st.session_state.pop(KEY_LINK, None)
    st.success("Alle presentatielinks van deze ronde werken niet meer.")
if link := st.session_state.get(KEY_LINK):
    st.caption(
        "Presentatielink (kopiëren met de knop rechtsboven in het vak). Bewaar hem nu: we tonen hem niet opnieuw."
    )
    st.code(app_link(presentatie=link), language=None, wrap_lines=True)

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

st.subheader("Ronde verwijderen")
st.write(
    f"Verwijder de scan {confirmation} helemaal: alle antwoorden, toelichtingen, codes, workshops, "
    "presentatielinks en de agenda. Dit kan niet ongedaan worden gemaakt."
)
typed = st.text_input(
    f"Typ ter bevestiging: {confirmation}", key=f"deelnemers_verwijder_{rnd.id}", max_chars=80
)
matches = " ".join(typed.split()).casefold() == confirmation.casefold()
if typed and not matches:
    st.caption(f"Typ precies: {confirmation}")
if st.button("Ronde verwijderen", key="deelnemers_verwijder", disabled=not matches, icon=":material/delete:"):
    rounds.delete(store, rnd.id)
    context.keep_municipality(
        rnd.gm_code, f"De scan {confirmation} is verwijderd, met alles wat erbij hoorde."
    )
    st.switch_page("scan/ui/pages/start.py")

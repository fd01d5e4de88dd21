"""Participants (griffier): invitations per role (a shared code, or personal codes as a list to
mail-merge), the closing date and a reminder, response per role against the expected size, the
presentation link, closing the round, and (last, with a typed confirmation) deleting it."""

from datetime import date

import streamlit as st

from scan.base.errors import ScanError
from scan.base.filenames import file_name
from scan.base.formatting import nl_count, nl_date, nl_number
from scan.base.tables import markdown_table
from scan.content.models import ROLE_LABELS
from scan.records.round import respondents, rounds, sharing
from scan.ui.components import context, invitation
from scan.ui.components.links import app_link, app_root
from scan.ui.services import get_bank, get_reference, get_store
from scan.views import response as response_views

store, bank = get_store(), get_bank()
rnd = context.require_round()

name = get_reference().municipality(rnd.gm_code).name
# (role, code) of the codes this session made for this round: shown until the griffier hides them,
# because the database keeps only a hash of each code
KEY_NEW = f"deelnemers_uitnodigingen_{rnd.id}"
KEY_LINK = f"deelnemers_presentatielink_{rnd.id}"
KEY_PERSONAL = f"deelnemers_persoonlijk_{rnd.id}"  # (role, codes) of the personal codes made in this session
confirmation = f"{name} {rnd.year}"

context.heading("Deelnemers", rnd)
st.write(
    "Nodig per rol mensen uit met een code. Iedereen met de code beantwoordt anoniem de vragen voor die rol: "
    "feitelijke vragen voor griffie, college en ambtelijke organisatie; stellingen voor gemeenteraad, inwoners en "
    "maatschappelijke partners. Eén code kunt u met een hele groep delen. Met persoonlijke codes (één per persoon, "
    "werkt één keer) telt iedereen precies één keer mee: dan klopt het aantal dat meedeed."
)

st.subheader("Uitnodigen")
if rnd.is_open:
    role = st.selectbox("Rol", list(ROLE_LABELS), format_func=ROLE_LABELS.__getitem__, key="deelnemers_rol")
    shared_tab, personal_tab = st.columns(2, border=True)
    with shared_tab:
        st.markdown("**Eén code voor de hele groep**")
        st.caption("Handig voor een zaal of een nieuwsbrief. Iemand kan dan vaker meedoen.")
        if st.button("Nieuwe code met uitnodiging", icon=":material/key:", key="deelnemers_maak"):
            try:
                _, code = respondents.create_invite(store, rnd.id, role)
            except ScanError as exc:
                st.error(str(exc))
            else:
                st.session_state[KEY_NEW] = [(role, code), *st.session_state.get(KEY_NEW, [])]
    with personal_tab:
        st.markdown("**Persoonlijke codes**")
        st.caption("Eén code per persoon; elke code werkt één keer. U krijgt een lijst voor een mailing.")
        count = st.number_input(
            "Aantal personen",
            min_value=1,
            max_value=respondents.MAX_PERSONAL,
            value=None,
            step=1,
            placeholder="bijvoorbeeld 27",
            key="deelnemers_aantal_persoonlijk",
        )
        if st.button("Persoonlijke codes maken", icon=":material/badge:", key="deelnemers_maak_persoonlijk"):
            try:
                codes = respondents.create_personal_invites(
                    store, rnd.id, role, int(count) if count is not None else None
                )
            except ScanError as exc:
                st.error(str(exc))
            else:
                st.session_state[KEY_PERSONAL] = [(role, codes), *st.session_state.get(KEY_PERSONAL, [])]
else:
    st.write("Deze ronde is gesloten: er kunnen geen nieuwe deelnemers bij.")

until = date.fromisoformat(rnd.respond_until) if rnd.respond_until else None
for role, codes in st.session_state.get(KEY_PERSONAL, []):
    with st.container(border=True):
        label = ROLE_LABELS[role].lower()
        st.markdown(
            f"**{nl_count(len(codes), 'persoonlijke code', 'persoonlijke codes')} voor {label}**  \n"
            "Download de lijst nu en bewaar hem goed. We slaan de codes alleen onherkenbaar op en kunnen ze "
            "later niet opnieuw tonen. Zet in uw eigen bestand bij elke code één naam en e-mailadres, en "
            "verstuur de uitnodiging met samenvoegen (mail merge) in Word of Outlook."
        )
        st.download_button(
            "Lijst met codes en links (CSV)",
            data=response_views.personal_codes_csv(role, codes, app_root()),
            file_name=file_name("persoonlijke-codes", name, rnd.year, "csv", role),
            mime="text/csv",
            icon=":material/download:",
            key=f"deelnemers_lijst_{codes[0]}",
            on_click="ignore",
        )
        st.caption("Tekst voor de mailing; «Link» en «Code» zijn de kolommen uit de lijst:")
        st.code(
            response_views.mail_merge_text(name, rnd.year, role, until, app_root()),
            language=None,
            wrap_lines=True,
        )
if st.session_state.get(KEY_PERSONAL) and st.button(
    "Lijsten verbergen (ik heb ze bewaard)", key="deelnemers_verberg_lijsten"
):
    st.session_state.pop(KEY_PERSONAL, None)
    st.rerun()

made = st.session_state.get(KEY_NEW, [])
for role, code in made:
    invitation.show(
        invitation.make(bank, name, rnd.year, role, code, app_root(), until),
        key=f"deelnemers_uitnodiging_{code}",
    )
if made and st.button("Uitnodigingen verbergen (ik heb ze bewaard)", key="deelnemers_verberg"):
    st.session_state.pop(KEY_NEW, None)
    st.rerun()

st.subheader("Sluitingsdatum en herinnering")
if until is None:
    st.write("Er is geen sluitingsdatum: deelnemers kunnen antwoorden tot u de ronde sluit.")
elif rounds.respondents_closed(rnd.respond_until):
    st.write(f"De vragenlijst voor deelnemers is gesloten: hij stond open tot en met {nl_date(until)}.")
else:
    st.write(
        f"Deelnemers kunnen antwoorden tot en met {nl_date(until)}. Daarna sluit de vragenlijst vanzelf."
    )
if rnd.is_open:
    date_cols = st.columns([2, 1, 1], vertical_alignment="bottom")
    chosen_until = date_cols[0].date_input(
        "Laatste dag waarop deelnemers kunnen antwoorden",
        value=until if until and until >= rounds.today() else None,  # a passed date: choose a new one
        min_value=rounds.today(),
        max_value=rounds.today() + rounds.LONGEST_INVITATION,
        format="DD-MM-YYYY",
        key="deelnemers_sluitdatum",
    )
    if date_cols[1].button("Datum opslaan", key="deelnemers_sluitdatum_opslaan"):
        try:
            rounds.set_respond_until(store, rnd.id, chosen_until if isinstance(chosen_until, date) else None)
        except ScanError as exc:
            st.error(str(exc))
        else:
            st.rerun()
    if until is not None and date_cols[2].button("Geen datum", key="deelnemers_sluitdatum_weg"):
        rounds.set_respond_until(store, rnd.id, None)
        st.rerun()
reminder_role = st.selectbox(
    "Herinnering voor",
    list(ROLE_LABELS),
    format_func=ROLE_LABELS.__getitem__,
    key="deelnemers_herinnering_rol",
)
st.caption("Herinnering om te versturen (kopiëren met de knop rechtsboven in het vak):")
st.code(response_views.reminder_text(name, rnd.year, reminder_role, until), language=None, wrap_lines=True)

st.subheader("Respons per rol")
found = response_views.response(store, rnd)
if not found.lines:
    st.write("Nog geen codes gemaakt.")
else:
    st.markdown(
        markdown_table(
            [
                {
                    "Rol": line.label,
                    "Begonnen": line.started,
                    "Klaar": line.finished,
                    "Respons": line.of_expected,
                    "Werkende codes": line.active_codes,
                    "Persoonlijke codes gebruikt": (
                        f"{nl_number(line.personal_used)} van {nl_number(line.personal_codes)}"
                        if line.personal_codes
                        else "–"
                    ),
                }
                for line in found.lines
            ]
        )
    )
    st.caption(
        "Respons: wie op Klaar drukte, van het aantal dat u verwacht (bij de gemeenteraad: de zetels)."
    )
    st.markdown("**Codes van deze ronde**")
    st.caption("Een ingetrokken code werkt niet meer; wie ermee begon, kan niet verder.")
    for inv in respondents.invites_for(store, rnd.id):
        cols = st.columns([3, 1], vertical_alignment="center")
        status = "ingetrokken" if inv.revoked_at else "werkt"
        kind = (
            "persoonlijk, " + ("gebruikt" if inv.used else "nog niet gebruikt") if inv.personal else "gedeeld"
        )
        cols[0].markdown(f"Code nummer {inv.id} · {ROLE_LABELS[inv.role]} · {kind} · {status}")
        if not inv.revoked_at and cols[1].button("Intrekken", key=f"deelnemers_intrekken_{inv.id}"):
            respondents.revoke_invite(store, rnd.id, inv.id)
            st.rerun()

st.subheader("Verwacht aantal per rol")
st.write(
    "Hoeveel mensen nodigt u per rol uit? Dan ziet u de respons als ‘12 van de 27’, ook in het rapport en de "
    "presentatie. Laat leeg wat u niet weet."
)
seats = get_reference().council_seats(rnd.gm_code, rnd.year)
sizes_typed = respondents.expected_sizes(store, rnd.id)
with st.form("deelnemers_verwacht"):
    size_cols = st.columns(3)
    sizes = {}
    for i, role in enumerate(ROLE_LABELS):
        hint = (
            f"Leeg: {nl_number(seats)}, de zetels volgens de Kiesraad." if role == "raad" and seats else None
        )
        sizes[role] = size_cols[i % 3].number_input(
            ROLE_LABELS[role],
            min_value=1,
            max_value=respondents.MAX_EXPECTED,
            value=sizes_typed.get(role),
            step=1,
            placeholder=nl_number(seats) if role == "raad" and seats else "onbekend",
            help=hint,
            key=f"deelnemers_verwacht_{role}",
            disabled=not rnd.is_open,
        )
    if st.form_submit_button("Aantallen opslaan", disabled=not rnd.is_open):
        try:
            for role, size in sizes.items():
                if (int(size) if size is not None else None) != sizes_typed.get(role):
                    respondents.set_expected(store, rnd.id, role, int(size) if size is not None else None)
        except ScanError as exc:
            st.error(str(exc))
        else:
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

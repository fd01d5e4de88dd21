"""Start: pick the municipality, see its peer groups, open or start a round."""

from datetime import date

import streamlit as st

from scan import answers, rounds
from scan.errors import ScanError
from scan.formatting import nl_number
from scan.rhythm import moment, suggested_year
from scan.ui.components import cached, context
from scan.ui.components.access import has_access, login_form, open_installation_notice
from scan.ui.services import get_bank, get_reference, get_store

KEY_PICK = "start_gemeente"
KEY_YEAR = "start_jaar"

store, bank, ref = get_store(), get_bank(), get_reference()
current = context.current_round()

st.title("democratiescan")
st.markdown(
    "Hoe staat het met de lokale democratie in uw gemeente? Deze scan stelt vragen over de acht "
    "prioriteiten uit het *Democratisch pamflet* van de VNG (Thorbecke2024). U ziet waar uw gemeente "
    "staat en welke voorstellen uit het pamflet passen."
)

locked = open_installation_notice()
# Only the round this session worked on: never a round someone else touched, in another municipality.
resume = current
if resume is not None and has_access(resume.gm_code, locked):
    name = ref.municipality(resume.gm_code).name
    progress = cached.self_score(resume).all_counts
    label = f"Verder met {name} {resume.year} ({progress.answered} van {progress.total} vragen beantwoord)"
    if resume.is_demo:
        label += " · fictief"
    if st.button(label, type="primary", icon=":material/play_arrow:", key="start_verder"):
        context.select(resume.gm_code, resume.year)
        st.switch_page("scan/ui/pages/questionnaire.py")

st.header("Kies een gemeente")
municipalities = ref.by_name()
codes = [m.code for m in municipalities]
default = current.gm_code if current else None
if KEY_PICK not in st.session_state and default:
    st.session_state[KEY_PICK] = default
code = st.selectbox(
    "Gemeente (typ om te zoeken)",
    codes,
    index=None,
    format_func=lambda c: f"{ref.municipality(c).name} ({ref.municipality(c).province})",
    placeholder="Typ de naam van uw gemeente",
    key=KEY_PICK,
)
if code is None:
    st.stop()

m = ref.municipality(code)
cols = st.columns(3)
cols[0].metric("Provincie", m.province)
cols[1].metric("Inwoners (ongeveer)", nl_number(m.population))
cols[2].markdown(f"Grootteklasse  \n**{m.size_class}**")  # a metric would cut the class off
st.caption("Het inwonertal komt uit een openbare lijst zonder peildatum en is daarom bij benadering.")
st.subheader("Vergelijkingsgroepen")
for group in ref.peer_groups_for(code):
    line = f"- **{group.label}**: {nl_number(len(group.members))} gemeenten"
    if group.incomplete:
        line += f" — {group.note}"
    st.markdown(line)

st.header("Scanrondes")
if not has_access(code, locked):
    login_form(code)
    st.stop()
tip = bank.tip(7)
st.info(f"**Tip {tip.id} uit het pamflet: {tip.title}.** {tip.summary}", icon=":material/event_repeat:")
found = rounds.for_municipality(store, code)
if not found:
    st.write(f"{m.name} heeft nog geen scan in democratiescan.")
for rnd in found:
    progress = cached.self_score(
        rnd
    ).all_counts  # cached per round until it changes: no query per round per rerun
    with st.container(border=True):
        left, right = st.columns([3, 1], vertical_alignment="center")
        status = "open" if rnd.is_open else "gesloten"
        demo = " · **fictief**" if rnd.is_demo else ""
        left.markdown(
            f"**Scan {rnd.year}** · {moment(rnd.year)} · {status}{demo}  \n"
            f"{progress.answered} van {progress.total} vragen beantwoord"
        )
        if right.button("Openen", key=f"start_open_{rnd.id}", help=f"Open de scan {rnd.year}"):
            context.select(code, rnd.year)
            st.switch_page("scan/ui/pages/questionnaire.py")

with st.container(border=True):
    st.markdown("**Nieuwe scanronde starten**")
    this_year = date.today().year
    year = st.number_input(
        "Jaar van de scan",
        min_value=2018,
        max_value=2100,
        value=suggested_year(this_year, [r.year for r in found]),
        step=1,
        key=f"{KEY_YEAR}_{code}",  # per municipality: the suggestion for another one must not carry over
    )
    st.caption(
        "Tip 7 uit het pamflet: doe de scan bij de start van de raadsperiode en daarna elke twee jaar. "
        f"Een scan in {int(year)} is: {moment(int(year))}."
    )
    previous = next((r for r in found if r.year < int(year)), None)
    copy = previous is not None and st.checkbox(
        f"Neem de antwoorden van {previous.year} over, zodat u alleen bijwerkt wat veranderde",
        value=True,
        key="start_overnemen",
    )
    if st.button("Scan starten", icon=":material/add:", key="start_nieuw"):
        try:
            new_round = rounds.start(store, code, int(year))
            if copy:
                answers.copy_forward(store, previous.id, new_round.id)
        except ScanError as exc:
            st.error(str(exc))
        else:
            context.select(code, int(year))
            st.switch_page("scan/ui/pages/questionnaire.py")

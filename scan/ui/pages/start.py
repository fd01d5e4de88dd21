"""Start: pick the municipality, see the path (who does what, how long, where you are), open or
start a round in the biennial rhythm."""

from datetime import date

import streamlit as st

from scan.base.errors import ScanError
from scan.base.formatting import nl_number
from scan.base.rhythm import moment, suggested_year
from scan.records.round import answers, rounds
from scan.ui.components import cached, context, step_plan
from scan.ui.components.access import has_access, login_form, open_installation_notice, signed_on_municipality
from scan.ui.components.tip_card import tip_card
from scan.ui.services import get_bank, get_reference, get_store
from scan.views import plan as plan_views

KEY_PICK = "start_gemeente"
KEY_YEAR = "start_jaar"

store, bank, ref = get_store(), get_bank(), get_reference()
current = context.current_round()
chosen = context.municipality() or signed_on_municipality()

st.title("democratiescan")
st.markdown(
    "Hoe staat het met de lokale democratie in uw gemeente? Deze scan stelt vragen over de acht "
    "prioriteiten uit het *Democratisch pamflet* (2022). Dat pamflet schreef de redactie van "
    "Thorbecke2024, een project binnen de VNG. U ziet waar uw gemeente staat en welke voorstellen "
    "uit het pamflet passen."
)

locked = open_installation_notice()
if notice := context.pop_notice():
    st.success(notice, icon=":material/check_circle:")
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
if KEY_PICK not in st.session_state and chosen:
    st.session_state[KEY_PICK] = chosen
code = st.selectbox(
    "Gemeente (typ om te zoeken)",
    codes,
    index=None,
    format_func=lambda c: f"{ref.municipality(c).name} ({ref.municipality(c).province})",
    placeholder="Typ de naam van uw gemeente",
    key=KEY_PICK,
)
this_year = date.today().year
if code is None:
    # The path before any choice: what a griffier does, who else takes part, how long it takes.
    step_plan.show(plan_views.steps(store, bank, None, suggested_year(this_year, [])), None)
    st.stop()

m = ref.municipality(code)
cols = st.columns(3)
cols[0].metric("Provincie", m.province)
cols[1].metric("Inwoners (ongeveer)", nl_number(m.population))
cols[2].markdown(f"Grootteklasse  \n**{m.size_class}**")  # a metric would cut the class off
st.caption("Het inwonertal komt uit een openbare lijst zonder peildatum en is daarom bij benadering.")
with st.expander("Vergelijkingsgroepen van " + m.name):
    lines = []
    for group in ref.peer_groups_for(code):
        line = f"- **{group.label}**: {nl_number(len(group.members))} gemeenten"
        if group.incomplete:
            line += f" — {group.note}"
        lines.append(line)
    st.markdown("\n".join(lines))

if not has_access(code, locked):
    st.header("Scanrondes")
    login_form(code)
    st.stop()

found = rounds.for_municipality(store, code)
suggested = suggested_year(this_year, [r.year for r in found])
# The round the plan describes: the one this session works on, else the newest of this municipality.
plan_round = current if current is not None and current.gm_code == code else (found[0] if found else None)
plan = plan_views.steps(
    store, bank, plan_round, suggested, cached.self_score(plan_round) if plan_round else None
)
now = step_plan.show(plan, plan_round)
next_step = plan[now] if plan_round is not None and now is not None and plan[now].page else None
if (
    next_step
    and plan_round is not None
    and st.button(
        next_step.action or next_step.title, type="primary", icon=":material/arrow_forward:", key="start_stap"
    )
):
    context.select(code, plan_round.year)
    st.switch_page(f"scan/ui/pages/{next_step.page}.py")

st.header("Scanrondes")
if not found:
    st.info(
        f"{m.name} heeft nog geen scan in democratiescan. Start hieronder de eerste: "
        f"volgens het ritme in {suggested}.",
        icon=":material/info:",
    )
for rnd in found:
    progress = cached.self_score(rnd).all_counts  # cached per round until it changes
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
    year = st.number_input(
        "Jaar van de scan",
        min_value=2018,
        max_value=2100,
        value=suggested,
        step=1,
        key=f"{KEY_YEAR}_{code}",  # per municipality: the suggestion for another one must not carry over
    )
    st.caption(
        "Het ritme van democratiescan: een scan bij de start van de raadsperiode (na de "
        "raadsverkiezingen van 2022, 2026, 2030 …) en een tussenstand twee jaar later. "
        f"Een scan in {int(year)} is: {moment(int(year))}."
    )
    if int(year) > suggested:
        st.warning(
            f"Let op: {suggested} heeft nog geen scan ({moment(suggested)}). "
            f"Met een scan in {int(year)} slaat u die over.",
            icon=":material/warning:",
        )
    previous = rounds.previous(store, code, int(year))
    copy = previous is not None and st.checkbox(
        f"Neem de antwoorden van {previous.year} over, zodat u alleen bijwerkt wat veranderde",
        value=True,
        key="start_overnemen",
    )
    if st.button("Scan starten", icon=":material/add:", key="start_nieuw"):
        try:
            new_round = rounds.start(store, code, int(year))
            if copy and previous is not None:
                answers.copy_forward(store, previous.id, new_round.id)
        except ScanError as exc:
            st.error(str(exc))
        else:
            context.select(code, int(year))
            st.switch_page("scan/ui/pages/questionnaire.py")

tip_card(bank.tip(7))
st.caption(
    "Tip 7 van het pamflet noemt een democratiescan als een van de manieren om geregeld stil te staan "
    "bij de staat van de democratie, naast een jaarlijks verslag, een openbaar debat en een democratiefestival."
)

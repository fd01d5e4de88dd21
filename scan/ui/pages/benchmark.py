"""Compare: the municipality against a peer group of its choice, never below the minimum n."""

import streamlit as st

from scan.benchmark import MIN_N
from scan.formatting import nl_number
from scan.ui.components import cached, context, peer_group
from scan.ui.services import get_bank, get_reference, get_store

store, bank, ref = get_store(), get_bank(), get_reference()
rnd = context.require_round()
if rnd is None:
    st.stop()


context.heading("Vergelijken", rnd)
score = cached.self_score(rnd)
name = ref.municipality(rnd.gm_code).name

group = peer_group.choose(rnd, "Vergelijk met", "vergelijken_groep")
group_id = group.id
view = cached.comparison_view(rnd, group_id, name)
comparison = view.comparison
if group.incomplete:
    st.warning(f"{group.label}. {group.note} Gebruik deze groep met voorzichtigheid.")
if comparison.has_demo:
    st.badge("Fictieve voorbeelddata", icon=":material/science:", color="red")
st.caption(
    f"Bron: scans die gemeenten in deze installatie delen met de benchmark, en geïmporteerde benchmarkbestanden, "
    f"jaar {rnd.year}. {nl_number(comparison.n)} van de {nl_number(len(group.members))} gemeenten in deze groep "
    f"hebben gegevens (uw eigen gemeente telt niet mee). Cijfers verschijnen pas vanaf {MIN_N} gemeenten."
    + (" Fictieve voorbeelddata." if comparison.has_demo else "")
)

if not comparison.enough:
    st.info(f"{group.label}: {comparison.message}. Kies een grotere groep.")
else:
    overall = comparison.overall
    cols = st.columns(3)
    cols[0].metric("Uw totaalscore", nl_number(score.overall) if score.overall is not None else "nog geen")
    cols[1].metric("Mediaan van de groep", nl_number(overall.median) if overall.enough else overall.message)
    cols[2].metric(
        "Uw percentiel in de groep",
        nl_number(overall.percentile) if overall.enough and overall.percentile is not None else "–",
        help="Het deel van de groep dat lager scoort (gelijke scores half), van 0 tot 100.",
    )
    left, right = st.columns(2)
    left.plotly_chart(view.bands, key="vergelijken_banden", config={"displayModeBar": False})
    right.plotly_chart(view.radar, key="vergelijken_radar", config={"displayModeBar": False})

    tables = view.tables
    st.subheader("Per prioriteit")
    st.markdown(tables.priorities)

    st.subheader("Waar loopt u achter op de meeste vergelijkbare gemeenten?")
    if not tables.behind:
        st.write("Op geen enkele vraag scoort driekwart van de groep hoger dan uw gemeente.")
    else:
        st.markdown(tables.behind)

    with st.expander("Per vraag: hoe ver zijn de andere gemeenten?"):
        st.markdown(tables.levels)

st.subheader("Objectieve context: gemeenteraadsverkiezingen")
st.markdown(cached.election_view(rnd.gm_code, group_id))
st.caption(
    "Bron: Kiesraad, uitslagen gemeenteraadsverkiezingen 2018, 2022 en 2026 (inclusief herindelingsverkiezingen), "
    "via benchmarks/gr_uitslag_totalen_per_gemeente.csv; zie benchmarks/PROVENANCE.md. Echte cijfers, geen fictieve data."
)

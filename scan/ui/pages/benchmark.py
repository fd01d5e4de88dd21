"""Compare: the municipality against the round's comparison group, or another group to look around with
(which does not change the round's group), never below the minimum n."""

import streamlit as st

from scan.base.formatting import nl_number
from scan.base.tables import markdown_table
from scan.rules.benchmark import MIN_N
from scan.ui.components import cached, context, peer_group
from scan.ui.services import get_bank, get_reference, get_store
from scan.views import agreement as agreement_views
from scan.views import peers as peer_views

store, bank, ref = get_store(), get_bank(), get_reference()
rnd = context.require_round()


context.heading("Vergelijken", rnd)
score = cached.self_score(rnd)
name = ref.municipality(rnd.gm_code).name

own_group = peer_group.round_group(rnd)
st.markdown(
    f"**Vergelijkingsgroep van deze ronde: {own_group.label}.** Het rapport, de presentatie, de exports en de "
    "aanbevelingen vergelijken met deze groep."
    + (
        ""
        if rnd.comparison_group
        else " (Standaard: het eigen netwerk van de gemeente, anders haar grootteklasse.)"
    )
)
group = peer_group.look_around(rnd, "Kijk rond: vergelijk met", "vergelijken_groep")
group_id = group.id
if group.id != own_group.id:
    st.info(
        f"U kijkt rond bij {peer_views.group_phrase(group)}. Dit verandert de vergelijkingsgroep van de ronde "
        f"niet: die blijft {peer_views.group_phrase(own_group)}.",
        icon=":material/travel_explore:",
    )
peer_group.choose_for_round(rnd, group, "vergelijken_groep_vastleggen")
if note := peer_views.membership_note(rnd.gm_code, group):
    st.warning(note)
view = cached.comparison_view(rnd, group_id, name)
comparison = view.comparison
if group.incomplete:
    st.warning(f"{group.label}. {group.note} Gebruik deze groep met voorzichtigheid.")
peers_are_demo = comparison.enough and comparison.has_demo
if peers_are_demo:
    st.badge("Groepscijfers: fictieve voorbeelddata", icon=":material/science:", color="red")
fictief = peer_views.fictief_note(rnd.is_demo, peers_are_demo)
st.caption(
    f"Bron: scans die gemeenten in deze installatie delen met de benchmark, en geïmporteerde benchmarkbestanden, "
    f"jaar {rnd.year}. In {peer_views.group_phrase(group)}: "
    f"{peer_views.municipalities_with_data(comparison.n, len(group.members))} (uw eigen gemeente telt niet mee). "
    f"Cijfers verschijnen pas vanaf {MIN_N} gemeenten." + (f" {fictief}" if fictief else "")
)

if not comparison.enough:
    st.info(f"{peer_views.group_short(group)}: {comparison.message}. Kies een grotere groep.")
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

    st.subheader("Vragen waarop de meeste vergelijkbare gemeenten verder zijn")
    if not tables.behind:
        st.write("Er is geen vraag waarop driekwart van de groep verder is dan uw gemeente.")
    else:
        st.write(
            "Bij deze vragen staat minstens driekwart van de groep op hetzelfde of een hoger niveau dan uw gemeente. "
            "“Verder dan u” is het deel van de groep op een hoger niveau."
        )
        st.markdown(tables.behind)

    with st.expander("Per vraag: hoe ver zijn de andere gemeenten?"):
        st.write(
            "Per vraag het deel van de groep op elk niveau (0 tot en met 4). Vetgedrukt: het niveau dat uw "
            "gemeente koos, ook in de kolom “Uw antwoord”."
        )
        st.markdown(tables.levels)

st.subheader("Wat de akkoorden van de groep beloven")
peers = cached.agreement_peers(rnd, group_id)
if not any(m.enough or m.updating for m in peers.mentions.values()):
    st.write(
        f"Hoeveel gemeenten een voorstel in hun akkoord hebben, staat hier vanaf {MIN_N} gemeenten die hun "
        f"beoordeelde akkoord delen. In {peer_views.group_phrase(group)} zijn dat er nu {nl_number(peers.sharing)}."
    )
else:
    st.write(
        f"Per voorstel: hoeveel gemeenten in {peer_views.group_phrase(group)} die hun beoordeelde akkoord delen, het "
        "voorstel in hun akkoord hebben, en wat uw eigen akkoord belooft (alleen wat u op de pagina Akkoord "
        f"bevestigde). Een aantal staat er pas vanaf {MIN_N} gemeenten."
    )
    st.markdown(markdown_table(agreement_views.agreement_comparison_rows(peers, cached.agreement(rnd), bank)))
    if peers.has_demo:
        st.caption("Deze tellingen steunen op fictieve voorbeelddata.")

st.subheader("Objectieve context: gemeenteraadsverkiezingen")
st.markdown(cached.election_view(rnd.gm_code, group_id))
st.caption(
    "Bron: Kiesraad, uitslagen van de gemeenteraadsverkiezingen 2018, 2022 en 2026 (ook herindelingsverkiezingen). "
    "Echte cijfers, geen fictieve data."
)

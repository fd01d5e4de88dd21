"""Compare: the municipality against a peer group of its choice, never below the minimum n."""

import pandas as pd
import streamlit as st

from scan.benchmark import MIN_N, election_context
from scan.formatting import nl_number, nl_percent
from scan.ui.components import cached, context
from scan.ui.services import get_bank, get_reference, get_store

KEY_GROUP = "vergelijken_groep"

store, bank, ref = get_store(), get_bank(), get_reference()
rnd = context.require_round()
if rnd is None:
    st.stop()


context.heading("Vergelijken", rnd)
score = cached.self_score(rnd)
name = ref.municipality(rnd.gm_code).name

groups = {g.id: g for g in ref.peer_groups_for(rnd.gm_code)}
if st.session_state.get(KEY_GROUP) not in groups:
    st.session_state[KEY_GROUP] = next(iter(groups))
group_id = st.radio(
    "Vergelijk met",
    list(groups),
    format_func=lambda gid: groups[gid].label,
    key=KEY_GROUP,
    horizontal=True,
)
group = groups[group_id]
comparison = cached.comparison(rnd, group_id)
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
    bands, peer_radar = cached.peer_figures(rnd, group_id, name)
    left.plotly_chart(bands, key="vergelijken_banden", config={"displayModeBar": False})
    right.plotly_chart(peer_radar, key="vergelijken_radar", config={"displayModeBar": False})

    st.subheader("Per prioriteit")
    rows = []
    for p in bank.core_priorities:
        s, own = comparison.priorities[p.id], score.by_id(p.id).score
        rows.append(
            {
                "Prioriteit": f"{p.id}. {p.name}",
                "Uw score": nl_number(own) if own is not None else "–",
                "Mediaan groep": nl_number(s.median) if s.enough else s.message,
                "Middelste helft": f"{nl_number(s.q1)}–{nl_number(s.q3)}" if s.enough else "–",
                "Percentiel": nl_number(s.percentile) if s.enough and s.percentile is not None else "–",
                "n": s.n,
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

    st.subheader("Waar loopt u achter op de meeste vergelijkbare gemeenten?")
    behind = comparison.behind()
    if not behind:
        st.write("Op geen enkele vraag scoort driekwart van de groep hoger dan uw gemeente.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Vraag": f"{q.question_id} {bank.question(q.question_id).statement}",
                        "Uw antwoord": q.own,
                        "Mediaan groep": nl_number(q.stat.median, 1),
                        "Groep op niveau 3 of 4": nl_percent(
                            q.level_shares.get(3, 0) + q.level_shares.get(4, 0)
                        ),
                        "n": q.stat.n,
                    }
                    for q in behind
                ]
            ),
            hide_index=True,
            width="stretch",
        )

    with st.expander("Per vraag: hoe ver zijn de andere gemeenten?"):
        level_rows = []
        for q in comparison.questions:
            row = {"Vraag": q.question_id, "n": q.stat.n}
            if q.stat.enough:
                row.update({f"Niveau {lvl}": nl_percent(share) for lvl, share in q.level_shares.items()})
            else:
                row["Niveau 0"] = q.stat.message
            level_rows.append(row)
        st.dataframe(pd.DataFrame(level_rows), hide_index=True, width="stretch")

st.subheader("Objectieve context: gemeenteraadsverkiezingen")
context_rows = [
    {
        "Verkiezingen": str(c.cycle),
        "Maat": c.measure,
        name: c.own if c.own is not None else "–",
        "Mediaan groep": nl_number(c.peers.median, 1) if c.peers.enough else c.peers.message,
        "n": c.peers.n,
    }
    for c in election_context(ref.elections, rnd.gm_code, group)
]
st.dataframe(pd.DataFrame(context_rows), hide_index=True, width="stretch")
st.caption(
    "Bron: Kiesraad, uitslagen gemeenteraadsverkiezingen 2018, 2022 en 2026 (inclusief herindelingsverkiezingen), "
    "via benchmarks/gr_uitslag_totalen_per_gemeente.csv; zie benchmarks/PROVENANCE.md. Echte cijfers, geen fictieve data."
)

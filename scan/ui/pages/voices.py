"""Voices: results per role and combined, and where the roles see it differently."""

import pandas as pd
import streamlit as st

from scan import charts, respondents
from scan.benchmark import MIN_N
from scan.formatting import nl_number
from scan.models import GROUP_LABELS
from scan.ui.components import cached, context
from scan.ui.services import get_bank, get_store
from scan.voices import divergences, role_results

store, bank = get_store(), get_bank()
rnd = context.require_round()
if rnd is None:
    st.stop()

context.heading("Rollen vergelijken", rnd)
st.write(
    f"Hoe kijken griffie, college, ambtenaren, raad, inwoners en partners naar de democratie? Een groep telt pas mee "
    f"vanaf {MIN_N} respondenten; daaronder ziet u alleen het aantal."
)
results = role_results(bank, respondents.invited_answers(store, rnd.id))
self_score = cached.self_score(rnd)
self_scores = {p.priority_id: p.score for p in self_score.priorities}

rows = []
for p in bank.core_priorities:
    row = {"Prioriteit": f"{p.id}. {p.name}", "Zelfscan": nl_number(self_scores[p.id])}
    for role in [*GROUP_LABELS, "samen"]:
        if role not in results:
            continue
        r = results[role]
        column = f"{GROUP_LABELS.get(role, 'Alle respondenten samen')} (n = {r.respondents})"
        row[column] = nl_number(r.means[p.id]) if r.enough and r.means[p.id] is not None else r.message
    rows.append(row)
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

shown = [r for role, r in results.items() if role != "samen" and r.enough]
if shown:
    series = {"Zelfscan": self_scores} | {GROUP_LABELS[r.role]: r.means for r in shown}
    st.plotly_chart(charts.grouped_bars(bank, series), key="rollen_grafiek", config={"displayModeBar": False})

st.subheader("Gespreksstarters: hier verschillen de blikken")
found = divergences(bank, results, self_scores)
if not found:
    st.write(
        "Geen verschillen van 25 punten of meer tussen rollen met genoeg respondenten"
        + ("." if shown else " (nog geen rol met 5 of meer respondenten).")
    )
for d in found:
    st.markdown(f"- {d.sentence(bank)}")

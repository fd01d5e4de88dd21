"""Trend: this municipality's rounds side by side (2022 → 2024 → 2026)."""

import pandas as pd
import streamlit as st

from scan import charts
from scan.formatting import nl_number
from scan.trend import arrow, deltas, question_changes, round_scores
from scan.ui.components import context
from scan.ui.services import get_bank, get_store

store, bank = get_store(), get_bank()
rnd = context.require_round()
if rnd is None:
    st.stop()

context.heading("Trend", rnd)
history = [h for h in round_scores(store, rnd.gm_code) if h.year <= rnd.year]
if len(history) < 2:
    st.info("Er is nog geen eerdere ronde om mee te vergelijken. Over twee jaar ziet u hier de ontwikkeling.")
    st.stop()
if any(h.is_demo for h in history):
    st.caption("Fictieve voorbeelddata.")

st.plotly_chart(
    charts.trend_lines(bank, [(h.year, h.score) for h in history]),
    key="trend_grafiek",
    config={"displayModeBar": False},
)

previous, current = history[-2], history[-1]
change = deltas(previous.score, current.score)
st.subheader(f"Verandering {previous.year} → {current.year}")
rows = []
for p in bank.core_priorities:
    row = {"Prioriteit": f"{p.id}. {p.name}"}
    for h in history:
        row[str(h.year)] = nl_number(h.score.by_id(p.id).score)
    delta = change[p.id]
    row["Verschil"] = f"{arrow(delta)} {nl_number(delta, 1) if delta is not None else ''}".strip()
    rows.append(row)
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

st.subheader("Wat veranderde per vraag")
before_round = store.get_round(rnd.gm_code, previous.year)
changes = question_changes(bank, store, before_round.id, rnd.id)
if not changes:
    st.write("Geen enkel antwoord is veranderd.")
for c in changes:
    q = bank.question(c.question_id)
    before = "–" if c.before is None else str(c.before)
    after = "–" if c.after is None else str(c.after)
    st.markdown(
        f"- {arrow(None if c.before is None or c.after is None else c.after - c.before)} **{q.id}** {q.statement} ({before} → {after})"
    )

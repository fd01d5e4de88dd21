"""Trend: this municipality's rounds side by side (2022 → 2024 → 2026)."""

import streamlit as st

from scan.ui.components import cached, context

rnd = context.require_round()

context.heading("Trend", rnd)
found, figure, table, changes = cached.trend(rnd)
if found.previous is None:
    st.info("Er is nog geen eerdere ronde om mee te vergelijken. Over twee jaar ziet u hier de ontwikkeling.")
    st.stop()
if found.has_demo:
    st.caption("Fictieve voorbeelddata.")

st.plotly_chart(figure, key="trend_grafiek", config={"displayModeBar": False})

previous, current = found.previous.round, rnd
st.subheader(f"Verandering {previous.year} → {current.year}")
st.markdown(table)

st.subheader("Wat veranderde per vraag")
st.markdown(changes or "Geen enkel antwoord is veranderd.")

"""Large, high-contrast type for pages on a projector (readable from the back of the room)."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
  .stMainBlockContainer { max-width: 1400px; }
  .stMainBlockContainer p, .stMainBlockContainer li { font-size: 1.6rem; line-height: 1.45; color: #000; }
  .stMainBlockContainer h1 { font-size: 3.2rem; color: #000; }
  .stMainBlockContainer h2 { font-size: 2.4rem; color: #000; }
  .stMainBlockContainer h3 { font-size: 2rem; color: #000; }
  [data-testid="stMetricValue"] { font-size: 3.4rem; }
  [data-testid="stMetricLabel"] p { font-size: 1.4rem; }
  .dia-nav a { font-size: 1.6rem; font-weight: 700; color: #0B5394; margin-right: 2rem; }
</style>
"""


def big_type() -> None:
    st.html(_CSS)

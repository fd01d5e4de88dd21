"""Toegankelijkheid: what was tested, how, and what is known not to work (docs/toegankelijkheid.md)."""

import streamlit as st

from scan.ui.components.accessibility_statement import show_body, statement

st.title(statement()[0])
show_body()

"""Privacy: what is stored, who sees it, and for how long (AVG)."""

import streamlit as st

from scan.ui.components.privacy_text import privacy_text

st.title("Privacy")
privacy_text()

"""Privacy: what is stored, who sees it, and for how long (AVG); the accessibility statement beside it."""

import streamlit as st

from scan.ui.components.accessibility_statement import PAGE as ACCESSIBILITY
from scan.ui.components.privacy_text import privacy_text

st.title("Privacy")
privacy_text()
st.subheader("Toegankelijkheid")
st.write("Wat we testen op toegankelijkheid, hoe, en wat nog niet goed werkt:")
st.page_link(ACCESSIBILITY, label="Toegankelijkheidsverklaring", icon=":material/accessibility:")

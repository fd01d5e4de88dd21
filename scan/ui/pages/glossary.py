"""Begrippen: every hard word from the pamphlet and the questions, explained in plain Dutch."""

import streamlit as st

from scan.ui.components.glossary import sorted_terms, terms_markdown
from scan.ui.services import get_bank

bank = get_bank()
st.title("Begrippen")
st.write(
    "Woorden uit het pamflet en de vragen die niet iedereen kent, in gewone woorden uitgelegd. "
    "Bij elke vraag met zo'n woord staat de uitleg ook onder de vraag."
)
st.markdown(terms_markdown(sorted_terms(bank), refs=True))

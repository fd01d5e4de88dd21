"""democratiescan: the domain (no Streamlit here; the UI lives in scan.ui)."""

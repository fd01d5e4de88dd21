"""The Streamlit UI: the only package that imports streamlit. Pages draw what scan/ computes."""

"""democratiescan: navigation only. Every page lives in scan/ui/pages and draws what scan/ computes."""

import streamlit as st

st.set_page_config(page_title="democratiescan", page_icon=":material/how_to_vote:", layout="wide")

pages = {
    "Scan": [
        st.Page(
            "scan/ui/pages/start.py", title="Start", icon=":material/home:", url_path="start", default=True
        ),
        st.Page(
            "scan/ui/pages/questionnaire.py",
            title="Vragenlijst",
            icon=":material/checklist:",
            url_path="vragenlijst",
        ),
        st.Page(
            "scan/ui/pages/results.py", title="Resultaten", icon=":material/insights:", url_path="resultaten"
        ),
        st.Page(
            "scan/ui/pages/benchmark.py",
            title="Vergelijken",
            icon=":material/groups:",
            url_path="vergelijken",
        ),
    ],
}
st.navigation(pages).run()

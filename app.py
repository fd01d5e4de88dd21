"""democratiescan: navigation only. Every page lives in scan/ui/pages and draws what scan/ computes."""

import streamlit as st

st.set_page_config(page_title="democratiescan", page_icon=":material/how_to_vote:", layout="wide")

# (file, title, icon, url path)
SCAN_PAGES = [
    ("start", "Start", "home", "start"),
    ("questionnaire", "Vragenlijst", "checklist", "vragenlijst"),
    ("results", "Resultaten", "insights", "resultaten"),
    ("benchmark", "Vergelijken", "groups", "vergelijken"),
    ("recommendations", "Aanbevelingen", "lightbulb", "aanbevelingen"),
    ("agenda", "Agenda", "assignment", "agenda"),
]

pages = {
    "Scan": [
        st.Page(
            f"scan/ui/pages/{file}.py", title=title, icon=f":material/{icon}:", url_path=path, default=i == 0
        )
        for i, (file, title, icon, path) in enumerate(SCAN_PAGES)
    ],
}
st.navigation(pages).run()

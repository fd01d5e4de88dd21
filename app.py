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
ROUND_PAGES = [
    ("participants", "Deelnemers", "group_add", "deelnemers"),
    ("voices", "Rollen vergelijken", "diversity_3", "rollen"),
    ("trend", "Trend", "trending_up", "trend"),
]


def _pages(rows, first_default=False):
    return [
        st.Page(
            f"scan/ui/pages/{f}.py",
            title=t,
            icon=f":material/{i}:",
            url_path=u,
            default=first_default and n == 0,
        )
        for n, (f, t, i, u) in enumerate(rows)
    ]


# Someone with a respondent code (or on /?meedoen, to type one) sees only the answer page:
# no griffier page is registered, so none can be reached.
if "code" in st.query_params or "meedoen" in st.query_params:
    st.navigation(
        [st.Page("scan/ui/pages/respond.py", title="Meedoen", url_path="deelnemen", default=True)],
        position="hidden",
    ).run()
else:
    st.navigation({"Scan": _pages(SCAN_PAGES, True), "Ronde": _pages(ROUND_PAGES)}).run()

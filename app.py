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
    ("presentation", "Presentatie", "slideshow", "presentatie"),
    ("privacy", "Privacy", "shield", "privacy"),
]
WORKSHOP_PAGES = [
    ("workshops", "Workshops", "groups_3", "workshops"),
    ("facilitate", "Workshop leiden", "tune", "leiden"),
    ("projector", "Projectiescherm", "present_to_all", "projectie"),
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


# Respondents, workshop participants and viewers of a presentation link get exactly one page:
# no griffier page is registered for them, so none can be reached by URL.
SINGLE_PAGE_MODES = [
    ("code", "respond", "Meedoen"),
    ("meedoen", "respond", "Meedoen"),
    ("ws", "workshop_join", "Workshop"),
    ("presentatie", "presentation", "Presentatie"),
]
mode = next((m for m in SINGLE_PAGE_MODES if m[0] in st.query_params), None)
if mode is not None:
    # Made once per session (key owned here): st.Page resolves its file path, ~6% of a phone's rerun.
    if st.session_state.get("nav_single", (None,))[0] != mode:
        st.session_state["nav_single"] = (
            mode,
            st.Page(f"scan/ui/pages/{mode[1]}.py", title=mode[2], default=True),
        )
    st.navigation([st.session_state["nav_single"][1]], position="hidden").run()
else:
    # Streamlit's own menu, as one flat list: it arrives as a single message, where a menu of page links
    # costs ~17 elements on every rerun of every page. (Its sectioned form puts headings inside the
    # list, an axe-core violation, so the order of the list carries the grouping: scan, round, workshop.)
    # The page objects are made once per session (this key is owned here): building them costs ~1 ms a run.
    # Not shared between sessions: st.navigation marks the returned page object as callable once.
    if "nav_pages" not in st.session_state:
        st.session_state["nav_pages"] = (
            _pages(SCAN_PAGES, True) + _pages(ROUND_PAGES) + _pages(WORKSHOP_PAGES)
        )
    st.navigation(st.session_state["nav_pages"], position="sidebar", expanded=True).run()

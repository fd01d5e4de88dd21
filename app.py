"""democratiescan: navigation only. Every page lives in scan/ui/pages and draws what scan/ computes."""

from pathlib import Path

import streamlit as st

# The icon is a file of our own, served by this server: a material icon is fetched from the internet.
ICON = Path(__file__).parent / "scan" / "ui" / "static" / "icon.png"
st.set_page_config(page_title="democratiescan", page_icon=str(ICON), layout="wide")

# (file, title, icon, url path). One flat menu: its order carries the grouping (scan, round, workshop),
# because Streamlit's sectioned menu puts headings inside its list (an axe-core violation).
PAGES = [
    ("start", "Start", "home", "start"),
    ("questionnaire", "Vragenlijst", "checklist", "vragenlijst"),
    ("results", "Resultaten", "insights", "resultaten"),
    ("benchmark", "Vergelijken", "groups", "vergelijken"),
    ("recommendations", "Aanbevelingen", "lightbulb", "aanbevelingen"),
    ("agenda", "Agenda", "assignment", "agenda"),
    ("akkoord", "Akkoord", "handshake", "akkoord"),
    ("participants", "Deelnemers", "group_add", "deelnemers"),
    ("voices", "Rollen vergelijken", "diversity_3", "rollen"),
    ("trend", "Trend", "trending_up", "trend"),
    ("presentation", "Presentatie", "slideshow", "presentatie"),
    ("glossary", "Begrippen", "menu_book", "begrippen"),
    ("privacy", "Privacy", "shield", "privacy"),
    ("accessibility", "Toegankelijkheid", "accessibility", "toegankelijkheid"),
    ("workshops", "Workshops", "groups_3", "workshops"),
    ("facilitate", "Workshop leiden", "tune", "leiden"),
    ("projector", "Projectiescherm", "present_to_all", "projectie"),
]
HIDDEN = {"projector"}  # reached from Workshop leiden, never from the menu

# Respondents, workshop participants and viewers of a presentation link get exactly one page:
# no griffier page is registered for them, so none can be reached by URL.
SINGLE_PAGE_MODES = {
    "code": ("respond", "Meedoen"),
    "meedoen": ("respond", "Meedoen"),
    "ws": ("workshop_join", "Workshop"),
    "presentatie": ("presentation", "Presentatie"),
    # the projector of a workshop, full screen: a link within the app keeps the session (and its login)
    "projectie": ("projector", "Projectiescherm"),
}


def session_pages(mode: str | None) -> list:
    """The page objects for this session, made once per mode (key owned here): building the menu
    costs ~1 ms a rerun. Not shared between sessions: st.navigation marks the page it returns as
    callable once."""
    made = st.session_state.setdefault("nav_pages", {})
    if mode not in made:
        if mode is None:
            made[mode] = [
                st.Page(
                    f"scan/ui/pages/{f}.py",
                    title=t,
                    icon=f":material/{i}:",
                    url_path=u,
                    default=n == 0,
                    visibility="hidden" if f in HIDDEN else "visible",
                )
                for n, (f, t, i, u) in enumerate(PAGES)
            ]
        else:
            file, title = SINGLE_PAGE_MODES[mode]
            made[mode] = [st.Page(f"scan/ui/pages/{file}.py", title=title, default=True)]
            if mode == "projectie":  # also under its own path: a link from Workshop leiden keeps the session
                made[mode].append(st.Page(f"scan/ui/pages/{file}.py", title=title, url_path="projectie"))
    return made[mode]


mode = next((m for m in SINGLE_PAGE_MODES if m in st.query_params), None)
# The presentation on the projector: the same pages, the menu hidden (scan/ui/pages/presentation.py).
full_screen = st.query_params.get("volscherm") == "1"
# Streamlit's own menu: one message, where a menu of page links cost ~17 elements on every rerun.
st.navigation(
    session_pages(mode), position="hidden" if mode or full_screen else "sidebar", expanded=True
).run()

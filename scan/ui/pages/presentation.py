"""Council presentation: projector-grade type, one screen per priority, workshops and agenda; read-only
(no input fields). All screens arrive at once and the browser switches between them (arrow keys,
Page Up/Down, space or the links): no reload, no blank screen. ``?volscherm=1`` (or a share link)
hides the menu and Streamlit's bar; the screen number is kept in the URL (``dia``). The griffier downloads
the screens as a PDF (one 16:9 page each) for the council's documents."""

import functools

import streamlit as st

from scan.base.errors import ScanError
from scan.base.text import plain_int
from scan.records.round.sharing import round_for_token
from scan.ui.components import context
from scan.ui.components.access import attempt
from scan.ui.components.document_download import document_button
from scan.ui.services import get_store
from scan.views.presentation import build, to_html, to_pdf

FULL_SCREEN = "volscherm"
# Full screen: the slides get the whole width (they keep their own margins, in the template), so
# 1280×720 and 1024×768 show exactly the 1920×1080 slide, smaller (one design pixel = --dia-u, as --u
# there). "Menu tonen" stands in the top right corner, on the line of the slide's own links.
_CHROME_HIDDEN = """<style>
  header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
  .stMainBlockContainer {
    --dia-u: min(calc(100vh / 1080), calc(100vw / 1920));
    padding: calc(16 * var(--dia-u)) 0 0 !important; max-width: none;
  }
  .st-key-presentatie_menu { position: fixed; top: calc(8 * var(--dia-u, 1px)); right: calc(48 * var(--dia-u, 1px)); z-index: 10; width: auto !important; }
  .st-key-presentatie_menu button { min-height: 44px; }
</style>"""

store = get_store()
token = st.query_params.get("presentatie")
if token is not None:
    try:
        rnd = attempt("presentatielink", round_for_token, store, token)
    except ScanError as exc:
        st.error(str(exc))
        st.stop()
    keep = {"presentatie": token}
else:
    rnd = context.require_round()
    keep = {"gemeente": rnd.gm_code, "jaar": str(rnd.year)}

full_screen = token is not None or st.query_params.get(FULL_SCREEN) == "1"
if full_screen:
    st.html(_CHROME_HIDDEN)
    if token is None:
        keep[FULL_SCREEN] = "1"

deck = build(store, rnd)  # compared with the round's comparison group
raw = st.query_params.get("dia", "0")
st.html(to_html(deck, plain_int(raw, 3) or 0, keep), unsafe_allow_javascript=True)


def _toggle_full_screen(on: bool) -> None:
    if on:
        st.query_params[FULL_SCREEN] = "1"
    else:
        st.query_params.pop(FULL_SCREEN, None)


if token is None:  # the griffier's own session: switch the menu off and on without reloading
    if full_screen:
        st.button("Menu tonen", on_click=_toggle_full_screen, args=(False,), key="presentatie_menu")
    else:
        st.button(
            "Presenteren zonder menu",
            on_click=_toggle_full_screen,
            args=(True,),
            key="presentatie_volscherm",
            icon=":material/fullscreen:",
        )
        st.caption("Tip: druk daarna op F11 voor het hele scherm. Bladeren met de pijltjestoetsen.")
        document_button(
            "Presentatie als PDF", functools.partial(to_pdf, deck), rnd, "presentation-pdf", "presentatie_pdf"
        )
        st.caption(
            "Voor de raadsstukken (iBabs, Notubiz): één pagina per scherm, in 16:9, toegankelijk (PDF/UA)."
        )

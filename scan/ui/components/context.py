"""The municipality and round the user is working on.

This component owns the session keys ``ctx_gemeente`` and ``ctx_jaar`` and mirrors
them in the URL (``?gemeente=GM0355&jaar=2026``) so a reload or a shared link opens
the same scan.
"""

from __future__ import annotations

import streamlit as st

from scan import rounds
from scan.rounds import Round
from scan.text import plain_int
from scan.ui.components.access import require_access
from scan.ui.services import get_reference, get_store

KEY_CODE = "ctx_gemeente"
KEY_YEAR = "ctx_jaar"


def select(gm_code: str, year: int) -> None:
    st.session_state[KEY_CODE] = gm_code
    st.session_state[KEY_YEAR] = year
    st.query_params.update({"gemeente": gm_code, "jaar": str(year)})


def forget() -> None:
    """Drop the selected round (e.g. after deleting it)."""
    st.session_state.pop(KEY_CODE, None)
    st.session_state.pop(KEY_YEAR, None)
    st.query_params.clear()


def _from_url() -> None:
    """Adopt the round named in the URL, if it is valid; say so if it is not."""
    code = st.query_params.get("gemeente")
    year = st.query_params.get("jaar")
    if code is None and year is None:
        return
    if code not in get_reference().municipalities or plain_int(year, 4) is None:
        st.warning("De link verwijst naar een gemeente of jaar dat niet bestaat. Kies hieronder een scan.")
        st.query_params.clear()
        return
    if rounds.get(get_store(), code, int(year)) is None:
        name = get_reference().municipality(code).name
        st.warning(f"Er is nog geen scan van {name} voor {year}. Kies hieronder een scan of start er een.")
        st.query_params.clear()
        return
    st.session_state[KEY_CODE] = code
    st.session_state[KEY_YEAR] = int(year)


def current_round() -> Round | None:
    if KEY_CODE not in st.session_state:
        _from_url()
    code, year = st.session_state.get(KEY_CODE), st.session_state.get(KEY_YEAR)
    if code is None or year is None:
        return None
    rnd = rounds.get(get_store(), code, year)
    if rnd is not None:
        st.query_params.update({"gemeente": code, "jaar": str(year)})
    return rnd


def require_round() -> Round | None:
    """The current round if this session may see it; else a pointer to the start page or a login form."""
    rnd = current_round()
    if rnd is None:
        st.info("Kies eerst een gemeente en een scanronde op de startpagina.")
        st.page_link("scan/ui/pages/start.py", label="Naar de startpagina", icon=":material/home:")
        return None
    if not require_access(rnd.gm_code):
        return None
    return rnd


def heading(title: str, rnd: Round) -> None:
    name = get_reference().municipality(rnd.gm_code).name
    st.title(f"{title}: {name} {rnd.year}")
    if rnd.is_demo:
        st.badge("Fictieve voorbeelddata", icon=":material/science:", color="red")
        st.caption("De antwoorden in deze scan zijn verzonnen om de app te laten zien (fictief).")
    if not rnd.is_open:
        st.caption("Deze ronde is gesloten: de antwoorden kunnen niet meer veranderen.")

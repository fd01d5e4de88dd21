"""The municipality and round the user is working on.

This component owns the session keys ``ctx_gemeente``, ``ctx_jaar`` and ``ctx_melding`` and
mirrors them in the URL (``?gemeente=GM0355&jaar=2026``) so a reload or a shared link opens
the same scan. A link with only a municipality (``?gemeente=GM0096``) chooses the municipality
without a round: the start page then shows its scans, or offers to start the first one.
"""

from __future__ import annotations

import streamlit as st

from scan.base.text import plain_int
from scan.records.round import rounds
from scan.records.round.rounds import Round
from scan.ui.components.access import require_access
from scan.ui.services import get_reference, get_store

KEY_CODE = "ctx_gemeente"
KEY_YEAR = "ctx_jaar"
KEY_NOTICE = "ctx_melding"  # one message for the next page drawn (e.g. "De scan is verwijderd")


def select(gm_code: str, year: int) -> None:
    st.session_state[KEY_CODE] = gm_code
    st.session_state[KEY_YEAR] = year
    st.query_params.update({"gemeente": gm_code, "jaar": str(year)})


def keep_municipality(gm_code: str, notice: str | None = None) -> None:
    """Drop the round but stay with its municipality (after deleting a round), with a message for
    the next page: the griffier lands on the same municipality, never on another one."""
    st.session_state[KEY_CODE] = gm_code
    st.session_state.pop(KEY_YEAR, None)
    st.query_params.clear()
    st.query_params["gemeente"] = gm_code
    if notice:
        st.session_state[KEY_NOTICE] = notice


def pop_notice() -> str | None:
    return st.session_state.pop(KEY_NOTICE, None)


def municipality() -> str | None:
    """The municipality this session chose (with or without a round), from the session or the link."""
    if KEY_CODE not in st.session_state:
        _from_url()
    return st.session_state.get(KEY_CODE)


def _from_url() -> None:
    """Adopt the municipality and round named in the URL, if they are valid; say so if they are not."""
    code = st.query_params.get("gemeente")
    year = st.query_params.get("jaar")
    if code is None and year is None:
        return
    ref = get_reference()
    if code not in ref.municipalities:
        st.warning("De link verwijst naar een gemeente die niet bestaat. Kies hieronder uw gemeente.")
        st.query_params.clear()
        return
    name = ref.municipality(code).name
    st.session_state[KEY_CODE] = code  # a real municipality: stay with it, whatever the year says
    if year is None:
        return
    if plain_int(year, 4) is None or len(year) != 4:
        st.warning(f"De link noemt geen geldig jaar. Hieronder staan de scans van {name}.")
        st.query_params.clear()
        st.query_params["gemeente"] = code
        return
    if rounds.get(get_store(), code, int(year)) is None:
        st.warning(f"Er is nog geen scan van {name} voor {year}. Kies hieronder een scan of start er een.")
        st.query_params.clear()
        st.query_params["gemeente"] = code
        return
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


def require_round() -> Round:
    """The current round if this session may see it; else a pointer to the start page or a login form,
    and the page stops there."""
    rnd = current_round()
    if rnd is None:
        code = municipality()
        if code is None:
            st.info("Kies eerst een gemeente en een scanronde op de startpagina.")
        else:
            name = get_reference().municipality(code).name
            st.info(f"Kies eerst een scanronde van {name} op de startpagina, of start er een.")
        st.page_link("scan/ui/pages/start.py", label="Naar de startpagina", icon=":material/home:")
        st.stop()
    if not require_access(rnd.gm_code):
        st.stop()
    return rnd


def heading(title: str, rnd: Round) -> None:
    name = get_reference().municipality(rnd.gm_code).name
    st.title(f"{title}: {name} {rnd.year}")
    if rnd.is_demo:
        st.badge("Fictieve voorbeelddata", icon=":material/science:", color="red")
        st.caption("De antwoorden in deze scan zijn verzonnen om de app te laten zien (fictief).")
    if not rnd.is_open:
        st.caption("Deze ronde is gesloten: de antwoorden kunnen niet meer veranderen.")

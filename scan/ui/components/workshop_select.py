"""Pick the workshop named in the URL (``?workshop=ID``), with a Dutch message when it does not exist."""

from __future__ import annotations

import streamlit as st

from scan import workshop
from scan.errors import ScanError
from scan.storage import Store


def selected_workshop(store: Store) -> workshop.Workshop | None:
    raw = st.query_params.get("workshop", "")
    if not raw.isdigit():
        st.info("Open deze pagina vanuit Workshops: daar staat per workshop een link.")
        st.page_link("scan/ui/pages/workshops.py", label="Naar Workshops", icon=":material/groups:")
        return None
    try:
        return workshop.get(store, int(raw))
    except ScanError as exc:
        st.warning(str(exc))
        return None

"""Old workshop links (``/?ws=CODE``): the phone page of a workshop lives at ``/doe/CODE`` now.

The server redirects such links before Streamlit starts (scan/web/phone.py LegacyJoinRedirect);
this page is what remains for a browser that still arrives here.
"""

import streamlit as st

from scan.base.errors import ScanError
from scan.records import workshop
from scan.rules.throttle import THROTTLE
from scan.ui.components.access import client_address, session_name
from scan.ui.services import get_store
from scan.web.phone import PREFIX, join_path

st.title("Workshop")
code = st.query_params.get("ws", "")
try:
    ws = THROTTLE.guard(
        "workshopcode", session_name(), client_address(), lambda: workshop.by_join_code(get_store(), code)
    )
except ScanError as exc:
    st.error(str(exc))
    st.link_button("Code opnieuw invullen", PREFIX, type="primary")
    st.stop()
st.write("De workshop staat op een eigen pagina voor uw telefoon.")
st.link_button("Naar de workshop", join_path(ws.join_code), type="primary")

"""Old workshop links (``/?ws=CODE``): the phone page of a workshop lives at ``/doe/CODE`` now.

The server redirects such links before Streamlit starts (scan/web/phone.py LegacyJoinRedirect);
this page is what remains for a browser that still arrives here.
"""

import streamlit as st

from scan import workshop
from scan.web.phone import PREFIX, join_path

st.title("Workshop")
code = workshop.clean_code(st.query_params.get("ws", ""))
target = join_path(code) if code else PREFIX
st.write("De workshop staat op een eigen pagina voor uw telefoon.")
st.link_button("Naar de workshop", target, type="primary")

"""Serve democratiescan: ``streamlit run server.py``.

Adds to Streamlit's server the Dutch page language (``<html lang="nl">``), a warm-up at start,
TCP_NODELAY on the server socket (see scan/ui/tcp_nodelay.py), and the phone page of live
workshops (``/doe/...``, scan/web/phone.py): plain HTML, answers as requests and the room's state
as server-sent events, so a room of 1,000 phones costs no Streamlit session each; and the upload
of an agreement for the akkoordcheck (``/akkoordcheck/lezen``, scan/web/agreement_upload.py).
"""

import streamlit as st
from starlette.middleware import Middleware

from scan.ui.html_lang import HtmlLangMiddleware
from scan.ui.warmup import warm_up
from scan.web.agreement_upload import ROUTES as AGREEMENT_ROUTES
from scan.web.phone import ROUTES, LegacyJoinRedirect

MIDDLEWARE = [Middleware(LegacyJoinRedirect), Middleware(HtmlLangMiddleware)]

app = st.App("app.py", routes=[*ROUTES, *AGREEMENT_ROUTES], middleware=MIDDLEWARE, lifespan=warm_up)

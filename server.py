"""Serve democratiescan: ``streamlit run server.py``.

Adds to Streamlit's server the Dutch page language (``<html lang="nl">``), a warm-up at start and
TCP_NODELAY on the server socket (see scan/ui/tcp_nodelay.py).
"""

import streamlit as st
from starlette.middleware import Middleware

from scan.ui.html_lang import HtmlLangMiddleware
from scan.ui.warmup import warm_up

MIDDLEWARE = [Middleware(HtmlLangMiddleware)]

app = st.App("app.py", middleware=MIDDLEWARE, lifespan=warm_up)

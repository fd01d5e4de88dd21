"""Serve democratiescan: ``streamlit run server.py``.

Adds to Streamlit's server the Dutch page language (``<html lang="nl">``) and a warm-up at start.
"""

import streamlit as st
from starlette.middleware import Middleware

from scan.ui.html_lang import HtmlLangMiddleware
from scan.ui.warmup import warm_up

app = st.App("app.py", middleware=[Middleware(HtmlLangMiddleware)], lifespan=warm_up)

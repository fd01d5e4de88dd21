"""Serve democratiescan: ``streamlit run server.py``. Adds the Dutch page language to Streamlit's server."""

import streamlit as st
from starlette.middleware import Middleware

from scan.ui.html_lang import HtmlLangMiddleware

app = st.App("app.py", middleware=[Middleware(HtmlLangMiddleware)])

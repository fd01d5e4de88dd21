"""Serve democratiescan: ``streamlit run server.py``.

Behind a reverse proxy, set ``DEMOCRATIESCAN_TRUSTED_PROXIES`` to the proxy's address (see the README).

Adds to Streamlit's server the Dutch page language (``<html lang="nl">``), a warm-up at start,
TCP_NODELAY on the server socket (see scan/ui/tcp_nodelay.py), and the phone page of live
workshops (``/doe/...``, scan/web/phone.py): plain HTML, answers as requests and the room's state
as server-sent events, so a room of 1,000 phones costs no Streamlit session each.
"""

import os
import sys

import streamlit as st
import uvicorn
from starlette.middleware import Middleware

from scan.settings import trusted_proxies
from scan.ui.html_lang import HtmlLangMiddleware
from scan.ui.warmup import warm_up
from scan.web.phone import ROUTES, LegacyJoinRedirect


def _trust_only_configured_proxies() -> None:
    """uvicorn believes X-Forwarded-For from FORWARDED_ALLOW_IPS, by default the loopback: any process
    on this machine could then choose the client address the throttle sees. Only configured proxies
    count. Streamlit hands uvicorn this file as an import string, so the uvicorn configuration that
    is loading it already read the environment: set it on that configuration too (it applies the
    proxy middleware after this import), and in the environment for any configuration made later."""
    trusted = trusted_proxies()
    os.environ["FORWARDED_ALLOW_IPS"] = trusted
    frame = sys._getframe()
    while frame is not None:
        loading = frame.f_locals.get("self")
        if isinstance(loading, uvicorn.Config):
            loading.forwarded_allow_ips = trusted
            return
        frame = frame.f_back


_trust_only_configured_proxies()

MIDDLEWARE = [Middleware(LegacyJoinRedirect), Middleware(HtmlLangMiddleware)]

app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE, lifespan=warm_up)

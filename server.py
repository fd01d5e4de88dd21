"""Serve democratiescan: ``streamlit run server.py``.

Behind a reverse proxy, set ``DEMOCRATIESCAN_TRUSTED_PROXIES`` to the proxy's address (see the README).

Adds to Streamlit's server the Dutch page language (``<html lang="nl">``), a warm-up at start,
TCP_NODELAY on the server socket (see scan/ui/tcp_nodelay.py), and the phone page of live
workshops (``/doe/...``, scan/web/phone.py): plain HTML, answers as requests and the room's state
as server-sent events, so a room of 1,000 phones costs no Streamlit session each; and a size
limit on every request body, enforced before the body is read (scan/web/limits.py).
"""

import os
import sys

import streamlit as st
import uvicorn
from starlette.middleware import Middleware
from streamlit.runtime.runtime_util import get_max_widget_state_size_bytes

from scan.base.settings import trusted_proxies
from scan.ui.html_lang import HtmlLangMiddleware
from scan.ui.warmup import warm_up
from scan.web.limits import BodyLimit
from scan.web.phone import MAX_BODY, PREFIX, ROUTES, TOO_LONG, LegacyJoinRedirect


def _configure_uvicorn() -> None:
    """Two settings of the uvicorn configuration that is loading this file (Streamlit hands uvicorn
    this file as an import string, so that configuration already read the environment; it applies
    them after this import):

    - uvicorn believes X-Forwarded-For from FORWARDED_ALLOW_IPS, by default the loopback: any process
      on this machine could then choose the client address the throttle sees. Only configured
      proxies count (also in the environment, for any configuration made later).
    - A websocket message may be as large as Streamlit takes one: ``server.maxWidgetStateSize``
      (25 MB). Streamlit sets uvicorn's limit to ``server.maxMessageSize`` (200 MB, which also caps
      what the server sends) and refuses anything over 25 MB only after it arrived whole: one 100 MiB
      message cost the server 232 MiB. uvicorn refuses a larger frame from its header, unread."""
    trusted = trusted_proxies()
    os.environ["FORWARDED_ALLOW_IPS"] = trusted
    frame = sys._getframe()
    while frame is not None:
        loading = frame.f_locals.get("self")
        if isinstance(loading, uvicorn.Config):
            loading.forwarded_allow_ips = trusted
            loading.ws_max_size = min(loading.ws_max_size, get_max_widget_state_size_bytes())
            return
        frame = frame.f_back


_configure_uvicorn()

# Every request body has a limit, enforced before it is read (scan/web/limits.py): the phone page's
# routes 4 KB; Streamlit's upload and agent routes enforce their own limits while streaming.
BODY_LIMIT = Middleware(
    BodyLimit,
    limits={PREFIX: (MAX_BODY, TOO_LONG)},
    exempt=("/_stcore/upload_file/", "/_stcore/agent/"),
)
MIDDLEWARE = [BODY_LIMIT, Middleware(LegacyJoinRedirect), Middleware(HtmlLangMiddleware)]

app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE, lifespan=warm_up)

"""Serve democratiescan: ``streamlit run server.py``.

Behind a reverse proxy, set ``DEMOCRATIESCAN_TRUSTED_PROXIES`` to the proxy's address (see the README).

Adds to Streamlit's server the Dutch page language (``<html lang="nl">``), a warm-up at start,
TCP_NODELAY on the server socket (see scan/ui/tcp_nodelay.py), and the phone page of live
workshops (``/doe/...``, scan/web/phone.py): plain HTML, answers as requests and the room's state
as server-sent events, so a room of 1,000 phones costs no Streamlit session each; and a size
limit on every request body, enforced before the body is read (scan/web/limits.py).
"""

import logging
import os
import sys
from types import FrameType

import streamlit as st
import uvicorn
from starlette.middleware import Middleware

from scan.base.settings import trusted_proxies
from scan.ui.html_lang import HtmlLangMiddleware
from scan.ui.warmup import warm_up
from scan.web.limits import BodyLimit
from scan.web.phone import MAX_BODY, PREFIX, ROUTES, TOO_LONG, LegacyJoinRedirect


def _trust_only_configured_proxies() -> None:
    """uvicorn believes X-Forwarded-For from ``forwarded_allow_ips``, by default the loopback: any
    process on this machine could then choose the client address the throttle sees. Only configured
    proxies count.

    A workaround: Streamlit 1.67 builds uvicorn's configuration itself (``streamlit run`` passes no
    uvicorn option through, and st.App has no hook for it), and uvicorn reads FORWARDED_ALLOW_IPS from
    the environment when that configuration is made, before this file is imported. Streamlit hands
    uvicorn this file as an import string, so the configuration that is loading it is on the call
    stack, and uvicorn wraps the app in its proxy-header middleware only after this import: setting it
    there takes effect. tests/test_server.py runs Streamlit's own start-up and fails loudly when an
    upgrade breaks this. (The supported way would be to start uvicorn ourselves, ``uvicorn server:app
    --forwarded-allow-ips …``, giving up ``streamlit run`` and its settings.)

    The websocket message limit, set here before too, is now Streamlit's own option
    ``server.maxMessageSize`` (.streamlit/config.toml)."""
    trusted = trusted_proxies()
    os.environ["FORWARDED_ALLOW_IPS"] = trusted  # for any configuration made later
    serving = False
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        loading = frame.f_locals.get("self")
        if isinstance(loading, uvicorn.Config):
            loading.forwarded_allow_ips = trusted
            return
        serving = serving or isinstance(loading, uvicorn.Server)
        frame = frame.f_back
    if serving:  # served, but not the way this workaround expects: say so at start
        logging.getLogger(__name__).error(
            "server.py: uvicorn's configuration is not on the call stack, so X-Forwarded-For is believed "
            "from FORWARDED_ALLOW_IPS as uvicorn read it at start; see tests/test_server.py"
        )


_trust_only_configured_proxies()

# Every request body has a limit, enforced before it is read (scan/web/limits.py): the phone page's
# routes 4 KB; Streamlit's upload and agent routes enforce their own limits while streaming.
BODY_LIMIT = Middleware(
    BodyLimit,
    limits={PREFIX: (MAX_BODY, TOO_LONG)},
    exempt=("/_stcore/upload_file/", "/_stcore/agent/"),
)
MIDDLEWARE = [BODY_LIMIT, Middleware(LegacyJoinRedirect), Middleware(HtmlLangMiddleware)]

app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE, lifespan=warm_up)

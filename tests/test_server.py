"""The server's parts that no import shows: uvicorn picks its HTTP parser by what is installed; the
workarounds in server.py and scan/ui/tcp_nodelay.py rely on how Streamlit starts uvicorn."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import uvicorn
from streamlit.runtime.runtime_util import get_max_widget_state_size_bytes
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .conftest import PROJECT


def test_uvicorn_parses_http_with_httptools() -> None:
    # requirements.txt lists httptools for 1,000 phones; without it uvicorn silently falls back to h11
    config = uvicorn.Config(app=lambda scope, receive, send: None, http="auto")
    config.load()
    assert config.http_protocol_class is HttpToolsProtocol, "httptools is not installed (requirements.txt)"


# --- the workarounds in server.py and scan/ui/tcp_nodelay.py, against the installed Streamlit/uvicorn ---

# Runs `streamlit run server.py` in a child process up to the moment uvicorn would start serving:
# uvicorn.Server.run is replaced by one that loads the app the way uvicorn does (Config.load, which
# imports server.py) and reports what uvicorn would serve with, and how the socket Streamlit bound
# for it looks before and after the start-up's TCP_NODELAY step.
START = r"""
import json, socket, sys, uvicorn
from streamlit.web.cli import main

def run(self, sockets=None):
    self.config.load()
    proxy = self.config.loaded_app
    while proxy is not None and type(proxy).__name__ != "ProxyHeadersMiddleware":
        proxy = getattr(proxy, "app", None)
    listener = sockets[0]
    before = listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    from scan.ui.tcp_nodelay import enable_nodelay_on_listeners
    enable_nodelay_on_listeners()
    print("REPORT " + json.dumps({
        "import_string": isinstance(self.config.app, str),
        "forwarded_allow_ips": self.config.forwarded_allow_ips,
        "loopback_trusted": proxy is not None and "127.0.0.1" in proxy.trusted_hosts,
        "proxy_trusted": proxy is not None and "127.0.0.2" in proxy.trusted_hosts,
        "ws_max_size": self.config.ws_max_size,
        "proto": listener.proto,
        "nodelay_before": before,
        "nodelay_after": listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY),
    }), flush=True)
    self.started = True

uvicorn.Server.run = run
sys.argv = ["streamlit", "run", "server.py", "--server.port", "0", "--server.address", "127.0.0.1"]
main()
"""


@pytest.fixture(scope="module")
def started() -> dict:
    env = dict(os.environ, DEMOCRATIESCAN_TRUSTED_PROXIES="127.0.0.2", DEMOCRATIESCAN_DB=os.devnull)
    env.pop("FORWARDED_ALLOW_IPS", None)
    done = subprocess.run(
        [sys.executable, "-c", START], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, f"streamlit run server.py did not reach uvicorn's start:\n{done.stdout}\n{done.stderr}"
    return json.loads(lines[0].removeprefix("REPORT "))


def test_uvicorn_believes_forwarded_addresses_only_from_configured_proxies(started: dict) -> None:
    assert started["import_string"] and started["forwarded_allow_ips"] == "127.0.0.2", (
        "Workaround server.py (_trust_only_configured_proxies): an upgrade of Streamlit or uvicorn changed how "
        "server.py is loaded, so uvicorn's configuration could not be set from it; X-Forwarded-For from any "
        f"local process would be believed. What uvicorn got: {started}"
    )
    assert started["proxy_trusted"] and not started["loopback_trusted"], (
        "Workaround server.py (_trust_only_configured_proxies): uvicorn's proxy-header middleware no longer "
        f"takes forwarded_allow_ips as set while server.py is imported: {started}"
    )


def test_a_websocket_message_over_25_mb_is_refused_by_uvicorn(started: dict) -> None:
    # server.maxMessageSize in .streamlit/config.toml, the size Streamlit takes a message of
    assert started["ws_max_size"] == get_max_widget_state_size_bytes() == 25_000_000


def test_tcp_nodelay_workaround_is_still_needed_and_works(started: dict) -> None:
    assert started["proto"] == 0, (
        "Streamlit now binds its server socket with a protocol number, so asyncio sets TCP_NODELAY on every "
        "connection itself: the workaround scan/ui/tcp_nodelay.py can go (and this test with it)."
    )
    assert started["nodelay_before"] == 0 and started["nodelay_after"] == 1, (
        "Workaround scan/ui/tcp_nodelay.py: the socket Streamlit binds before uvicorn starts no longer gets "
        f"TCP_NODELAY from it (every click would wait ~40 ms again): {started}"
    )

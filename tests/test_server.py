"""The server's parts that no import shows: uvicorn picks its HTTP parser by what is installed."""

from __future__ import annotations

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def test_uvicorn_parses_http_with_httptools() -> None:
    # requirements.txt lists httptools for 1,000 phones; without it uvicorn silently falls back to h11
    config = uvicorn.Config(app=lambda scope, receive, send: None, http="auto")
    config.load()
    assert config.http_protocol_class is HttpToolsProtocol, "httptools is not installed (requirements.txt)"

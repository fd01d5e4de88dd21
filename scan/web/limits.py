"""Request bodies have a size limit, enforced before they are read: one ASGI middleware for every route.

A body announced longer than its route's limit (``Content-Length``) is refused with 413 before a byte
of it is read; a body without a length (chunked) is read here up to the limit, and reading stops
there with the same refusal. The refusal closes the connection, so a client that goes on sending
costs no memory and no more reading. A body within the limit reaches the route as usual.

Limits by path prefix (server.py sets them): the phone page's routes take 4 KB. Streamlit's own file
upload (``/_stcore/upload_file/``) and agent routes enforce ``server.maxUploadSize`` and
``server.maxWidgetStateSize`` themselves, while streaming, and are left to them; websocket messages
are bounded by uvicorn's ``ws_max_size`` (``server.maxMessageSize``, 25 MB in .streamlit/config.toml). Every other route (health,
static files, downloads under ``/media/``, the app's page) reads no body and gets a small default.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

DEFAULT_LIMIT = 64 * 1024
TOO_LARGE = "Dit verzoek is te groot."


class BodyLimit:
    """ASGI middleware: refuse a body over its route's limit, before reading it or as soon as it is
    read that far. ``limits``: path prefix -> (bytes, the Dutch refusal as JSON ``fout`` or None for
    plain text). ``exempt``: path prefixes whose handlers enforce their own limit while streaming."""

    def __init__(
        self,
        app,
        limits: Mapping[str, tuple[int, str | None]] | None = None,
        default: int = DEFAULT_LIMIT,
        exempt: Sequence[str] = (),
    ) -> None:
        self.app = app
        self.limits = sorted((limits or {}).items(), key=lambda item: -len(item[0]))  # longest prefix first
        self.default = default
        self.exempt = tuple(exempt)

    def _limit(self, path: str) -> tuple[int, str | None] | None:
        if path.startswith(self.exempt):
            return None
        for prefix, limit in self.limits:
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                return limit
        return self.default, None

    async def __call__(self, scope, receive, send) -> None:
        limit = self._limit(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        most, message = limit
        length, chunked = _framing(scope)
        if length is not None and length > most:
            await _refuse(send, message)
            return
        if not chunked:  # no body, or one of a length within the limit: the server reads no more
            await self.app(scope, receive, send)
            return
        # chunked: read it here up to the limit (at most one more piece of what arrives), then hand
        # it on whole; reading stops at the limit
        parts, size = [], 0
        while True:
            event = await receive()
            if event["type"] != "http.request":
                return  # the client went away
            parts.append(event.get("body", b""))
            size += len(parts[-1])
            if size > most:
                await _refuse(send, message)
                return
            if not event.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(parts), receive), send)


def _replay(body: bytes, receive):
    """The body read already, then whatever the connection says next (a disconnect)."""
    given = False

    async def replay():
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _framing(scope) -> tuple[int | None, bool]:
    """(Content-Length if given, whether the body is chunked)."""
    length, chunked = None, False
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                length = None  # the HTTP parser refuses a malformed length before it gets here
        elif name == b"transfer-encoding":
            chunked = True
    return length, chunked


async def _refuse(send, message: str | None) -> None:
    """413, and close the connection: what the client still sends is never read."""
    if message is None:
        body, kind = TOO_LARGE.encode(), b"text/plain; charset=utf-8"
    else:
        body = json.dumps({"ok": False, "fout": message}, ensure_ascii=False).encode()
        kind = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

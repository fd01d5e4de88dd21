"""ASGI middleware that serves the app's HTML page with ``<html lang="nl">``.

Streamlit's index.html says ``lang="en"``; screen readers then read Dutch text with English
pronunciation (WCAG 3.1.1). Only HTML responses are touched; gzip-encoded ones are unpacked,
changed and packed again.
"""

from __future__ import annotations

import gzip

from starlette.types import ASGIApp, Message, Receive, Scope, Send

OLD = b'<html lang="en"'
NEW = b'<html lang="nl"'
# the tab's title before the app has loaded (Streamlit's page says "Streamlit")
OLD_TITLE = b"<title>Streamlit</title>"
NEW_TITLE = b"<title>democratiescan</title>"


def _dutch(body: bytes) -> bytes:
    return body.replace(OLD, NEW, 1).replace(OLD_TITLE, NEW_TITLE, 1)


class HtmlLangMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    start = None
                    await send(message)
                    return
                start = message
                return
            if message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                encoding = dict(headers).get(b"content-encoding", b"")
                if encoding == b"gzip":
                    body = gzip.compress(_dutch(gzip.decompress(body)))
                elif not encoding:
                    body = _dutch(body)
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, capture)

"""ASGI middleware that serves the app's HTML page with ``<html lang="nl">``.

Streamlit's index.html says ``lang="en"``; screen readers then read Dutch text with English
pronunciation (WCAG 3.1.1). The page also gets scan/ui/dutch.py's style and script: Streamlit's own
English words in Dutch, and tap targets of 44 px on phones; and scan/ui/keep_input.py's script (Esc keeps a
choice, typed text is not left unsaved without a question). Only HTML responses are touched;
gzip-encoded ones are unpacked, changed and packed again.
"""

from __future__ import annotations

import gzip

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scan.ui import keep_input
from scan.ui.dutch import head_snippet

OLD = b'<html lang="en"'
NEW = b'<html lang="nl"'
# the tab's title before the app has loaded (Streamlit's page says "Streamlit")
OLD_TITLE = b"<title>Streamlit</title>"
NEW_TITLE = b"<title>democratiescan</title>"
HEAD_END = b"</head>"
HEAD = head_snippet() + keep_input.head_snippet() + HEAD_END


def _dutch(body: bytes) -> bytes:
    if OLD not in body:  # not the app's page (e.g. the phone page of a workshop: its own HTML)
        return body
    return body.replace(OLD, NEW, 1).replace(OLD_TITLE, NEW_TITLE, 1).replace(HEAD_END, HEAD, 1)


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
                # the page differs from Streamlit's file: its length and validators (etag) no longer hold
                dropped = (b"content-length", b"etag", b"last-modified")
                kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in dropped]
                encoding = dict(kept).get(b"content-encoding", b"")
                if encoding == b"gzip":
                    body = gzip.compress(_dutch(gzip.decompress(body)))
                elif not encoding:
                    body = _dutch(body)
                kept.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": kept})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, capture)

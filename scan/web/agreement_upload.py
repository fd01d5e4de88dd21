"""Upload of an agreement for the akkoordcheck: one plain route beside the Streamlit app.

Streamlit's own file uploader speaks English on screen ("Upload", "… per file", "File must be … or
smaller") and in its labels, and gives no progress of the reading. So the Akkoord page
(scan/ui/pages/akkoord.py) draws a small Dutch form (scan/ui/components/agreement_upload.py) and,
after its own access check, hands it a ticket for one round. The form sends the file here with
that ticket; the answer streams one JSON line per step of the reading ({"deel": 0.4, "tekst":
"Pagina 12 van 30 gelezen"}), and a last line {"klaar": …} or {"fout": "<Dutch message>"}. Bad input
is refused by the akkoordcheck before anything is stored.

Tickets live in this process (Streamlit and these routes are one server): unguessable, bound to
one round and one database, valid for an hour, spent once an agreement is stored.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from scan import agreements
from scan.akkoord import Limits
from scan.errors import ScanError
from scan.storage import Store

PATH = "/akkoordcheck/lezen"  # not under /akkoord: that is the page
TICKET_HEADER = "x-akkoord-ticket"
NAME_HEADER = "x-bestandsnaam"
TICKET_SECONDS = 3600
EXPIRED = "Deze pagina is verlopen. Open de pagina Akkoord opnieuw en kies het bestand nog een keer."
FAILED = (
    "Het lezen lukte niet door een fout in de app. Probeer het nog eens, of plak de tekst van het akkoord."
)

_LOG = logging.getLogger(__name__)
_TICKETS: dict[str, Ticket] = {}
_TICKETS_LOCK = threading.Lock()
_READING = threading.Lock()  # one file at a time: PDFium is not made for threads, and a file may be large


@dataclass(frozen=True)
class Ticket:
    round_id: int
    db: str
    expires: float


def issue(round_id: int, db: str) -> str:
    """A ticket for one round (call only after the page's access check)."""
    token = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _TICKETS_LOCK:
        for key in [k for k, t in _TICKETS.items() if t.expires < now]:
            del _TICKETS[key]
        _TICKETS[token] = Ticket(round_id, db, now + TICKET_SECONDS)
    return token


def valid(token: str, round_id: int) -> bool:
    with _TICKETS_LOCK:
        ticket = _TICKETS.get(token)
    return ticket is not None and ticket.round_id == round_id and ticket.expires > time.monotonic()


def _spend(token: str) -> None:
    with _TICKETS_LOCK:
        _TICKETS.pop(token, None)


@functools.lru_cache(maxsize=4)
def _store(path: str) -> Store:
    return Store(path)


def _line(item: dict) -> bytes:
    return (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")


def _refuse(message: str, status: int) -> Response:
    return Response(_line({"fout": message}), status, media_type="application/x-ndjson")


async def read_agreement(request: Request) -> Response:
    token = request.headers.get(TICKET_HEADER, "")
    with _TICKETS_LOCK:
        ticket = _TICKETS.get(token)
    if ticket is None or ticket.expires < time.monotonic():
        return _refuse(EXPIRED, 403)
    limits = Limits.default()
    name = unquote(request.headers.get(NAME_HEADER, ""))[:300] or "akkoord"
    too_big = (
        f"{name} is te groot. De akkoordcheck leest bestanden tot {limits.size_text}. "
        "Sla het akkoord op zonder afbeeldingen, of plak de tekst."
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        return _refuse(too_big, 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limits.max_bytes:
            return _refuse(too_big, 413)
        chunks.append(chunk)
    data = b"".join(chunks)

    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[dict] = asyncio.Queue()

    def report(fraction: float, text: str) -> None:
        loop.call_soon_threadsafe(lines.put_nowait, {"deel": round(float(fraction), 3), "tekst": text})

    def work() -> None:
        try:
            with _READING:
                found = agreements.read_file(_store(ticket.db), ticket.round_id, data, name, report)
            _spend(token)
            analysis = found.analysis
            counted = sum(1 for c in analysis.proposals.values() if c.status != "niet_gevonden")
            result = {"klaar": found.created_at, "gevonden": counted, "paginas": analysis.pages}
        except ScanError as exc:
            result = {"fout": str(exc)}
        except Exception:  # never a traceback for the user; the server log keeps it
            _LOG.exception("akkoordcheck: reading %s failed", name)
            result = {"fout": FAILED}
        loop.call_soon_threadsafe(lines.put_nowait, result)

    loop.run_in_executor(None, work)

    async def stream():
        yield _line({"deel": 0.0, "tekst": "Het bestand is binnen; het lezen begint"})
        while True:
            item = await lines.get()
            yield _line(item)
            if "klaar" in item or "fout" in item:
                return

    return StreamingResponse(
        stream(), media_type="application/x-ndjson", headers={"Cache-Control": "no-store"}
    )


async def wrong_method(request: Request) -> Response:
    return JSONResponse({"fout": "Stuur het akkoord vanaf de pagina Akkoord."}, 405)


ROUTES = [
    Route(PATH, read_agreement, methods=["POST"]),
    Route(PATH, wrong_method, methods=["GET"]),
]

"""The upload route of the akkoordcheck (scan/web/agreement_upload.py), called as the ASGI server calls
it: only with a ticket for the round, the reading reported step by step, a Dutch message for bad input
and nothing stored then."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import quote

import pytest
from starlette.requests import Request

from scan import agreements, rounds
from scan.storage import Store
from scan.web import agreement_upload

from .akkoord.test_bad_inputs import _encrypted_pdf, _pdf


def _call(
    ticket: str | None, data: bytes, name: str = "akkoord.pdf", chunk: int = 65536
) -> tuple[int, list[dict]]:
    headers = [(b"x-bestandsnaam", quote(name).encode()), (b"content-length", str(len(data)).encode())]
    if ticket is not None:
        headers.append((b"x-akkoord-ticket", ticket.encode()))
    scope = {"type": "http", "method": "POST", "path": agreement_upload.PATH, "headers": headers}
    parts = [data[i : i + chunk] for i in range(0, len(data), chunk)] or [b""]

    async def receive():
        body = parts.pop(0) if parts else b""
        return {"type": "http.request", "body": body, "more_body": bool(parts)}

    async def run():
        response = await agreement_upload.read_agreement(Request(scope, receive))
        if hasattr(response, "body_iterator"):
            raw = b"".join([part async for part in response.body_iterator])
        else:
            raw = response.body
        return response.status_code, [json.loads(line) for line in raw.decode().splitlines() if line]

    return asyncio.run(run())


DUTCH = (
    "In deze raadsperiode organiseren we een burgerberaad met gelote inwoners over de energietransitie. "
    "We stellen een mediafonds in om de lokale journalistiek te steunen."
)


def test_a_pdf_is_read_with_progress_and_stored_with_the_round(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    ticket = agreement_upload.issue(rnd.id, str(store.path))
    status, lines = _call(ticket, _pdf(3, DUTCH), "Coalitieakkoord Zeist.pdf")
    assert status == 200
    steps = [line["tekst"] for line in lines if "deel" in line]
    assert "Pagina 3 van 3 gelezen" in steps and "Passages rangschikken" in steps
    fractions = [line["deel"] for line in lines if "deel" in line]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert lines[-1]["gevonden"] >= 2 and lines[-1]["paginas"] == 3
    found = agreements.get(store, rnd.id)
    assert (
        found.filename == "Coalitieakkoord Zeist.pdf"
        and found.analysis.proposals["2c"].status == "staat_erin"
    )
    # the ticket is spent: a second file needs the page again
    status, lines = _call(ticket, _pdf(1, DUTCH))
    assert status == 403 and "verlopen" in lines[0]["fout"]


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (lambda: _encrypted_pdf(), "beveiligd.pdf", "beveiligd met een wachtwoord"),
        (lambda: b"", "leeg.pdf", "is leeg (0 bytes)"),
        (lambda: _pdf(500, "Pagina."), "lang.pdf", "heeft 500 pagina's"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_stores_nothing(
    store: Store, make, name: str, message: str
) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    ticket = agreement_upload.issue(rnd.id, str(store.path))
    before = store.counts()
    status, lines = _call(ticket, make(), name)
    assert status == 200 and message in lines[-1]["fout"] and "klaar" not in lines[-1]
    assert store.counts() == before
    assert agreement_upload.valid(ticket, rnd.id)  # the griffier may try another file


def test_without_a_valid_ticket_nothing_is_read(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    before = store.counts()
    for ticket in (None, "", "geraden-kaartje"):
        status, lines = _call(ticket, _pdf(1, DUTCH))
        assert status == 403 and lines == [{"fout": agreement_upload.EXPIRED}]
    assert store.counts() == before
    assert not agreement_upload.valid(agreement_upload.issue(rnd.id, str(store.path)), rnd.id + 1)


def test_a_file_over_the_limit_is_refused_before_it_is_read(store: Store, monkeypatch) -> None:
    monkeypatch.setenv("DEMOCRATIESCAN_AKKOORD_MAX_MB", "0.01")  # about 10 kB
    rnd = rounds.start(store, "GM0355", 2026)
    ticket = agreement_upload.issue(rnd.id, str(store.path))
    before = store.counts()
    status, lines = _call(ticket, b"%PDF-1.4\n" + b"x" * 20_000, "groot.pdf")
    assert status == 413 and "groot.pdf is te groot" in lines[0]["fout"] and "tot 10 kB" in lines[0]["fout"]
    assert store.counts() == before


def test_a_closed_round_refuses_in_dutch(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    ticket = agreement_upload.issue(rnd.id, str(store.path))
    rounds.close(store, rnd.id)
    _, lines = _call(ticket, _pdf(1, DUTCH))
    assert "gesloten" in lines[-1]["fout"] and agreements.get(store, rnd.id) is None

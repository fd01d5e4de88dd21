"""Joining is not free to abuse (issue 23, point 4), in real Chromium on the real server.

The facilitator sees how many phones joined, a warning when one address joined more phones in a
minute than a room does (a script here), and closes the room to new joins: a phone that comes later
gets a Dutch message and nothing to answer, a phone that joined before keeps answering.
"""

from __future__ import annotations

import http.client
import re

import pytest
from playwright.sync_api import expect

from scan.records import access, workshop
from scan.records.round import rounds
from scan.storage.core import Store
from scan.web.joins import BURST

from .conftest import open_phone

pytestmark = pytest.mark.e2e
SCRIPTED = BURST + 10


def _script_joins(url: str, code: str, times: int) -> None:
    """What the issue's script did: join again and again, without cookies, as fast as it can."""
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    for _ in range(times):
        conn.request("POST", f"/doe/{code}/meedoen", body=b"{}", headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        assert response.status == 200, response.read()
        response.read()
    conn.close()


def test_the_facilitator_sees_the_joins_is_warned_and_closes_the_room(server, browser, tmp_path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", "wachtwoord-zeist")
    ws, _ = workshop.create(store, rnd.id, ["6.1"], "Raadsavond Zeist")
    join_url = f"{server.url}/doe/{ws.join_code}"

    early_context, early = open_phone(browser, join_url)  # someone in the room, joined in time
    expect(early.get_by_text("nog niet open")).to_be_visible()
    _script_joins(server.url, ws.join_code, SCRIPTED)

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{server.url}/leiden?workshop={ws.ref}")
    page.get_by_label("Wachtwoord", exact=True).fill("wachtwoord-zeist")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text(f"{SCRIPTED + 1} aangemeld")).to_be_visible()
    warning = page.get_by_text(re.compile("vanaf één internetadres kwamen"))
    # the early phone came from the same address (this machine), like a room on one Wi-Fi
    expect(warning).to_contain_text(f"{SCRIPTED + 1} aanmeldingen binnen een minuut")
    expect(page.get_by_role("button", name="Aanmelden stoppen")).to_be_visible()
    expect(page.get_by_role("button", name="Openen")).to_be_visible()
    page.screenshot(path=str(tmp_path / "begeleider-waarschuwing.png"))

    page.get_by_role("button", name="Aanmelden stoppen").click()
    expect(page.get_by_text("aanmelden gesloten: wie al meedoet, gaat gewoon verder")).to_be_visible()
    expect(page.get_by_role("button", name="Aanmelden weer openzetten")).to_be_visible()
    assert not workshop.joining_open(store, ws.id)
    page.screenshot(path=str(tmp_path / "begeleider-gesloten.png"))

    late_context, late = open_phone(browser, join_url)  # comes in after the room was closed
    expect(late.get_by_role("alert")).to_contain_text("Aanmelden is gesloten")
    expect(late.get_by_role("alert")).to_contain_text("dichtgezet voor nieuwe deelnemers")
    expect(late.get_by_role("alert")).to_contain_text("Vraag de begeleider")
    expect(late.get_by_role("radio")).to_have_count(0)
    late.screenshot(path=str(tmp_path / "telefoon-gesloten.png"))
    assert workshop.participants(store, ws.id) == SCRIPTED + 1  # the late phone was not added

    # the phone that joined in time keeps working: the question opens, it answers
    page.get_by_role("button", name="Openen").click()
    expect(early.get_by_text("De vraag is open")).to_be_visible(timeout=5_000)
    early.get_by_role("radio", name=re.compile(r"^3")).check()
    expect(early.get_by_text("Opgeslagen ✓")).to_be_visible()
    assert workshop.tally(store, ws.id, "6.1").answered == 1
    for ctx in (early_context, late_context, context):
        ctx.close()

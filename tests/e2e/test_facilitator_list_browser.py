"""The facilitator's list "Alle vragen van deze workshop, met uw notities" follows every step at once,
in real Chromium (1280×800). The walk of issue 27 found it kept "nog niet geopend" after "Openen"
until a full rerun: the list is drawn outside the live block, which redraws only itself. A step by
this facilitator, by another one or by a countdown now shows in the list within a second or two, and
a note typed there (not yet saved) stays in its field when the page is drawn again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scan.records import access, workshop
from scan.records.round import rounds
from scan.storage.core import Store

pytestmark = pytest.mark.e2e

TYPED = "Vraag door: wie was er niet?"


def test_the_list_of_questions_follows_each_step_at_once(server, browser, tmp_path: Path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", "wachtwoord-zeist")  # a locked installation: the PIN opens it
    ws, pin = workshop.create(store, rnd.id, ["6.1", "7.1"], "Raadsavond")
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server.url}/leiden?workshop={ws.ref}")
    page.get_by_label(re.compile("Pincode van de begeleider")).fill(workshop.format_pin(pin))
    page.get_by_role("button", name="Inloggen met pincode").click()
    page.get_by_text("Alle vragen van deze workshop, met uw notities").click()
    listed = page.get_by_test_id("stExpander").filter(has_text="met uw notities")
    first = listed.locator("p").filter(has_text=re.compile(r"^1\. "))
    expect(first).to_have_text(re.compile(r"— nog niet geopend$"))
    note = listed.get_by_label("Notitie bij vraag 1")
    note.fill(TYPED)  # typed, not saved yet

    page.get_by_role("button", name="Openen", exact=True).click()  # this facilitator's step
    expect(first).to_have_text(re.compile(r"— open$"), timeout=5_000)
    expect(note).to_have_value(TYPED)
    listed.screenshot(path=str(tmp_path / "facilitator-list-open.png"))

    workshop.set_status(store, ws.id, pin, "6.1", "closed")  # another facilitator's step
    expect(first).to_have_text(re.compile(r"— gesloten$"), timeout=5_000)
    workshop.start_timer(store, ws.id, pin, "7.1", 30, False, clock=lambda: 0)  # a countdown long past zero
    second = listed.locator("p").filter(has_text=re.compile(r"^2\. "))
    expect(second).to_have_text(re.compile(r"— gesloten$"), timeout=5_000)
    expect(note).to_have_value(TYPED)
    listed.screenshot(path=str(tmp_path / "facilitator-list-closed.png"))
    context.close()

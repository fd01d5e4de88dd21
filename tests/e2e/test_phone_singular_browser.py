"""The phone counts in the right number (real Chromium, 390×844): with one dot each it said "Kies
hoogstens 1 voorstellen" and "U heeft 1 van de 1 stippen gekozen"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

pytestmark = pytest.mark.e2e


def test_one_dot_each_is_said_in_the_singular(server, browser, tmp_path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Raadsavond")
    workshop.set_vote_options(store, ws.id, pin, ["6a", "8a"], 1)
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server.url}/doe/{ws.join_code}")
    workshop.set_phase(store, ws.id, pin, "voting")
    expect(phone.locator("legend")).to_have_text("Kies hoogstens 1 voorstel")
    phone.get_by_role("checkbox").first.check()
    expect(phone.locator("#teller")).to_have_text("U heeft 1 van de 1 stip gekozen.")
    phone.screenshot(path=str(tmp_path / "phone-one-dot.png"))
    context.close()

"""The phone starts each question at its top (issue 27.5), in real Chromium at 390×844: after the
facilitator moves on, a phone scrolled down to the old options shows the new question's heading at
the top, with focus on it (a screen reader reads it out). An open question's status says a sent
answer cannot be changed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

pytestmark = pytest.mark.e2e

FOCUSED_HEADING = "() => document.activeElement && document.activeElement.tagName === 'H2' ? document.activeElement.textContent : null"


def test_each_new_question_starts_at_its_top_with_its_heading_focused(server, browser) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1", "7.1"], "Raadsavond")
    qid = workshop.add_open_question(store, ws.id, pin, "Wat zou u als eerste veranderen?")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server.url}/doe/{ws.join_code}")
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    expect(phone.get_by_text("De vraag is open")).to_be_visible()
    phone.get_by_role("radio").last.check()
    expect(phone.get_by_text("Opgeslagen ✓")).to_be_visible()
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert phone.evaluate("window.scrollY") > 200  # the phone is down at the options

    for number, text in (
        (2, workshop.get(store, ws.id).text_of("7.1")),
        (3, "Wat zou u als eerste veranderen?"),
    ):
        workshop.go_to(store, ws.id, pin, number - 1)
        heading = phone.locator("h2", has_text=text[:30])
        expect(heading).to_be_in_viewport(ratio=1)
        phone.wait_for_function("window.scrollY === 0", timeout=5_000)
        assert phone.evaluate(FOCUSED_HEADING) == text
        phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")

    workshop.set_status(store, ws.id, pin, qid, "open")
    expect(phone.locator("#stand")).to_have_text(
        re.compile("Een verstuurd antwoord kunt u niet meer veranderen")
    )
    phone.get_by_label(re.compile("Uw antwoord")).fill("Meer inspraak")
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_role("status")).to_contain_text("Dit antwoord kunt u niet meer veranderen")
    context.close()

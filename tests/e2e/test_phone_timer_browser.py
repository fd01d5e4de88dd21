"""The countdown on a phone (issue 27.7), in real Chromium at 390×844: the phone shows the time left of
the open question, counting down by itself, and at zero the server closes the question (no
facilitator page is open) and the phone says so. The phone's counts take their noun in the right number."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

pytestmark = pytest.mark.e2e


def test_the_phone_counts_down_and_the_question_closes_at_zero(server, browser, tmp_path: Path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1", "7.1"], "Raadsavond")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server.url}/doe/{ws.join_code}")
    expect(phone.get_by_role("heading", level=2)).to_be_visible()
    # a countdown of 30 seconds with 8 left (started 22 s ago)
    workshop.start_timer(store, ws.id, pin, "6.1", 30, False, clock=lambda: time.time() - 22)
    timer = phone.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^Nog 0:0[5-8] om te antwoorden$"))
    first = timer.inner_text()
    expect(timer).not_to_have_text(first)  # it counts down by itself
    expect(timer).to_be_in_viewport()
    phone.screenshot(path=str(tmp_path / "phone-timer.png"))
    phone.get_by_role("radio").first.check()
    expect(phone.get_by_text("Opgeslagen ✓")).to_be_visible()
    expect(phone.locator("#stand")).to_have_text(re.compile("Deze vraag is gesloten"), timeout=15_000)
    expect(timer).to_be_hidden()
    expect(phone.get_by_role("radio").first).to_be_disabled()
    assert workshop.statuses(store, ws.id)["6.1"] == "closed"
    context.close()


def test_the_phone_says_how_many_answers_and_dots_in_the_right_number(
    server, browser, tmp_path: Path
) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Raadsavond")
    qid = workshop.add_open_question(store, ws.id, pin, "Wat zou u als eerste veranderen?", max_answers=2)
    workshop.set_status(store, ws.id, pin, qid, "open")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{server.url}/doe/{ws.join_code}")
    left = phone.locator("#over")
    expect(left).to_have_text("U kunt nog 2 antwoorden sturen.")
    field = phone.get_by_label(re.compile("Uw antwoord"))
    for text, after in (("Meer inspraak", "U kunt nog 1 antwoord sturen."), ("Betere uitleg", None)):
        field.fill(text)
        phone.get_by_role("button", name="Versturen").click()
        expect(phone.get_by_text("Verstuurd ✓")).to_be_visible()
        if after:
            expect(left).to_have_text(after)
    expect(left).to_have_text("U heeft uw 2 antwoorden gestuurd: meer kan niet bij deze vraag.")
    expect(field).to_be_disabled()
    expect(phone.get_by_role("button", name="Versturen")).to_be_disabled()
    workshop.set_answer_limit(store, ws.id, pin, qid, 3)  # the facilitator allows one more
    expect(left).to_have_text("U kunt nog 1 antwoord sturen.")
    expect(field).to_be_enabled()

    # one dot each: it said "Kies hoogstens 1 voorstellen" and "U heeft 1 van de 1 stippen gekozen"
    # (on the same server as the answers above: a browser test's server is the costly part)
    vote, vote_pin = workshop.create(store, rnd.id, ["6.1"], "Stemavond")
    workshop.set_vote_options(store, vote.id, vote_pin, ["6a", "8a"], 1)
    phone.goto(f"{server.url}/doe/{vote.join_code}")
    workshop.set_phase(store, vote.id, vote_pin, "voting")
    expect(phone.locator("legend")).to_have_text("Kies hoogstens 1 voorstel")
    phone.get_by_role("checkbox").first.check()
    expect(phone.locator("#teller")).to_have_text("U heeft 1 van de 1 stip gekozen.")
    phone.screenshot(path=str(tmp_path / "phone-one-dot.png"))
    context.close()

"""A live workshop in real Chromium: a facilitator, a projector and five phones."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from scan import rounds, workshop
from scan.storage import Store

pytestmark = pytest.mark.e2e

ANSWERS = [1, 3, 3, 4, "Weet niet"]
VOTES = [["6a"], ["6a", "8a"], ["8a"], ["6a"], ["3a", "6a"]]


def _phone(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_workshop_with_five_participants(server, browser, page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1", "8.1"], "Raadsavond Zeist")

    # facilitator logs in with the PIN and opens the first question
    page.goto(f"{server.url}/leiden?workshop={ws.id}")
    page.get_by_label("Pincode van de begeleider").fill(pin)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Openen").click()
    expect(page.get_by_text("Stand: open")).to_be_visible()

    phones = []
    for i, choice in enumerate(ANSWERS):
        context, phone = _phone(browser)
        if i == 0:  # one person types the code from the screen, the others scan the QR code
            phone.goto(f"{server.url}/?meedoen")
            phone.get_by_label(re.compile("Uw code")).fill(ws.join_code.lower())
            phone.get_by_role("button", name="Verder").click()
        else:
            phone.goto(f"{server.url}/?ws={ws.join_code}")
        phone.get_by_role("button", name="Meedoen").click()
        expect(phone).to_have_url(re.compile(r"[?&]t="))
        group = phone.get_by_role("radiogroup", name="Uw antwoord")
        group.get_by_text(re.compile(rf"^{choice}")).first.click()
        expect(group.get_by_role("radio", checked=True)).to_have_count(1)
        phones.append((context, phone))
    for _ in range(50):
        if workshop.tally(store, ws.id, "6.1").answered == 5:
            break
        page.wait_for_timeout(200)
    assert workshop.tally(store, ws.id, "6.1").answered == 5

    # the projector shows the count but no distribution until revealed
    projector = browser.new_page()
    projector.goto(f"{server.url}/projectie?workshop={ws.id}")
    expect(projector.get_by_text("5 van 5 deelnemers hebben geantwoord")).to_be_visible()
    expect(projector.get_by_text(re.compile("Weet niet: "))).to_have_count(0)

    page.get_by_role("button", name="Sluiten").click()
    expect(page.get_by_text("Stand: gesloten")).to_be_visible()
    late = phones[0][1]
    late.get_by_role("button", name="Vernieuwen").click()
    expect(late.get_by_text("Deze vraag is gesloten")).to_be_visible()

    page.get_by_role("button", name="Uitkomst tonen").click()
    counts = projector.get_by_text(re.compile(r"^0 · Niet aan de orde: 0"))
    expect(counts).to_be_visible(timeout=15_000)
    expect(counts).to_have_text(
        "0 · Niet aan de orde: 0 · 1 · Verkend: 1 · 2 · Besloten: 0 · 3 · In uitvoering: 2 · "
        "4 · Verankerd en geëvalueerd: 1 · Weet niet: 1"
    )

    # dot-voting
    page.get_by_role("button", name="Naar het stemmen").click()
    for (_, phone), votes in zip(phones, VOTES, strict=True):
        phone.get_by_role("button", name="Vernieuwen").click()
        box = phone.get_by_role("combobox", name="Kies hoogstens drie voorstellen")
        for pid in votes:
            box.click()
            box.press_sequentially(pid)  # the list is long and virtual: filter first, then pick
            phone.get_by_role("option", name=re.compile(rf"^{pid} ")).click()
        phone.keyboard.press("Escape")
        phone.get_by_role("heading", name="Welke voorstellen").click()  # leave the list, as a thumb would
        phone.get_by_role("button", name="Stem", exact=True).click()
        expect(phone.get_by_text("Uw stem is bewaard")).to_be_visible()
    page.get_by_role("button", name="Stemmen afsluiten en uitslag tonen").click()
    expect(projector.get_by_text("Uitslag van de stemming")).to_be_visible(timeout=15_000)
    expect(projector.get_by_role("main").get_by_role("listitem").first).to_contain_text("4 × 6a")
    assert workshop.vote_results(store, ws.id) == [("6a", 4), ("8a", 2), ("3a", 1)]
    for context, _ in phones:
        context.close()

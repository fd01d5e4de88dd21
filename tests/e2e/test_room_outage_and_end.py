"""No English and no dead ends (issue 27.6), in real Chromium: during a short outage the projector
(1920×1080 and 1280×720) and the facilitator's page say so in Dutch (after a server restart the
projector asks for the PIN again: its session is gone); an
ended workshop says so on the projector (no QR code that leads nowhere) and on the phone, where a
newcomer is told the workshop ended instead of being thanked for taking part."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from scan.records import access, workshop
from scan.records.round import rounds
from scan.storage.core import Store

from .conftest import start_server, stop_server
from .streamlit_english import english

pytestmark = pytest.mark.e2e

PASSWORD = "wachtwoord-zeist"


def _room(server):
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", PASSWORD)
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Raadsavond Zeist")
    return store, ws, pin


def _projector(browser, server, ws, pin: str, size: tuple[int, int]) -> Page:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    page.set_default_timeout(20_000)
    page.goto(f"{server.url}/projectie?projectie={ws.ref}")
    page.get_by_label(re.compile("Pincode van de begeleider")).fill(workshop.format_pin(pin))
    page.get_by_role("button", name="Inloggen met pincode").click()
    expect(page.locator(".pj h1")).to_be_visible()
    return page


def test_an_outage_is_dutch_on_projector_and_facilitator_and_passes(server, browser, tmp_path) -> None:
    _, ws, pin = _room(server)
    screens = [_projector(browser, server, ws, pin, size) for size in ((1920, 1080), (1280, 720))]
    lead = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    lead.goto(f"{server.url}/leiden?workshop={ws.ref}")
    lead.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    lead.get_by_role("button", name="Inloggen", exact=True).click()
    expect(lead.get_by_text("Pincode voor een andere begeleider")).to_be_visible()
    screens.append(lead)

    server.process.kill()  # a short outage: the server is gone for some seconds
    server.process.wait(timeout=20)
    for number, page in enumerate(screens):
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text("De app is even niet bereikbaar", timeout=30_000)
        page.screenshot(path=str(tmp_path / f"outage-{number}.png"))
        assert english(page) == [], f"screen {number}"

    back = start_server(server.db, port=urlparse(server.url).port)  # the same address comes back
    try:
        for page in screens[:2]:
            expect(page.get_by_role("dialog")).to_have_count(0, timeout=30_000)
            # a restarted server has lost the projector's session: it asks for the PIN again (in Dutch)
            pin_field = page.get_by_label(re.compile("Pincode van de begeleider"))
            expect(pin_field.or_(page.locator(".pj .code"))).to_be_visible(timeout=30_000)
            if pin_field.count():
                pin_field.fill(workshop.format_pin(pin))
                page.get_by_role("button", name="Inloggen met pincode").click()
            expect(page.locator(".pj .code")).to_have_text(workshop.format_code(ws.join_code))
        assert all(english(page) == [] for page in screens)
    finally:
        stop_server(back)


def test_an_ended_room_says_so_on_projector_and_phone(server, browser, tmp_path) -> None:
    store, ws, pin = _room(server)
    participant = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    phone = participant.new_page()
    phone.goto(f"{server.url}/doe/{ws.join_code}")
    expect(phone.get_by_text("nog niet open")).to_be_visible()
    projector = _projector(browser, server, ws, pin, (1920, 1080))
    expect(projector.get_by_text("Scan de QR-code")).to_be_visible()

    workshop.set_phase(store, ws.id, pin, "voting")
    workshop.set_phase(store, ws.id, pin, "ended")
    expect(projector.get_by_text("De workshop is afgelopen").first).to_be_visible(timeout=10_000)
    expect(projector.get_by_text("Scan de QR-code")).to_have_count(0)
    expect(projector.locator(".pj img")).to_have_count(0)  # no QR code that leads to a dead end
    projector.screenshot(path=str(tmp_path / "ended-projector.png"))
    expect(phone.get_by_role("heading", name="De workshop is afgelopen")).to_be_visible(timeout=10_000)
    expect(phone.get_by_text("Bedankt voor uw deelname")).to_be_visible()  # they took part

    newcomer = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    late = newcomer.new_page()
    late.goto(f"{server.url}/doe/{ws.join_code}")
    expect(late.get_by_role("heading", name="De workshop is afgelopen")).to_be_visible()
    expect(late.get_by_text("meedoen kan niet meer")).to_be_visible()
    expect(late.get_by_text("Bedankt")).to_have_count(0)
    late.screenshot(path=str(tmp_path / "ended-newcomer.png"))
    participant.close()
    newcomer.close()

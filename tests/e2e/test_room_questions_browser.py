"""Vragen uit de zaal in real Chromium: two phones (390×844), the facilitator and the projector.

A phone asks a question with markup in it; it waits for the facilitator, who approves it; the asker's
phone lists it as "Uw vraag" without an upvote button; the other phone sees it (as text) and upvotes
it, takes the upvote back and gives it again; the facilitator puts the questions on the projector,
which shows them without counts until five participants upvoted, then with counts, fitting the
screen; "beantwoord" reaches the phones. No English on any screen.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scan.base.errors import ScanError
from scan.records import access, workshop
from scan.records.round import rounds
from scan.storage.core import Store

from .conftest import open_phone
from .streamlit_english import english
from .test_projector_fits import OUTSIDE

pytestmark = pytest.mark.e2e

HOSTILE = '<img src=x onerror="document.title=1"> Waarom **zo** laat? [uitleg](http://127.0.0.1:9/)'


def _login(page: Page, url: str, pin: str) -> None:
    page.goto(url)
    page.get_by_label(re.compile("Pincode van de begeleider")).fill(workshop.format_pin(pin))
    page.get_by_role("button", name="Inloggen met pincode").click()


def _run(store: Store, operation):
    (result,) = workshop.run_batch(store, [operation])
    if isinstance(result, ScanError):
        raise result
    return result


def test_questions_from_the_room_with_two_phones(server, browser, page, tmp_path: Path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", "wachtwoord-zeist")  # a locked installation: the PIN opens it
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Raadsavond Zeist")

    _login(page, f"{server.url}/leiden?workshop={ws.ref}", pin)
    expect(page.get_by_role("heading", name="Vragen uit de zaal")).to_be_visible()
    page.get_by_role("button", name="Vragen uit de zaal openzetten").click()
    expect(page.get_by_role("button", name="Vragen stellen stoppen")).to_be_visible()

    projector = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    projector.set_default_timeout(20_000)
    _login(projector, f"{server.url}/projectie?projectie={ws.ref}", pin)
    expect(projector.locator(".pj .code")).to_be_visible()

    join_url = f"{server.url}/doe/{ws.join_code}"
    (asker_context, asker), (other_context, other) = (
        open_phone(browser, join_url),
        open_phone(browser, join_url),
    )
    for phone in (asker, other):
        expect(phone.get_by_role("heading", name="Vragen uit de zaal")).to_be_visible()
    expect(other.locator("#zaallijst")).to_have_text("Nog geen vragen in de lijst.")

    asker.get_by_label(re.compile("Uw vraag")).fill(HOSTILE)
    asker.get_by_role("button", name="Vraag versturen").click()
    expect(asker.get_by_text("Verstuurd ✓")).to_be_visible()
    expect(asker.locator("#eigenvragen li")).to_have_text(
        f"{HOSTILE} (verstuurd; de begeleider kijkt ernaar)"
    )
    asker.screenshot(path=str(tmp_path / "phone-asked.png"), full_page=True)

    # the facilitator sees it as text and approves it; until then no other phone has it
    expect(page.get_by_text(HOSTILE, exact=True)).to_be_visible(timeout=10_000)
    expect(other.locator("#zaallijst li")).to_have_text("Nog geen vragen in de lijst.")
    page.screenshot(path=str(tmp_path / "facilitator-new.png"), full_page=True)
    page.get_by_role("button", name="Goedkeuren", exact=True).click()

    question = other.locator("#zaallijst li").filter(has_text="Waarom")
    expect(question.locator("p").first).to_have_text(HOSTILE, timeout=5_000)  # as text: no image, no link
    expect(other.locator("#zaal img, #zaal a, #zaal strong")).to_have_count(0)
    expect(asker.locator("#eigenvragen li")).to_have_text(f"{HOSTILE} (staat in de lijst)", timeout=5_000)
    own = asker.locator("#zaallijst li").filter(has_text="Waarom")
    expect(own.locator("p").last).to_have_text("Uw vraag")  # one's own question: no upvote button
    expect(own.get_by_role("button")).to_have_count(0)
    asker.screenshot(path=str(tmp_path / "phone-own-listed.png"), full_page=True)
    upvote = question.get_by_role("button", name="Steunen")
    expect(upvote).to_have_attribute("aria-pressed", "false")
    for pressed in ("true", "false", "true"):  # upvote, take it back, upvote again
        upvote.click()
        expect(upvote).to_have_attribute("aria-pressed", pressed)
        expect(other.locator("#zaalmelding")).to_have_text(
            re.compile("Gesteund ✓" if pressed == "true" else "ingetrokken")
        )
    assert [q.votes for q in workshop.room_questions(store, ws.id)] == [1]
    other.screenshot(path=str(tmp_path / "phone-upvoted.png"), full_page=True)

    # on the projector: one upvoter, so no count and newest first
    page.get_by_role("button", name="Vragen op het scherm zetten").click()
    items = projector.locator(".pj .ws-open li")
    expect(items).to_have_count(1, timeout=5_000)
    expect(items.first).to_have_text(HOSTILE)
    expect(projector.locator(".pj .pager")).to_contain_text("Nieuwste eerst: steun telt vanaf 5 deelnemers")
    expect(projector.locator(".pj .stand")).to_have_text(
        "1 vraag in de lijst · 1 van 2 deelnemers steunde vragen"  # the verb goes with the first number
    )
    expect(projector.locator(".pj img[src^='x'], .pj a")).to_have_count(0)
    projector.wait_for_timeout(300)
    assert projector.evaluate(OUTSIDE) == []

    # four more upvoters (and 30 more questions): counts and the ranking appear, and the list fits
    more = [workshop.join(store, ws.join_code)[1] for _ in range(30)]
    asked = [
        _run(store, workshop.ask_op(ws.id, t, f"Vraag {i}: " + "hoe betrekt u de wijk " * 6))
        for i, t in enumerate(more)
    ]
    workshop.moderate_questions(store, ws.id, pin, [a["vraag"]["id"] for a in asked], "goedgekeurd")
    first = workshop.room_questions(store, ws.id)[0].id
    for token in more[:4]:
        _run(store, workshop.upvote_op(ws.id, token, first, True))
    expect(items.first).to_have_text(f"{HOSTILE} (5× gesteund)", timeout=5_000)
    expect(projector.locator(".pj .pager")).to_contain_text("Meeste steun eerst · nog ")
    for size in ((1920, 1080), (1280, 720)):
        projector.set_viewport_size({"width": size[0], "height": size[1]})
        projector.wait_for_timeout(1500)  # the next redraw at this size
        assert projector.evaluate(OUTSIDE) == []
        projector.screenshot(path=str(tmp_path / f"projector-{size[0]}.png"))
    expect(page.get_by_text("5 deelnemers steunden vragen: de lijst staat op steun.")).to_be_visible()

    # answered: the phones say so and the upvote button goes; the projector moves it off the list
    page.get_by_role("button", name="Vraag 1 beantwoord").click()
    expect(question.get_by_text("Beantwoord")).to_be_visible(timeout=5_000)
    expect(question.get_by_role("button")).to_have_count(0)
    expect(asker.locator("#eigenvragen li")).to_have_text(f"{HOSTILE} (beantwoord)", timeout=5_000)
    expect(own.locator("p").last).to_have_text("Uw vraag · beantwoord")
    expect(items.first).not_to_contain_text("Waarom", timeout=5_000)
    other.screenshot(path=str(tmp_path / "phone-answered.png"), full_page=True)
    page.screenshot(path=str(tmp_path / "facilitator.png"), full_page=True)
    assert projector.title() != "1" and asker.title() != "1" and other.title() != "1"  # no markup ran
    assert not [(p.url, english(p)) for p in (page, projector, asker, other) if english(p)]
    for context in (asker_context, other_context):
        context.close()
    projector.close()

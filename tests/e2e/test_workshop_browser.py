"""A whole live workshop in real Chromium: a facilitator, a projector and eight phones.

Shows every point of issue 16: the QR code on the projector decodes (zbarimg) to the join address;
phones follow the facilitator without a tap and confirm every saved answer; the facilitator's counts
follow; the projector has no menu and large type; open answers reach the projector only when
approved; the vote uses the facilitator's list and lands in the outcomes; and no English text of
Streamlit's appears on any of the screens.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scan.records import access, workshop
from scan.records.round import choices, rounds
from scan.storage.core import Store

from .. import council
from .conftest import open_phone
from .streamlit_english import english

pytestmark = pytest.mark.e2e

PHONES = 8
ANSWERS = [1, 3, 3, 4, "Weet niet", 2, 3, 0]
OPEN_ANSWERS = [
    "Meer inspraak in de wijk",
    "Betere uitleg van besluiten",
    "[klik](http://127.0.0.1:9/) <b>x</b>",
]
VOTES = [["6a"], ["6a", "8a"], ["8a"], ["6a"], ["3a", "6a"], ["6a"], ["8a", "3a"], ["6a", "8a", "3a"]]


def _english(page: Page) -> list[str]:
    return english(page)


def _font_px(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_a_whole_workshop_with_eight_phones(server, browser, page, tmp_path: Path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", "wachtwoord-zeist")  # a locked installation
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Raadsavond Zeist")
    workshop.set_vote_options(store, ws.id, pin, ["3a", "6a", "8a"], 3)
    join_url = f"{server.url}/doe/{ws.join_code}"
    seen: list[Page] = []

    # the griffier leads without a PIN: logs in with the municipality's password
    page.goto(f"{server.url}/leiden?workshop={ws.ref}")
    page.get_by_label("Wachtwoord", exact=True).fill("wachtwoord-zeist")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Pincode voor een andere begeleider")).to_be_visible()
    seen.append(page)

    # the projector, on another computer, with the facilitator's PIN; full screen, no menu
    projector = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    projector.set_default_timeout(20_000)
    projector.goto(f"{server.url}/projectie?projectie={ws.ref}")
    projector.get_by_label(re.compile("Pincode van de begeleider")).fill(workshop.format_pin(pin))
    projector.get_by_role("button", name="Inloggen met pincode").click()
    code = projector.locator(".pj .code")
    expect(code).to_have_text(workshop.format_code(ws.join_code))
    expect(projector.locator('[data-testid="stSidebar"]')).to_have_count(0)
    assert _font_px(code) >= 64 and _font_px(projector.locator(".pj h2")) >= 40
    seen.append(projector)
    shot = tmp_path / "projector.png"
    projector.screenshot(path=str(shot))
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is not installed (apt-get install -y zbar-tools); .ci/run installs it")
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(shot)], capture_output=True, text=True
    ).stdout.strip()
    assert decoded == join_url

    # eight phones: one types the short address and the code, the others scan the QR code
    phones = []
    for i in range(PHONES):
        if i == 0:
            context, phone = open_phone(browser, f"{server.url}/doe")
            phone.get_by_label("Code van de workshop").fill("ZZZZZZZZZ")  # a 9-letter typo
            phone.get_by_role("button", name="Meedoen").click()
            expect(phone.get_by_role("alert")).to_contain_text("kennen we niet")
            expect(phone.get_by_label("Code van de workshop")).to_have_value("ZZZZZZZZZ")  # the field stays
            phone.get_by_label("Code van de workshop").fill(workshop.format_code(ws.join_code).lower())
            phone.get_by_role("button", name="Meedoen").click()
        else:
            context, phone = open_phone(browser, join_url)
        expect(phone.get_by_role("heading", name=re.compile("De gemeente steunt"))).to_be_visible()
        expect(phone.get_by_text("nog niet open")).to_be_visible()
        phones.append((context, phone))
    expect(page.get_by_text("0 van 8")).to_be_visible(timeout=10_000)

    # "Openen": every phone shows the open question by itself, no tap
    page.get_by_role("button", name="Openen").click()
    for _, phone in phones:
        expect(phone.get_by_text("De vraag is open")).to_be_visible(timeout=5_000)
    for (_, phone), choice in zip(phones, ANSWERS, strict=True):
        phone.get_by_role("radio", name=re.compile(rf"^{choice}")).check()
        expect(phone.get_by_text("Opgeslagen ✓")).to_be_visible()
    expect(page.get_by_text("8 van 8")).to_be_visible(timeout=10_000)  # the facilitator's count follows
    assert workshop.tally(store, ws.id, "6.1").answered == PHONES
    expect(projector.get_by_text("8 van 8 deelnemers hebben geantwoord")).to_be_visible()
    expect(projector.get_by_text(re.compile(r"\(\d+%\)"))).to_have_count(0)  # hidden until revealed

    # closing asks first; then the phones say so by themselves
    page.get_by_role("button", name="Sluiten").click()
    page.get_by_role("button", name="Ja, sluiten").click()
    for _, phone in phones:
        expect(phone.get_by_text("Deze vraag is gesloten")).to_be_visible(timeout=5_000)
        expect(phone.get_by_role("radio").first).to_be_disabled()
    expect(page.get_by_text("Voorbeeld, alleen voor u")).to_be_visible()
    page.get_by_role("button", name="Uitkomst tonen").click()
    page.get_by_role("button", name="Ja, uitkomst tonen").click()
    expect(projector.get_by_text("3 (38%)")).to_be_visible(timeout=5_000)  # three times "3 · In uitvoering"
    expect(projector.get_by_text("Percentage van de 8 antwoorden (n = 8)")).to_be_visible()
    assert _font_px(projector.locator(".ws-bars th").first) >= 24
    for _, phone in phones:
        expect(phone.get_by_text("de uitkomst staat op het scherm")).to_be_visible(timeout=5_000)
    seen.extend(p for _, p in phones[:2])
    assert not [(p.url, _english(p)) for p in seen if _english(p)]

    # an open question, moderated: nothing reaches the projector unapproved
    page.get_by_text("Open vraag toevoegen").click()
    page.get_by_role("button", name="Toevoegen aan het eind").click()
    page.get_by_role("button", name="Volgende vraag →").click()
    page.get_by_role("button", name="Openen").click()
    for (_, phone), text in zip(phones, OPEN_ANSWERS, strict=False):
        expect(phone.get_by_role("heading", name="Wat moet beter in onze lokale democratie?")).to_be_visible(
            timeout=5_000
        )
        phone.get_by_label(re.compile("Uw antwoord")).fill(text)
        phone.get_by_role("button", name="Versturen").click()
        expect(phone.get_by_text("Verstuurd ✓")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren", exact=True)).to_have_count(3, timeout=10_000)
    page.get_by_role("button", name="Goedkeuren", exact=True).first.click()
    expect(page.get_by_role("button", name="Goedkeuren", exact=True)).to_have_count(2)
    # the third answer (with its link text) is approved, the second rejected
    page.get_by_role("button", name="Goedkeuren", exact=True).last.click()
    expect(page.get_by_role("button", name="Afwijzen")).to_have_count(1)
    page.get_by_role("button", name="Afwijzen").click()
    page.get_by_role("button", name="Sluiten").click()
    page.get_by_role("button", name="Ja, sluiten").click()
    page.get_by_role("button", name="Uitkomst tonen").click()
    page.get_by_role("button", name="Ja, uitkomst tonen").click()
    answers = projector.locator(".ws-open li")
    expect(answers).to_have_count(2, timeout=5_000)
    expect(answers.nth(1)).to_have_text(OPEN_ANSWERS[2])  # literally: no link, no bold
    expect(projector.locator(".pj a, .pj b")).to_have_count(0)
    expect(projector.get_by_text("Betere uitleg van besluiten")).to_have_count(0)
    expect(projector.get_by_role("img", name="Woordwolk van de goedgekeurde antwoorden")).to_be_visible()

    # the dot-vote: the facilitator's three proposals, Dutch, large targets, saved on the first tap
    page.get_by_role("button", name="Naar het stemmen").click()
    for (_, phone), picks in zip(phones, VOTES, strict=True):
        boxes = phone.get_by_role("checkbox")
        expect(boxes).to_have_count(3, timeout=5_000)
        assert phone.locator("label.optie").first.bounding_box()["height"] >= 44
        for pid in picks:
            phone.get_by_role("checkbox", name=re.compile(rf"^{pid} ")).check()
        phone.get_by_role("button", name="Stem").click()
        expect(phone.get_by_text("Opgeslagen ✓ Uw stem telt")).to_be_visible()
    expect(projector.get_by_text("3a", exact=False).first).to_be_visible()
    expect(projector.get_by_text("8 van 8 deelnemers hebben gestemd")).to_be_visible(timeout=5_000)
    page.get_by_role("button", name="Stemming afsluiten en uitslag tonen").click()
    page.get_by_role("button", name="Ja, stemming afsluiten en uitslag tonen").click()
    expect(projector.get_by_role("heading", name="Uitslag van de stemming")).to_be_visible(timeout=5_000)
    expect(projector.locator(".ws-bars tr").first).to_contain_text("6 (75%)")  # 6 of the 8 voters
    for _, phone in phones:
        expect(phone.get_by_text("De workshop is afgelopen")).to_be_visible(timeout=5_000)
    assert workshop.proposal_votes(workshop.outcomes(store, rnd.id))["6a"] == [("Raadsavond Zeist", 6, 8)]
    # the vote goes somewhere: the agenda and the proposal's card show the dots
    choices.set_status(store, rnd.id, "6a", "kiezen")
    page.goto(f"{server.url}/agenda?gemeente=GM0355&jaar=2026")  # a new session: log in again
    page.get_by_label("Wachtwoord", exact=True).fill("wachtwoord-zeist")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(
        page.get_by_text("6 stippen in de workshop ‘Raadsavond Zeist’ (8 deelnemers stemden)")
    ).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"In de workshop ‘Raadsavond Zeist’ over ‘.+’ \(8 antwoorden\)"))
    ).to_be_visible()
    seen.append(page)
    seen.extend(p for _, p in phones[:2])
    assert not [(p.url, _english(p)) for p in seen if _english(p)]
    for context, _ in phones:
        context.close()
    projector.close()


def test_a_phone_loads_less_than_300_kb(server, browser) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1", "8.1"], "Avond")
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    sizes: list[int] = []
    phone.on(
        "requestfinished",
        lambda r: sizes.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]),
    )
    phone.goto(f"{server.url}/doe/{ws.join_code}")
    expect(phone.get_by_text("De vraag is open")).to_be_visible()
    phone.wait_for_timeout(500)
    assert sum(sizes) <= 300 * 1024, sizes
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_an_ended_workshop_shows_every_bar_count_and_button_whole(server, browser, width: int) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0080", 2026)
    council.add_workshop(store, rnd, title="Raadsavond")
    ws = workshop.for_round(store, rnd.id)[0]
    workshop.set_phase(store, ws.id, workshop.facilitator_pin(store, ws.id), "ended")
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/leiden?workshop={ws.ref}")
        counts = page.locator(".ws-bars td.num")
        expect(counts.first).to_be_visible()
        # long proposal titles wrap: the count beside each bar stays on the screen
        rights = [box["x"] + box["width"] for box in (c.bounding_box() for c in counts.all())]
        assert rights and max(rights) <= width, rights
        # the review buttons fit their words ("Uitslag stemming" was cut off in a sixth of the width)
        button = page.get_by_role("button", name="Uitslag stemming")
        clipped = button.evaluate(
            "b => [...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth)"
        )
        assert not clipped
    finally:
        context.close()

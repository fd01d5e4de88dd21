"""The projector never runs off the screen (issue 27.1), measured in real Chromium at 1920×1080 and
1280×720: 40 approved open answers of up to the longest allowed length, and the longest allowed vote
list (every proposal). Nobody can scroll a projector: every element must lie inside the viewport and
no list item may be cut off by its list; the count stays visible, and "nog N antwoorden" says what is
not on this screen. A question's results take the whole width (the QR code gives way to them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scan.content.questionbank import question_bank
from scan.records import access, workshop
from scan.records.round import rounds
from scan.records.workshop.participation import MAX_OPEN_ANSWER
from scan.storage.core import Store

pytestmark = pytest.mark.e2e

SIZES = [(1920, 1080), (1280, 720)]
ANSWERS = 40

# every element of the projector inside the viewport, and every list item inside its list's box
# (a list hides what overflows it: an item cut off there would be lost to the room)
OUTSIDE = """() => {
  const w = innerWidth, h = innerHeight, bad = [];
  for (const e of document.querySelectorAll('.pj *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > h + 0.5 || r.right > w + 0.5 || r.top < -0.5 || r.left < -0.5)
      bad.push(e.tagName + ' ' + (e.textContent || '').slice(0, 40) + ' @' + Math.round(r.bottom));
  }
  for (const li of document.querySelectorAll('.pj li, .pj tr')) {
    const box = li.closest('ul, ol, table').getBoundingClientRect(), r = li.getBoundingClientRect();
    if (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5)
      bad.push('cut off: ' + li.textContent.slice(0, 40));
  }
  const s = document.scrollingElement;
  if (s.scrollHeight > h + 1) bad.push('page scrolls: ' + s.scrollHeight);
  return bad;
}"""


def _answer(i: int) -> str:
    if i % 4 == 0:  # the longest allowed answer
        return (f"Antwoord {i}: " + "meer inspraak van inwoners bij besluiten in de wijk " * 10)[
            :MAX_OPEN_ANSWER
        ]
    return f"Antwoord {i}: " + "de raad moet beter uitleggen wat er met onze inbreng gebeurt " * (1 + i % 3)


def _workshop(store: Store) -> tuple[workshop.Workshop, str]:
    """Zeist's workshop on question 6.1, on a locked installation (the PIN opens the projector)."""
    rnd = rounds.start(store, "GM0355", 2026)
    access.set_password(store, "GM0355", "wachtwoord-zeist")
    return workshop.create(store, rnd.id, ["6.1"], "Raadsavond Zeist")


def _projector(browser, server, ws, pin: str, size: tuple[int, int]) -> Page:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    page.set_default_timeout(20_000)
    page.goto(f"{server.url}/projectie?projectie={ws.ref}")
    page.get_by_label(re.compile("Pincode van de begeleider")).fill(workshop.format_pin(pin))
    page.get_by_role("button", name="Inloggen met pincode").click()
    expect(page.locator(".pj h1")).to_be_visible()
    return page


def _fits(page: Page, count: str = ".pj .stand") -> None:
    page.wait_for_timeout(300)  # fonts and the QR image in place
    assert page.evaluate(OUTSIDE) == []
    expect(page.locator(count)).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_forty_open_answers_fit_a_screenful_at_a_time(server, browser, size, tmp_path: Path) -> None:
    store = Store(server.db)
    ws, pin = _workshop(store)
    qid = workshop.add_open_question(
        store,
        ws.id,
        pin,
        "Wat zou u als eerste veranderen aan hoe de gemeente inwoners betrekt bij besluiten?",
    )
    workshop.go_to(store, ws.id, pin, 1)
    workshop.set_status(store, ws.id, pin, qid, "open")
    for i in range(ANSWERS):
        _, token = workshop.join(store, ws.join_code)
        workshop.open_answer(store, ws.id, token, qid, _answer(i))
    workshop.moderate(
        store, ws.id, pin, [a.id for a in workshop.open_answers(store, ws.id, qid)], "goedgekeurd"
    )
    workshop.set_status(store, ws.id, pin, qid, "revealed")

    page = _projector(browser, server, ws, pin, size)
    expect(page.locator(".pj .ws-open li").first).to_be_visible()
    page.screenshot(path=str(tmp_path / f"answers-{size[0]}.png"))
    _fits(page)
    # the results take the whole screen: the QR code and the room's code give way (the walk of issue 27)
    expect(page.locator(".pj .join")).to_have_count(0)
    assert page.locator(".pj .main").bounding_box()["width"] > 0.9 * size[0]
    shown = page.locator(".pj .ws-open li").count()
    assert 2 <= shown < ANSWERS
    expect(page.locator(".pj .pager")).to_contain_text(f"nog {ANSWERS - shown} antwoorden")
    expect(page.locator(".pj .stand")).to_have_text(
        re.compile(r"40 van 40 mensen hebben een antwoord gestuurd")
    )
    first = page.locator(".pj .ws-open li").first.inner_text()
    # the screen moves on by itself
    expect(page.locator(".pj .ws-open li").first).not_to_have_text(first, timeout=20_000)
    _fits(page)

    # the facilitator pins two answers: only those stay on the screen
    two = [a for a in workshop.open_answers(store, ws.id, qid)][5:7]
    for a in two:
        workshop.set_pinned(store, ws.id, pin, a.id, True)
    expect(page.locator(".pj .ws-open li")).to_have_count(2)
    expect(page.locator(".pj .ws-open li").first).to_have_text(two[0].text)
    expect(page.locator(".pj .pager")).to_contain_text(
        "Vastgezet door de begeleider: 2 antwoorden · nog 38 antwoorden"
    )
    page.screenshot(path=str(tmp_path / f"pinned-{size[0]}.png"))
    _fits(page)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_vote_list_fits_with_its_count(server, browser, size, tmp_path: Path) -> None:
    store = Store(server.db)
    ws, pin = _workshop(store)
    everything = [p.id for p in question_bank().proposals]
    workshop.set_vote_options(store, ws.id, pin, everything, workshop.MAX_VOTES)
    for _ in range(50):
        workshop.join(store, ws.join_code)
    workshop.set_phase(store, ws.id, pin, "voting")

    page = _projector(browser, server, ws, pin, size)
    expect(page.locator(".pj .stand")).to_have_text("0 van 50 deelnemers hebben gestemd")
    page.screenshot(path=str(tmp_path / f"vote-{size[0]}.png"))
    _fits(page)
    shown = page.locator(".pj .opties li").count()
    if shown < len(everything):
        expect(page.locator(".pj .pager")).to_contain_text(f"nog {len(everything) - shown} voorstellen")
        first = page.locator(".pj .opties li").first.inner_text()
        expect(page.locator(".pj .opties li").first).not_to_have_text(first, timeout=20_000)
        _fits(page)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_ranking_fits_with_its_caption(server, browser, size, tmp_path: Path) -> None:
    store = Store(server.db)
    ws, pin = _workshop(store)
    everything = [p.id for p in question_bank().proposals]
    workshop.set_vote_options(store, ws.id, pin, everything, workshop.MAX_VOTES)
    workshop.set_phase(store, ws.id, pin, "voting")
    for i in range(10):  # 30 dots over all 29 proposals
        _, token = workshop.join(store, ws.join_code)
        workshop.vote(store, ws.id, token, [everything[(3 * i + k) % len(everything)] for k in range(3)])
    workshop.set_phase(store, ws.id, pin, "ended")

    page = _projector(browser, server, ws, pin, size)
    expect(page.locator(".pj .ws-bars caption")).to_contain_text("10 stemmers")
    page.screenshot(path=str(tmp_path / f"ranking-{size[0]}.png"))
    _fits(page, count=".pj .ws-bars caption")
    shown = page.locator(".pj .ws-bars tbody tr").count()
    assert shown < len(everything)
    expect(page.locator(".pj .pager")).to_contain_text(f"nog {len(everything) - shown} voorstellen")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_countdown_fits_under_the_longest_question(server, browser, size, tmp_path: Path) -> None:
    # issue 27.7: the time left stays on the screen under an open question of the longest allowed length
    store = Store(server.db)
    ws, pin = _workshop(store)
    text = ("Wat zou u als eerste veranderen aan hoe de gemeente inwoners betrekt bij besluiten? " * 4)[
        : workshop.core.MAX_OPEN_QUESTION
    ]
    qid = workshop.add_open_question(store, ws.id, pin, text)
    workshop.go_to(store, ws.id, pin, 1)
    workshop.start_timer(store, ws.id, pin, qid, 300, True)
    for _ in range(40):
        workshop.join(store, ws.join_code)

    page = _projector(browser, server, ws, pin, size)
    expect(page.locator(".pj .timer")).to_have_text(re.compile(r"^Nog [45]:\d\d$"))
    page.screenshot(path=str(tmp_path / f"timer-{size[0]}.png"))
    _fits(page, count=".pj .timer")
    expect(page.locator(".pj .stand")).to_be_in_viewport(ratio=1)

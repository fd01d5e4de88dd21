"""axe-core (npm package, injected by Playwright) on every page: no serious or critical violations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import respondents, rounds
from scan.records.round.sharing import create_share_link
from scan.storage.core import Store

from ..conftest import PROJECT, clone_db
from .conftest import settled, start_server

pytestmark = pytest.mark.e2e

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
ROUND = "gemeente=GM0355&jaar=2026"
GRIFFIER_PAGES = [
    "start",
    "vragenlijst",
    "resultaten",
    "vergelijken",
    "aanbevelingen",
    "agenda",
    "akkoord",
    "deelnemers",
    "rollen",
    "trend",
    "presentatie",
    "privacy",
    "workshops",
]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, demo_template: Path):
    db = clone_db(demo_template, tmp_path_factory.mktemp("axe") / "demo.sqlite")  # the demo, made once
    store = Store(db)
    rnd = rounds.get(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    ws, secret = workshop.create(store, rnd.id, workshop.short_set(question_bank()), "Raadsavond")
    workshop.start_timer(store, ws.id, secret, "1.1", 300, False)  # opens it: phone and projector count down
    links = {
        "deelnemen": f"/?code={code}",
        "projectie": f"/projectie?projectie={ws.ref}",
        "presentatielink": f"/?presentatie={create_share_link(store, rnd.id)}&dia=3",
    }
    vote, vote_pin = workshop.create(store, rnd.id, ["6.1"], "Stemavond")
    workshop.set_phase(store, vote.id, vote_pin, "voting")
    talk, talk_pin = workshop.create(store, rnd.id, ["6.1"], "Gesprek")
    workshop.set_status(
        store,
        talk.id,
        talk_pin,
        workshop.add_open_question(store, talk.id, talk_pin, "Wat moet beter?"),
        "open",
    )
    talk_question = workshop.get(store, talk.id).question_ids[-1]
    for text in ("Meer inspraak in de wijk", "Betere uitleg", "Raad op locatie"):
        workshop.open_answer(store, talk.id, workshop.join(store, talk.join_code)[1], talk_question, text)
    first, second, _ = workshop.open_answers(store, talk.id, talk_question)
    workshop.moderate(store, talk.id, talk_pin, [first.id], "goedgekeurd")
    workshop.moderate(store, talk.id, talk_pin, [second.id], "afgewezen")
    links["leiden"] = f"/leiden?workshop={talk.ref}"  # moderation cards, undo, timer choice
    links["telefoon-vraag"] = f"/doe/{ws.join_code}"
    links["telefoon-stemmen"] = f"/doe/{vote.join_code}"
    links["telefoon-open"] = f"/doe/{talk.join_code}"
    links["telefoon-code"] = "/doe?code=ZZZZZ"
    closed, closed_pin = workshop.create(store, rnd.id, ["6.1"], "Dichte avond")
    workshop.set_joining(store, closed.id, closed_pin, False)
    links["telefoon-gesloten"] = f"/doe/{closed.join_code}"  # the room no longer takes new phones
    room, room_pin = workshop.create(store, rnd.id, ["6.1"], "Vragenavond")  # questions from the room
    workshop.set_questions_open(store, room.id, room_pin, True)
    _, asker = workshop.join(store, room.join_code)
    asked = [
        workshop.run_batch(store, [workshop.ask_op(room.id, asker, text)])[0]["vraag"]["id"]
        for text in ("Wie beslist er over de wijk?", "Wanneer horen we wat er met onze inbreng gebeurt?")
    ]
    workshop.moderate_questions(store, room.id, room_pin, asked, "goedgekeurd")
    workshop.moderate_questions(store, room.id, room_pin, asked[:1], "beantwoord")
    links["telefoon-zaal"] = f"/doe/{room.join_code}"
    server = start_server(db)
    yield server, links
    server.process.terminate()
    server.process.wait(timeout=20)


def _violations(page: Page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run 'npm ci' (.ci/run does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _check(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("heading").first.wait_for()
    settled(page)  # charts and tables drawn
    found = _violations(page)
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in found
    ]
    assert not found, json.dumps(summary, indent=1)


@pytest.mark.parametrize("path", GRIFFIER_PAGES)
def test_griffier_pages(demo_server, page: Page, path: str) -> None:
    server, _ = demo_server
    _check(page, f"{server.url}/{path}?{ROUND}")


@pytest.mark.parametrize("name", ["deelnemen", "projectie", "presentatielink", "leiden"])
def test_respondent_workshop_and_viewer_pages(demo_server, page: Page, name: str) -> None:
    server, links = demo_server
    _check(page, f"{server.url}{links[name]}")


@pytest.mark.parametrize(
    "name",
    [
        "telefoon-vraag",
        "telefoon-stemmen",
        "telefoon-open",
        "telefoon-code",
        "telefoon-gesloten",
        "telefoon-zaal",
    ],
)
def test_workshop_phone_pages(demo_server, browser, name: str) -> None:
    """The phone page (its own HTML): axe-core clean at 360 px, every tap target at least 44 px."""
    server, links = demo_server
    # the page forbids scripts it did not send itself (CSP): let Playwright inject axe-core
    context = browser.new_context(locale="nl-NL", viewport={"width": 360, "height": 740}, bypass_csp=True)
    page = context.new_page()
    try:
        _check(page, f"{server.url}{links[name]}")
        small = page.evaluate(
            """() => [...document.querySelectorAll('button, label.optie, summary, input[type=text], textarea')]
                .filter(e => e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))"""
        )
        assert small == []
    finally:
        context.close()


def test_workshop_phone_page_by_keyboard_only(demo_server, browser) -> None:
    server, links = demo_server
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{server.url}{links['telefoon-vraag']}")
        expect(page.get_by_text("De vraag is open")).to_be_visible()
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement && document.activeElement.type === 'radio'"):
                break
        page.keyboard.press("ArrowDown")
        expect(page.get_by_text("Opgeslagen ✓")).to_be_visible()
    finally:
        context.close()


def test_questionnaire_by_keyboard_only(demo_server, page: Page) -> None:
    """Tab to an answer and choose it with the arrow keys: the answer is stored."""
    server, _ = demo_server
    store = Store(server.db)
    rnd = rounds.start(store, "GM0014", 2030)  # a fresh round: nothing answered yet
    page.goto(f"{server.url}/vragenlijst?gemeente=GM0014&jaar=2030")
    group = page.get_by_role("radiogroup", name="Antwoord op vraag 1.1")
    expect(group).to_be_visible()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.type === 'radio'"):
            break
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", checked=True)).to_have_count(1)
    for _ in range(50):
        if answer_store.of(store, rnd.id).get("1.1"):
            break
        page.wait_for_timeout(200)
    assert answer_store.of(store, rnd.id)["1.1"].value in (0, 1)

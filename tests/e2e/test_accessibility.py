"""axe-core (npm package, injected by Playwright) on every page: no serious or critical violations."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from scan import answers as answer_store
from scan import respondents, rounds, workshop
from scan.demo import fill_demo
from scan.questionbank import question_bank
from scan.sharing import create_share_link
from scan.storage import Store

from ..conftest import PROJECT
from .conftest import start_server

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
    "deelnemers",
    "rollen",
    "trend",
    "presentatie",
    "privacy",
    "workshops",
]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("axe") / "demo.sqlite"
    store = Store(db)
    fill_demo(store)
    rnd = rounds.get(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    ws, secret = workshop.create(store, rnd.id, workshop.short_set(question_bank()), "Raadsavond")
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    links = {
        "deelnemen": f"/?code={code}",
        "workshop": f"/?ws={ws.join_code}",
        "projectie": f"/projectie?workshop={ws.id}&{ROUND}",
        "presentatielink": f"/?presentatie={create_share_link(store, rnd.id)}&dia=3",
    }
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
    page.wait_for_timeout(1500)  # let charts and tables settle
    found = _violations(page)
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in found
    ]
    assert not found, json.dumps(summary, indent=1)


@pytest.mark.parametrize("path", GRIFFIER_PAGES)
def test_griffier_pages(demo_server, page: Page, path: str) -> None:
    server, _ = demo_server
    _check(page, f"{server.url}/{path}?{ROUND}")


@pytest.mark.parametrize("name", ["deelnemen", "workshop", "projectie", "presentatielink"])
def test_respondent_workshop_and_viewer_pages(demo_server, page: Page, name: str) -> None:
    server, links = demo_server
    _check(page, f"{server.url}{links[name]}")


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

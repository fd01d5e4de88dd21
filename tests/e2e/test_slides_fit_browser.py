"""Every slide of a full demo round fits the projector (issue 26.3): at 1920×1080 and at 1280×720, in
"Presenteren zonder menu", no screen scrolls and nothing sticks out; each screen opens at its top.
Screenshots of every screen go to tmp_path (or DEMOCRATIESCAN_SHOTS, to look at them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scan.records.round import rounds
from scan.storage.core import Store

from .. import council
from ..conftest import clone_db
from .conftest import start_server

pytestmark = pytest.mark.e2e

SIZES = [(1920, 1080), (1280, 720)]

MEASURE = """n => {
  const s = document.getElementById('dia-' + n).getBoundingClientRect();
  const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
  return {bottom: s.bottom, right: s.right, top: s.top, vw: innerWidth, vh: innerHeight,
          scroll: Math.max(main.scrollHeight - main.clientHeight,
                           document.scrollingElement.scrollHeight - innerHeight),
          wide: document.scrollingElement.scrollWidth - innerWidth};
}"""


@pytest.fixture(scope="module")
def full_demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo database's Zeist 2026 (a read agreement) with five council members, a workshop and
    three chosen proposals with an edited agenda: every kind of screen there is. One server for both
    screen sizes (the slides only read)."""
    db = clone_db(demo_template, tmp_path_factory.mktemp("dia") / "demo.sqlite")
    store = Store(db)
    rnd = rounds.get(store, council.OWN, 2026)
    council.add_roles(store, rnd, value=2)
    council.add_workshop(store, rnd)
    from scan.records.round import choices

    for pid in council.CHOSEN:
        choices.set_status(store, rnd.id, pid, "kiezen")
    choices.save_agenda_field(
        store, rnd.id, "2a", goal="Een jongerenraad die elk jaar twee keer adviseert " * 3
    )
    server = start_server(db)
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_slide_fits_the_screen(browser, full_demo, tmp_path: Path, width: int, height: int) -> None:
    shots = Path(os.environ.get("DEMOCRATIESCAN_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{full_demo.url}/presentatie?gemeente={council.OWN}&jaar=2026&volscherm=1")
    expect(page.get_by_role("heading", name="Democratiescan Zeist 2026")).to_be_visible(timeout=60_000)
    total = int(page.get_attribute("#dia-deck", "data-total"))
    assert total >= 1 + 8 + 1 + 1 + 1 + 1  # title, priorities, roles, workshops, agreement, agenda
    too_big = []
    for n in range(total):
        if n:
            page.keyboard.press("ArrowRight")
        expect(page.locator(f"#dia-{n}")).to_be_visible()
        m = page.evaluate(MEASURE, n)
        page.screenshot(path=str(shots / f"dia-{width}x{height}-{n:02d}.png"))
        if m["bottom"] > m["vh"] or m["right"] > m["vw"] or m["scroll"] > 1 or m["wide"] > 1 or m["top"] < 0:
            too_big.append((n, page.locator(f"#dia-{n} h2").inner_text(), m))
    context.close()
    assert not too_big, f"screens that do not fit {width}×{height}: {too_big}"

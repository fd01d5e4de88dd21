"""Every slide of a full demo round fits the projector (issue 26.3): at 1920×1080, 1280×720 and
1024×768, in "Presenteren zonder menu", no screen scrolls and nothing sticks out; each screen opens at
its top. The round is made hard on purpose (a walk in Chromium found each of these cut off): a name
with a hyphen, a role below the small-group rule, a 60-letter word and a 4.000-character goal in the
agenda, a long agreement file name, typed markup. Screenshots of every screen go to tmp_path (or
DEMOCRATIESCAN_SHOTS, to look at them)."""

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

SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
TOWN = "GM0796"  # 's-Hertogenbosch: the name must not break after "'s-"
LONG = "Gemeenteraadsinformatiebijeenkomstenvoorbereidingswerkgroepen"[:60]

MEASURE = """n => {
  const s = document.getElementById('dia-' + n).getBoundingClientRect();
  const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
  return {bottom: s.bottom, right: s.right, top: s.top, vw: innerWidth, vh: innerHeight,
          scroll: Math.max(main.scrollHeight - main.clientHeight,
                           document.scrollingElement.scrollHeight - innerHeight),
          wide: document.scrollingElement.scrollWidth - innerWidth,
          // text wider than its own box (a long word, figures running into each other)
          spill: [...document.querySelectorAll('#dia-' + n + ' :is(p, li, td, th, h2, h3)')]
                   .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 40)),
          // the key figures of the opening screen side by side, never over each other
          overlap: [...document.querySelectorAll('#dia-' + n + ' .tegel')].map(e => e.getBoundingClientRect())
                   .some((r, i, all) => i > 0 && r.left < all[i - 1].right - 1 && r.top < all[i - 1].bottom),
          name: [...document.querySelectorAll('#dia-' + n + ' .naam')].map(e => e.getClientRects().length)};
}"""


@pytest.fixture(scope="module")
def full_demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo database's 's-Hertogenbosch 2026 (earlier rounds, a read agreement) with three roles
    (one of four people: below the rule), a workshop, chosen proposals with long typed agenda fields and
    an agreement with a long file name: every kind of screen there is, at its hardest. One server for
    all screen sizes (the slides only read)."""
    from scan.records import agreements
    from scan.records.round import choices

    db = clone_db(demo_template, tmp_path_factory.mktemp("dia") / "demo.sqlite")
    store = Store(db)
    rnd = rounds.get(store, TOWN, 2026)
    with store.write() as w:  # the demo closed this round; open it again to add to it (no app path does)
        w.execute("UPDATE rounds SET status = 'open' WHERE id = ?", [rnd.id])
    council.add_roles(store, rnd, "raad", n=6, value=5)
    council.add_roles(store, rnd, "college", n=5, value=1)
    council.add_roles(store, rnd, "ambtelijk", n=4, value=3)
    council.add_workshop(store, rnd, title=f"Raadsavond {LONG} {council.TYPED}")
    for pid in council.CHOSEN:
        choices.set_status(store, rnd.id, pid, "kiezen")
    choices.save_agenda_field(
        store, rnd.id, "2a", goal=f"Doel {LONG} {council.TYPED} " * 2, owner=LONG, timeline="Vóór de zomer"
    )
    choices.save_agenda_field(
        store, rnd.id, "6a", goal="Een mediafonds voor de lokale omroep. " * 100, timeline=LONG
    )
    name = f"Coalitieakkoord-s-Hertogenbosch-2026-2030-{LONG}.txt"
    agreements.read_file(store, rnd.id, council.AGREEMENT.encode(), name)
    for pid in ("2a", "2c"):
        agreements.judge(store, rnd.id, pid, "bevestigd")
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
    page.goto(f"{full_demo.url}/presentatie?gemeente={TOWN}&jaar=2026&volscherm=1")
    expect(page.get_by_role("heading", name="Democratiescan 's-Hertogenbosch 2026")).to_be_visible(
        timeout=60_000
    )
    total = int(page.get_attribute("#dia-deck", "data-total"))
    assert total >= 1 + 8 + 1 + 1 + 1 + 1  # title, priorities, roles, workshops, agreement, agenda
    too_big = []
    for n in range(total):
        if n:
            page.keyboard.press("ArrowRight")
        expect(page.locator(f"#dia-{n}")).to_be_visible()
        m = page.evaluate(MEASURE, n)
        page.screenshot(path=str(shots / f"dia-{width}x{height}-{n:02d}.png"))
        if (
            m["bottom"] > m["vh"]
            or m["right"] > m["vw"]
            or m["scroll"] > 1
            or m["wide"] > 1
            or m["top"] < 0
            or m["spill"]
            or m["overlap"]
            or any(lines != 1 for lines in m["name"])
        ):
            too_big.append((n, page.locator(f"#dia-{n} h2").inner_text(), m))
    context.close()
    assert not too_big, f"screens that do not fit {width}×{height}: {too_big}"

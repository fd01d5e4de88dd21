"""Every slide of a full demo round fits the projector (issue 26.3): at 1920×1080, 1280×720 and
1024×768, in "Presenteren zonder menu", no screen scrolls and nothing sticks out; each screen opens at
its top. The round is made hard on purpose (a walk in Chromium found each of these cut off): a name
with a hyphen, a role below the small-group rule, a 60-letter word and a 4.000-character goal in the
agenda, a long agreement file name, typed markup. A screen that does not fit is photographed to
tmp_path; with DEMOCRATIESCAN_SHOTS set, every screen is, to that folder (to look at them; a picture of
each of the 60-odd screens costs CI time otherwise)."""

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
          name: [...document.querySelectorAll('#dia-' + n + ' .naam')].map(e => e.getClientRects().length),
          // "Menu tonen" in its corner covers nothing of the slide
          menu: (() => {
            const b = document.querySelector('.st-key-presentatie_menu button');
            if (!b) return [];
            const m = b.getBoundingClientRect();
            const hits = (r) => r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top;
            return [...document.querySelectorAll('#dia-' + n + ' :is(h2, h3, p, li, td, th, svg text)')]
              .filter(e => { const text = document.createRange(); text.selectNodeContents(e);
                             return [...text.getClientRects()].some(hits); })  // the text, not its box
              .map(e => e.textContent.slice(0, 40));
          })()};
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
    # a Planning of capitals and digits fills its narrow column fastest (the review)
    choices.set_status(store, rnd.id, "8a", "kiezen")
    choices.save_agenda_field(store, rnd.id, "8a", timeline="Q1 2027: VERKENNING MET ALLE FRACTIES; " * 8)
    _long_workshop(store, rnd)
    name = f"Coalitieakkoord-s-Hertogenbosch-2026-2030-{LONG}.txt"
    agreements.read_file(store, rnd.id, council.AGREEMENT.encode(), name)
    for pid in ("2a", "2c"):
        agreements.judge(store, rnd.id, pid, "bevestigd")
    server = start_server(db)
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


def _long_workshop(store: Store, rnd) -> None:
    """A workshop of every question for the council and six people, revealed, and a vote on the three
    proposals with the longest names: its first screen carries the heading, the vote and questions."""
    from scan.content.questionbank import question_bank
    from scan.records import workshop

    bank = question_bank()
    ids = [q.id for q in bank.questions if q.kind == "maturity"][:24]
    longest = sorted(bank.proposals, key=lambda p: -len(p.title))[:3]
    ws, pin = workshop.create(store, rnd.id, ids, title=f"Werkavond {LONG}")
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(6)]
    for qid in ids:
        workshop.set_status(store, ws.id, pin, qid, "open")
        for n, token in enumerate(tokens):
            workshop.answer(store, ws.id, token, qid, n % 4)
        workshop.set_status(store, ws.id, pin, qid, "closed")
        workshop.set_status(store, ws.id, pin, qid, "revealed")
    workshop.set_phase(store, ws.id, pin, "voting")
    for token in tokens:
        workshop.vote(store, ws.id, token, [p.id for p in longest])
    workshop.set_phase(store, ws.id, pin, "ended")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_slide_fits_the_screen(browser, full_demo, tmp_path: Path, width: int, height: int) -> None:
    every = "DEMOCRATIESCAN_SHOTS" in os.environ
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
        if (
            m["bottom"] > m["vh"]
            or m["right"] > m["vw"]
            or m["scroll"] > 1
            or m["wide"] > 1
            or m["top"] < 0
            or m["spill"]
            or m["overlap"]
            or any(lines != 1 for lines in m["name"])
            or m["menu"]
        ):
            too_big.append((n, page.locator(f"#dia-{n} h2").inner_text(), m))
        if every or (too_big and too_big[-1][0] == n):
            page.screenshot(path=str(shots / f"dia-{width}x{height}-{n:02d}.png"))
    context.close()
    assert not too_big, f"screens that do not fit {width}×{height}: {too_big}"

"""Text one user typed is shown to others as text, on every page: walk all of app.py's pages, the
presentation link, the projector and the phone page of a workshop in real Chromium, with a comment, an
agenda field and a workshop title full of Markdown and HTML. Nothing is fetched from the address in
it, no link or bold text is made of it, and where it shows it shows literally."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from scan.records import workshop
from scan.records.round.sharing import create_share_link
from scan.storage.core import Store

from .. import council
from .conftest import start_server
from .test_path_browser import _settle, app_pages

pytestmark = pytest.mark.e2e

ROUND = f"gemeente={council.OWN}&jaar=2026"
TRAP_HOST = "http://x/"  # the address inside council.TYPED
BARE = "Lees http://x/kaal of www.x.nl en mail iemand@x.nl"  # addresses Markdown would link by itself


def _live_workshop_with_an_approved_answer(store: Store, round_id: int) -> workshop.Workshop:
    """A workshop still running, on an open question whose approved answer (with bare addresses) goes
    to the agenda: the facilitator's checkbox list and the Agenda page's "Inbreng" show it."""
    ws, pin = workshop.create(store, round_id, ["1.1"], "Wijkavond")
    question = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.go_to(store, ws.id, pin, 1)
    workshop.set_status(store, ws.id, pin, question, "open")
    _, token = workshop.join(store, ws.join_code)
    workshop.open_answer(store, ws.id, token, question, BARE)
    answer = workshop.open_answers(store, ws.id, question)[0]
    workshop.moderate(store, ws.id, pin, [answer.id], "goedgekeurd")
    workshop.set_for_agenda(store, ws.id, pin, answer.id, True)
    return workshop.get(store, ws.id)


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("getypt") / "typed.sqlite")
    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    council.add_roles(store, rnd, "raad", n=5)
    council.add_workshop(store, rnd)
    ws = workshop.for_round(store, rnd.id)[0]
    live = _live_workshop_with_an_approved_answer(store, rnd.id)
    server = start_server(store.path)
    paths = [
        f"/?{ROUND}"
        if n == 0
        else f"/{url}?workshop={ws.ref}"
        if file in ("facilitate", "projector")
        # facilitate and projector need the workshop; every other page the round
        else f"/{url}?{ROUND}"
        for n, (file, url) in enumerate(app_pages())
    ]
    paths += [
        f"/{dict(app_pages())['facilitate']}?workshop={live.ref}",
        f"/?presentatie={create_share_link(store, rnd.id)}",
        f"/?projectie={ws.ref}",
        f"/doe/{ws.join_code}",
    ]
    yield server, paths
    server.process.terminate()
    server.process.wait(timeout=20)


def _made_of_typed_text(page: Page) -> list[str]:
    """Elements that the typed Markdown or HTML would have become."""
    return page.evaluate(
        r"""(host) => [
            ...[...document.querySelectorAll('a[href^="' + host + '"]')].map(a => 'link ' + a.href),
            ...[...document.querySelectorAll('img')].filter(i => i.src.includes('track.png')).map(i => 'image'),
            ...[...document.querySelectorAll('b, strong')].filter(b => b.textContent.trim() === 'Vet')
                .map(() => 'bold'),
            ...[...document.querySelectorAll('a')].filter(a => /x\/kaal|www\.x\.nl|iemand@x\.nl/
                .test(a.textContent.replace(/\u2060/g, ''))).map(a => 'bare link ' + a.href),
            ...[...document.querySelectorAll('[aria-label]')].filter(e => e.getAttribute('aria-label')
                .includes('\\')).map(e => 'backslash read aloud: ' + e.getAttribute('aria-label')),
        ]""",
        TRAP_HOST,
    )


def _all_text(page: Page) -> str:
    """The page's text, folded parts and the values of its fields included."""
    return page.evaluate(
        "() => document.body.textContent + ' ' + [...document.querySelectorAll('input, textarea')]"
        ".map(f => f.value).join(' ')"
    )


def test_typed_text_stays_text_on_every_page(typed, browser) -> None:
    server, paths = typed
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 1000})
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url) if r.url.startswith(TRAP_HOST) else None)
    page = context.new_page()
    page.set_default_timeout(30_000)
    found, literal, bare = {}, [], []
    try:
        for path in paths:
            page.goto(server.url + path)
            if path.startswith("/doe/"):
                page.get_by_role("heading").first.wait_for()
            else:
                _settle(page)
            if made := _made_of_typed_text(page):
                found[path] = made
            if "![t](http://x/track.png) [link](http://x/)" in _all_text(page):
                literal.append(path.split("?")[0])
            if BARE in _all_text(page).replace("\u2060", ""):
                bare.append(path.split("?")[0])
    finally:
        context.close()
    assert not found, found
    assert fetched == []
    # the text itself is there, as typed: the comment, the agenda field, the workshop's title
    assert {"/agenda", f"/{dict(app_pages())['facilitate']}"} <= set(bare), bare  # there, as typed
    for where in (
        "/vragenlijst",
        "/agenda",
        "/presentatie",
        "/workshops",
        f"/doe/{paths[-1].rsplit('/', 1)[1]}",
    ):
        assert where in literal, (where, literal)
    assert len(paths) == len(app_pages()) + 4

"""Two respondents with different roles answer in their own browsers; the griffier sees both."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from scan.content.questionbank import question_bank
from scan.records.round import respondents, rounds
from scan.storage.core import Store

pytestmark = pytest.mark.e2e


def _answer_first_question(browser, url: str, statement: str, choice: str):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.get_by_role("button", name="Begin").click()
    expect(page).to_have_url(re.compile(r"[?&]r="))
    group = page.get_by_role("radiogroup", name=statement)
    group.get_by_text(re.compile(rf"^{choice}")).first.click()
    expect(group.get_by_role("radio", checked=True)).to_have_count(1)
    return context, page


def test_two_roles_answer_and_the_griffier_sees_both(server, browser, page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    _, raad_code = respondents.create_invite(store, rnd.id, "raad")
    _, college_code = respondents.create_invite(store, rnd.id, "college")

    raad, _ = _answer_first_question(
        browser, f"{server.url}/?code={raad_code}", question_bank().question("1.6").statement, "4"
    )
    college, _ = _answer_first_question(
        browser, f"{server.url}/?code={college_code}", question_bank().question("1.1").statement, "2"
    )
    page.goto(f"{server.url}/deelnemers?gemeente=GM0355&jaar=2026")
    expect(page.get_by_role("heading", name="Deelnemers: Zeist 2026")).to_be_visible()
    # each role's row: role, started, finished, response (of the council's 33 seats), working codes,
    # personal codes used -- one started, none finished yet
    for role, response in (("Gemeenteraad", "0 van 33"), ("College", "0")):
        row = page.get_by_role("row").filter(has=page.get_by_role("cell", name=role, exact=True))
        expect(row.get_by_role("cell")).to_have_text([role, "1", "0", response, "1", "–"])
    started = {r.role: r.started for r in respondents.response_overview(store, rnd.id)}
    assert started == {"raad": 1, "college": 1}
    raad.close()
    college.close()


def test_a_code_in_a_crafted_url_never_shows_griffier_pages(server, page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    page.goto(f"{server.url}/deelnemers?gemeente=GM0355&jaar=2026&code={code}")
    expect(page.get_by_role("heading", name="Doe mee met de democratiescan")).to_be_visible()
    expect(page.get_by_role("button", name="Begin")).to_be_visible()  # the respondent page has drawn
    expect(page.get_by_text("Ronde sluiten")).to_have_count(0)
    expect(page.get_by_role("link", name="Resultaten")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)  # no menu at all


def test_a_personal_code_answers_once_and_a_second_use_is_refused(server, browser) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    (code,) = respondents.create_personal_invites(store, rnd.id, "raad", 1)
    url = f"{server.url}/?code={code}"
    first, page = _answer_first_question(browser, url, question_bank().question("1.6").statement, "4")
    page.get_by_role("button", name="Klaar").click()
    page.get_by_role("button", name="Toch versturen").click()
    expect(page.get_by_text("Bedankt! Uw antwoorden zijn verstuurd")).to_be_visible()
    first.close()

    second = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    again = second.new_page()
    again.set_default_timeout(30_000)
    again.goto(url)  # the same code from the invitation, once more
    expect(again.get_by_text("Deze persoonlijke code is al gebruikt.")).to_be_visible()
    expect(again.get_by_role("button", name="Begin")).to_have_count(0)
    assert store.db.execute("SELECT COUNT(*) FROM respondents WHERE kind = 'invited'").fetchone()[0] == 1
    second.close()

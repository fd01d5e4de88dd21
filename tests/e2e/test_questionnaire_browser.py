"""In real Chromium against the real server: answers survive a page reload."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store

pytestmark = pytest.mark.e2e

CHOICES = {"1.1": "3", "1.2": "1", "1.3": "Weet niet", "1.4": "4"}


def _radio_group(page: Page, qid: str):
    return page.get_by_role("radiogroup", name=f"Antwoord op vraag {qid}")


def _wait_for_answers(store: Store, round_id: int, count: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if len(answer_store.of(store, round_id)) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"only {len(answer_store.of(store, round_id))} of {count} answers stored")


def test_answers_on_one_priority_survive_a_reload(server, page: Page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)

    page.goto(f"{server.url}/vragenlijst?gemeente=GM0355&jaar=2026")
    expect(page.get_by_role("heading", name="Vragenlijst: Zeist 2026")).to_be_visible()
    for qid, choice in CHOICES.items():
        group = _radio_group(page, qid)
        group.get_by_text(re.compile(rf"^{choice}")).first.click()
        expect(group.get_by_role("radio", checked=True)).to_have_count(1)
    _wait_for_answers(store, rnd.id, len(CHOICES))
    total = len(question_bank().questions_for_role("griffie"))
    expect(page.get_by_text(f"4 van {total} vragen beantwoord")).to_be_visible()

    page.reload()
    expect(page.get_by_role("heading", name="Vragenlijst: Zeist 2026")).to_be_visible()
    for qid, choice in CHOICES.items():
        checked = _radio_group(page, qid).get_by_role("radio", checked=True)
        expect(checked).to_have_count(1)
        label = checked.locator("xpath=ancestor::label").inner_text()
        assert label.startswith(choice), (qid, label)
    total = len(question_bank().questions_for_role("griffie"))
    expect(page.get_by_text(f"4 van {total} vragen beantwoord")).to_be_visible()

    answers = answer_store.of(store, rnd.id)
    assert answers["1.1"].value == 3 and answers["1.2"].value == 1
    assert answers["1.3"].dont_know and answers["1.4"].value == 4


def test_two_griffiers_on_one_round_never_overwrite_each_other_unseen(server, browser) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    url = f"{server.url}/vragenlijst?gemeente=GM0355&jaar=2026&onderdeel=1"
    contexts = [browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 1000}) for _ in "ab"]
    try:
        first, second = (c.new_page() for c in contexts)
        for tab in (first, second):
            tab.goto(url)
            expect(tab.get_by_role("heading", name="Vragenlijst: Zeist 2026")).to_be_visible()

        _radio_group(first, "1.1").get_by_text(re.compile(r"^3")).first.click()
        _wait_for_answers(store, rnd.id, 1)
        # the second griffier's screen was drawn before; they choose level 1 for the same question
        _radio_group(second, "1.1").get_by_text(re.compile(r"^1")).first.click()

        alert = second.get_by_role("alert").filter(has_text="Iemand anders")
        expect(alert).to_contain_text("‘3 · In uitvoering")
        # the message comes first in the rerun, the radio's new value a moment later: wait for it
        checked = _radio_group(second, "1.1").get_by_role("radio", checked=True)
        expect(checked.locator("xpath=ancestor::label")).to_have_text(re.compile(r"^3 · "))
        assert answer_store.of(store, rnd.id)["1.1"].value == 3
    finally:
        for c in contexts:
            c.close()

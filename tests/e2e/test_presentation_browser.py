"""The council presentation in real Chromium: arrow keys move between screens; nothing to fill in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scan import answers as answer_store
from scan import rounds
from scan.sharing import create_share_link
from scan.storage import Store

pytestmark = pytest.mark.e2e


def test_arrow_keys_move_through_the_presentation(server, page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 3)
    token = create_share_link(store, rnd.id)
    page.goto(f"{server.url}/?presentatie={token}")
    expect(page.get_by_role("heading", name="Democratiescan Zeist 2026")).to_be_visible()
    expect(page.locator("input, textarea, select")).to_have_count(0)
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("heading", name="1. Herstel van vertrouwen")).to_be_visible()
    expect(page.get_by_text("75 van 100")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("heading", name="2. Inclusieve democratie")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("heading", name="1. Herstel van vertrouwen")).to_be_visible()
    page.get_by_role("link", name="Volgende →").click()
    expect(page.get_by_role("heading", name="2. Inclusieve democratie")).to_be_visible()

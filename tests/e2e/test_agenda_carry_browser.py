"""Issue 26.8 in a real browser: the agenda page of a new round shows what happened with the previous
agenda and carries its open items over with one click; a second tab that still shows the button cannot
carry them twice."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from scan.records.round import choices, follow_up, rounds
from scan.rules.agenda import own_key
from scan.storage.core import Store

pytestmark = pytest.mark.e2e

CARRY = "Neem de open punten over in de agenda van 2026 (2)"


def test_the_open_items_of_the_previous_agenda_are_carried_once(server, browser, page) -> None:
    store = Store(server.db)
    earlier = rounds.start(store, "GM0355", 2024)
    choices.set_status(store, earlier.id, "2a", "kiezen")
    follow_up.set_status(store, earlier.id, "2a", "loopt")
    done = follow_up.add_own_item(store, earlier.id, "Raadsvoorstellen in gewone taal")
    follow_up.set_status(store, earlier.id, own_key(done), "klaar")
    open_own = follow_up.add_own_item(store, earlier.id, "Wijkbudgetten", budget="€ 30.000")
    follow_up.add_note(store, earlier.id, own_key(open_own), date(2025, 6, 1), "Eerste wijk begonnen")
    rounds.close(store, earlier.id)
    rnd = rounds.start(store, "GM0355", 2026)
    url = f"{server.url}/agenda?gemeente=GM0355&jaar=2026"

    other = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    second = other.new_page()
    second.set_default_timeout(30_000)
    second.goto(url)  # a second tab, open before the click
    expect(second.get_by_role("button", name=CARRY)).to_be_visible()

    page.goto(url)
    expect(page.get_by_role("heading", name="Wat deden we met de agenda van 2024?")).to_be_visible()
    expect(page.get_by_text("3 punten: 1 loopt, 1 klaar, 1 nog niet gestart.")).to_be_visible()
    page.get_by_role("button", name=CARRY).click()
    expect(page.get_by_text("2 punten staan nu op de agenda hieronder.")).to_be_visible()
    expect(page.get_by_role("heading", name="Eigen punt: Wijkbudgetten")).to_be_visible()
    expect(page.get_by_role("button", name=CARRY)).to_have_count(0)

    second.get_by_role("button", name=CARRY).click()  # the stale tab tries again
    expect(second.get_by_text("De open punten zijn al overgenomen")).to_be_visible()
    other.close()

    page.reload()
    expect(page.get_by_text("Overgenomen op")).to_be_visible()
    expect(page.get_by_role("button", name=CARRY)).to_have_count(0)
    carry = follow_up.carried(store, rnd.id)
    assert carry is not None and carry.items == 2
    assert choices.statuses(store, rnd.id) == {"2a": "kiezen"}
    assert [o.title for o in follow_up.own_items(store, rnd.id)] == ["Wijkbudgetten"]
    assert follow_up.progress(store, rnd.id)["2a"].status.value == "loopt"

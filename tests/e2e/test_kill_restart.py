"""Kill the server in the middle of a workshop: after a restart no acknowledged answer is lost."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

from .conftest import start_server

pytestmark = pytest.mark.e2e


def _stored(store: Store, ws_id: int, qid: str) -> int:
    return workshop.tally(store, ws_id, qid).answered


def test_kill_and_restart_loses_no_acknowledged_answer(server, browser) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, secret = workshop.create(store, rnd.id, ["6.1", "8.1"], "Avond")
    workshop.set_status(store, ws.id, secret, "6.1", "open")

    phones = []
    for choice in ["1", "3", "4"]:
        context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
        phone = context.new_page()
        phone.set_default_timeout(30_000)
        phone.goto(f"{server.url}/doe/{ws.join_code}")
        phone.get_by_role("radio", name=re.compile(rf"^{choice} ·")).check()
        expect(phone.get_by_text("Opgeslagen ✓")).to_be_visible()  # acknowledged after the commit
        phones.append((context, phone, choice))
    deadline = time.monotonic() + 20
    while _stored(store, ws.id, "6.1") < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _stored(store, ws.id, "6.1") == 3  # acknowledged: the server stored them

    server.process.kill()  # SIGKILL: no clean shutdown
    server.process.wait(timeout=20)
    restarted = start_server(server.db)
    try:
        assert _stored(Store(server.db), ws.id, "6.1") == 3
        for _, phone, choice in phones:
            url = phone.url.replace(server.url, restarted.url)
            phone.goto(url)  # the participant's link still works after the restart
            checked = phone.get_by_role("radio", checked=True)
            expect(checked).to_have_count(1)
            assert checked.locator("xpath=ancestor::label").inner_text().startswith(choice)
        values = sorted(
            v for (v,) in Store(server.db).db.execute("SELECT value FROM workshop_answers").fetchall()
        )
        assert values == [1, 3, 4]
    finally:
        restarted.process.terminate()
        restarted.process.wait(timeout=20)
        for context, _, _ in phones:
            context.close()

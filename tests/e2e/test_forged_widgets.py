"""A hand-crafted browser message (a forged radio value, sent over Streamlit's own websocket protocol
to the real server) gets a Dutch message and stores nothing: no traceback, no error box."""

from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store

from ..conftest import PROJECT

sys.path.insert(0, str(PROJECT / "tests" / "perf"))  # the protocol client the benchmarks use
from _stream import StreamSession

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "forged",
    ["99 · Verzonnen", "", "x" * 10_000, "4 · Verankerd" + "\x00"],
    ids=["unknown-level", "empty", "ten-thousand-characters", "nul-byte"],
)
def test_a_forged_radio_value_is_refused_in_dutch(server, forged: str) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0080", 2026)

    async def run() -> tuple[list[str], list[str]]:
        tab = StreamSession(server.url, query="gemeente=GM0080&jaar=2026", page="vragenlijst")
        await tab.connect()
        try:
            await tab.rerun()
            radio = tab.widget("radio")
            await tab.rerun(WidgetState(id=radio.id, string_value=forged))
            alerts = [a.body for a in tab.elements.get("alert", [])]
            return tab.exceptions, alerts
        finally:
            await tab.close()

    # A Playwright test earlier in this worker may keep an event loop running in this thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        exceptions, alerts = pool.submit(asyncio.run, run()).result()
    assert exceptions == []
    assert any("is geen geldig antwoord" in a and len(a) < 200 for a in alerts)
    assert answer_store.of(store, rnd.id) == {}

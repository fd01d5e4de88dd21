"""The phones' server side (scan/web/hub.py): what it cannot do is logged, and it keeps serving.

The writer refuses a failed batch to its phones and logs it; the hub logs a failed poll (once while
it repeats) and follows the room again as soon as the poll works. The versions the hub polls come
from the records layer (scan.records.workshop.versions), not from SQL in the web layer.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store
from scan.web import hub as hub_module
from scan.web.hub import Hub, Writer

from .async_apart import run_apart


@pytest.fixture
def live(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, workshop.short_set(question_bank()), "Raadsavond")
    return store, ws, pin


def test_versions_are_those_of_the_workshops_asked_for(live) -> None:
    store, ws, pin = live
    other, _ = workshop.create(store, ws.round_id, workshop.short_set(question_bank()), "Tweede avond")
    before = workshop.versions(store, [ws.id, other.id, 999])
    assert set(before) == {ws.id, other.id}  # an unknown workshop is left out
    workshop.go_to(store, ws.id, pin, 1)
    after = workshop.versions(store, [ws.id, other.id])
    assert after[ws.id] > before[ws.id] and after[other.id] == before[other.id]
    assert workshop.versions(store, []) == {}


def test_a_failing_batch_is_refused_logged_and_the_writer_goes_on(live, monkeypatch, caplog) -> None:
    store, ws, _ = live
    real = workshop.run_batch
    calls = 0

    def fail_once(store, operations):
        nonlocal calls
        calls += 1
        if calls == 1:
            raise sqlite3.OperationalError("database or disk is full")
        return real(store, operations)

    monkeypatch.setattr(workshop, "run_batch", fail_once)

    async def phones() -> str:
        writer = Writer(store)
        with pytest.raises(sqlite3.OperationalError):
            await writer.submit(workshop.join_op(ws.id))
        return await writer.submit(workshop.join_op(ws.id))  # the next batch is written

    with caplog.at_level(logging.ERROR, logger=hub_module.__name__):
        token = run_apart(phones())
    assert token and workshop.participants(store, ws.id) == 1
    failed = [r for r in caplog.records if "batch" in r.getMessage()]
    assert len(failed) == 1 and failed[0].exc_info and "disk is full" in str(failed[0].exc_info[1])


def test_a_failing_poll_is_logged_once_and_the_hub_keeps_following(live, monkeypatch, caplog) -> None:
    store, ws, pin = live
    monkeypatch.setattr(hub_module, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(Hub, "_chain_stop_signals", lambda self, loop: None)  # keep pytest's own
    real = workshop.versions
    failures = 3

    def fail_three_times(store, ids):
        nonlocal failures
        if failures:
            failures -= 1
            raise workshop.WorkshopError("De workshop is even niet te lezen.")  # a refusal: no wait
        return real(store, ids)

    monkeypatch.setattr(workshop, "versions", fail_three_times)

    async def phone() -> bytes:
        hub = Hub(store)
        frames = hub.stream(ws.id, b"")
        await anext(frames)  # retry + own answers
        first = await anext(frames)  # the room as it is
        workshop.go_to(store, ws.id, pin, 1)  # the facilitator moves on while polls fail
        changed = await asyncio.wait_for(anext(frames), 5)
        await frames.aclose()
        assert changed != first
        return changed

    with caplog.at_level(logging.ERROR, logger=hub_module.__name__):
        run_apart(phone())
    assert failures == 0
    logged = [r for r in caplog.records if "polling" in r.getMessage()]
    assert len(logged) == 1, "a failure that repeats is logged once"
    assert isinstance(logged[0].exc_info[1], workshop.WorkshopError)

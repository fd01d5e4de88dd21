"""The countdown of a workshop question (issue 27.7): at zero the question closes, and shows its outcome
when the facilitator asked for that, by itself: exactly once, at the first look after zero, whoever
looks (the phones' hub, a page, several processes at once). An answer after zero is refused even
before anyone closed it."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scan.records import workshop
from scan.records.round import rounds
from scan.records.workshop import WorkshopError
from scan.storage.core import Store
from scan.web import hub as hub_module
from scan.web.hub import Hub

from .async_apart import run_apart


@pytest.fixture
def room(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["1.1", "2.1"], "Raadsavond")
    return store, rnd, ws, pin


def test_a_timer_opens_the_question_counts_down_and_can_be_stopped(room) -> None:
    store, _, ws, pin = room
    found = workshop.start_timer(store, ws.id, pin, "1.1", 60, False, clock=lambda: 1000.0)
    assert found == workshop.Timer(1060.0, False)
    assert workshop.statuses(store, ws.id)["1.1"] == "open"
    assert workshop.room_state(store, ws.id)["vraag"]["eindtijd"] == 1060.0
    for wrong in (45, 0, True, "60"):
        with pytest.raises(WorkshopError, match="Kies een timer"):
            workshop.start_timer(store, ws.id, pin, "1.1", wrong, False)  # type: ignore[arg-type]
    workshop.stop_timer(store, ws.id, pin, "1.1")
    assert workshop.timer(store, ws.id, "1.1") is None
    assert workshop.room_state(store, ws.id)["vraag"]["eindtijd"] is None
    assert workshop.close_expired(store, [ws.id], clock=lambda: 1e12) == 0  # no countdown: stays open
    assert workshop.statuses(store, ws.id)["1.1"] == "open"
    workshop.set_status(store, ws.id, pin, "1.1", "closed")
    with pytest.raises(WorkshopError, match="al gesloten"):
        workshop.start_timer(store, ws.id, pin, "1.1", 30, False)


def test_a_question_closed_before_zero_is_left_as_the_facilitator_left_it(room) -> None:
    store, _, ws, pin = room
    workshop.start_timer(store, ws.id, pin, "1.1", 30, True, clock=lambda: 1000.0)
    workshop.set_status(store, ws.id, pin, "1.1", "closed")  # closed by hand, outcome not shown (yet)
    workshop.start_timer(store, ws.id, pin, "2.1", 30, False, clock=lambda: 1000.0)
    workshop.go_to(store, ws.id, pin, 0)  # moving on closes the open question too
    before = workshop.get(store, ws.id).version
    assert workshop.close_expired(store, [ws.id], clock=lambda: 2000.0) == 0
    assert workshop.statuses(store, ws.id) == {"1.1": "closed", "2.1": "closed"}
    assert workshop.get(store, ws.id).version == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.floats(0, 4e9),
    seconds=st.sampled_from(workshop.TIMER_SECONDS),
    reveal=st.booleans(),
    looks=st.lists(st.floats(-400, 400), min_size=1, max_size=6),
)
def test_expiry_closes_exactly_once_at_the_first_look_after_zero(room, start, seconds, reveal, looks) -> None:
    store, rnd, _, _ = room
    ws, pin = workshop.create(store, rnd.id, ["1.1", "2.1"], "Timer")
    ends = workshop.start_timer(store, ws.id, pin, "1.1", seconds, reveal, clock=lambda: start).ends_at
    closed_at = None
    for offset in sorted(looks):
        at = start + seconds + offset
        before = workshop.get(store, ws.id).version
        closed = workshop.close_expired(store, [ws.id], clock=lambda at=at: at)
        status = workshop.statuses(store, ws.id)["1.1"]
        if at >= ends and closed_at is None:
            closed_at = at
            assert closed == 1 and workshop.get(store, ws.id).version == before + 1
        else:
            assert closed == 0 and workshop.get(store, ws.id).version == before
        expected = "open" if closed_at is None else ("revealed" if reveal else "closed")
        assert status == expected
    assert workshop.statuses(store, ws.id)["2.1"] == "hidden"  # only the counted-down question


def test_several_processes_looking_at_once_close_it_once(room) -> None:
    store, _, ws, pin = room
    workshop.start_timer(store, ws.id, pin, "1.1", 30, True, clock=lambda: time.time() - 31)
    before = workshop.get(store, ws.id).version
    servers = [Store(store.path) for _ in range(4)]  # each its own connections, as in serve.py's processes
    with ThreadPoolExecutor(len(servers)) as pool:
        closed = list(pool.map(lambda s: workshop.close_expired(s, [ws.id]), servers))
    assert sorted(closed) == [0, 0, 0, 1]
    assert workshop.get(store, ws.id).version == before + 1
    assert workshop.statuses(store, ws.id)["1.1"] == "revealed"


def test_an_answer_after_zero_is_refused_before_anyone_closed_it(room) -> None:
    store, _, ws, pin = room
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    _, token = workshop.join(store, ws.join_code)
    workshop.start_timer(store, ws.id, pin, "1.1", 30, False, clock=lambda: time.time() - 20)
    workshop.answer(store, ws.id, token, "1.1", 2)  # 10 s left
    workshop.start_timer(store, ws.id, pin, "1.1", 30, False, clock=lambda: time.time() - 30.5)
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.answer(store, ws.id, token, "1.1", 3)
    workshop.start_timer(store, ws.id, pin, qid, 30, False, clock=lambda: time.time() - 31)
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.open_answer(store, ws.id, token, qid, "te laat")
    assert workshop.mine(store, ws.id, token)["antwoorden"] == {"1.1": 2}


def test_the_hub_closes_the_question_at_zero_with_no_facilitator_page_open(room, monkeypatch) -> None:
    store, _, ws, pin = room
    monkeypatch.setattr(hub_module, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(Hub, "_chain_stop_signals", lambda self, loop: None)  # keep pytest's own
    workshop.start_timer(store, ws.id, pin, "1.1", 30, True, clock=lambda: time.time() - 29.5)

    async def phone() -> tuple[bytes, bytes]:
        frames = Hub(store).stream(ws.id, b"")
        await anext(frames)  # retry + own answers
        first = await anext(frames)
        changed = await asyncio.wait_for(anext(frames), 5)
        await frames.aclose()
        return first, changed

    first, changed = run_apart(phone())
    assert b'"stand":"open"' in first and b'"eindtijd":' in first
    assert b'"stand":"revealed"' in changed and b'"eindtijd":null' in changed
    assert workshop.statuses(store, ws.id)["1.1"] == "revealed"

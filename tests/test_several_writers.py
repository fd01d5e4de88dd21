"""Several app processes on one database file (``python -m scan serve --workers N``): each process has
its own phone writer (scan/web/hub.py ``Writer``) and its own hub. Their writes must all land, none
refused because another process held the lock, and a hub must see a change another process made.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import random
import time
from pathlib import Path

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store
from scan.web.hub import Hub, Writer

PROCESSES = 3
PHONES = 60  # per process: each joins, then answers; all at once, as a room does
CHANGES = (1, 2, 3, 4, 3, 2, 3, 4, 3, 3)  # the last one counts


def _phones_on_their_own_process(path: str, workshop_id: int, start, out) -> None:
    """One app process: its own Store and Writer; every phone joins and answers at the same moment."""
    try:
        store = Store(path)
        writer = Writer(store)

        async def phone() -> str:
            token = await writer.submit(workshop.join_op(workshop_id))
            for value in CHANGES:  # a phone changing its mind: many small transactions from every process
                await asyncio.sleep(random.uniform(0, 0.01))
                await writer.submit(workshop.answer_op(workshop_id, token, "6.1", value))
            return token

        start.wait()
        out.put(("ok", asyncio.run(_gather(phone, PHONES))))
    except Exception as exc:  # reported to the test, which fails on it
        out.put(("error", repr(exc)))


async def _gather(make, n: int) -> list:
    return list(await asyncio.gather(*(make() for _ in range(n))))


def test_the_writers_of_several_processes_lose_nothing_on_one_file(tmp_path: Path) -> None:
    path = tmp_path / "samen.sqlite"
    store = Store(path)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Avond")
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    spawn = multiprocessing.get_context("spawn")
    start, out = spawn.Event(), spawn.Queue()
    workers = [
        spawn.Process(target=_phones_on_their_own_process, args=(str(path), ws.id, start, out))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    time.sleep(1.0)  # every process imported and waiting: then all write at once
    start.set()
    results = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert all(kind == "ok" for kind, _ in results), results
    tokens = [token for _, found in results for token in found]
    assert len(set(tokens)) == PROCESSES * PHONES
    assert workshop.participants(store, ws.id) == PROCESSES * PHONES
    assert workshop.tally(store, ws.id, "6.1").answered == PROCESSES * PHONES
    assert store.db.execute("SELECT DISTINCT value FROM workshop_answers").fetchall() == [(CHANGES[-1],)]


def _open_question(path: str, workshop_id: int, pin: str) -> None:
    workshop.set_status(Store(path), workshop_id, pin, "6.1", "open")


def test_a_hub_follows_a_change_made_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "samen.sqlite"
    store = Store(path)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Avond")

    async def follow() -> dict:
        hub = Hub(store)
        room = hub.room(ws.id)
        room.watchers += 1  # a phone watching
        assert b'"stand":"open"' not in room.frame
        changed = room.changed
        other = multiprocessing.get_context("spawn").Process(
            target=_open_question, args=(str(path), ws.id, pin)
        )
        other.start()
        await asyncio.get_running_loop().run_in_executor(None, other.join, 60)
        assert other.exitcode == 0
        await asyncio.wait_for(changed.wait(), timeout=2)  # the hub's 10 Hz poll saw the other process
        return {"frame": room.frame}

    # its own thread: a browser test before this one in the same worker leaves an event loop running here
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        frame = thread.submit(asyncio.run, follow()).result()["frame"]
    assert b'"stand":"open"' in frame

"""The server side of a room full of phones: one writer for all answers, one watcher per process.

- ``Writer``: answers, joins and votes from every phone go into one queue; a single thread writes
  whatever has queued up in one transaction (scan.records.workshop.run_batch) and then acknowledges each
  request. Under load a batch holds hundreds of answers and costs one commit; a phone hears
  "opgeslagen" only after the commit.
- ``Hub``: a task polls the version of the workshops that phones are watching (one small query,
  ten times a second, whoever changed it: the facilitator's Streamlit page, another process, a
  test). On a change it builds the room's state once and wakes every phone's event stream, which
  sends the same bytes to each. When the countdown of a room's question runs out, the hub closes it
  (scan.records.workshop.close_expired): no facilitator's page needs to be open for that.

Neither stops on a failure: a batch that fails is refused to its phones and logged, a poll that
fails is logged and tried again (a failure that repeats is logged once, not ten times a second).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from scan.base.errors import ScanError
from scan.records import workshop
from scan.storage.core import Store

POLL_SECONDS = 0.1
KEEPALIVE_SECONDS = 15.0
MAX_BATCH = 1000

_LOG = logging.getLogger(__name__)


class Writer:
    """One thread that writes queued operations in batches; ``submit`` awaits the commit."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="workshop-writer", daemon=True)
        self._thread.start()

    async def submit(self, operation: workshop.participation.Operation) -> Any:
        """The operation's result; raises its ScanError (a refusal) or any failure of the batch."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put((operation, future, loop))
        result = await future
        if isinstance(result, BaseException):
            raise result
        return result

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            with contextlib.suppress(queue.Empty):
                while len(batch) < MAX_BATCH:
                    batch.append(self._queue.get_nowait())
            try:
                results = workshop.run_batch(self.store, [op for op, _, _ in batch])
            except Exception as exc:  # the whole batch failed (disk full, database locked too long)
                _LOG.exception(
                    "workshop writer: a batch of %d operations failed; refused to its phones", len(batch)
                )
                results = [exc] * len(batch)
            for (_, future, loop), result in zip(batch, results, strict=True):
                with contextlib.suppress(RuntimeError):  # the server is shutting down
                    loop.call_soon_threadsafe(_resolve, future, result)


def _resolve(future: asyncio.Future, result: Any) -> None:
    if not future.done():  # the phone may have gone away meanwhile
        future.set_result(result)


def sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n".encode()


@dataclass
class Room:
    workshop_id: int
    version: int = -1
    frame: bytes = b""  # the "stand" event every phone gets
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    watchers: int = 0
    deadline: float | None = None  # the open question's countdown ends (Unix seconds)


class Hub:
    """Rooms that phones watch, kept current by one polling task."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rooms: dict[int, Room] = {}
        self._task: asyncio.Task | None = None
        self.closing = False
        self._last_failure = ""  # the poll's last logged failure, so a repeated one is logged once

    def close(self) -> None:
        """End every phone's stream (the server is stopping: it waits for open responses to end;
        the phones reconnect to the next server by themselves)."""
        self.closing = True
        for room in self.rooms.values():
            room.changed.set()

    def _chain_stop_signals(self, loop: asyncio.AbstractEventLoop) -> None:
        """Close the streams on SIGTERM/SIGINT, then let the server's own handler stop it."""
        if threading.current_thread() is not threading.main_thread():
            return
        for number in (signal.SIGTERM, signal.SIGINT):
            previous = signal.getsignal(number)

            def handler(signum, frame, previous=previous) -> None:
                loop.call_soon_threadsafe(self.close)
                if callable(previous):
                    previous(signum, frame)

            signal.signal(number, handler)

    def _refresh(self, room: Room, version: int) -> None:
        state = workshop.room_state(self.store, room.workshop_id)
        room.version = state["v"] if version < 0 else version
        room.frame = sse("stand", state)
        room.deadline = (state.get("vraag") or {}).get("eindtijd")
        old, room.changed = room.changed, asyncio.Event()
        old.set()

    def room(self, workshop_id: int) -> Room:
        """The room (its state loaded now if nobody watched it yet)."""
        room = self.rooms.get(workshop_id)
        if room is None:
            room = self.rooms[workshop_id] = Room(workshop_id)
            self._refresh(room, -1)
        if self._task is None:
            self._chain_stop_signals(asyncio.get_running_loop())
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._watch())
        return room

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            for wid in [w for w, r in self.rooms.items() if r.watchers == 0]:
                del self.rooms[wid]  # nobody watching: forget it (memory stays flat)
            if not self.rooms:
                continue
            try:
                for wid, version in workshop.versions(self.store, list(self.rooms)).items():
                    room = self.rooms.get(wid)
                    if room is not None and version != room.version:
                        self._refresh(room, version)
                due = [
                    w for w, r in self.rooms.items() if r.deadline is not None and r.deadline <= time.time()
                ]
                if due:  # closed in a write of its own, off the loop; the next poll sees the new version
                    await asyncio.to_thread(workshop.close_expired, self.store, due)
            except Exception as exc:  # never let one bad poll stop the phones from following
                self._log_failure(exc)
                if not isinstance(exc, ScanError):  # a refusal (a room gone) is not worth waiting on
                    await asyncio.sleep(1)
            else:
                self._last_failure = ""

    def _log_failure(self, exc: Exception) -> None:
        failure = f"{type(exc).__name__}: {exc}"
        if failure != self._last_failure:
            self._last_failure = failure
            _LOG.error("workshop hub: polling the rooms failed; phones keep their last state", exc_info=exc)

    async def stream(self, workshop_id: int, first: bytes):
        """Server-sent events for one phone: ``first`` (its own answers), the room's state, then the
        state after every change, and a comment every 15 s so proxies keep the connection open."""
        room = self.room(workshop_id)
        room.watchers += 1
        try:
            yield b"retry: 2000\n\n" + first
            while not self.closing:
                changed = room.changed
                yield room.frame
                while not self.closing:
                    try:
                        await asyncio.wait_for(changed.wait(), KEEPALIVE_SECONDS)
                        break
                    except TimeoutError:
                        yield b": wacht\n\n"
        finally:
            room.watchers -= 1

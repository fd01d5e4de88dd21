"""Who joins a workshop how fast: a warning for the facilitator when one address joins more phones
in a minute than a room does.

The rule: more than 30 joins from one address within one minute (``BURST`` in ``WINDOW``). A room
shares one Wi-Fi address, so many joins from one address are normal; but people need time to get
their phone out and scan the code, and a room of 30 (a council workshop) takes more than a minute
to be in. 31 in a minute from one address is more than such a room makes: a script, or a hall of
more than about 60 people on one Wi-Fi (the warning says so; the facilitator compares the count
with the room). A script that joined a thousand times in 37 s shows up after its first second.

Kept in the memory of the server process (the phone page and the facilitator's page run in the
same one), never in the database: the phone page promises that no IP address is stored. After a
restart the watch starts again; memory stays bounded.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

BURST = 30  # joins from one address ...
WINDOW = 60.0  # ... within this many seconds: more is a warning
MAX_SOURCES = 10_000  # (workshop, address) pairs remembered; the longest quiet is forgotten first
MAX_COUNTED = 1_000  # joins counted within one window (more is "at least this many")


@dataclass(frozen=True)
class Burst:
    """An address that joined more than BURST times within a WINDOW."""

    most_in_window: int  # the most joins within any one window so far
    total: int  # all its joins to this workshop


@dataclass
class _Source:
    times: deque = field(default_factory=lambda: deque(maxlen=MAX_COUNTED))
    most: int = 0
    total: int = 0


class JoinWatch:
    def __init__(self, clock=time.monotonic, max_sources: int = MAX_SOURCES) -> None:
        self._clock = clock
        self.max_sources = max_sources
        self._lock = threading.Lock()
        self._sources: OrderedDict[tuple[int, str], _Source] = OrderedDict()

    def joined(self, workshop_id: int, address: str) -> None:
        """A phone joined this workshop from this address."""
        key = (workshop_id, address or "onbekend")
        with self._lock:
            source = self._sources.get(key) or _Source()
            self._sources[key] = source
            self._sources.move_to_end(key)
            now = self._clock()
            source.times.append(now)
            while source.times[0] < now - WINDOW:
                source.times.popleft()
            source.most = max(source.most, len(source.times))
            source.total += 1
            while len(self._sources) > self.max_sources:
                self._sources.popitem(last=False)

    def bursts(self, workshop_id: int) -> list[Burst]:
        """Addresses that joined this workshop more than BURST times within a WINDOW, most first."""
        with self._lock:
            found = [
                Burst(source.most, source.total)
                for (wid, _), source in self._sources.items()
                if wid == workshop_id and source.most > BURST
            ]
        return sorted(found, key=lambda burst: -burst.total)


# One per process: the phone page records, the facilitator's page reads.
JOINS = JoinWatch()

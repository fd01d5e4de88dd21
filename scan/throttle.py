"""Slow down guessing of codes, PINs and passwords: per browser session and per client address.

After three wrong attempts from one session, every next try waits twice as long (2, 4, 8 … seconds,
at most 5 minutes). The client address gets a larger budget: only every tenth wrong attempt from
the address counts there, because a whole room shares one Wi-Fi address and one phone typing wrong
codes must not lock out the others (nor the griffier on the same network). A right code clears the
session, never the address (someone with a valid code could otherwise reset the address between
guesses elsewhere). Records are forgotten after a quiet quarter of an hour, and memory stays bounded.

The address is what the server saw: behind a reverse proxy it is the client's own address only when
the proxy is trusted (``DEMOCRATIESCAN_TRUSTED_PROXIES``, see server.py); a client can never choose
it by sending an X-Forwarded-For header itself.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from scan.errors import ScanError

FREE_ATTEMPTS = 3
MAX_WAIT = 300  # seconds
ADDRESS_FACTOR = 10  # an address may make ten times as many wrong attempts as one session
FORGET_AFTER = 15 * 60  # seconds without a wrong attempt
MAX_RECORDS = 100_000
T = TypeVar("T")


class TooManyAttempts(ScanError):
    """Too many wrong attempts in a row; the user must wait."""


def wait_words(seconds: int) -> str:
    """ "1 seconde", "8 seconden", "2 minuten": how long to wait, in plain Dutch."""
    if seconds < 60:
        return f"{seconds} seconde" if seconds == 1 else f"{seconds} seconden"
    minutes = math.ceil(seconds / 60)
    return "1 minuut" if minutes == 1 else f"{minutes} minuten"


@dataclass
class _Record:
    failures: int = 0
    misses: int = 0  # wrong attempts from an address, of which every ADDRESS_FACTOR-th is a failure
    last: float = 0.0


class Throttle:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def _record(self, key: str) -> _Record | None:
        record = self._records.get(key)
        if record is not None and self._clock() - record.last > FORGET_AFTER:
            del self._records[key]
            return None
        return record

    def wait_seconds(self, key: str) -> int:
        with self._lock:
            record = self._record(key)
            if record is None or record.failures < FREE_ATTEMPTS:
                return 0
            wait = min(2 ** (record.failures - FREE_ATTEMPTS + 1), MAX_WAIT)
            return max(0, math.ceil(record.last + wait - self._clock()))

    def check(self, key: str) -> None:
        if (seconds := self.wait_seconds(key)) > 0:
            raise TooManyAttempts(
                f"Te veel verkeerde pogingen. Probeer het over {wait_words(seconds)} opnieuw."
            )

    def failed(self, key: str, *, every: int = 1) -> None:
        """A wrong attempt; with ``every`` > 1 only every n-th one counts as a failure."""
        with self._lock:
            record = self._record(key) or _Record()
            self._records[key] = record
            self._records.move_to_end(key)
            record.misses += 1
            if record.misses % every == 0:
                record.failures += 1
            record.last = self._clock()
            while len(self._records) > MAX_RECORDS:
                self._records.popitem(last=False)  # the longest quiet first

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)

    def guard(self, kind: str, session: str, address: str, check: Callable[[], T]) -> T:
        """Run ``check`` (a code, PIN or password check that raises ScanError when wrong), throttled
        per session and per address. ``kind`` names what is tried ("workshopcode", "pincode-<ref>")."""
        session_key = f"{kind}|sessie|{session or 'onbekend'}"
        address_key = f"{kind}|adres|{address or 'onbekend'}"
        self.check(session_key)
        self.check(address_key)
        try:
            result = check()
        except ScanError:
            self.failed(session_key)
            self.failed(address_key, every=ADDRESS_FACTOR)
            raise
        self.succeeded(session_key)
        return result


# One per process: every Streamlit session and the phone page share it.
THROTTLE = Throttle()

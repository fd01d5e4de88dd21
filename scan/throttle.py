"""Slow down repeated wrong codes and passwords (per client and target), in memory per process."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from scan.errors import ScanError

FREE_ATTEMPTS = 3
MAX_WAIT = 300  # seconds


class TooManyAttempts(ScanError):
    """Too many wrong attempts in a row; the user must wait."""


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


class Throttle:
    """After three wrong attempts every next try waits twice as long: 2, 4, 8, ... seconds (max 5 minutes)."""

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._records: dict[str, _Record] = {}

    def wait_seconds(self, key: str) -> int:
        with self._lock:
            record = self._records.get(key)
            if record is None or record.failures < FREE_ATTEMPTS:
                return 0
            wait = min(2 ** (record.failures - FREE_ATTEMPTS + 1), MAX_WAIT)
            return max(0, int(record.last + wait - self._clock() + 0.999))

    def check(self, key: str) -> None:
        if (seconds := self.wait_seconds(key)) > 0:
            raise TooManyAttempts(f"Te veel verkeerde pogingen. Probeer het over {seconds} seconden opnieuw.")

    def failed(self, key: str) -> None:
        with self._lock:
            record = self._records.setdefault(key, _Record())
            record.failures += 1
            record.last = self._clock()

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)


# One per process: every Streamlit session shares it.
THROTTLE = Throttle()

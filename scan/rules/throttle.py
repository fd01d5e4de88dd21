"""Slow down guessing of codes, PINs and passwords: per browser session and per client address.

After three wrong attempts from one session, every next try waits twice as long (2, 4, 8 … seconds,
at most 5 minutes). The client address gets a larger budget: only every tenth wrong attempt from
the address counts there, because a whole room shares one Wi-Fi address and one phone typing wrong
codes must not lock out the others (nor the griffier on the same network). A right code clears the
session, never the address (someone with a valid code could otherwise reset the address between
guesses elsewhere). Records are forgotten after a quiet quarter of an hour, and memory stays bounded.

Passwords are also counted per account (``guard_accounts``): the beheerder's and each griffie's
account take 30 wrong attempts in all, from every form, session and address together, before
anyone waits. Every attempt is counted before its check runs and taken back when it was right, so
attempts at the same moment (Streamlit sessions are threads) cannot slip past a budget together.
A joined workshop phone never meets the throttle: its participant token proves it (scan/web/phone.py).

The address is what the server saw: behind a reverse proxy it is the client's own address only when
the proxy is trusted (``DEMOCRATIESCAN_TRUSTED_PROXIES``, see server.py); a client can never choose
it by sending an X-Forwarded-For header itself.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from scan.base.errors import ScanError
from scan.base.formatting import nl_count

FREE_ATTEMPTS = 3
MAX_WAIT = 300  # seconds
ADDRESS_FACTOR = 10  # an address may make ten times as many wrong attempts as one session
ACCOUNT_FACTOR = 10  # and so may an account (the beheerder's, a griffie's), from all clients together
ACCOUNT_BUDGET = ACCOUNT_FACTOR * FREE_ATTEMPTS  # wrong passwords for one account before anyone waits
FORGET_AFTER = 15 * 60  # seconds without a wrong attempt
MAX_RECORDS = 100_000
T = TypeVar("T")


class TooManyAttempts(ScanError):
    """Too many wrong attempts in a row; the user must wait."""


def wait_words(seconds: int) -> str:
    """ "1 seconde", "8 seconden", "2 minuten": how long to wait, in plain Dutch."""
    if seconds < 60:
        return nl_count(seconds, "seconde", "seconden")
    return nl_count(math.ceil(seconds / 60), "minuut", "minuten")


@dataclass(frozen=True)
class _Taken:
    """One attempt counted in advance: the record's time before it, and its own time."""

    key: str
    before: float
    at: float


@dataclass
class _Record:
    misses: int = 0  # wrong attempts; every ``every``-th one is a failure
    every: int = 1
    last: float = 0.0

    @property
    def failures(self) -> int:
        return self.misses // self.every


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

    def _wait(self, key: str) -> int:
        record = self._record(key)
        if record is None or record.failures < FREE_ATTEMPTS:
            return 0
        wait = min(2 ** (record.failures - FREE_ATTEMPTS + 1), MAX_WAIT)
        return max(0, math.ceil(record.last + wait - self._clock()))

    def wait_seconds(self, key: str) -> int:
        with self._lock:
            return self._wait(key)

    def check(self, key: str) -> None:
        if (seconds := self.wait_seconds(key)) > 0:
            raise too_many(seconds)

    def _miss(self, key: str, every: int) -> _Taken:
        """Count a wrong attempt (the lock is held); what a refund needs to take it back."""
        record = self._record(key) or _Record(every=every)
        self._records[key] = record
        self._records.move_to_end(key)
        taken = _Taken(key, record.last, self._clock())
        record.last = taken.at
        record.misses += 1
        while len(self._records) > MAX_RECORDS:
            self._records.popitem(last=False)  # the longest quiet first
        return taken

    def failed(self, key: str, *, every: int = 1) -> None:
        """A wrong attempt; with ``every`` > 1 only every n-th one counts as a failure."""
        with self._lock:
            self._miss(key, every)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._records.pop(key, None)

    def _refund(self, *taken: _Taken) -> None:
        """Take back attempts counted in advance that turned out right (or were never judged)."""
        with self._lock:
            for one in taken:
                record = self._records.get(one.key)
                if record is None or record.misses == 0:
                    continue
                record.misses -= 1
                if record.last == one.at:  # no other attempt since: its time as before
                    record.last = one.before
                if record.misses == 0:
                    del self._records[one.key]

    def _take(self, keys: list[tuple[str, int]]) -> list[_Taken]:
        """Check every key and count an attempt against each, as one step: attempts that run at the
        same moment (Streamlit sessions are threads; scrypt lets others run) cannot all pass the
        check before any of them is counted. Raises TooManyAttempts, counting nothing."""
        with self._lock:
            if waits := [w for key, _ in keys if (w := self._wait(key)) > 0]:
                raise too_many(max(waits))
            return [self._miss(key, every) for key, every in keys]

    def _client_keys(self, kind: str, session: str, address: str) -> tuple[str, str]:
        return f"{kind}|sessie|{session or 'onbekend'}", f"{kind}|adres|{address or 'onbekend'}"

    def guard(self, kind: str, session: str, address: str, check: Callable[[], T]) -> T:
        """Run ``check`` (a code, PIN or password check that raises ScanError when wrong), throttled
        per session and per address. ``kind`` names what is tried ("workshopcode", "pincode-<ref>").
        The attempt is counted before the check runs; a right one is taken back (and clears the
        session, never the address)."""
        session_key, address_key = self._client_keys(kind, session, address)
        client = self._take([(session_key, 1), (address_key, ADDRESS_FACTOR)])
        try:
            result = check()
        except ScanError:
            raise
        except BaseException:  # not judged (a database error): not a wrong attempt
            self._refund(*client)
            raise
        self._refund(*client)
        self.succeeded(session_key)
        return result

    def guard_accounts(
        self,
        kind: str,
        session: str,
        address: str,
        accounts: Sequence[str],
        matches: Callable[[str], bool],
        wrong: str,
    ) -> str:
        """Try one secret against several accounts (a municipality's login form takes its griffie's
        password and the beheerder's); returns the account it opens, or raises ScanError(``wrong``).

        Throttled per client (session and address, ``kind`` for every form together) and per
        account, wherever the attempt comes from: an account takes ACCOUNT_BUDGET wrong attempts in
        all before anyone waits. An account that is waiting is not tried, so a griffie still logs in
        on its own form while the beheerder account waits; if the secret opened nothing that was
        tried, the answer is the wait (the waiting account might have been the one)."""
        session_key, address_key = self._client_keys(kind, session, address)
        client = self._take([(session_key, 1), (address_key, ADDRESS_FACTOR)])
        tried, wait = False, 0
        try:
            for account in accounts:
                key = f"{kind}|account|{account}"
                try:
                    (taken,) = self._take([(key, ACCOUNT_FACTOR)])
                except TooManyAttempts:
                    wait = max(wait, self.wait_seconds(key))
                    continue
                tried = True
                try:
                    opened = matches(account)
                except BaseException:
                    self._refund(taken)
                    raise
                if opened:
                    self._refund(taken, *client)
                    self.succeeded(session_key)
                    return account
        except BaseException:
            self._refund(*client)
            raise
        if not tried:  # nothing was judged: not a wrong attempt of this client
            self._refund(*client)
        if wait:
            raise too_many(wait)
        raise ScanError(wrong)


def too_many(seconds: int) -> TooManyAttempts:
    return TooManyAttempts(
        f"Te veel verkeerde pogingen. Probeer het over {wait_words(max(1, seconds))} opnieuw."
    )


# One per process: every Streamlit session and the phone page share it.
THROTTLE = Throttle()

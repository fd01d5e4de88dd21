"""Throttled guessing: per session, with a larger budget per address, in plain Dutch."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from scan.base.errors import ScanError
from scan.rules.throttle import (
    ADDRESS_FACTOR,
    FORGET_AFTER,
    FREE_ATTEMPTS,
    Throttle,
    TooManyAttempts,
    wait_words,
)


@pytest.fixture
def clock():
    return [1000.0]


@pytest.fixture
def throttle(clock) -> Throttle:
    return Throttle(clock=lambda: clock[0])


def wrong() -> None:
    raise ScanError("Deze code kennen we niet.")


def test_the_wait_doubles_after_three_mistakes(throttle: Throttle, clock) -> None:
    for _ in range(3):
        throttle.check("k")
        throttle.failed("k")
    assert throttle.wait_seconds("k") == 2
    with pytest.raises(TooManyAttempts, match="over 2 seconden opnieuw"):
        throttle.check("k")
    throttle.check("other")  # others are not affected
    clock[0] += 2
    throttle.failed("k")
    assert throttle.wait_seconds("k") == 4
    throttle.succeeded("k")
    assert throttle.wait_seconds("k") == 0


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 seconde"),
        (8, "8 seconden"),
        (59, "59 seconden"),
        (60, "1 minuut"),
        (61, "2 minuten"),
        (300, "5 minuten"),
    ],
)
def test_waits_in_plain_dutch(seconds: int, words: str) -> None:
    assert wait_words(seconds) == words


def test_one_phone_typing_wrong_codes_never_locks_out_the_room(throttle: Throttle, clock) -> None:
    # nine phones behind one Wi-Fi address; one of them keeps typing wrong codes, waiting out each pause
    for _ in range(8):
        clock[0] += throttle.wait_seconds("workshopcode|sessie|telefoon-1")
        with pytest.raises(ScanError):
            throttle.guard("workshopcode", "telefoon-1", "10.0.0.1", wrong)
    with pytest.raises(TooManyAttempts, match="Probeer het over"):  # that phone is slowed down ...
        throttle.guard("workshopcode", "telefoon-1", "10.0.0.1", wrong)
    for phone in range(2, 10):  # ... the rest of the room is not
        assert throttle.guard("workshopcode", f"telefoon-{phone}", "10.0.0.1", lambda: "ok") == "ok"


def test_an_address_guessing_from_many_sessions_is_slowed_down(throttle: Throttle, clock) -> None:
    # a script that starts a new session for every guess still runs into the address budget
    for n in range(ADDRESS_FACTOR * 3):
        with pytest.raises(ScanError):
            throttle.guard("pincode-x", f"sessie-{n}", "203.0.113.9", wrong)
    with pytest.raises(TooManyAttempts):
        throttle.guard("pincode-x", "nieuwe-sessie", "203.0.113.9", wrong)
    assert throttle.guard("pincode-x", "iemand", "198.51.100.7", lambda: "ok") == "ok"  # other addresses fine


def test_a_right_code_clears_the_session_but_never_the_address(throttle: Throttle) -> None:
    for n in range(ADDRESS_FACTOR * 3):
        with pytest.raises(ScanError):
            throttle.guard("code", f"s{n}", "203.0.113.9", wrong)
    before = throttle.wait_seconds("code|adres|203.0.113.9")
    with pytest.raises(TooManyAttempts):
        throttle.guard("code", "met-geldige-code", "203.0.113.9", lambda: "ok")
    assert throttle.wait_seconds("code|adres|203.0.113.9") == before > 0


def test_quiet_records_are_forgotten(throttle: Throttle, clock) -> None:
    for _ in range(5):
        throttle.failed("k")
    clock[0] += FORGET_AFTER + 1
    assert throttle.wait_seconds("k") == 0 and "k" not in throttle._records


def test_guesses_at_the_same_moment_cannot_slip_past_the_budget(throttle: Throttle) -> None:
    # Streamlit runs each session in its own thread: an attempt is counted before its check runs,
    # so sixteen sessions guessing a PIN at once from one address get the address's 30 checks
    checks = []

    def slow_wrong() -> None:
        checks.append(1)
        time.sleep(0.002)
        wrong()

    def guess(thread: int) -> None:
        for n in range(10):
            with contextlib.suppress(ScanError):
                throttle.guard("pincode-x", f"t{thread}-{n}", "203.0.113.9", slow_wrong)

    threads = [threading.Thread(target=guess, args=(t,)) for t in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checks) == ADDRESS_FACTOR * FREE_ATTEMPTS


def test_a_right_code_does_not_use_up_the_address(throttle: Throttle) -> None:
    # a room of 200 phones on one Wi-Fi address typing the right code: nobody waits
    for phone in range(200):
        assert throttle.guard("workshopcode", f"telefoon-{phone}", "10.0.0.1", lambda: "ok") == "ok"
    assert throttle.wait_seconds("workshopcode|adres|10.0.0.1") == 0
    for n in range(ADDRESS_FACTOR * FREE_ATTEMPTS - 1):  # and the address keeps its whole budget
        with pytest.raises(ScanError, match="kennen we niet"):
            throttle.guard("workshopcode", f"s{n}", "10.0.0.1", wrong)

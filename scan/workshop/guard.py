"""Slow down guessing of workshop codes and facilitator PINs: per session and per client address.

One function, so the throttle's internals can change without touching the pages. The address gets
a larger budget than a session (``ADDRESS_FACTOR`` times as many wrong attempts): a whole room
shares one Wi-Fi address, and one phone typing wrong codes must not lock the others out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from scan.errors import ScanError
from scan.throttle import THROTTLE

ADDRESS_FACTOR = 10
T = TypeVar("T")
_lock = threading.Lock()
_address_misses: dict[str, int] = {}


def guarded(kind: str, session: str, address: str, check: Callable[[], T]) -> T:
    """Run ``check`` (a code or PIN check that raises ScanError when wrong), throttled.

    ``kind`` names what is tried ("workshopcode", "pincode-<ref>"); ``session`` is the browser
    session (a Streamlit session or the phone page's cookie) and ``address`` the client address.
    """
    session_key = f"{kind}|sessie|{session or 'onbekend'}"
    address_key = f"{kind}|adres|{address or 'onbekend'}"
    THROTTLE.check(session_key)
    THROTTLE.check(address_key)
    try:
        result = check()
    except ScanError:
        THROTTLE.failed(session_key)
        with _lock:
            misses = _address_misses[address_key] = _address_misses.get(address_key, 0) + 1
            if len(_address_misses) > 100_000:  # bounded memory: forget the oldest half
                for key in list(_address_misses)[:50_000]:
                    del _address_misses[key]
        if misses % ADDRESS_FACTOR == 0:
            THROTTLE.failed(address_key)
        raise
    # a right code clears this session, never the address (someone with the room's code
    # could otherwise reset the address budget between guesses at other workshops)
    THROTTLE.succeeded(session_key)
    return result

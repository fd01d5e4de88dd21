"""Hold a write transaction from another connection, to prove that a check runs inside its write.

While another connection holds an uncommitted change, a write from the store waits for the lock.
If the store checked before it began its transaction, it checked the old state and then wrote
anyway; if it checks inside, it sees the committed change and refuses (or keeps it).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path


def race(path: Path, change: list[tuple[str, list]], write: Callable[[], object]) -> object:
    """Run ``write`` in a thread while ``change`` is held uncommitted; commit it, return write's
    result (or the exception it raised)."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    for sql, params in change:
        conn.execute(sql, params)
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(write())
        except Exception as exc:  # returned to the test, which decides what it expects
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.3)  # let the writer do whatever it does before its transaction, and block on the lock
    conn.execute("COMMIT")
    conn.close()
    thread.join(30)
    return outcome[0]

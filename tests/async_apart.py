"""Run a coroutine to its end from synchronous test code, in its own thread.

A Playwright test that ran earlier in the same xdist worker leaves an event loop running in the
worker's main thread, and asyncio.run refuses to start inside it."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

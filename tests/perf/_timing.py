"""Benchmarks only: write the duration of every script run of the server to a log file.

Wraps ``ScriptRunner._run_script``, the method that runs the script once (from the rerun request
being picked up to the script-finished event), so the figure is the server's own time for one run,
without the websocket or the browser.
"""

from __future__ import annotations

import os
import time

from streamlit.runtime.scriptrunner import script_runner

LOG_ENV = "DEMOCRATIESCAN_TIMING_LOG"


def record_script_runs() -> None:
    path = os.environ.get(LOG_ENV)
    if not path:
        return
    log = open(path, "a", buffering=1)  # noqa: SIM115 - open for the life of the server
    run = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return run(self, rerun_data)
        finally:
            log.write(f"{time.perf_counter() - start:.6f}\n")

    script_runner.ScriptRunner._run_script = timed


def read_runs(path: str) -> list[float]:
    with open(path) as log:
        return [float(line) for line in log if line.strip()]

"""Benchmark: from process start to the first page served by the real server (streamlit run server.py).

Run: python tests/perf/cold_start.py [--runs N]. "Served" means the HTML page and the first
script run over the websocket are done: measured with a headless Chromium waiting for the
page heading, and separately the time until the HTTP server answers its health check.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import median, national_db

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_server


def one_start(browser, script: str = "server.py") -> tuple[float, float]:
    t0 = time.perf_counter()
    server = start_server(national_db(), script=script)
    try:
        health = time.perf_counter() - t0
        page = browser.new_page()
        page.goto(f"{server.url}/")
        page.get_by_role("heading", name="democratiescan").wait_for(timeout=30_000)
        first_page = time.perf_counter() - t0
        page.close()
        return health, first_page
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        one_start(browser)  # warm the OS file cache once, as on a server that has run before
        results = [one_start(browser) for _ in range(args.runs)]
        with (
            tempfile.TemporaryDirectory() as tmp
        ):  # the floor: a one-line Streamlit app, same machine, same run
            minimal = Path(tmp) / "minimal.py"
            minimal.write_text('import streamlit as st\nst.title("democratiescan")\n')
            floor = [one_start(browser, str(minimal)) for _ in range(args.runs)]
        browser.close()
    for i, (health, first) in enumerate(results, start=1):
        print(f"start {i}: server answers after {health:.2f} s, first page drawn after {first:.2f} s")
    ours, one_line = median([r[1] for r in results]), median([r[1] for r in floor])
    print(f"one-line Streamlit app, same run: first page after {one_line:.2f} s (median)")
    print(
        f"SUMMARY cold start: first page after {ours:.2f} s (median of {args.runs}; target <= 3 s; "
        f"a one-line Streamlit app needs {one_line:.2f} s here)"
    )


if __name__ == "__main__":
    main()

"""Benchmark: from process start to the first page served by the real server (streamlit run server.py).

Run: python tests/perf/cold_start.py [--runs N]. "Served" means the HTML page and the first
script run over the websocket are done: measured with a headless Chromium waiting for the
page heading, and separately the time until the HTTP server answers its health check.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request

from _common import PROJECT, median, national_db

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_start(browser) -> tuple[float, float]:
    port = free_port()
    env = dict(os.environ, DEMOCRATIESCAN_DB=str(national_db()))
    t0 = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "server.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.02)
        health = time.perf_counter() - t0
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_role("heading", name="democratiescan").wait_for(timeout=30_000)
        first_page = time.perf_counter() - t0
        page.close()
        return health, first_page
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        one_start(browser)  # warm the OS file cache once, as on a server that has run before
        results = [one_start(browser) for _ in range(args.runs)]
        browser.close()
    for i, (health, first) in enumerate(results, start=1):
        print(f"start {i}: server answers after {health:.2f} s, first page drawn after {first:.2f} s")
    print(
        f"SUMMARY cold start: first page after {median([r[1] for r in results]):.2f} s (median of {args.runs}; target <= 3 s)"
    )


if __name__ == "__main__":
    main()

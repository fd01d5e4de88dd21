"""A real Streamlit server and a real Debian Chromium for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import PROJECT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen


def start_server(
    db: Path, port: int | None = None, script: str = "server.py", env: dict[str, str] | None = None
) -> Server:
    """``streamlit run server.py`` on a free port with this database; returns once it answers."""
    port = port or _free_port()
    env = dict(os.environ, DEMOCRATIESCAN_DB=str(db), **(env or {}))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("DEMOCRATIESCAN_SERVER_LOG") else subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    # poll quickly: tests/perf/cold_start.py measures this wait
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return Server(url, db, process)
        except OSError:
            time.sleep(0.02)
    process.kill()
    raise RuntimeError("Streamlit server did not start within 60 s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = start_server(tmp_path / "e2e.sqlite")
    yield srv
    stop_server(srv)


def stop_server(srv: Server) -> None:
    """Stop a test's server: SIGTERM, and SIGKILL if it has not gone after 20 s (with open websockets on a
    busy machine Streamlit's shutdown can take longer; a test must not fail on its own clean-up)."""
    if srv.process.poll() is None:
        srv.process.terminate()
        try:
            srv.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.process.kill()
            srv.process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed (apt-get install -y chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Streamlit marks its app element with the script's state ("running", "notRunning"); a page is settled
# when that has said "notRunning" for QUIET_MS (a first run may ask for a second one at once) and
# every chart is drawn.
QUIET_MS = 400
SETTLED = """quiet => {
    const app = document.querySelector('[data-testid=stApp]');
    if (!app) return document.readyState === 'complete';  // not a Streamlit page (a phone's page)
    const state = app.getAttribute('data-test-script-state'), now = performance.now();
    if (window.__scanState !== state) { window.__scanState = state; window.__scanSince = now; return false; }
    const drawn = [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
        .every(chart => chart.querySelector('.main-svg'));
    return state === 'notRunning' && now - window.__scanSince >= quiet && drawn;
}"""


def settled(page) -> None:
    """Wait until the page's script has stopped running for a moment and its charts are drawn (instead
    of a fixed wait: a quick page costs no more than it takes). Call it once the page shows something:
    a page without Streamlit's app element counts as a page of its own (the workshop's phone pages)."""
    page.wait_for_function(SETTLED, arg=QUIET_MS)


def open_phone(browser, url: str, timeout_ms: int = 20_000):
    """A phone (390×844, Dutch) in its own browser context, on ``url``; returns (context, page)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(timeout_ms)
    phone.goto(url)
    return context, phone


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 1000}, accept_downloads=True
    )
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()

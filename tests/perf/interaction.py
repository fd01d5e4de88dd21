"""Benchmark: server-side time of one script run of the heaviest pages on the national data set,
as a ratio to a minimal one-line Streamlit page measured in the same run.

Run: python tests/perf/interaction.py [--runs N]. Starts the real server twice (democratiescan on
the national data set, and a one-line page with the same config), opens a session on each over
``/_stcore/stream`` like a browser, and times reruns: from sending ``BackMsg.rerun_script`` to
receiving "script finished". That is the work a click costs the server (script run, protobuf
serialisation, websocket) without the browser's drawing. The first view of each page fills the
caches; the views after it are measured, as a user clicking around a page does.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from _common import median, ms, national_db, p95
from _stream import StreamSession

from tests.e2e.conftest import start_server

ROUND = "gemeente=GM0355&jaar=2026"
PAUSE = 0.05  # seconds between clicks, so each run is measured on its own, not queued behind the last
# page url path -> (name in the output, a text its title must contain: proof the page really drew)
PAGES = {
    "resultaten": ("resultaten", "Resultaten"),
    "vergelijken": ("vergelijken (peer-vergelijking)", "Vergelijken"),
    "aanbevelingen": ("aanbevelingen", "Aanbevelingen"),
    "deelnemers": ("deelnemers (griffie-overzicht)", "Deelnemers"),
    "rollen": ("rollen vergelijken", "Rollen"),
    "start": ("start", "democratiescan"),
}
MINIMAL_PAGE = 'import streamlit as st\nst.write("democratiescan")\n'
# Served like democratiescan (st.App, same config, same socket fix) so only the page differs.
MINIMAL_SERVER = """import streamlit as st
import contextlib
from scan.ui.tcp_nodelay import enable_nodelay_on_listeners

@contextlib.asynccontextmanager
async def lifespan(_app):
    enable_nodelay_on_listeners()
    yield

app = st.App("minimal_page.py", lifespan=lifespan)
"""


async def timed_views(url: str, query: str, page: str, runs: int, must_show: str) -> tuple[list[float], int]:
    session = StreamSession(url, query=query, page=page)
    await session.connect()
    try:
        await session.rerun()  # first view: caches fill
        timings = []
        for _ in range(runs):
            await asyncio.sleep(PAUSE)  # a person does not click again within a millisecond
            timings.append(await session.rerun())
        titles = " ".join(h.body for h in session.elements.get("heading", []))
        titles += " ".join(m.body for m in session.elements.get("markdown", []))
        if session.exceptions or must_show not in titles:
            raise RuntimeError(
                f"page {page or '/'} did not draw as expected: {session.exceptions or titles[:200]}"
            )
        return timings, sum(len(v) for v in session.elements.values())
    finally:
        await session.close()


def stop(server) -> None:
    server.process.terminate()
    server.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--pages", help="comma-separated url paths to measure instead of the heaviest pages")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "minimal_page.py").write_text(MINIMAL_PAGE)
        (Path(tmp) / "minimal_server.py").write_text(MINIMAL_SERVER)
        minimal = start_server(Path(tmp) / "unused.sqlite", script=str(Path(tmp) / "minimal_server.py"))
        try:
            baseline, _ = asyncio.run(timed_views(minimal.url, "", "", args.runs, "democratiescan"))
        finally:
            stop(minimal)
    print(f"minimal page: median {ms(median(baseline))}, p95 {ms(p95(baseline))}")

    server = start_server(national_db())
    worst_ratio, worst_p95 = 0.0, 0.0
    try:
        pages = {p: (p, "") for p in args.pages.split(",")} if args.pages else PAGES
        for page, (name, title) in pages.items():
            timings, elements = asyncio.run(timed_views(server.url, ROUND, page, args.runs, title))
            ratio = median(timings) / median(baseline)
            worst_ratio, worst_p95 = max(worst_ratio, ratio), max(worst_p95, p95(timings))
            print(
                f"{name}: median {ms(median(timings))}, p95 {ms(p95(timings))}, "
                f"{ratio:.1f}x the minimal page ({elements} elements)"
            )
    finally:
        stop(server)
    print(
        f"SUMMARY interaction: heaviest page {worst_ratio:.1f}x the minimal page (target <= 3x), "
        f"worst p95 {ms(worst_p95)} (target <= 150 ms)"
    )


if __name__ == "__main__":
    main()

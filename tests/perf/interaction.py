"""Benchmark: server-side time of one script run of the heaviest pages on the national data set,
as a ratio to a minimal one-line Streamlit page measured in the same run.

Run: python tests/perf/interaction.py [--runs N] [--pages a,b]. Starts the real server twice
(democratiescan on the national data set, and a one-line page behind the same st.App set-up),
opens a session on each over ``/_stcore/stream`` like a browser and reruns each page N times,
with a short pause between clicks as a person makes. Two figures per page:

- *script run*: the server's own time for one run of the script (logged inside the server by
  tests/perf/_timing.py around ``ScriptRunner._run_script``). This is the figure the target is about.
- *static page of as many elements*: the same script-run figure for a page of n Markdown lines and
  no data, n = the number of elements the measured page drew (sidebar menu included). Streamlit
  spends ~0.12 ms of server time per element, so this separates the framework's share from ours.
- *click*: from sending ``BackMsg.rerun_script`` to receiving "script finished" over the websocket.
  Streamlit sends messages in batches every 5 ms, so this figure moves in steps of about 5 ms.

The first view of each page fills the caches; the views after it are measured.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from pathlib import Path

from _common import PROJECT, median, ms, national_db, p95
from _stream import StreamSession
from _timing import LOG_ENV, read_runs

from tests.e2e.conftest import start_server

ROUND = "gemeente=GM0355&jaar=2026"
PAUSE = 0.05  # seconds between clicks, so each run is measured on its own, not queued behind the last
# page url path -> (name in the output, a text the page must show: proof it really drew)
PAGES = {
    "start": ("start", "democratiescan"),
    "vragenlijst": ("vragenlijst", "Vragenlijst"),
    "resultaten": ("resultaten", "Resultaten"),
    "vergelijken": ("vergelijken (peer-vergelijking)", "Vergelijken"),
    "aanbevelingen": ("aanbevelingen", "Aanbevelingen"),
    "agenda": ("agenda", "agenda"),
    "deelnemers": ("deelnemers (griffie-overzicht)", "Deelnemers"),
    "rollen": ("rollen vergelijken", "Rollen"),
    "trend": ("trend", "Trend"),
}
MINIMAL_PAGE = 'import streamlit as st\nst.write("democratiescan")\n'
# Streamlit's own cost per element: a page of n short Markdown lines and nothing else (?n=...).
STATIC_PAGE = """import streamlit as st
for i in range(int(st.query_params.get("n", "1"))):
    st.markdown(f"democratiescan: regel {i + 1} van een pagina zonder gegevens.")
"""
MINIMAL_SERVER = f"""import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from _timing import record_script_runs
record_script_runs()
import streamlit as st
from scan.ui.tcp_nodelay import enable_nodelay_on_listeners
import contextlib

@contextlib.asynccontextmanager
async def lifespan(_app):
    enable_nodelay_on_listeners()  # as democratiescan's server does, so only the page differs
    yield

app = st.App("PAGE_FILE", lifespan=lifespan)
"""


async def views(url: str, query: str, page: str, runs: int, must_show: str) -> tuple[list[float], int]:
    """Click times of ``runs`` views after the first, and the number of elements the page drew."""
    session = StreamSession(url, query=query, page=page)
    await session.connect()
    try:
        await session.rerun()  # first view: caches fill
        clicks = []
        for _ in range(runs):
            await asyncio.sleep(PAUSE)
            clicks.append(await session.rerun())
        texts = " ".join(e.body for kind in ("heading", "markdown") for e in session.elements.get(kind, []))
        if session.exceptions or must_show.lower() not in texts.lower():
            raise RuntimeError(
                f"page {page or '/'} did not draw as expected: {session.exceptions or texts[:300]}"
            )
        return clicks, sum(len(v) for v in session.elements.values())
    finally:
        await session.close()


def measure(server, log: Path, query: str, page: str, runs: int, must_show: str):
    before = len(read_runs(str(log)))
    clicks, elements = asyncio.run(views(server.url, query, page, runs, must_show))
    script = read_runs(str(log))[before + 1 :]  # without the first view
    assert len(script) == runs, f"{len(script)} script runs logged for {runs} clicks"
    return script, clicks, elements


def stop(server) -> None:
    server.process.terminate()
    server.process.wait(timeout=30)


def line(name: str, script: list[float], clicks: list[float], base: tuple[float, float] | None) -> str:
    text = f"script run median {ms(median(script))}, p95 {ms(p95(script))}"
    if base:
        text += f" = {median(script) / base[0]:.1f}x"
    text += f" | click median {ms(median(clicks))}, p95 {ms(p95(clicks))}"
    if base:
        text += f" = {median(clicks) / base[1]:.1f}x"
    return f"{name}: {text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--pages", help="comma-separated url paths to measure instead of the default set")
    args = parser.parse_args()
    pages = {p: (p, "") for p in args.pages.split(",")} if args.pages else PAGES

    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "runs.log"
        log.touch()
        os.environ[LOG_ENV] = str(log)
        for name, text in (("minimal", MINIMAL_PAGE), ("static", STATIC_PAGE)):
            (Path(tmp) / f"{name}_page.py").write_text(text)
            (Path(tmp) / f"{name}_server.py").write_text(
                MINIMAL_SERVER.replace("PAGE_FILE", f"{name}_page.py")
            )
        minimal = start_server(Path(tmp) / "unused.sqlite", script=str(Path(tmp) / "minimal_server.py"))
        try:
            base_script, base_clicks, _ = measure(minimal, log, "", "", args.runs, "democratiescan")
        finally:
            stop(minimal)
        base = (median(base_script), median(base_clicks))
        print(line("minimal one-line page", base_script, base_clicks, None), flush=True)
        static = start_server(Path(tmp) / "unused.sqlite", script=str(Path(tmp) / "static_server.py"))

        server = start_server(national_db(), script=str(PROJECT / "tests" / "perf" / "timed_server.py"))
        worst = ("", 0.0, 0.0, 0.0, 0.0)  # page, script ratio, script p95, click ratio, ratio to static
        try:
            for page, (name, title) in pages.items():
                script, clicks, elements = measure(server, log, ROUND, page, args.runs, title)
                same_size, _, _ = measure(static, log, f"n={elements}", "", args.runs, "democratiescan")
                print(
                    line(f"{name} ({elements} elements)", script, clicks, base)
                    + f" | {median(script) / median(same_size):.1f}x a static page of {elements} lines "
                    f"({ms(median(same_size))})",
                    flush=True,
                )
                ratio = median(script) / base[0]
                worst = (
                    name if ratio > worst[1] else worst[0],
                    max(worst[1], ratio),
                    max(worst[2], p95(script)),
                    max(worst[3], median(clicks) / base[1]),
                    max(worst[4], median(script) / median(same_size)),
                )
        finally:
            stop(server)
            stop(static)
    print(
        f"SUMMARY interaction: heaviest page ({worst[0]}) {worst[1]:.1f}x the minimal page per script run "
        f"(target <= 3x), at most {worst[4]:.1f}x a static page with as many elements; worst p95 "
        f"{ms(worst[2])} (target <= 150 ms); per click over the websocket at most {worst[3]:.1f}x"
    )


if __name__ == "__main__":
    main()

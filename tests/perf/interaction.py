"""Benchmark: server-side time of one script run of the heaviest pages on the national data set,
as a ratio to a minimal one-line Streamlit page measured in the same run.

Run: python tests/perf/interaction.py [--runs N]. Uses Streamlit's AppTest, which runs the real
script in this process (no browser, no network): that is the server-side part of a page view.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from _common import PROJECT, median, ms, national_db, p95
from streamlit.testing.v1 import AppTest

PAGES = {
    "resultaten": "scan/ui/pages/results.py",
    "vergelijken (peer-vergelijking)": "scan/ui/pages/benchmark.py",
    "aanbevelingen": "scan/ui/pages/recommendations.py",
    "deelnemers (griffie-overzicht)": "scan/ui/pages/participants.py",
    "rollen vergelijken": "scan/ui/pages/voices.py",
    "start": "scan/ui/pages/start.py",
}


def timed_runs(at: AppTest, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at.run()
        timings.append(time.perf_counter() - t0)
        assert not at.exception, [e.value for e in at.exception]
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    os.environ["DEMOCRATIESCAN_DB"] = str(national_db())

    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text('import streamlit as st\nst.write("democratiescan")\n')
        base = AppTest.from_file(str(minimal), default_timeout=60)
        base.run()
        baseline = timed_runs(base, args.runs)
    print(f"minimal page: median {ms(median(baseline))}, p95 {ms(p95(baseline))}")

    worst_ratio, worst_p95 = 0.0, 0.0
    for name, page in PAGES.items():
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
        at.query_params["gemeente"] = "GM0355"
        at.query_params["jaar"] = "2026"
        at.run()
        at.switch_page(page).run()  # first view fills the caches; we measure the views after it
        timings = timed_runs(at, args.runs)
        ratio = median(timings) / median(baseline)
        worst_ratio, worst_p95 = max(worst_ratio, ratio), max(worst_p95, p95(timings))
        print(f"{name}: median {ms(median(timings))}, p95 {ms(p95(timings))}, {ratio:.1f}x the minimal page")
    print(
        f"SUMMARY interaction: heaviest page {worst_ratio:.1f}x the minimal page (target <= 3x), "
        f"worst p95 {ms(worst_p95)} (target <= 150 ms)"
    )


if __name__ == "__main__":
    main()

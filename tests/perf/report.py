"""Benchmark: time to make the full council report (all charts) on the demo data, per format.

Run: python tests/perf/report.py [--runs N]. Prints the figures and, last, one summary line.
Not part of the pass/fail test run. "first" is the first report in a fresh process (imports of
WeasyPrint and its fonts included); the rest are later reports in the same process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scan.records.demo import FEATURED, fill_demo
from scan.records.round import rounds
from scan.storage.core import Store
from scan.views.exports import export


def timed(store: Store, rnd, fmt: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    data = export(store, rnd, fmt)
    return time.perf_counter() - t0, len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "demo.sqlite")
        fill_demo(store)
        rnd = rounds.get(store, FEATURED, 2026)
        cold, size = timed(store, rnd, "pdf")
        print(f"first PDF report in this process: {cold:.2f} s, {size:,} bytes")
        results = {}
        for fmt in ("pdf", "docx", "html"):
            runs = [timed(store, rnd, fmt)[0] for _ in range(args.runs)]
            results[fmt] = runs
            print(
                f"{fmt}: median {statistics.median(runs):.2f} s, max {max(runs):.2f} s over {args.runs} reports"
            )
        print(
            f"SUMMARY report: PDF first {cold:.2f} s, then median {statistics.median(results['pdf']):.2f} s "
            f"(max {max(results['pdf']):.2f} s); Word median {statistics.median(results['docx']):.2f} s; "
            f"web page median {statistics.median(results['html']):.2f} s (target <= 5 s)"
        )


if __name__ == "__main__":
    main()

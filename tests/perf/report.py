"""Benchmark: time to generate the full council report (PDF with all charts) on the demo data.

Run: python tests/perf/report.py [--runs N]. Prints the figures and, last, one summary line.
Not part of the pass/fail test run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scan import rounds
from scan.demo import FEATURED, fill_demo
from scan.exports import export
from scan.storage import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "demo.sqlite")
        fill_demo(store)
        rnd = rounds.get(store, FEATURED, 2026)
        t0 = time.perf_counter()
        first = export(store, rnd, "pdf")
        cold = time.perf_counter() - t0
        print(f"first report (starts the kaleido server): {cold:.2f} s, {len(first):,} bytes")
        timings = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            export(store, rnd, "pdf")
            timings.append(time.perf_counter() - t0)
        docx_t0 = time.perf_counter()
        export(store, rnd, "docx")
        docx = time.perf_counter() - docx_t0
        print(
            f"next {args.runs} reports: median {statistics.median(timings):.2f} s, max {max(timings):.2f} s"
        )
        print(f"Word report: {docx:.2f} s")
        print(
            f"SUMMARY report: PDF first {cold:.2f} s, then median {statistics.median(timings):.2f} s "
            f"(target <= 5 s; issue 8 asks < 10 s)"
        )


if __name__ == "__main__":
    main()

"""Benchmark: how the peer statistics cost grows with data (municipalities x rounds).

Run: python tests/perf/benchmark_scaling.py. For 10, 100 and 342 municipalities and 1, 3 and 5
rounds it builds a fictitious database (self-scans, shared with the benchmark) and times what a
page needs: reading the year's shared scans and computing the comparison for the largest group.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import median, ms

from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.records.national import generate
from scan.records.round import answers as answer_store
from scan.rules.scoring import score_scan
from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views import self_scan as scan_views
from scan.views.peers import peer_data as load_peer_data

SIZES = (10, 100, 342)
ROUNDS = (1, 3, 5)
REPEAT = 7


def measure(municipalities: int, rounds: int) -> tuple[float, float]:
    codes = sorted(reference().municipalities)[:municipalities]
    if "GM0355" not in codes:
        codes[-1] = "GM0355"
    years = tuple(2026 - 2 * i for i in range(rounds))[::-1]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "scale.sqlite")
        generate(store, respondents=0, years=years, municipalities=codes)
        own = rounds.get(store, "GM0355", 2026)
        answers = answer_store.of(store, own.id)
        score = score_scan(question_bank(), answers)
        group = reference().all_group()
        loads, compares = [], []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            data = load_peer_data(store, 2026)
            t1 = time.perf_counter()
            peer_views.comparison(store, scan_views.SelfScan(own, answers, score), data, group)
            t2 = time.perf_counter()
            loads.append(t1 - t0)
            compares.append(t2 - t1)
        return median(loads), median(compares)


def main() -> None:
    results = {}
    for rounds in ROUNDS:
        for size in SIZES:
            load, comp = measure(size, rounds)
            results[(size, rounds)] = load + comp
            print(
                f"{size:>3} municipalities x {rounds} rounds: read {ms(load)}, statistics {ms(comp)}, total {ms(load + comp)}"
            )
    national = results[(342, 3)]
    growth = results[(342, 1)] / results[(10, 1)]
    print(
        f"SUMMARY benchmark scaling: national data set (342 x 3 rounds) {ms(national)} (target <= 100 ms); "
        f"34x the municipalities costs {growth:.1f}x the time (linear would be 34x)"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()

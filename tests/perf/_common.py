"""Shared helpers for the benchmark scripts: the national data set and simple statistics."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))
NATIONAL_DB = PROJECT / "data" / "national.sqlite"


def national_db() -> Path:
    """The fictitious national data set, generated once (about 15 s) and reused."""
    if not NATIONAL_DB.exists():
        print(f"generating the national data set in {NATIONAL_DB} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "scan", "national", "--db", str(NATIONAL_DB)], cwd=PROJECT, check=True
        )
    return NATIONAL_DB


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median(values: list[float]) -> float:
    return statistics.median(values)

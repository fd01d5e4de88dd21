"""Role results and conversation starters (scan/voices.py)."""

from __future__ import annotations

from scan.benchmark import Stat
from scan.questionbank import question_bank
from scan.voices import DIVERGENCE_POINTS, RoleResult, divergences

BANK = question_bank()


def _role(role: str, means: dict[int, float | None], n: int = 5) -> RoleResult:
    full = {p.id: means.get(p.id) for p in BANK.core_priorities}
    return RoleResult(role, n, {p: Stat(n) for p in full}, full)


def test_a_starter_from_exactly_25_points_apart() -> None:
    assert DIVERGENCE_POINTS == 25
    results = {
        "raad": _role("raad", {1: 75.0, 2: 74.0}),
        "inwoners": _role("inwoners", {1: 50.0, 2: 50.0}),
    }
    found = divergences(BANK, results)
    assert [(d.priority_id, d.high_role, d.low_role, d.gap) for d in found] == [(1, "raad", "inwoners", 25.0)]

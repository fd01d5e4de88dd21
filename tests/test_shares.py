"""Percentages the room can trust (issue 27.2): ties never split, order kept, sum as close to 100 as
that allows, over random distributions (hypothesis) and a brute force over every allowed rounding."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from scan.records import workshop
from scan.rules.shares import percentages, share

COUNTS = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=9)


def _allowed_sums(values: list[int]) -> set[int]:
    """Every sum a rounding can reach that rounds each share down or up, rounds equal counts alike and
    never puts a larger count below a smaller one (brute force over the distinct counts)."""
    total = sum(values)
    exact = {v: Fraction(100 * v, total) for v in set(values)}
    distinct = sorted(exact)
    sums = set()
    for ups in itertools.product((0, 1), repeat=len(distinct)):
        shown = {
            v: int(exact[v]) + (up if exact[v].denominator > 1 else 0)
            for v, up in zip(distinct, ups, strict=True)
        }
        if all(shown[a] <= shown[b] for a, b in itertools.pairwise(distinct)):
            sums.add(sum(shown[v] for v in values))
    return sums


@settings(max_examples=400, deadline=None)
@given(COUNTS)
def test_percentages_are_fair_and_as_close_to_a_hundred_as_ties_allow(values) -> None:
    shown = percentages(values)
    total = sum(values)
    if total == 0:
        assert shown == [0] * len(values)
        return
    for v, p in zip(values, shown, strict=True):
        exact = Fraction(100 * v, total)
        assert p in {int(exact), -(-exact.numerator // exact.denominator)}  # rounded down or up, no further
    for (a, pa), (b, pb) in itertools.combinations(zip(values, shown, strict=True), 2):
        if a == b:
            assert pa == pb, f"a tie split: {values} -> {shown}"
        if a > b:
            assert pa >= pb, f"a larger count below a smaller one: {values} -> {shown}"
    closest = min(abs(s - 100) for s in _allowed_sums(values))
    assert abs(sum(shown) - 100) == closest, f"{values} -> {shown} (sum {sum(shown)}), could be {closest} off"
    if len(set(v for v in values if v)) == len([v for v in values if v]):
        assert sum(shown) == 100  # no ties: the classic largest remainder, exactly 100


def test_examples_from_a_room() -> None:
    assert percentages([1, 1, 1]) == [33, 33, 33]  # not 34, 33, 33: that reads as a win
    assert percentages([5, 5, 2, 2, 2]) == [
        32,
        32,
        12,
        12,
        12,
    ]  # 12,5 three times up: 101; the tie of 5s: 100
    assert percentages([1] * 7) == [14] * 7
    assert percentages([6, 5, 5]) == [38, 31, 31]
    assert percentages([3, 0, 0]) == [100, 0, 0]
    assert percentages([0, 0]) == [0, 0]
    assert workshop.percentages is percentages  # one rule for screen, projector and export


def test_a_share_of_voters_rounds_halves_up_and_equal_counts_alike() -> None:
    assert [share(n, 7) for n in (7, 5, 5, 1, 0)] == [100, 71, 71, 14, 0]
    assert share(1, 8) == 13 and share(1, 200) == 1 and share(1, 201) == 0
    assert share(3, 0) == 0

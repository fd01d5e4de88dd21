"""Whole percentages a room can trust.

Two kinds, and a figure always says which it is:

- ``percentages``: shares of one total that add up to (nearly) 100, as in a distribution of answers
  ("5 van de 16 antwoorden: 31%"). Equal counts always show equal percentages (a tie is never split),
  a larger count never shows a smaller percentage, and within those rules the sum is as close to 100
  as possible; the counts rounded up are those with the largest remainders.
- ``share``: one count out of a number of people, as in a vote where each voter may pick several
  proposals ("5 van de 7 stemmers: 71%"); such shares do not add up to 100.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def share(count: int, of: int) -> int:
    """``count`` out of ``of`` as a whole percentage, halves rounded up (0 when ``of`` is 0)."""
    if of <= 0:
        return 0
    return (200 * count + of) // (2 * of)


def percentages(values: Sequence[int]) -> list[int]:
    """Whole percentages of the total of ``values`` (counts, each >= 0).

    Every percentage is its exact share rounded down or up (an exact whole share stays as it is, so 0
    stays 0). Among the roundings that never split a tie and never put a larger count below a smaller
    one, the one whose sum is closest to 100 is taken (below 100 before above, at equal distance), and
    then the one that rounds up the largest remainders. Three equal counts give 33, 33, 33 (sum 99),
    not 34, 33, 33.
    """
    total = sum(values)
    if total <= 0:
        return [0 for _ in values]
    # the counts that can be rounded up, grouped per count (a tie moves as one) and per whole part
    # (only counts with the same whole part can swap order by rounding: there the larger must go first)
    sizes = Counter(v for v in values if (v * 100) % total)
    floor = {v: v * 100 // total for v in set(values)}
    by_floor: dict[int, list[int]] = {}
    for v in sorted(sizes, reverse=True):  # within one whole part: largest remainder first
        by_floor.setdefault(floor[v], []).append(v)
    # per whole part the choice is a prefix of its counts; a knapsack over the parts finds the sum
    # closest to 100. best[k] = (sum of remainders rounded up, chosen prefix lengths) for k roundings
    best: dict[int, tuple[int, tuple[int, ...]]] = {0: (0, ())}
    for counts in by_floor.values():
        options = [(0, 0)]
        for v in counts:
            last_k, last_r = options[-1]
            options.append((last_k + sizes[v], last_r + sizes[v] * ((v * 100) % total)))
        step: dict[int, tuple[int, tuple[int, ...]]] = {}
        for k, (r, chosen) in best.items():
            for length, (extra_k, extra_r) in enumerate(options):
                candidate = (r + extra_r, (*chosen, length))
                if k + extra_k not in step or candidate[0] > step[k + extra_k][0]:
                    step[k + extra_k] = candidate
        best = step
    base = sum(floor[v] for v in values)
    _, lengths = min(
        best.items(), key=lambda item: (abs(base + item[0] - 100), base + item[0] > 100, -item[1][0])
    )[1]
    rounded_up = {
        v for counts, length in zip(by_floor.values(), lengths, strict=True) for v in counts[:length]
    }
    return [floor[v] + (v in rounded_up) for v in values]

"""Reading order of a laid-out page: columns left to right, each column top to bottom.

Input is the text runs of one page with their boxes (y grows downwards). A column gap (gutter)
is an x-range that almost no run crosses; runs that do cross it (a title over the full width)
cut the page into bands, and each band is read column by column. Lines become paragraphs where
the vertical gap is clearly larger than the usual line distance.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# A gutter is at least this wide (points) and crossed by at most this share of the runs.
MIN_GUTTER = 6.0
MAX_CROSSING_SHARE = 0.08
MIN_RUNS_PER_SIDE = 1
PARAGRAPH_GAP_FACTOR = 1.45
BULLET = re.compile(r"^\s*(?:[•▪●◦■□\-–—*·]|\d{1,2}[.)]|[a-z][.)])\s+")


@dataclass(frozen=True)
class Run:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Line:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return " ".join(r.text.strip() for r in sorted(self.runs, key=lambda r: r.x0) if r.text.strip())

    @property
    def top(self) -> float:
        return min(r.top for r in self.runs)

    @property
    def bottom(self) -> float:
        return max(r.bottom for r in self.runs)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _find_gutter(runs: Sequence[Run]) -> float | None:
    """x of a column gap, or None. Looks in the middle 80% of the text's width."""
    if len(runs) < 2 * MIN_RUNS_PER_SIDE:
        return None
    left = min(r.x0 for r in runs)
    right = max(r.x1 for r in runs)
    width = right - left
    if width <= 0:
        return None
    cells = int(width) + 1
    coverage = [0] * cells
    for r in runs:
        for x in range(int(r.x0 - left), min(int(r.x1 - left) + 1, cells)):
            coverage[x] += 1
    lo, hi = int(width * 0.1), int(width * 0.9)
    best: tuple[int, int] | None = None  # (length, start)
    # First look for a gap no run crosses; only then allow a few crossing runs (a wide title).
    for allowed in (0, max(1, int(len(runs) * MAX_CROSSING_SHARE))):
        best = _widest_gap(coverage, lo, hi, allowed)
        if best is not None and best[0] >= MIN_GUTTER:
            break
    if best is None or best[0] < MIN_GUTTER:
        return None
    gutter = left + best[1] + best[0] / 2
    n_left = sum(1 for r in runs if r.x1 <= gutter)
    n_right = sum(1 for r in runs if r.x0 >= gutter)
    if n_left < MIN_RUNS_PER_SIDE or n_right < MIN_RUNS_PER_SIDE:
        return None
    return gutter


def _widest_gap(coverage: list[int], lo: int, hi: int, allowed: int) -> tuple[int, int] | None:
    """(length, start) of the widest stretch in [lo, hi] crossed by at most ``allowed`` runs."""
    best: tuple[int, int] | None = None
    start = None
    for x in range(lo, hi + 2):
        inside = x <= hi and coverage[x] <= allowed
        if inside and start is None:
            start = x
        elif not inside and start is not None:
            if best is None or x - start > best[0]:
                best = (x - start, start)
            start = None
    return best


def _columns(runs: Sequence[Run], depth: int = 0) -> list[float]:
    """Sorted gutter positions (at most three columns per side of a split, two levels deep)."""
    gutter = _find_gutter(runs)
    if gutter is None:
        return []
    if depth >= 1:
        return [gutter]
    left = [r for r in runs if r.x1 <= gutter]
    right = [r for r in runs if r.x0 >= gutter]
    return sorted([*_columns(left, depth + 1), gutter, *_columns(right, depth + 1)])


def _lines(runs: Sequence[Run]) -> list[Line]:
    """Group runs into lines: runs whose vertical middles are close belong together."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.middle, r.x0)):
        if lines:
            current = lines[-1]
            ref = statistics.median(r.middle for r in current)
            if abs(run.middle - ref) <= 0.5 * max(run.height, current[0].height):
                current.append(run)
                continue
        lines.append([run])
    return [Line(tuple(sorted(line, key=lambda r: r.x0))) for line in lines]


def order_runs(runs: Sequence[Run]) -> list[list[Line]]:
    """The page's text as reading-ordered groups of lines (one group per column part or band)."""
    runs = [r for r in runs if r.text.strip()]
    if not runs:
        return []
    gutters = _columns(runs)
    if not gutters:
        return [_lines(runs)]
    spanning = sorted((r for r in runs if any(r.x0 < g < r.x1 for g in gutters)), key=lambda r: (r.top, r.x0))
    inside = [r for r in runs if not any(r.x0 < g < r.x1 for g in gutters)]
    # Band edges: the spanning runs, top to bottom.
    groups: list[list[Line]] = []
    edges = [s.top for s in spanning]
    bands: list[list[Run]] = [[] for _ in range(len(edges) + 1)]
    for r in inside:
        band = sum(1 for e in edges if r.middle > e)
        bands[band].append(r)
    bounds = [float("-inf"), *gutters, float("inf")]
    for i, band_runs in enumerate(bands):
        if i > 0:
            groups.append(_lines([spanning[i - 1]]))
        for lo, hi in itertools.pairwise(bounds):
            column = [r for r in band_runs if lo <= (r.x0 + r.x1) / 2 < hi]
            if column:
                groups.append(_lines(column))
    return groups


def paragraphs(lines: Sequence[Line]) -> list[str]:
    """Join lines into paragraphs; a larger vertical gap or a bullet starts a new one."""
    if not lines:
        return []
    steps = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top]
    # The usual line distance: the lower quartile, so blank lines between short paragraphs don't count.
    usual = sorted(steps)[len(steps) // 4] if steps else lines[0].height * 1.2
    result: list[list[str]] = [[lines[0].text]]
    for prev, line in itertools.pairwise(lines):
        gap = line.top - prev.top
        if gap > PARAGRAPH_GAP_FACTOR * usual or BULLET.match(line.text):
            result.append([line.text])
        else:
            result[-1].append(line.text)
    return [join_lines(p) for p in result]


def join_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph; undo end-of-line hyphenation ("burger-" + "beraad")."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text.endswith("-") and line[:1].islower() and not re.match(r"^(en|of|tot)\b", line):
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text

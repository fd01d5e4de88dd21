"""A screenful at a time: split a list of texts into pages that fit a fixed area, and pick the page
a screen shows now. Used by the projector, which nobody can scroll (issue 27.1).

Heights are in lines of a given width in em: a text's width is the sum of its characters' widths
(upper bounds for the app's sans-serif, Source Sans: capitals, digits and wide letters 0.68 em,
narrow ones and spaces 0.3 em, the rest 0.5 em), plus a word-wrap margin; ``gap`` lines go below each text. The caller gives the
room; a browser test measures the real screen (tests/e2e/test_projector_fits.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

_WIDE = frozenset("mwMWÆŒ@%&") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NARROW = frozenset("iljtfrI.,:;'!|() ")
WRAP = 1.08  # a line breaks between words, so it is on average this much shorter than its width


def width(text: str) -> float:
    """The width of a text on one line in em (an upper bound for common sans-serif fonts)."""
    return sum(0.68 if c in _WIDE else 0.3 if c in _NARROW else 0.5 for c in text)


def lines(text: str, line_width: float) -> int:
    """Lines a text takes when it wraps in a line ``line_width`` em wide (at least one)."""
    return max(1, math.ceil(width(text) * WRAP / line_width))


def pages(texts: Sequence[str], line_width: float, room: float, gap: float = 0.0) -> list[range]:
    """Consecutive texts per page, each page at most ``room`` lines high (a text that alone is higher
    gets a page of its own). Every text is on exactly one page, in order."""
    found: list[range] = []
    start, used = 0, 0.0
    for i, text in enumerate(texts):
        height = lines(text, line_width) + gap
        if i > start and used + height > room:
            found.append(range(start, i))
            start, used = i, 0.0
        used += height
    if start < len(texts):
        found.append(range(start, len(texts)))
    return found


def page_now(count: int, clock: float, seconds: float) -> int:
    """The page a screen shows at ``clock`` (seconds) when it moves on every ``seconds``."""
    if count <= 1:
        return 0
    return int(clock // seconds) % count

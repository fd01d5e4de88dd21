"""A screenful at a time: split a list of texts into pages that fit a fixed area, and pick the page
a screen shows now. Used by the projector, which nobody can scroll (issue 27.1).

Heights are in lines of a given width in em: a word's width is the sum of its characters' widths
(upper bounds for the app's sans-serif, Source Sans: capitals, digits and wide letters 0.68 em,
narrow ones and spaces 0.3 em, the rest 0.5 em), and a text wraps between words the way a browser
does; ``gap`` lines go below each text. The caller gives the room; browser tests measure the real
screens (tests/e2e/test_projector_fits.py, tests/e2e/test_slides_fit_browser.py). The council
presentation (scan/views/presentation.py) pages its screens with the same count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

_WIDE = frozenset("mwMWÆŒ@%&") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NARROW = frozenset("iljtfrI.,:;'!|() ")
SPACE = 0.3


def width(text: str) -> float:
    """The width of a text on one line in em (an upper bound for common sans-serif fonts)."""
    return sum(0.68 if c in _WIDE else 0.3 if c in _NARROW else 0.5 for c in text)


def lines(text: str, line_width: float) -> int:
    """Lines a text takes when it wraps between words in a line ``line_width`` em wide (at least one).
    A word wider than the line breaks inside itself, as CSS ``overflow-wrap: anywhere`` lets it; in a
    narrow table cell this counts what a width-only estimate misses (three words on three lines)."""
    line_width = max(line_width, 1.0)
    count, used = 1, 0.0
    for word in text.split():
        w = width(word)
        if used and used + SPACE + w > line_width:
            count, used = count + 1, 0.0
        if w > line_width:
            pieces = math.ceil(w / line_width)
            count, used = count + pieces - 1, w - (pieces - 1) * line_width
        else:
            used += (SPACE if used else 0.0) + w
    return count


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

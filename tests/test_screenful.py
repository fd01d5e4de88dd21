"""A screenful at a time (issue 27.1): every text on exactly one page, in order, no page over its room
unless one text alone is; the page shown moves on with the clock."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from scan.rules import screenful

TEXTS = st.lists(st.text(alphabet="abcdeWM iI.", max_size=300), max_size=50)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.floats(min_value=5, max_value=80), st.floats(min_value=1, max_value=30))
def test_pages_hold_every_text_once_in_order_within_their_room(texts, width, room) -> None:
    pages = screenful.pages(texts, width, room, gap=0.25)
    assert [i for page in pages for i in page] == list(range(len(texts)))
    for page in pages:
        assert len(page) >= 1
        height = sum(screenful.lines(texts[i], width) + 0.25 for i in page)
        assert height <= room or len(page) == 1
    for a, b in itertools.pairwise(pages):  # greedy: the next text did not fit
        height = sum(screenful.lines(texts[i], width) + 0.25 for i in a)
        assert height + screenful.lines(texts[b.start], width) + 0.25 > room


def test_lines_grow_with_the_text_and_capitals_take_more_room() -> None:
    assert screenful.lines("", 40) == 1
    assert screenful.lines("kort", 40) == 1
    assert screenful.lines("a" * 280, 40) > screenful.lines("a" * 100, 40)
    assert screenful.width("NNNN") > screenful.width("nnnn") > screenful.width("iiii")


def test_the_page_shown_moves_on_with_the_clock_and_wraps() -> None:
    assert [screenful.page_now(3, t, 15) for t in (0, 14.9, 15, 30, 45)] == [0, 0, 1, 2, 0]
    assert screenful.page_now(1, 1000, 15) == 0 and screenful.page_now(0, 1000, 15) == 0


def test_a_text_wraps_between_words_and_a_long_word_breaks_inside_itself() -> None:
    # a narrow table cell: three words that do not fit two by two take three lines, which a count of
    # the width alone (13 em in 7 em: two lines) missed on the council's slides
    assert screenful.lines("te weinig antwoorden (n = 4)", 7) == 3
    assert screenful.lines("a" * 60, 10) == 3  # 30 em without a space: breaks twice

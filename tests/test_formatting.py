"""One rounding rule (scan/base/formatting.py): half up, as a reader and Excel's AFRONDEN round, and a
difference shown is the difference of the numbers shown."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scan.base.formatting import (
    nl_count,
    nl_number,
    nl_part_of,
    nl_percent,
    nl_signed,
    shown,
    shown_difference,
)


def _read(text: str) -> int:
    """A shown whole number back as a number ("1.235" → 1235, "−3" → −3)."""
    return int(text.replace(".", "").replace("\u2212", "-").replace("+", ""))


def _half_up(value: Fraction) -> int:
    """Half up, away from zero for negatives (Excel's AFRONDEN), on the exact value."""
    return int(math.copysign(math.floor(abs(value) + Fraction(1, 2)), value))


# A score is a mean of points in quarters (0, 25, 50, 75, 100) over some answers.
scores = st.builds(
    lambda points, n: Fraction(25 * points, n), st.integers(0, 4 * 40), st.integers(1, 40)
).filter(lambda f: f <= 100)


def test_the_examples_from_the_issue() -> None:
    assert [nl_number(v) for v in (62.5, 12.5, 37.5, 0.5, -2.5)] == ["63", "13", "38", "1", "-3"]
    assert nl_number(37.499999999999996) == "38"  # float noise of a mean, not a value below the half
    assert nl_number(1234.5) == "1.235"
    assert nl_number(2.25, 1) == "2,3"
    assert nl_percent(0.125) == "13%"
    assert nl_signed(-0.4) == "0" and nl_signed(12.5) == "+13"
    assert shown(62.5) == 63 and shown(None) is None
    assert shown_difference(62.5, 37.5) == 25  # 63 − 38, not 62 − 38
    assert shown_difference(12.5, 48) == -35
    assert shown_difference(None, 48) is None


@given(scores)
def test_a_score_is_rounded_half_up_even_when_the_float_is_a_hair_below(value: Fraction) -> None:
    as_float = float(value)
    assert _read(nl_number(as_float)) == _half_up(value)
    assert shown(as_float) == _half_up(value)


@given(st.integers(-10_000, 10_000), st.integers(1, 3))
def test_halves_go_up_at_every_precision(whole: int, decimals: int) -> None:
    half = Fraction(2 * whole + 1, 2 * 10**decimals)  # exactly half way between two shown numbers
    expected = Fraction(_half_up(half * 10**decimals), 10**decimals)
    assert Fraction(shown(float(half), decimals)).limit_denominator(10**decimals) == expected


@given(scores, scores)
def test_a_difference_is_the_difference_of_the_numbers_shown(a: Fraction, b: Fraction) -> None:
    after, before = float(a), float(b)
    difference = shown_difference(after, before)
    assert difference == _read(nl_number(after)) - _read(nl_number(before))
    assert _read(nl_signed(difference)) == _read(nl_number(after)) - _read(nl_number(before))


def test_n_is_kept_on_one_line_wherever_it_is_drawn() -> None:
    from scan.base.formatting import keep_n
    from scan.base.tables import markdown_table

    assert keep_n("te weinig antwoorden (n = 3)") == "te weinig antwoorden (n\u00a0=\u00a03)"
    assert keep_n("Gemeenteraad (n = 12)") == "Gemeenteraad (n\u00a0=\u00a012)"
    assert keep_n("een n = x zonder getal") == "een n = x zonder getal"
    table = markdown_table([{"Gemeenteraad (n = 5)": "te weinig antwoorden (n = 3)"}])
    assert "(n = " not in table and table.count("(n\u00a0=\u00a0") == 2


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 passages"), (1, "1 passage"), (2, "2 passages"), (1500, "1.500 passages")]
)
def test_a_count_takes_its_noun_in_the_right_number(count: int, text: str) -> None:
    # "Misschien relevant (1 passages)" stood on the Akkoord page
    assert nl_count(count, "passage", "passages") == text


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (1, 4, "1 van 4 punten staat"),
        (3, 4, "3 van 4 punten staan"),
        (0, 4, "0 van 4 punten staan"),
        (1, 1, "1 van 1 punt staat"),
        (2, 1500, "2 van 1.500 punten staan"),
    ],
)
def test_a_part_of_a_whole_takes_the_verb_of_the_part_and_the_noun_of_the_whole(
    part: int, whole: int, text: str
) -> None:
    # one rule for the projector, the facilitator, the plan, the response line and the peer sentences
    assert nl_part_of(part, whole, ("punt", "punten"), ("staat", "staan")) == text
    assert nl_part_of(part, whole, ("punt", "punten"), ("staat", "staan"), the=True) == text.replace(
        " van ", " van de "
    )

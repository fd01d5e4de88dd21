"""Dutch number and date formats (babel), so "1.234,5" and "22 november 2026" everywhere.

One rounding rule for every number shown (screens, report, presentation, exports): half up, as a reader
and Excel's AFRONDEN round (62,5 → 63; 12,5 → 13; −2,5 → −3, away from zero). A difference shown is the
difference of the numbers shown (``shown_difference``), never of the unrounded values, so "69 | 56 | +13"
always adds up.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "nl_NL"

# Scores are means of quarters (37,5 may arrive as 37,499999999999996): first settle such float noise
# at this many decimals, then round half up.
_NOISE = Decimal("1e-9")


def _shown_decimal(value: float | int | Decimal, decimals: int) -> Decimal:
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    exponent = exact.as_tuple().exponent
    settled = (
        exact.quantize(_NOISE, rounding=ROUND_HALF_EVEN)
        if isinstance(exponent, int) and exponent < -9
        else exact
    )
    result = settled.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result  # never "-0"


def shown(value: float | int | None, decimals: int = 0) -> float | None:
    """The number as it is shown: rounded half up to ``decimals`` (the one rounding rule)."""
    if value is None:
        return None
    return float(_shown_decimal(value, decimals))


def shown_difference(
    after: float | int | None, before: float | int | None, decimals: int = 0
) -> float | None:
    """``after − before`` as the reader computes it from the two numbers shown; None if either is missing."""
    if after is None or before is None:
        return None
    return float(_shown_decimal(after, decimals) - _shown_decimal(before, decimals))


# Pure and called thousands of times a page (babel takes ~40 µs a call): remember recent results.
@functools.lru_cache(maxsize=8192)
def nl_number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(_shown_decimal(value, decimals), format=pattern, locale=LOCALE)


def nl_count(count: int, one: str, more: str) -> str:
    """A count with its noun in the right number: "1 passage", "3 passages", "0 passages"."""
    return f"{nl_number(count)} {one if count == 1 else more}"


def nl_part_of(
    part: int, whole: int, noun: tuple[str, str], verb: tuple[str, str], *, the: bool = False
) -> str:
    """How many of a whole did something: "1 van 4 punten staat", "3 van de 27 raadsleden deden".

    One rule for every such sentence: the noun agrees with the whole ("1 van 1 deelnemer"), the verb with
    the part ("1 van 8 deelnemers heeft", "0 van 8 deelnemers hebben")."""
    article = "de " if the else ""
    return f"{nl_number(part)} van {article}{nl_count(whole, *noun)} {verb[0] if part == 1 else verb[1]}"


@functools.lru_cache(maxsize=8192)
def nl_percent(fraction: float | None, decimals: int = 0) -> str:
    if fraction is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(_shown_decimal(fraction, decimals + 2), format=pattern, locale=LOCALE)


def nl_date(value: date | datetime) -> str:
    return format_date(value, format="long", locale=LOCALE)


def nl_signed(value: float | None, decimals: int = 0) -> str:
    """A difference with its sign: "+12", "−29" (a real minus sign), "0"; "–" for no value."""
    if value is None:
        return "–"
    shown = nl_number(abs(value), decimals)
    if shown.strip("0,") == "":  # rounds to zero
        return shown
    return ("+" if value > 0 else "\u2212") + shown


def countdown(seconds: int) -> str:
    """Time left as minutes and seconds: "1:05", "0:09"."""
    return f"{seconds // 60}:{seconds % 60:02d}"


_N_IS = re.compile(r"\bn = (?=\d)")


def keep_n(text: str) -> str:
    """ "(n = 5)" never breaks over two lines ("(n =" / "5)"): non-breaking spaces around the "=". Applied
    where text is drawn (report and presentation templates, Markdown tables, Word tables)."""
    return _N_IS.sub("n\u00a0=\u00a0", text)

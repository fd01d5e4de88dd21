"""Dutch number and date formats (babel), so "1.234,5" and "22 november 2026" everywhere."""

from __future__ import annotations

import functools
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "nl_NL"


# Pure and called thousands of times a page (babel takes ~40 µs a call): remember recent results.
@functools.lru_cache(maxsize=8192)
def nl_number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


@functools.lru_cache(maxsize=8192)
def nl_percent(fraction: float | None, decimals: int = 0) -> str:
    if fraction is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(fraction, format=pattern, locale=LOCALE)


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

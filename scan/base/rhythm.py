"""The biennial rhythm (tip 7): a scan at the start of each council term and two years later."""

from __future__ import annotations

FIRST_TERM_START = 2022  # council elections every four years: 2022, 2026, 2030, ...


def term_start(year: int) -> int:
    return FIRST_TERM_START + ((year - FIRST_TERM_START) // 4) * 4


def moment(year: int) -> str:
    """What a scan in this year is in the rhythm, in plain Dutch."""
    start = term_start(year)
    offset = year - start
    if offset == 0:
        return f"start van de raadsperiode {start}–{start + 4}"
    if offset == 2:
        return f"tussenstand halverwege de raadsperiode {start}–{start + 4}"
    return f"buiten het vaste ritme (raadsperiode {start}–{start + 4})"


def suggested_year(this_year: int, existing: list[int]) -> int:
    """The next year in the rhythm that has no round yet, from this year on."""
    year = this_year if (this_year - FIRST_TERM_START) % 2 == 0 else this_year + 1
    while year in existing:
        year += 2
    return year

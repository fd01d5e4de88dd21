"""Text that people type: checked where it comes in, made harmless where it goes out.

- ``clean_input``: C0 control characters (a vertical tab pasted from a word processor, a NUL)
  break pages, Word files and Excel sheets; bidirectional controls (U+202A-U+202E, U+2066-U+2069)
  make text read in another order than it is stored (U+202E before "gnp.exe" shows "exe.png"). Both are
  refused at input with a Dutch message. Line breaks are normalised to "\\n"; tabs and line breaks are kept.
- ``printable``: for data already stored (or coming from elsewhere): the same characters removed.
- ``markdown_literal``: text shown through Markdown exactly as typed: no emphasis, image, link or HTML,
  and no automatic link of a bare address (``http://…``, ``www.…``, ``naam@…``).
- ``spreadsheet_cell``: a cell that Excel or LibreOffice would read as a formula ("=HYPERLINK(…)")
  gets a leading apostrophe in CSV (the usual defence; XLSX cells are written as text instead).
"""

from __future__ import annotations

import re

from scan.base.errors import ScanError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Markdown (GitHub's) makes a link of a bare address even when every character is escaped; an
# invisible word joiner inside it stops that, and screen readers skip it.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=ftp)(?=:)|(?<=@)(?=\w)")
WORD_JOINER = "\u2060"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class InvalidText(ScanError):
    """Typed text with characters that do not belong in it."""


def clean_input(value: str, what: str) -> str:
    """The text with normalised line breaks, or a Dutch refusal when it holds control characters."""
    if not isinstance(value, str):
        raise InvalidText(f"{what} moet tekst zijn.")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        raise InvalidText(
            f"{what} bevat een onzichtbaar stuurteken (vaak meegekopieerd uit een ander programma). "
            "Typ de tekst opnieuw of plak hem eerst in een eenvoudige teksteditor; er is niets bewaard."
        )
    return text


def printable(value: object) -> str:
    """Stored text without control characters (only line breaks and tabs stay)."""
    return _CONTROL.sub("", "" if value is None else str(value))


def markdown_literal(value: object) -> str:
    """Text that Markdown shows exactly as typed: every special character escaped, line breaks as
    spaces, and bare addresses kept from becoming links."""
    text = _AUTOLINK.sub(WORD_JOINER, " ".join(printable(value).split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that no spreadsheet turns into a formula; the visible text stays the same after the
    apostrophe, which spreadsheets read as "this is text"."""
    if isinstance(value, str):
        value = printable(value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def plain_int(value: object, digits: int = 6) -> int | None:
    """A whole number written with at most ``digits`` plain digits 0-9, or None. ("²⁰²⁶".isdigit() is
    True and int() of it fails; so does int() of thousands of digits: a URL may hold either.)"""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None

"""Limits on what the akkoordcheck accepts, checked before any heavy work.

Two kinds: the readers refuse a file by what it says about itself (its size, its zip directory, its
number of pages, the characters on a page) before reading further; and ``runner`` reads every file
from outside in a child process with a memory and a time limit, so a file that gets past the
readers' checks still cannot take the server down. The figures behind the numbers are in the
README ("Bestanden die binnenkomen") and come from ``python tests/perf/hostile_uploads.py``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from scan.base.formatting import nl_number
from scan.rules.akkoord.errors import AgreementError

MAX_PAGES = 300
MAX_MEGABYTES_ENV = "DEMOCRATIESCAN_AKKOORD_MAX_MB"
SECONDS_ENV = "DEMOCRATIESCAN_AKKOORD_SECONDS"
DEFAULT_MAX_MEGABYTES = 50
# All text of one agreement: 300 full pages hold about 1 million characters; three times that is
# read in about 7 s on one core (tests/perf/hostile_uploads.py).
MAX_CHARS = 3_000_000
# One page of a PDF: a full A4 page in 8-point type holds about 8,000 characters. PDFium's text page
# costs about 120 bytes per character, and placing its pieces of text costs characters times pieces.
MAX_PAGE_CHARS = 20_000
# A .docx is a zip. Its main XML part may unpack to at most this much, and to at most MAX_PACK_RATIO
# times its packed size (a "zip bomb" packs 45 MB of XML in 70 KB: 650 to 1; Word's own XML packs
# about 5 to 15 to 1). The zip may list at most MAX_ZIP_ENTRIES parts (a Word file has tens).
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_SMALL_XML_BYTES = 5 * 1024 * 1024  # the styles and relationships parts
MAX_PACK_RATIO = 100
MAX_ZIP_ENTRIES = 5_000
# Text without recorded page breaks: estimate pages from its length.
CHARS_PER_PAGE_ESTIMATE = 3000
# The child process that reads a file (runner): it is stopped after this many seconds (wall clock)
# and may hold at most this much memory.
DEFAULT_SECONDS = 25.0
DEFAULT_MEMORY_MB = 500


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pages: int = MAX_PAGES
    max_chars: int = MAX_CHARS
    max_page_chars: int = MAX_PAGE_CHARS
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def default(cls) -> Limits:
        """``DEMOCRATIESCAN_AKKOORD_MAX_MB`` sets the size limit (default 50 MB),
        ``DEMOCRATIESCAN_AKKOORD_SECONDS`` the time a file may take to read (default 25 s)."""
        return cls(
            max_bytes=int(_number(MAX_MEGABYTES_ENV, DEFAULT_MAX_MEGABYTES) * 1024 * 1024),
            seconds=_number(SECONDS_ENV, DEFAULT_SECONDS),
        )

    @property
    def max_megabytes(self) -> str:
        return f"{self.max_bytes / (1024 * 1024):.0f}"

    @property
    def size_text(self) -> str:
        """The limit in words: "50 MB", or "10 kB" below one megabyte (never "0 MB")."""
        return size_text(self.max_bytes)

    @property
    def chars_text(self) -> str:
        """ "3.000.000 tekens"."""
        return f"{nl_number(self.max_chars)} tekens"


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    return float(raw) if raw.replace(".", "", 1).isdigit() else default


def size_text(n: int) -> str:
    """A file size in Dutch: "2,5 MB", "12 kB"."""
    if n < 1024 * 1024:
        return f"{nl_number(max(1, round(n / 1024)))} kB"
    megabytes = n / (1024 * 1024)
    return f"{nl_number(megabytes, 0 if megabytes >= 10 or megabytes == int(megabytes) else 1)} MB"


def text_too_long(name: str, limits: Limits) -> AgreementError:
    """The refusal of a text (a file's or a pasted one) with more characters than ``limits.max_chars``."""
    return AgreementError(
        f"{name} bevat meer dan {limits.chars_text} tekst. De akkoordcheck leest tot {limits.chars_text} "
        "(zo'n 1.000 volle pagina's); kies het deel met de afspraken."
    )


def too_many_pages(
    name: str, pages: int, limits: Limits, *, estimated: bool = False, more: bool = False
) -> AgreementError:
    """The refusal of a document longer than ``limits.max_pages``, numbers written the Dutch way
    ("12.000 pagina's"). ``estimated``: counted from the text's length; ``more``: counting stopped."""
    if more:
        length = f"heeft meer dan {nl_number(limits.max_pages)}"
    elif estimated:
        length = f"is ongeveer {nl_number(pages)}"
    else:
        length = f"heeft {nl_number(pages)}"
    return AgreementError(
        f"{name} {length} pagina's{' lang' if estimated else ''}. De akkoordcheck leest documenten tot "
        f"{nl_number(limits.max_pages)} pagina's; kies het deel met de afspraken."
    )

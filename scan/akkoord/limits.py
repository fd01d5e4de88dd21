"""Limits on what the akkoordcheck accepts, checked before any heavy work."""

from __future__ import annotations

import os
from dataclasses import dataclass

from scan.formatting import nl_number

MAX_PAGES = 300
MAX_MEGABYTES_ENV = "DEMOCRATIESCAN_AKKOORD_MAX_MB"
DEFAULT_MAX_MEGABYTES = 50
# A .docx is a zip: refuse one that unpacks to far more than it weighs (a "zip bomb").
MAX_UNPACKED_FACTOR = 20
# Text without recorded page breaks: estimate pages from its length.
CHARS_PER_PAGE_ESTIMATE = 3000


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pages: int = MAX_PAGES

    @classmethod
    def default(cls) -> Limits:
        """``DEMOCRATIESCAN_AKKOORD_MAX_MB`` sets the size limit (default 50 MB)."""
        raw = os.environ.get(MAX_MEGABYTES_ENV, "").strip()
        megabytes = float(raw) if raw.replace(".", "", 1).isdigit() else DEFAULT_MAX_MEGABYTES
        return cls(max_bytes=int(megabytes * 1024 * 1024))

    @property
    def max_megabytes(self) -> str:
        return f"{self.max_bytes / (1024 * 1024):.0f}"

    @property
    def size_text(self) -> str:
        """The limit in words: "50 MB", or "10 kB" below one megabyte (never "0 MB")."""
        return size_text(self.max_bytes)


def size_text(n: int) -> str:
    """A file size in Dutch: "2,5 MB", "12 kB"."""
    if n < 1024 * 1024:
        return f"{nl_number(max(1, round(n / 1024)))} kB"
    megabytes = n / (1024 * 1024)
    return f"{nl_number(megabytes, 0 if megabytes >= 10 or megabytes == int(megabytes) else 1)} MB"

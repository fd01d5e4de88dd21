"""Limits on what the akkoordcheck accepts, checked before any heavy work."""

from __future__ import annotations

import os
from dataclasses import dataclass

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

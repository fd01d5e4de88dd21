"""File names of every download and command-line export: what the file is, the municipality by name,
the year, and what tells two files of one round apart ("democratiescan-s-hertogenbosch-2026-rapport.pdf").

The name is a slug (python-slugify): lower case, accents off, every other character a hyphen, so it is
safe on every file system, in an e-mail attachment and in iBabs or Notubiz. The 342 municipality names
give 342 different slugs ("Bergen (NH.)" and "Bergen (L.)": "bergen-nh", "bergen-l")."""

from __future__ import annotations

from slugify import slugify


def file_name(document: str, municipality: str, year: int, extension: str, detail: str = "") -> str:
    """``document``: what the file is ("democratiescan", "raadsinformatiebrief"); ``detail``: what
    tells it apart from another file of the same round ("rapport", a role, a workshop's code)."""
    parts = [slugify(part) for part in (document, municipality, str(year), detail) if part]
    return "-".join(parts) + "." + extension

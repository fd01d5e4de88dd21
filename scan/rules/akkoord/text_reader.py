"""Pasted text or a .txt file: paragraphs split at blank lines, pages at form feeds (if any).

Bounded: a file of more than four bytes per allowed character is refused before it is decoded
(``sniff``), and any text of more than ``Limits.max_chars`` characters before it is split.
"""

from __future__ import annotations

import math
import re

from scan.rules.akkoord.document import BULLETS, Document, build_blocks, looks_like_heading
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.limits import CHARS_PER_PAGE_ESTIMATE, Limits, text_too_long, too_many_pages

_BLANK_LINE = re.compile(r"\n\s*\n")
_BULLET_LINE = re.compile(rf"^\s*(?:[{re.escape(BULLETS)}]|\d{{1,2}}[.)])\s+")


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _paragraphs(page_text: str) -> list[str]:
    """Blank lines separate paragraphs; inside one, bullet lines and heading-like lines stand alone."""
    result: list[str] = []
    for chunk in _BLANK_LINE.split(page_text):
        current: list[str] = []
        for line in chunk.splitlines():
            if not line.strip():
                continue
            heading_before = (
                looks_like_heading(current[-1]) and line.strip()[:1].isupper() if current else False
            )
            if current and (_BULLET_LINE.match(line) or heading_before):
                result.append(" ".join(current))
                current = []
            current.append(line.strip())
        if current:
            result.append(" ".join(current))
    return result


def check_length(text: str, name: str, limits: Limits) -> None:
    """Refuse a text longer than the limit, before any work on it."""
    if len(text) > limits.max_chars:
        raise text_too_long(name, limits)


def read_text(text: str, name: str, limits: Limits) -> Document:
    check_length(text, name, limits)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise AgreementError(f"{name} bevat geen tekst.")
    pages = text.split("\f")
    paged = len(pages) > 1
    count = len(pages) if paged else math.ceil(len(text) / CHARS_PER_PAGE_ESTIMATE)
    if count > limits.max_pages:
        raise too_many_pages(name, count, limits, estimated=not paged)
    texts = [(p, (n if paged else None)) for n, page in enumerate(pages, start=1) for p in _paragraphs(page)]
    return Document("text", build_blocks(texts), len(pages) if paged else None)

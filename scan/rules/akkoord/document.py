"""What every reader produces: the agreement as blocks of text with their page and paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceKind = Literal["pdf", "docx", "text"]


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or heading, in reading order."""

    text: str
    page: int | None  # 1-based; None when the file records no pages
    paragraph: int  # 1-based position among the document's blocks
    heading: bool = False


@dataclass(frozen=True)
class Document:
    kind: SourceKind
    blocks: tuple[Block, ...]
    pages: int | None  # number of pages, None when unknown
    warnings: tuple[str, ...] = field(default_factory=tuple)  # Dutch notes for the user

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


_TERMINAL = (".", "!", "?", ":", ";", "…")
# Bullets as text, and as the private-use code points that Symbol and Wingdings bullets become in
# a PDF made from Word (U+F0B7, U+F0A7, ...).
BULLETS = "•▪●◦■-–—*·○□►➢➔✓❖\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0"
_BULLET_START = tuple(BULLETS)


def looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation that is not a list item: a heading, not a promise."""
    stripped = text.strip()
    if not stripped or stripped.endswith(_TERMINAL) or stripped.startswith(_BULLET_START):
        return False
    if stripped[0].islower():
        return False
    return len(stripped.split()) <= 8


def merge_continuations(texts: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """Join a paragraph that runs on into the next column or page ("... de" + "gemeenteraad ...")."""
    merged: list[tuple[str, int | None]] = []
    for text, page in texts:
        if merged:
            prev, prev_page = merged[-1]
            if not prev.rstrip().endswith(_TERMINAL) and not looks_like_heading(prev) and text[:1].islower():
                merged[-1] = (f"{prev.rstrip()} {text.lstrip()}", prev_page)
                continue
        merged.append((text, page))
    return merged


def build_blocks(
    texts: list[tuple[str, int | None]],
    headings: set[int] | None = None,
    items: set[int] | None = None,
) -> tuple[Block, ...]:
    """Number the non-empty texts as paragraphs 1, 2, ...; mark headings (by style or by their look).

    ``items`` are list items by their style or numbering ("Burgeragendering invoeren" in a bulleted
    list): short and without a full stop, but never a heading by their look.
    """
    blocks: list[Block] = []
    for i, (text, page) in enumerate(texts):
        clean = " ".join(text.split())
        if not clean:
            continue
        by_look = not (items and i in items) and looks_like_heading(clean)
        heading = (headings is not None and i in headings) or by_look
        blocks.append(Block(text=clean, page=page, paragraph=len(blocks) + 1, heading=heading))
    return tuple(blocks)

"""Cut blocks into passages: a short paragraph whole, a long one in windows of whole sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from scan.rules.akkoord.document import Block

MAX_SENTENCES = 3
MAX_WORDS = 70

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = (
    "bijv",
    "bv",
    "o.a",
    "oa",
    "m.b.t",
    "mbt",
    "d.w.z",
    "dwz",
    "e.d",
    "enz",
    "etc",
    "nr",
    "art",
    "ca",
    "incl",
    "excl",
    "t.a.v",
    "tav",
    "i.s.m",
    "ism",
    "m.n",
    "resp",
    "zgn",
    "dhr",
    "mevr",
    "mr",
    "dr",
    "drs",
    "ir",
    "prof",
    "st",
    "jl",
    "evt",
    "vs",
    "min",
    "max",
    "p",
    "blz",
    "hfst",
    "z.s.m",
    "i.p.v",
    "ipv",
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZÀ-Ý0-9•])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


@dataclass(frozen=True)
class PassageText:
    text: str
    page: int | None
    paragraph: int
    heading: bool


def sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        last = _LAST_WORD.search(candidate)
        if last and last.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        pieces.append(candidate.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def split_block(block: Block) -> list[PassageText]:
    if block.heading:
        return [PassageText(block.text, block.page, block.paragraph, True)]
    if len(block.text.split()) <= MAX_WORDS:
        return [PassageText(block.text, block.page, block.paragraph, False)]
    result: list[PassageText] = []
    window: list[str] = []
    for sentence in sentences(block.text):
        size = sum(len(s.split()) for s in window) + len(sentence.split())
        if window and (len(window) >= MAX_SENTENCES or size > MAX_WORDS):
            result.append(PassageText(" ".join(window), block.page, block.paragraph, False))
            window = []
        window.append(sentence)
    if window:
        result.append(PassageText(" ".join(window), block.page, block.paragraph, False))
    return result


def split_passages(blocks: Iterable[Block]) -> list[PassageText]:
    return [p for block in blocks for p in split_block(block)]

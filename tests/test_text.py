"""Typed text: refused with control characters (bidirectional ones too), shown literally through Markdown."""

from __future__ import annotations

import pytest

from scan.base.text import InvalidText, clean_input, markdown_literal, printable

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("mark", BIDI)
def test_bidirectional_controls_are_refused_like_other_control_characters(mark: str) -> None:
    # U+202E makes "gnp.exe" read as "exe.png": the stored text is not what the reader sees
    with pytest.raises(InvalidText, match="stuurteken"):
        clean_input(f"zie bijlage {mark}gnp.exe", "De toelichting")
    assert printable(f"a{mark}b") == "ab"  # and stripped from what was stored before


@pytest.mark.parametrize(
    "typed",
    [
        "zie http://example.com/pad",
        "HTTPS://example.com",
        "www.example.nl",
        "mail iemand@example.nl",
        "ftp://x",
    ],
)
def test_a_bare_address_never_becomes_a_link_in_markdown(typed: str) -> None:
    # GitHub Markdown links a bare address even with every character escaped: a word joiner stops it
    shown = markdown_literal(typed).replace("\\", "")
    for start in ("http:", "https:", "www.", "ftp:"):
        assert start not in shown.lower()
    assert "@e" not in shown
    assert shown.replace("\u2060", "") == typed  # the text itself is unchanged

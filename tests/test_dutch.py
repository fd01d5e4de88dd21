"""Streamlit's English put in Dutch (scan/ui/dutch.py): the table the page's script applies, checked
here on the file uploader's own strings (as Streamlit 1.67 writes them) with the same matching rules:
an exact text first, else the first pattern that matches the whole trimmed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scan.ui.dutch import MONTHS, PATTERNS, TEXTS


def translate(text: str) -> str | None:
    t = text.strip()
    if t in TEXTS:
        return TEXTS[t]
    for pattern, replacement in PATTERNS:
        if re.search(pattern, t):
            return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", replacement), t)
    return None


NUMBERS = [
    (
        "Number is outside the allowed range. Please enter a value between 2018 and 2100.",
        "Dit getal kan niet: kies een getal van 2018 tot en met 2100.",
    ),
    (
        "Error: Number is outside the allowed range. Please enter a value between 2018 and 2100.",
        "Dit getal kan niet: kies een getal van 2018 tot en met 2100.",
    ),
    ("Number is below the allowed range.", "Dit getal is te laag."),
    (
        "Number is above the allowed range. Please enter a value less than or equal to 8.",
        "Dit getal is te hoog: kies 8 of lager.",
    ),
]


@pytest.mark.parametrize(("english", "dutch"), NUMBERS, ids=[e[:40] for e, _ in NUMBERS])
def test_a_number_out_of_range_is_said_in_dutch(english: str, dutch: str) -> None:
    assert translate(english) == dutch


UPLOADER = [
    ("Upload", "Bestand kiezen"),
    ("Drag and drop a file here", "Sleep een bestand hierheen"),
    ("Drag and drop files here", "Sleep bestanden hierheen"),
    ("file upload", "Bestand kiezen"),
    ("50MB per file", "Hoogstens 50 MB per bestand"),
    ("Limit 200MB per file", "Hoogstens 200 MB per bestand"),
    ("148.0KB", "148,0 KB"),
    ("akkoord (def).pdf, 1.2MB", "akkoord (def).pdf, 1,2 MB"),
    (
        "File is too large. Maximum size is 52428800 bytes.",
        "Dit bestand is te groot. Kies een kleiner bestand of plak de tekst.",
    ),
    ("application/msword files are not allowed.", "Dit soort bestand kan de app niet lezen."),
    ("Error uploading file", "Het versturen van het bestand lukte niet"),
    ("add icon", "Toevoegen"),
    ("Add files", "Bestanden toevoegen"),
    ("Delete", "Verwijderen"),
    ("Error: ", "Fout:"),
]


@pytest.mark.parametrize(("english", "dutch"), UPLOADER, ids=[e for e, _ in UPLOADER])
def test_the_file_uploader_speaks_dutch(english: str, dutch: str) -> None:
    assert translate(english) == dutch


DATES = [
    ("Choose date", "Datum kiezen"),
    ("Clear date", "Datum wissen"),
    ("Choose date, december 2026", "Datum kiezen, december 2026"),
    (
        "day, Laatste dag waarop deelnemers kunnen antwoorden",
        "dag, Laatste dag waarop deelnemers kunnen antwoorden",
    ),
    ("year, Datum", "jaar, Datum"),
    ("Empty", "Leeg"),
    ("12 – December", "12 – december"),
    ("3 – March", "3 – maart"),
    ("yyyy", "jjjj"),
    ("Previous month", "Vorige maand"),
]


@pytest.mark.parametrize(("english", "dutch"), DATES, ids=[e for e, _ in DATES])
def test_the_date_field_speaks_dutch(english: str, dutch: str) -> None:
    """A walk heard "Choose date", "day, …", "Empty" and saw "dd-mm-yyyy" on Deelnemers."""
    assert translate(english) == dutch


@pytest.mark.parametrize("text", ["akkoord.pdf", "Het akkoord is gelezen.", "2026", "Voorstel 2c"])
def test_our_own_text_is_left_alone(text: str) -> None:
    assert translate(text) is None


# --- the workaround against the installed Streamlit (fails when an upgrade rewords its English) ---

# Texts that the bundle assembles from pieces, and the pieces it holds (as written in the bundle).
ASSEMBLED: dict[str, tuple[str, ...]] = {
    "Press Enter to apply": ("`Press Enter to ${", "`apply`"),
    "Press Enter to submit form": ("`Press Enter to ${", "`submit form`"),
    "Press Ctrl+Enter to apply": ("+Enter to ${", "`Ctrl`", "`apply`"),
    "Press ⌘+Enter to apply": ("+Enter to ${", "`⌘`", "`apply`"),
    "Press Ctrl+Enter to submit form": ("+Enter to ${", "`Ctrl`", "`submit form`"),
    "Press ⌘+Enter to submit form": ("+Enter to ${", "`⌘`", "`submit form`"),
    "Drag and drop file here": ("`Drag and drop ${",),  # the chat input's file drop
    "add icon": ("} icon`",),  # a material icon's label for screen readers
}
# Each pattern, and the pieces of the bundle it translates.
SIZE = ("[`gb`,`mb`,`kb`,`b`]", ".toUpperCase()}`")  # a size: a number with one decimal and its unit
PATTERN_SOURCES: dict[str, tuple[str, ...]] = {
    r"^Help for (.+)$": ("`Help for ${",),
    # the date field's parts get their names from the browser for the locale the bundle fixes
    r"^day, (.+)$": ("locale:`en-US`", "data-placeholder"),
    r"^month, (.+)$": ("locale:`en-US`", "data-placeholder"),
    r"^year, (.+)$": ("locale:`en-US`", "data-placeholder"),
    r"^Choose date, (.+)$": ("`Choose date`",),
    **{rf"^(\d{{1,2}}) – {month}$": ("locale:`en-US`", "data-placeholder") for month in MONTHS},
    r"^Remove (.+)$": ("`Remove ${",),
    r"^(?:Limit )?(\d+(?:\.\d+)?)\s*([KMG]?B) per file$": ("} per file`", *SIZE),
    r"^File is too large\. Maximum size is \d+ bytes\.$": ("`File is too large. Maximum size is ${",),
    r"^File must be .+ or smaller\.$": ("`File must be ${", "} or smaller.`"),
    r"^.* files are not allowed\.$": ("} files are not allowed.`",),
    r"^(?:Error: )?Number is outside the allowed range\. Please enter a value between (.+) and (.+)\.$": (
        "Number is outside the allowed range. Please enter a value between ",
    ),
    r"^(?:Error: )?Number is below the allowed range\. Please enter a value greater than or equal to (.+)\.$": (
        "Number is below the allowed range.",
        "Please enter a value greater than or equal to ",
    ),
    r"^(?:Error: )?Number is above the allowed range\. Please enter a value less than or equal to (.+)\.$": (
        "Number is above the allowed range.",
        "Please enter a value less than or equal to ",
    ),
    r"^(?:Error: )?Number is below the allowed range\.$": ("Number is below the allowed range.",),
    r"^(?:Error: )?Number is above the allowed range\.$": ("Number is above the allowed range.",),
    r"^(\d+)\.(\d+)\s?([KMG]?B)$": SIZE,
    r"^(.+), (\d+)\.(\d+)\s?([KMG]?B)$": SIZE,
    (
        r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
        r"Running the app's main page\.$"
    ): (
        "You have requested page /",
        "but no corresponding file was found in the app's pages/ directory`",
        "}. Running the app's main page.",
    ),
    r"^The page that you have requested does not seem to exist\. Running the app's main page\.$": (
        "`The page that you have requested does not seem to exist`",
        "}. Running the app's main page.",
    ),
}


@pytest.fixture(scope="module")
def bundle() -> str:
    """Streamlit's frontend as installed: every script under streamlit/static."""
    import streamlit

    scripts = sorted((Path(streamlit.__file__).parent / "static").rglob("*.js"))
    assert scripts, "no frontend bundle under streamlit/static"
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in scripts)


def test_every_text_translated_is_still_streamlits_own(bundle: str) -> None:
    gone = {
        text: [piece for piece in ASSEMBLED.get(text, (text,)) if piece not in bundle]
        for text in TEXTS
        if any(piece not in bundle for piece in ASSEMBLED.get(text, (text,)))
    }
    assert not gone, (
        "Workaround scan/ui/dutch.py: the installed Streamlit no longer writes these texts (an upgrade "
        f"reworded them, so they show in English again): {gone}. Find the new wording in streamlit/static "
        "and update TEXTS (and ASSEMBLED here)."
    )


def test_every_pattern_still_matches_streamlits_own_words(bundle: str) -> None:
    unlisted = [pattern for pattern, _ in PATTERNS if pattern not in PATTERN_SOURCES]
    assert not unlisted, f"list where the bundle writes these patterns' words in PATTERN_SOURCES: {unlisted}"
    gone = {
        pattern: [piece for piece in PATTERN_SOURCES[pattern] if piece not in bundle]
        for pattern, _ in PATTERNS
        if any(piece not in bundle for piece in PATTERN_SOURCES[pattern])
    }
    assert not gone, (
        "Workaround scan/ui/dutch.py: the installed Streamlit no longer writes what these patterns translate "
        f"(an upgrade reworded it, so it shows in English again): {gone}. Update PATTERNS (and PATTERN_SOURCES)."
    )

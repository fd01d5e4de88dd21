"""Streamlit's English put in Dutch (scan/ui/dutch.py): the table the page's script applies, checked
here on the file uploader's own strings (as Streamlit 1.67 writes them) with the same matching rules:
an exact text first, else the first pattern that matches the whole trimmed text."""

from __future__ import annotations

import re

import pytest

from scan.ui.dutch import PATTERNS, TEXTS


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


@pytest.mark.parametrize("text", ["akkoord.pdf", "Het akkoord is gelezen.", "2026", "Voorstel 2c"])
def test_our_own_text_is_left_alone(text: str) -> None:
    assert translate(text) is None

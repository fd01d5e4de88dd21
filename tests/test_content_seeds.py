"""No text under questions/ copies the source documents: never eight words in a row (issue 18).

The source documents are copied into tests/data/seeds/, so this runs on a fresh clone without
../shared/. Titles of named things may be quoted: see TITLE_EXCEPTIONS in tests/content_text.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scan.content.questionbank import QUESTIONS_DIR

from . import content_text
from .content_text import RUN, load_seeds, merged, overlaps, seed_stream

SEEDS = load_seeds()
CONTENT = sorted(QUESTIONS_DIR.glob("*.yaml"))
PAMPHLET = "002_ca677ce21c904979.txt"


def test_the_source_documents_are_in_the_repository() -> None:
    assert PAMPHLET in SEEDS
    assert len(SEEDS) == 5 and all(len(stream) > 1000 for stream in SEEDS.values())


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.name)
def test_no_run_of_eight_words_from_a_source_document(path: Path) -> None:
    found = overlaps(path.read_text(encoding="utf-8"), SEEDS)
    assert not found, f"{path.name} neemt {RUN} of meer woorden op rij over:\n" + "\n".join(merged(found))


def test_a_pamphlet_sentence_pasted_into_a_question_is_caught(content_copy: Path) -> None:
    path = content_copy / "prioriteit-6.yaml"
    text = path.read_text(encoding="utf-8")
    pasted = "Bijvoorbeeld een lokale journalist of bewoner die reflecteert op de manier waarop de raad tot een besluit komt."
    path.write_text(text.replace("help: >-\n", f"help: >-\n      {pasted}\n", 1), encoding="utf-8")
    found = overlaps(path.read_text(encoding="utf-8"), SEEDS)
    assert found and {o.seed for o in found} == {PAMPHLET}


def test_line_breaks_and_split_words_of_the_pdf_do_not_hide_a_copy() -> None:
    pdf = {
        "pdf": seed_stream(
            "gaan \n\nwe ook in gesprek \n\nmet onderwijsinstel\n\nlingen, woningbouw\n\ncorporaties en zorg"
        )
    }
    copied = "Daarom gaan we ook in gesprek met onderwijsinstellingen, woningbouwcorporaties en zorg."
    assert overlaps(copied, pdf)
    assert not overlaps("De gemeente praat met scholen, corporaties en zorginstellingen.", pdf)


def test_seven_words_in_a_row_are_allowed_eight_are_not() -> None:
    source = {"s": seed_stream("een twee drie vier vijf zes zeven acht negen")}
    assert not overlaps("nul een twee drie vier vijf zes zeven elf", source)
    assert overlaps("nul een twee drie vier vijf zes zeven acht elf", source)


def test_links_and_listed_titles_may_be_quoted(monkeypatch: pytest.MonkeyPatch) -> None:
    source = {
        "s": seed_stream(
            "tip 6 Geef de rol van de gemeenteraad extra aandacht, zie https://vng.nl/a/b/c/d/e/f/g/h/i"
        )
    }
    quoted = (
        "Tip 6 heet Geef de rol van de gemeenteraad extra aandacht. Meer: https://vng.nl/a/b/c/d/e/f/g/h/i"
    )
    assert not overlaps(quoted, source)
    monkeypatch.setattr(content_text, "TITLE_EXCEPTIONS", ())
    assert overlaps(quoted, source)  # without the list the title counts as copied text

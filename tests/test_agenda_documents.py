"""The agenda's downloads: Word on A4 with a field table (no header bar) and Word's heading styles;
Markdown in which typed text stays text."""

from __future__ import annotations

import io
import re
from datetime import date

from docx import Document
from docx.oxml.ns import qn

from scan.content.questionbank import question_bank
from scan.records.round import choices, rounds
from scan.rules.agenda import build_agenda, md_text, to_docx, to_markdown
from scan.storage.core import Store

from .council import TYPED


def _items(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    for pid in ("2a", "6a"):
        choices.set_status(store, rnd.id, pid, "kiezen")
    choices.save_agenda_field(store, rnd.id, "2a", goal=TYPED, owner="Griffie\nen raad", timeline="# Q3 2027")
    return build_agenda(
        question_bank(), choices.statuses(store, rnd.id), choices.agenda_edits(store, rnd.id), "Zeist", 2026
    )


def test_agenda_word_is_a4_with_field_tables_and_heading_styles(store: Store) -> None:
    doc = Document(io.BytesIO(to_docx(_items(store), "Zeist", 2026, date(2026, 11, 22))))
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert [p.style.name for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))] == [
        "Title",
        "Heading 1",
        "Heading 1",
    ]
    assert len(doc.tables) == 2
    for table in doc.tables:
        assert [r.cells[0].text for r in table.rows] == ["Doel", "Eigenaar", "Planning"]
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        assert look.get(qn("w:firstRow")) == "0"  # "Doel" is a field, not a black header bar
        for row in table._tbl.findall(qn("w:tr")):
            assert row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
            assert row.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert widths[0] >= 1900 and widths[1] > 3 * widths[0]  # "Eigenaar" fits; the value gets the room
    assert doc.tables[0].rows[0].cells[1].text == TYPED  # literally, as typed


def test_agenda_markdown_keeps_typed_text_as_text(store: Store) -> None:
    markdown = to_markdown(_items(store), "Zeist", 2026, date(2026, 11, 22))
    assert "![t](" not in markdown and "[link](" not in markdown and "<b>" not in markdown
    assert md_text(TYPED) in markdown
    assert "- **Planning:** \\# Q3 2027" in markdown  # not a heading
    assert "- **Eigenaar:** Griffie en raad" in markdown  # a line break cannot start a new block
    assert markdown.count("## Voorstel ") == 2
    assert "redactie van Thorbecke2024, een project binnen de VNG" in markdown
    assert "pamflet van de VNG" not in markdown


def test_md_text_escapes_every_markdown_special_character() -> None:
    escaped = md_text(TYPED)
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(TYPED.split())  # unescaped: the same text
    for special in "![]()<>&*_`#":
        assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c == special), special

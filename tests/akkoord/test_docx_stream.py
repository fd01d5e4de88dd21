"""The streaming .docx reader reads what the python-docx reader before it read (issue 23 replaced it).

The reference below is that reader's walk over the document, kept here as the oracle: paragraphs of the
body and of tables in order, the text of every ``w:t`` inside, headings and list items by style or
numbering, and page numbers from rendered page breaks or else from hard ones.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from scan.rules.akkoord import Limits
from scan.rules.akkoord.document import build_blocks
from scan.rules.akkoord.docx_reader import read_docx

_P, _TBL, _T, _BR, _LRPB = qn("w:p"), qn("w:tbl"), qn("w:t"), qn("w:br"), qn("w:lastRenderedPageBreak")


def reference(data: bytes):
    """The blocks and page count as the python-docx reader made them."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    document = docx.Document(io.BytesIO(data))
    rendered = xml.count(b"lastRenderedPageBreak")
    hard = xml.count(b'w:type="page"')
    use_rendered = rendered > 0
    breaks = rendered if use_rendered else hard
    styles = {s.style_id: (s.name or "") for s in document.styles}
    page, texts, headings, items = 1, [], set(), set()

    def paragraphs(body):
        for child in body.iterchildren():
            if child.tag == _P:
                yield child
            elif child.tag == _TBL:
                yield from child.iter(_P)

    for p in paragraphs(document.element.body):
        parts, start_page = [], page
        for element in p.iter():
            if element.tag == _T and element.text:
                parts.append(element.text)
            elif (use_rendered and element.tag == _LRPB) or (
                not use_rendered and element.tag == _BR and element.get(qn("w:type")) == "page"
            ):
                page += 1
                if not "".join(parts).strip():
                    start_page = page
        text = "".join(parts).strip()
        if not text:
            continue
        style_el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = styles.get(style_el.get(qn("w:val")), "") if style_el is not None else ""
        if style.lower().startswith(("heading", "kop", "title", "titel")):
            headings.add(len(texts))
        elif p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None or any(
            w in style.lower() for w in ("list", "lijst", "opsomming")
        ):
            items.add(len(texts))
        texts.append((text, start_page if breaks else None))
    return build_blocks(texts, headings, items), (breaks + 1 if breaks else None)


def _rendered_break(paragraph, before_text: bool) -> None:
    """A page break as Word records it after rendering: in a run, before or after the text."""
    run = paragraph.add_run() if not before_text else paragraph.insert_paragraph_before().add_run()
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))


def _agreement(path: Path, rendered: bool) -> bytes:
    document = docx.Document()
    document.add_heading("Coalitieakkoord 2026-2030", level=1)
    document.add_paragraph("Inleiding. De partijen werken vier jaar samen aan wonen en werk.")
    document.add_heading("Bestuur en inwoners", level=2)
    document.add_paragraph("Burgerberaad over het klimaat", style="List Bullet")
    document.add_paragraph("Wijkbudget voor elke wijk", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Jongerenraad"
    table.cell(0, 1).text = "We richten een jongerenraad op die de raad adviseert."
    table.cell(1, 0).paragraphs[0].add_run("Referendum ").bold = True
    table.cell(1, 1).text = "Geen referendum over de herindeling."
    for i in range(12):
        paragraph = document.add_paragraph(f"Alinea {i} over de openbare ruimte, het groen en de wegen.")
        if i % 4 == 3:
            if rendered:
                _rendered_break(paragraph, before_text=i % 8 == 3)
            else:
                paragraph.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    document.add_paragraph("   ")  # no text: no block
    document.add_paragraph("Slot. Wij zien uit naar de samenwerking met de raad.")
    document.save(str(path))
    return path.read_bytes()


@pytest.mark.parametrize("rendered", [True, False], ids=["rendered-breaks", "hard-breaks"])
def test_streaming_reader_reads_as_python_docx_did(tmp_path: Path, rendered: bool) -> None:
    data = _agreement(tmp_path / "akkoord.docx", rendered)
    document = read_docx(data, "akkoord.docx", Limits.default())
    blocks, pages = reference(data)
    assert document.blocks == blocks
    assert document.pages == pages and pages is not None and pages > 2
    assert any(b.heading for b in blocks) and any(b.page and b.page > 1 for b in blocks)
    assert "Referendum" in [b.text for b in blocks]  # a table cell, in its place


def test_streaming_reader_without_breaks_names_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    for i in range(5):
        document.add_paragraph(f"Alinea {i}. We organiseren een burgerberaad met gelote inwoners.")
    path = tmp_path / "zonder.docx"
    document.save(str(path))
    data = path.read_bytes()
    read = read_docx(data, "zonder.docx", Limits.default())
    assert read.blocks == reference(data)[0] and read.pages is None
    assert read.warnings and "geen paginanummers" in read.warnings[0]

"""The report's files read by tools that see their structure: a tagged PDF/UA-1 in Dutch on A4 (pikepdf),
every page drawn (pdftoppm), and a Word file on A4 with real tables and Word's heading styles."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from scan.base.word import TEXT_WIDTH_CM
from scan.storage.core import Store
from scan.views import report
from scan.views.report.content import report_data
from scan.views.round import round_view

from . import council

A4_POINTS = (595.28, 841.89)
A4_TWIPS = (11906, 16838)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, bytes]:
    store = Store(tmp_path_factory.mktemp("report") / "scan.sqlite")
    council.share_peers(store, 2026, demo=True)
    rnd = council.own_round(store)
    council.add_roles(store, rnd)
    council.add_workshop(store, rnd)
    council.add_agreement(store, rnd)
    data = report_data(round_view(store, rnd))
    return {"pdf": report.to_pdf(data), "docx": report.to_docx(data), "data": data}


def _structure(pdf: pikepdf.Pdf) -> tuple[Counter, list[str]]:
    """Tag names in the structure tree, and the alternative text of every figure."""
    tags, alts = Counter(), []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                tag = str(node.S)
                tags[tag] += 1
                if tag == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return tags, alts


def test_pdf_is_tagged_dutch_titled_pdf_ua(documents) -> None:
    pdf = pikepdf.open(io.BytesIO(documents["pdf"]))
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "nl"
    assert str(pdf.docinfo.Title) == "Democratiescan Zeist 2026"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True  # the title, not the file name, in the window
    with pdf.open_metadata() as meta:
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == "Democratiescan Zeist 2026"
    tags, _ = _structure(pdf)
    assert tags["/H1"] == 1 and tags["/H2"] >= 8 and tags["/H3"] >= 8  # headings as headings
    assert tags["/Table"] >= 10 and tags["/TH"] >= 50 and tags["/TD"] >= 100  # tables as tables
    assert tags["/Caption"] >= 3 and tags["/L"] >= 2


def test_every_chart_has_its_numbers_as_text_alternative(documents) -> None:
    _, alts = _structure(pikepdf.open(io.BytesIO(documents["pdf"])))
    charts = documents["data"].charts
    assert set(charts) == {"radar", "vergelijking", "trend"}
    assert len(alts) == 3  # every chart in the PDF is a figure with alternative text
    scores = [s.score for s in documents["data"].overview]
    for alt in alts:
        assert alt and all(name in alt for name in ("Vertrouwen", "Inclusie", "Directe invloed")), alt
    assert all(f": {score}" in alts[0] for score in scores)  # the radar's alt text carries every score


def test_every_pdf_page_is_a4_and_fonts_are_embedded(documents) -> None:
    pdf = pikepdf.open(io.BytesIO(documents["pdf"]))
    assert 8 <= len(pdf.pages) <= 24
    for page in pdf.pages:
        box = [float(v) for v in page.MediaBox]
        assert abs(box[2] - A4_POINTS[0]) < 1 and abs(box[3] - A4_POINTS[1]) < 1
        for font in page.Resources.get("/Font", {}).values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is installed by .ci/run"
)
def test_every_page_is_drawn_and_none_is_nearly_empty(documents, tmp_path: Path) -> None:
    """pdftoppm draws every page; no page but the last holds less than a fifth of a page of content."""
    (tmp_path / "r.pdf").write_bytes(documents["pdf"])
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", "r.pdf", "p"], cwd=tmp_path, check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(pikepdf.open(io.BytesIO(documents["pdf"])).pages)
    for path in pages[:-1]:
        image = Image.open(path).convert("L")
        width, height = image.size
        pixels = image.load()
        # the footer sits in the bottom margin: look above it
        inked = [y for y in range(int(height * 0.9)) if any(pixels[x, y] < 200 for x in range(width))]
        assert inked, path.name
        used = (max(inked) - min(inked)) / (height * 0.8)
        assert used > 0.2, f"{path.name} is nearly empty ({used:.0%})"


def _xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def test_word_report_is_a4_with_real_tables_and_heading_styles(documents) -> None:
    data = documents["docx"]
    doc = Document(io.BytesIO(data))
    for section in doc.sections:
        assert (section.page_width.twips, section.page_height.twips) == A4_TWIPS
    styles = Counter(p.style.name for p in doc.paragraphs)
    assert styles["Title"] == 1 and styles["Heading 1"] >= 8 and styles["Heading 2"] >= 8
    assert doc.core_properties.language == "nl-NL"
    for table in doc.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert all(
            r.find(qn("w:trPr")) is not None and r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
            for r in rows
        )
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(widths) <= int(TEXT_WIDTH_CM / 2.54 * 1440) + 5  # fits between the margins
        first = table.rows[0].cells[0].text
        header = rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        if first == "Doel":  # the agenda's fields: label and value, no header bar
            assert not header
            assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "0"
            assert widths[0] >= 1900  # "Eigenaar" fits on one line (≥ 3.3 cm)
        else:
            assert header, first  # the header row repeats on every page
    answers = next(t for t in doc.tables if t.rows[0].cells[0].text == "Vraag")
    widths = [int(c.get(qn("w:w"))) for c in answers._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(set(widths)) > 1  # widths that fit their content, not equal columns
    assert doc.inline_shapes and all(
        s._inline.find(qn("wp:docPr")).get("descr") for s in doc.inline_shapes
    )  # every chart has its numbers as alternative text
    assert 'w:jc w:val="both"' not in _xml(data)  # no justified text


def test_the_word_report_has_the_pdfs_footer_with_page_numbers(documents) -> None:
    """Issue 26.6: as the PDF, every page says the title and "pagina 3 van 18" (Word's own fields)."""
    doc = Document(io.BytesIO(documents["docx"]))
    for section in doc.sections:
        footer = section.footer
        assert not footer.is_linked_to_previous
        assert [p.text for p in footer.paragraphs] == ["Democratiescan Zeist 2026\tpagina 1 van 1"]
        fields = [code.text.strip() for code in footer._element.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]  # filled in by Word when it lays out the pages

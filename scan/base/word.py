"""Word documents the way a griffie files them: A4, Dutch, Word's own heading styles (so a table of
contents works), and tables with column widths that fit their content, a header row that repeats on
every page and rows that never split across pages. Used by the report and the agenda."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scan.base.formatting import keep_n

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 17.0  # A4 width minus both margins
FOOTER_COLOUR = "4A5563"  # as the PDF's footer: 7.6:1 on white
HEADER_FILL = "E8EEF5"  # light blue-grey with black text: 15:1 contrast
LANGUAGE = "nl-NL"


def new_document(title: str) -> DocumentObject:
    """An empty A4 document in Dutch with the title in its properties."""
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
    doc.core_properties.title = title
    doc.core_properties.language = LANGUAGE
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # never justified: no word gaps
    # the language of every run (spelling check, screen readers): in the document defaults
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)
    return doc


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _row_flag(row, name: str) -> None:
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def add_table(
    doc: DocumentObject,
    rows: list[list[str]],
    widths_cm: list[float],
    header: list[str] | None = None,
    numeric: frozenset[int] = frozenset(),
    row_headers: bool = False,
    bold_last: bool = False,
):
    """A table with fixed column widths (cm, adding up to at most the text width), a repeating header row
    (when ``header`` is given: the first row is marked as such, no styled first row otherwise), rows kept
    together on one page, numbers right-aligned (the columns in ``numeric``)."""
    all_rows = ([header] if header else []) + rows
    table = doc.add_table(rows=len(all_rows), cols=len(widths_cm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    # fixed layout, and the grid itself in the widths Word uses to lay out the columns
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:  # no "first row"/"first column" styling unless we ask for it
        for attr in ("w:firstRow", "w:firstColumn", "w:lastRow", "w:lastColumn", "w:noVBand"):
            look.set(qn(attr), "0")
        look.set(qn("w:noHBand"), "1")
        look.set(qn("w:val"), "0000")
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for r, (row, values) in enumerate(zip(table.rows, all_rows, strict=True)):
        _row_flag(row, "w:cantSplit")
        is_header = header is not None and r == 0
        if is_header:
            _row_flag(row, "w:tblHeader")
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(widths_cm[c])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(keep_n(str(value)))
            run.font.size = Pt(9.5)
            if is_header:
                run.bold = True
                _shade(cell, HEADER_FILL)
            elif (row_headers and c == 0) or (bold_last and r == len(all_rows) - 1):
                run.bold = True
            if c in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    return table


def note(doc: DocumentObject, text: str, colour: str = "8A1C1C"):
    """A paragraph in a signal colour (e.g. the fictief note): dark red on white, 7:1 contrast."""
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor.from_string(colour)
    run.bold = True
    return paragraph


def _field(paragraph, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``): Word and LibreOffice fill it in when they lay out the pages;
    until then it shows "1"."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run("1")
    char("end")


def add_footer(doc: DocumentObject, title: str) -> None:
    """The footer of every page, as in the PDF: the title on the left, "pagina 3 van 18" on the right."""
    for section in doc.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(f"{title}\tpagina ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" van ")
        _field(paragraph, "NUMPAGES")
        for run in paragraph.runs:
            run.font.size = Pt(8.5)
            run.font.color.rgb = RGBColor.from_string(FOOTER_COLOUR)


def to_bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

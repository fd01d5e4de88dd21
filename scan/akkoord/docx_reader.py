"""Word .docx with python-docx: paragraphs and table cells in document order.

Page numbers come from the page breaks Word records in the file: the breaks it rendered when the
file was last saved (``w:lastRenderedPageBreak``) or, when there are none, the hard page breaks.
A file without either has no page numbers; passages then name their paragraph.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn

from scan.akkoord.document import Document, build_blocks
from scan.akkoord.errors import AgreementError
from scan.akkoord.limits import CHARS_PER_PAGE_ESTIMATE, MAX_UNPACKED_FACTOR, Limits

_RENDERED = b"lastRenderedPageBreak"
_HARD = (b'w:type="page"', b"w:type='page'")
_P, _TBL, _T, _BR, _LRPB = qn("w:p"), qn("w:tbl"), qn("w:t"), qn("w:br"), qn("w:lastRenderedPageBreak")
_TYPE = qn("w:type")


def _check_archive(data: bytes, name: str, limits: Limits) -> bytes:
    """The main XML part, after refusing archives that unpack to far more than their size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > max(limits.max_bytes, len(data) * MAX_UNPACKED_FACTOR):
                raise AgreementError(
                    f"{name} pakt uit tot een te groot bestand; de akkoordcheck leest het niet."
                )
            return archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise AgreementError(f"{name} is geen leesbaar Word-bestand. Is het bestand beschadigd?") from exc


def _paragraph_items(body) -> Iterator:
    """Paragraph elements in reading order, including those inside tables."""
    for child in body.iterchildren():
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            yield from (p for p in child.iter(_P))


def _is_page_break(element, use_rendered: bool) -> bool:
    if use_rendered:
        return element.tag == _LRPB
    return element.tag == _BR and element.get(_TYPE) == "page"


def read_docx(data: bytes, name: str, limits: Limits) -> Document:
    xml = _check_archive(data, name, limits)
    rendered = xml.count(_RENDERED)
    hard = sum(xml.count(h) for h in _HARD)
    use_rendered = rendered > 0
    breaks = rendered if use_rendered else hard
    if breaks + 1 > limits.max_pages:
        raise AgreementError(
            f"{name} heeft {breaks + 1} pagina's. De akkoordcheck leest documenten tot "
            f"{limits.max_pages} pagina's; kies het deel met de afspraken."
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise AgreementError(f"{name} is geen leesbaar Word-bestand. Is het bestand beschadigd?") from exc

    styles = {s.style_id: (s.name or "") for s in document.styles}
    page = 1
    texts: list[tuple[str, int | None]] = []
    headings: set[int] = set()
    items: set[int] = set()  # list items: numbered or bulleted, by numbering or style
    for p in _paragraph_items(document.element.body):
        parts: list[str] = []
        start_page = page
        for element in p.iter():
            if element.tag == _T and element.text:
                parts.append(element.text)
            elif _is_page_break(element, use_rendered):
                page += 1
                if not "".join(parts).strip():
                    start_page = page  # the break comes before any text of this paragraph
        text = "".join(parts).strip()
        if not text:
            continue
        style_el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = styles.get(style_el.get(qn("w:val")), "") if style_el is not None else ""
        if style.lower().startswith(("heading", "kop", "title", "titel")):
            headings.add(len(texts))
        elif p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None or any(
            word in style.lower() for word in ("list", "lijst", "opsomming")
        ):
            items.add(len(texts))
        texts.append((text, start_page if breaks else None))

    chars = sum(len(t) for t, _ in texts)
    estimate = math.ceil(chars / CHARS_PER_PAGE_ESTIMATE)
    if not breaks and estimate > limits.max_pages:
        raise AgreementError(
            f"{name} is ongeveer {estimate} pagina's lang. De akkoordcheck leest documenten tot "
            f"{limits.max_pages} pagina's; kies het deel met de afspraken."
        )
    if not texts:
        raise AgreementError(f"{name} bevat geen tekst.")
    warnings = (
        ()
        if breaks
        else (
            "Dit Word-bestand legt geen paginanummers vast; bij elke passage staat het nummer van de alinea.",
        )
    )
    return Document("docx", build_blocks(texts, headings, items), breaks + 1 if breaks else None, warnings)

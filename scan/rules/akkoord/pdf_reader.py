"""PDF with pypdfium2 (PDFium): text runs with their boxes, put in reading order by ``layout``.

Chosen by measurement on a generated 100-page two-column PDF (this machine): PDFium with boxes
0.9 s, pypdf 0.7 s (no boxes, so no column order), pdfplumber 18 s.

Bounded before the heavy work (issue 23): the number of pages, then per page the number of text
objects (before PDFium builds the page's text) and of characters (before the runs are placed, which
costs characters times runs), and the characters of all pages together.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from scan.base.formatting import nl_number
from scan.rules.akkoord.document import Document, build_blocks, merge_continuations
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.layout import Run, order_runs, paragraphs
from scan.rules.akkoord.limits import Limits, text_too_long, too_many_pages

Progress = Callable[[float, str], None]
_PAGE_NUMBER = re.compile(r"^(pagina|blz\.?|p\.)?\s*\d{1,3}(\s*(van|/)\s*\d{1,3})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
MAX_HEADER_WORDS = 10


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise AgreementError(
                f"{name} is beveiligd met een wachtwoord. Sla de PDF op zonder wachtwoord en probeer het opnieuw."
            ) from exc
        raise AgreementError(f"{name} is geen leesbare PDF. Is het bestand beschadigd?") from exc


def _page_runs(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Run]:
    """Text runs of one page (top-down coordinates). Each run's text is looked up among all the
    page's characters, so this costs characters times runs: ``_check_page`` bounds both first."""
    height = page.get_height()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\x02", "-").replace("\xad", "-").replace("\r", " ").replace("\n", " ")
        if text.strip():
            runs.append(Run(left, height - top, right, height - bottom, text))
    return runs


def _text_objects_over(page: pdfium.PdfPage, limit: int) -> bool:
    """More than ``limit`` text objects on the page (each holds at least one character)? Counted before
    PDFium builds the page's text, which costs about 120 bytes a character."""
    if pdfium_c.FPDFPage_CountObjects(page) <= limit:
        return False
    text_objects = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])
    return next(itertools.islice(text_objects, limit, None), None) is not None


def _too_full(name: str, number: int, limits: Limits) -> AgreementError:
    return AgreementError(
        f"{name}: op pagina {number} staat meer dan {nl_number(limits.max_page_chars)} tekens tekst. Een "
        "volle A4-pagina heeft er 3.000 tot 8.000; zo'n pagina leest de akkoordcheck niet. Sla alleen het "
        "deel met de afspraken op als nieuw bestand en probeer het opnieuw."
    )


def _has_images(page: pdfium.PdfPage) -> bool:
    return next(iter(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])), None) is not None


def _repeating(pages: list[list[str]]) -> set[str]:
    """Short first/last lines that recur on at least half of the pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {
            _DIGITS.sub("#", line)
            for line in (lines[:1] + lines[-1:])
            if len(line.split()) <= MAX_HEADER_WORDS
        }
        counts.update(edge)
    return {text for text, n in counts.items() if n >= max(3, len(pages) / 2)}


def read_pdf(data: bytes, name: str, limits: Limits, on_progress: Progress | None = None) -> Document:
    pdf = _open(data, name)
    try:
        total = len(pdf)
        if total > limits.max_pages:
            raise too_many_pages(name, total, limits)
        if total == 0:
            raise AgreementError(f"{name} heeft geen pagina's.")
        per_page: list[list[str]] = []
        empty_pages: list[int] = []
        image_pages = 0
        read = 0  # characters so far
        for index in range(total):
            page = pdf[index]
            try:
                if _text_objects_over(page, limits.max_page_chars):
                    raise _too_full(name, index + 1, limits)
                textpage = page.get_textpage()
                try:
                    chars = textpage.count_chars()
                    if chars > limits.max_page_chars:
                        raise _too_full(name, index + 1, limits)
                    read += chars
                    if read > limits.max_chars:
                        raise text_too_long(name, limits)
                    runs = _page_runs(page, textpage)
                finally:
                    textpage.close()
                if chars == 0:
                    empty_pages.append(index + 1)
                    image_pages += _has_images(page)
                page_texts = [p for group in order_runs(runs) for p in paragraphs(group)]
            finally:
                page.close()
            per_page.append(page_texts)
            if on_progress:
                on_progress(0.6 * (index + 1) / total, f"Pagina {index + 1} van {total} gelezen")
    finally:
        pdf.close()

    if len(empty_pages) == total:
        if image_pages:
            raise AgreementError(
                f"{name} bevat alleen afbeeldingen van tekst (een scan), geen tekstlaag. "
                "Vraag een PDF die uit Word of een ander programma is gemaakt, of laat de scan eerst "
                "omzetten met tekstherkenning (OCR)."
            )
        raise AgreementError(f"{name} bevat geen tekst.")

    repeating = _repeating(per_page)
    texts: list[tuple[str, int | None]] = []
    for number, lines in enumerate(per_page, start=1):
        for text in lines:
            if _PAGE_NUMBER.match(text.strip()) or _DIGITS.sub("#", text) in repeating:
                continue
            texts.append((text, number))
    warnings = []
    if empty_pages:
        shown = ", ".join(str(p) for p in empty_pages[:10]) + (" …" if len(empty_pages) > 10 else "")
        warnings.append(
            f"Op {len(empty_pages)} pagina's staat geen leesbare tekst (misschien een scan of een "
            f"afbeelding): pagina {shown}. Wat daar staat, is niet meegenomen."
        )
    return Document("pdf", build_blocks(merge_continuations(texts)), total, tuple(warnings))

"""Word .docx, read as a stream: paragraphs and table cells in document order.

A .docx is a zip of XML parts. Before a byte is unpacked, the zip directory must show that the main
part (word/document.xml) unpacks to at most ``MAX_XML_BYTES`` and at most ``MAX_PACK_RATIO`` times
its packed size; while it is unpacked the bytes are counted again (the directory could lie). The XML
is parsed by lxml with a parser target: no tree is built, only the text of the current paragraph is
kept, and reading stops as soon as the text passes ``Limits.max_chars``. Chosen by measurement
(``tests/perf/hostile_uploads.py`` and the figures in the README): on a .docx with 95 MB of XML,
python-docx took 30 s and 1.9 GB, lxml's iterparse (elements cleared) 18 s and 25 MB, this parser
10 s and 24 MB. A document type declaration (entities, external files) is refused: Word writes none.

Page numbers come from the page breaks Word records in the file: the breaks it rendered when the
file was last saved (``w:lastRenderedPageBreak``) or, when there are none, the hard page breaks.
A file without either has no page numbers; passages then name their paragraph.
"""

from __future__ import annotations

import io
import math
import posixpath
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from scan.base.formatting import nl_number
from scan.rules.akkoord.document import Document, build_blocks
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.limits import (
    CHARS_PER_PAGE_ESTIMATE,
    MAX_PACK_RATIO,
    MAX_SMALL_XML_BYTES,
    MAX_XML_BYTES,
    Limits,
    size_text,
    text_too_long,
    too_many_pages,
)

MAIN = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _BR, _LRPB = f"{_W}p", f"{_W}t", f"{_W}br", f"{_W}lastRenderedPageBreak"
_PPR, _PSTYLE, _NUMPR = f"{_W}pPr", f"{_W}pStyle", f"{_W}numPr"
_STYLE, _NAME, _STYLE_ID, _VAL, _TYPE = f"{_W}style", f"{_W}name", f"{_W}styleId", f"{_W}val", f"{_W}type"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_STYLES_TYPE = "/relationships/styles"
# Parts smaller than this are never refused for how well they pack (a small part of spaces may pack
# 1000 to 1 and costs nothing to read).
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024


def _unreadable(name: str) -> AgreementError:
    return AgreementError(f"{name} is geen leesbaar Word-bestand. Is het bestand beschadigd?")


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, max_bytes: int) -> Iterator[bytes]:
    """The part's bytes, after checking its unpacked size and its packing ratio in the zip directory,
    and counted again while unpacking."""
    if info.file_size > max_bytes:
        raise AgreementError(
            f"{name} is uitgepakt te groot: de tekst en opmaak beslaan {size_text(info.file_size)}, en "
            f"de akkoordcheck leest tot {size_text(max_bytes)}. Sla alleen het deel met de afspraken op "
            "als nieuw bestand, of bewaar het als PDF, en probeer het opnieuw."
        )
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_PACK_RATIO * max(1, info.compress_size):
        ratio = info.file_size // max(1, info.compress_size)
        raise AgreementError(
            f"{name} pakt uit tot {size_text(info.file_size)}, {nl_number(ratio)} keer zo groot als "
            f"het bestand zelf. Een gewoon Word-bestand pakt uit tot hoogstens zo'n 20 keer zijn "
            "grootte; dit bestand leest de akkoordcheck niet. Sla het opnieuw op in Word, of bewaar "
            "het als PDF."
        )
    read = 0
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            read += len(chunk)
            if read > info.file_size or read > max_bytes:  # the directory lied
                raise _unreadable(name)
            yield chunk


class _NoDoctype:
    """A parser target that refuses a DOCTYPE; the other callbacks do nothing until a reader needs one
    (lxml calls end, data and close on every target)."""

    def doctype(self, *args) -> None:
        raise _DoctypeFound

    def start(self, tag: str, attrib) -> None:
        return None

    def end(self, tag: str) -> None:
        return None

    def data(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


class _DoctypeFound(Exception):
    """Stops the parse at a DOCTYPE (a .docx part never has one; one is an entity attack)."""


def _parse(chunks: Iterator[bytes], target: _NoDoctype, name: str) -> None:
    # types-lxml's ParserTarget protocol requires every callback (comment, pi, start_ns, ...); lxml
    # calls only those a target defines, and these targets define only the ones they need.
    parser = etree.XMLParser(  # type: ignore[call-overload]
        target=target, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except _DoctypeFound as exc:
        raise _unreadable(name) from exc
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _unreadable(name) from exc
    except (NotImplementedError, RuntimeError) as exc:  # a packing method zipfile lacks; a zip password
        raise _unreadable(name) from exc


class _Styles(_NoDoctype):
    """Style id -> style name, from the styles part."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._current: str | None = None

    def start(self, tag: str, attrib) -> None:
        if tag == _STYLE:
            self._current = attrib.get(_STYLE_ID)
        elif tag == _NAME and self._current is not None:
            self.names[self._current] = attrib.get(_VAL) or ""

    def end(self, tag: str) -> None:
        if tag == _STYLE:
            self._current = None


class _Paragraph:
    """The paragraph being read: its text so far, where it starts by either kind of break, its style."""

    def __init__(self, rendered_page: int, hard_page: int) -> None:
        self.parts: list[str] = []
        self.has_text = False
        self.start_rendered = rendered_page
        self.start_hard = hard_page
        self.style_id: str | None = None
        self.numbered = False


class _Body(_NoDoctype):
    """Collects the paragraphs of the main part: every ``w:p`` not inside another one (in the body, in a
    table cell, in a content control), with the text of everything inside it, like ``p.iter()``."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.stack: list[str] = []
        self.open_paragraphs = 0
        self.in_text = 0
        self.current: _Paragraph | None = None
        self.rendered = self.hard = 0  # breaks seen, of each kind
        self.chars = 0
        # text, page by rendered breaks, page by hard breaks, style id, numbered
        self.paragraphs: list[tuple[str, int, int, str | None, bool]] = []

    def start(self, tag: str, attrib) -> None:
        self.stack.append(tag)
        if tag == _P:
            if self.open_paragraphs == 0:
                self.current = _Paragraph(self.rendered + 1, self.hard + 1)
            self.open_paragraphs += 1
            return
        current = self.current
        if current is None:
            return
        if tag == _T:
            self.in_text += 1
        elif tag == _LRPB:
            self.rendered += 1
            if self.rendered + 1 > self.limits.max_pages:  # rendered breaks always count: refuse now
                raise self._too_many_pages(self.rendered + 1, more=True)
            if not current.has_text:
                current.start_rendered = self.rendered + 1  # the break comes before any text
        elif tag == _BR and attrib.get(_TYPE) == "page":
            self.hard += 1
            if not current.has_text:
                current.start_hard = self.hard + 1
        elif self.open_paragraphs == 1 and len(self.stack) >= 3 and self.stack[-2] == _PPR:
            if self.stack[-3] == _P and tag == _PSTYLE:
                current.style_id = attrib.get(_VAL)
            elif self.stack[-3] == _P and tag == _NUMPR:
                current.numbered = True

    def end(self, tag: str) -> None:
        self.stack.pop()
        if tag == _T and self.in_text:
            self.in_text -= 1
        elif tag == _P and self.open_paragraphs:
            self.open_paragraphs -= 1
            if self.open_paragraphs == 0 and self.current is not None:
                current, self.current = self.current, None
                text = "".join(current.parts).strip()
                if text:
                    self.paragraphs.append(
                        (text, current.start_rendered, current.start_hard, current.style_id, current.numbered)
                    )

    def data(self, text: str) -> None:
        if not self.in_text or self.current is None:
            return
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise text_too_long(self.name, self.limits)
        self.current.parts.append(text)
        if not self.current.has_text and text.strip():
            self.current.has_text = True

    def _too_many_pages(self, pages: int, more: bool = False) -> AgreementError:
        return too_many_pages(self.name, pages, self.limits, more=more)


def _styles_part(archive: zipfile.ZipFile) -> str:
    """Where the styles are: the main part's relationship of type styles, else the usual place."""
    rels = "word/_rels/document.xml.rels"
    try:
        info = archive.getinfo(rels)
    except KeyError:
        return "word/styles.xml"
    targets: list[str] = []

    class _Rels(_NoDoctype):
        def start(self, tag: str, attrib) -> None:
            if tag == _RELATIONSHIP and (attrib.get("Type") or "").endswith(_STYLES_TYPE):
                targets.append(attrib.get("Target") or "")

    _parse(_chunks(archive, info, "", MAX_SMALL_XML_BYTES), _Rels(), "")
    if not targets or not targets[0]:
        return "word/styles.xml"
    target = targets[0]
    return (
        target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
    )


def read_docx(data: bytes, name: str, limits: Limits) -> Document:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _unreadable(name) from exc
    with archive:
        try:
            main = archive.getinfo(MAIN)
        except KeyError as exc:
            raise _unreadable(name) from exc
        body = _Body(name, limits)
        _parse(_chunks(archive, main, name, MAX_XML_BYTES), body, name)
        styles = _Styles()
        try:
            styles_part = archive.getinfo(_styles_part(archive))
        except (KeyError, AgreementError):
            styles_part = None  # no styles: no headings by style, as python-docx with its defaults
        if styles_part is not None:
            _parse(_chunks(archive, styles_part, name, MAX_SMALL_XML_BYTES), styles, name)

    use_rendered = body.rendered > 0
    breaks = body.rendered if use_rendered else body.hard
    if breaks + 1 > limits.max_pages:
        raise body._too_many_pages(breaks + 1)
    texts: list[tuple[str, int | None]] = []
    headings: set[int] = set()
    items: set[int] = set()  # list items: numbered or bulleted, by numbering or style
    for text, rendered_page, hard_page, style_id, numbered in body.paragraphs:
        style = styles.names.get(style_id, "") if style_id is not None else ""
        if style.lower().startswith(("heading", "kop", "title", "titel")):
            headings.add(len(texts))
        elif numbered or any(word in style.lower() for word in ("list", "lijst", "opsomming")):
            items.add(len(texts))
        page = rendered_page if use_rendered else hard_page
        texts.append((text, page if breaks else None))

    estimate = math.ceil(sum(len(text) for text, _ in texts) / CHARS_PER_PAGE_ESTIMATE)
    if not breaks and estimate > limits.max_pages:
        raise too_many_pages(name, estimate, limits, estimated=True)
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

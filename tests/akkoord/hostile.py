"""Hostile agreement files, made here so tests and tests/perf/hostile_uploads.py need no stored files.

Each imitates one file from issue 23 (point 6), measured then on ``analyse()`` in its own process:

- ``zip_bomb_docx``: a 70 KB .docx whose word/document.xml unpacks to 45 MB (14 s, 1,1 GB);
- ``heavy_docx``: a 5 MB .docx with 299 page breaks whose XML unpacks to 19 times its size (27 s, 2,1 GB);
- ``huge_page_pdf``: a 1,1 MB PDF with one page that holds millions of characters (no result after 240 s);
- ``big_txt``: a 49,9 MB .txt in 300 pages (form feeds), just under the 50 MB upload limit (idem).

All text is Dutch, from the labelled passages, so no file is refused for its language.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib

from .fixtures import labelled_passages

MB = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'.encode()
)
_TAIL = b"</w:body></w:document>"


def _dutch() -> list[str]:
    return [p.text for p in labelled_passages()]


def _paragraph(text: str, page_break: bool = False) -> bytes:
    brk = b"<w:r><w:lastRenderedPageBreak/></w:r>" if page_break else b""
    return b"<w:p>" + brk + b"<w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p>"


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)


def _with_document_xml(chunks) -> bytes:
    """The smallest .docx that Word and python-docx open, its word/document.xml written from ``chunks``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        out.writestr("[Content_Types].xml", _CONTENT_TYPES)
        out.writestr("_rels/.rels", _RELS)
        with out.open("word/document.xml", "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)
    return buffer.getvalue()


def zip_bomb_docx(xml_bytes: int = 45 * MB) -> bytes:
    """About 70 KB on disk, ``xml_bytes`` of XML unpacked (about 650 to 1, like the file in the issue):
    the same Dutch paragraph over and over, each followed by 2,000 empty paragraphs."""
    block = _paragraph(_dutch()[0]) + b"<w:p/>" * 2000

    def chunks():
        yield _HEAD
        for _ in range((xml_bytes - len(_HEAD) - len(_TAIL)) // len(block)):
            yield block
        yield _TAIL

    return _with_document_xml(chunks())


def heavy_docx(packed_bytes: int = 5 * MB, seed: int = 23) -> bytes:
    """About ``packed_bytes`` on disk and 19 times that unpacked, just under the old limit of 20 times
    the file size: Dutch passages in random order, each followed by some empty paragraphs, and 299
    rendered page breaks, so 300 pages."""
    rng = random.Random(seed)
    texts = _dutch()
    xml_bytes = 19 * packed_bytes
    paragraphs = xml_bytes // 1000
    every = max(1, paragraphs // 300)

    def chunks():
        yield _HEAD
        written = len(_HEAD)
        i = 0
        while written < xml_bytes - len(_TAIL):
            para = _paragraph(rng.choice(texts), page_break=bool(i) and i % every == 0 and i // every < 300)
            para += b"<w:p/>" * rng.randint(130, 200)
            written += len(para)
            i += 1
            yield para
        yield _TAIL

    return _with_document_xml(chunks())


def _pdf(pages: list[bytes], size: int = 28346) -> bytes:
    """A PDF with one content stream per page (Helvetica as font F1) on pages of ``size`` points."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in pages:
        stream = zlib.compress(content, 9)
        page_number, content_number = len(objects) + 1, len(objects) + 2
        kids.append(b"%d 0 R" % page_number)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (size, size, 3 + 2 * len(pages), content_number)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def marked_up_docx(xml_bytes: int = 12 * MB, chars: int = 500_000, seed: int = 5) -> bytes:
    """A legal .docx with a large main part: about ``chars`` characters of Dutch text in 300 pages,
    among numbered bookmarks (as Word leaves them) up to ``xml_bytes`` of XML; packs about 5 to 1."""
    rng = random.Random(seed)
    texts = _dutch()
    paragraphs = chars * len(texts) // sum(len(t) for t in texts)
    pad = max(0, (xml_bytes - chars * 11 // 10) // paragraphs)
    every = max(1, paragraphs // 300)

    def chunks():
        yield _HEAD
        for i in range(paragraphs):
            marks = bytearray()
            while len(marks) < pad:
                n = rng.getrandbits(30)
                marks += b'<w:bookmarkStart w:id="%d" w:name="_Ref%08x"/><w:bookmarkEnd w:id="%d"/>' % (
                    n,
                    n,
                    n,
                )
            yield _paragraph(rng.choice(texts), page_break=bool(i) and i % every == 0 and i // every < 300)
            yield bytes(marks)
        yield _TAIL

    return _with_document_xml(chunks())


def huge_page_pdf(chars: int = 31_000_000) -> bytes:
    """One page of 10 by 10 metres with about ``chars`` characters of Dutch text in 1-point type, one
    line per text object. The content stream packs well: 31 million characters take 1,1 MB, and
    PDFium needs more than 500 MB to load the page."""
    texts = [t.encode("latin-1", "replace")[:200].replace(b"(", b"[").replace(b")", b"]") for t in _dutch()]
    lines = []
    total, y, x = 0, 28000, 0
    while total < chars:
        text = texts[len(lines) % len(texts)]
        lines.append(b"1 0 0 1 %d %d Tm (%s) Tj\n" % (x, y, text))
        total += len(text)
        y -= 1
        if y < 10:
            y, x = 28000, x + 120
    return _pdf([b"BT /F1 1 Tf\n" + b"".join(lines) + b"ET\n"])


def pieces_pdf(pages: int = 30, per_page: int = 6_500) -> bytes:
    """``pages`` A4-sized pages, each with ``per_page`` characters placed one by one, each on its own
    spot (PDFium adds a space or line break after each: 19.500 characters a page, within the limit).
    Placing the pieces costs characters times pieces, about 1,5 s a page: only the time limit of the
    child stops it."""
    letters = b"burgerberaad"
    content = []
    for _ in range(pages):
        shows = [
            b"1 0 0 1 %d %d Tm (%s) Tj\n"
            % (20 + (i * 7) % 560, 20 + (i * 13) % 800, letters[i % 12 : i % 12 + 1])
            for i in range(per_page)
        ]
        content.append(b"BT /F1 4 Tf\n" + b"".join(shows) + b"ET\n")
    return _pdf(content, size=600)


def big_txt(size: int = int(49.9 * 1000 * 1000), pages: int = 300, seed: int = 49) -> bytes:
    """``size`` bytes of Dutch paragraphs in ``pages`` pages (form feeds between them)."""
    rng = random.Random(seed)
    texts = [t.encode() for t in _dutch()]
    per_page = size // pages
    out = bytearray()
    for page in range(pages):
        start = len(out)
        while len(out) - start < per_page - 400:
            out += rng.choice(texts) + b"\n\n"
        if page < pages - 1:
            out += b"\f"
    out += b"x" * max(0, size - len(out))
    return bytes(out[:size])

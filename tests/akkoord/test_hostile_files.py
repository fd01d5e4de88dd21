"""Hostile files (issue 23, point 6): each reader refuses a file by what it says about itself, before
the heavy work, with a Dutch message that says what to do. The files are made in tests/akkoord/hostile.py.

What the child process adds (a memory and a time limit) is tested in test_runner.py.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import pypdfium2 as pdfium
import pytest

from scan.rules.akkoord import AgreementError, Limits, analyse, analyse_text, pdf_reader, text_reader
from scan.rules.akkoord.analysis import read_document

from . import hostile

MB = 1024 * 1024
LIMITS = Limits.default()


def _starts(text: str) -> str:
    return "^" + re.escape(text)


def test_zip_bomb_docx_is_refused_from_its_zip_directory() -> None:
    data = hostile.zip_bomb_docx()  # 45 MB of XML in about 70 KB
    assert len(data) < 100_000
    with pytest.raises(AgreementError) as caught:
        analyse(data, "bom.docx")
    message = str(caught.value)
    assert message.startswith("bom.docx pakt uit tot 45 MB, ")
    assert "keer zo groot als het bestand zelf" in message and "Sla het opnieuw op in Word" in message


def test_heavy_docx_is_refused_before_its_xml_is_read() -> None:
    data = hostile.heavy_docx()  # 5 MB that unpacks to 95 MB, 19 to 1: passed the old check
    with pytest.raises(AgreementError) as caught:
        analyse(data, "zwaar.docx")
    assert str(caught.value).startswith(
        "zwaar.docx is uitgepakt te groot: de tekst en opmaak beslaan 95 MB, en de akkoordcheck leest tot 50 MB."
    )


def test_docx_xml_is_read_as_a_stream() -> None:
    """A large main part within the limits is parsed without holding its XML or a tree in memory."""
    data = hostile.marked_up_docx()  # 12 MB of XML with half a million characters of text
    xml_size = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size
    assert xml_size > 11 * MB
    tracemalloc.start()
    try:
        document = read_document(data, "groot.docx", LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert document.pages == 300 and len(document.text) > 450_000
    # the blocks hold the text (about 1 MB as Python objects); the XML is never in memory at once
    assert peak < xml_size / 4, f"{peak / MB:.1f} MB"


def test_docx_text_is_bounded_while_it_is_read() -> None:
    data = hostile.heavy_docx(packed_bytes=MB // 4)
    with pytest.raises(AgreementError) as caught:
        analyse(data, "lang.docx", limits=Limits(max_bytes=50 * MB, max_chars=100_000))
    assert str(caught.value) == (
        "lang.docx bevat meer dan 100.000 tekens tekst. De akkoordcheck leest tot 100.000 tekens "
        "(zo'n 1.000 volle pagina's); kies het deel met de afspraken."
    )


def _docx_with(document_xml: bytes) -> bytes:
    return hostile._with_document_xml(iter([document_xml]))


@pytest.mark.parametrize(
    "doctype",
    [
        # billion laughs: entities that expand to a billion "lol"s
        '<!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        + "".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("bcdefgh", "cdefghi", strict=True)
        )
        + "]>",
        # XXE: an external entity that would read a file of the server
        '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        # harmless, but Word never writes a DOCTYPE: none is read at all
        "<!DOCTYPE w:document>",
    ],
    ids=["billion-laughs", "xxe", "plain"],
)
def test_docx_with_a_document_type_declaration_is_refused(doctype: str) -> None:
    body = "&i;" if "ENTITY i" in doctype else "&x;" if "ENTITY x" in doctype else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"<w:p><w:r><w:t>We organiseren een burgerberaad. {body}</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    with pytest.raises(AgreementError, match=_starts("kwaad.docx is geen leesbaar Word-bestand")):
        analyse(_docx_with(xml), "kwaad.docx")


def test_docx_with_thousands_of_parts_is_refused_before_its_zip_is_opened(monkeypatch) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(5_001):
            archive.writestr(f"word/media/{i}.bin", b"")

    def no_zip(*args, **kwargs):
        raise AssertionError("the zip was opened")

    monkeypatch.setattr(zipfile, "ZipFile", no_zip)
    with pytest.raises(AgreementError, match=r"^delen.docx bestaat uit meer dan 5\.000 delen"):
        analyse(buffer.getvalue(), "delen.docx")


def test_pdf_page_with_too_much_text_is_refused_before_its_runs_are_placed(monkeypatch) -> None:
    def no_placing(*args, **kwargs):
        raise AssertionError("the runs of the page were placed")

    monkeypatch.setattr(pdf_reader, "_page_runs", no_placing)
    with pytest.raises(AgreementError) as caught:
        analyse(hostile.huge_page_pdf(100_000), "vol.pdf")
    assert str(caught.value).startswith("vol.pdf: op pagina 1 staat meer dan 20.000 tekens tekst.")


def test_pdf_page_with_too_many_text_objects_is_refused_before_its_text_is_built(monkeypatch) -> None:
    def no_text(*args, **kwargs):
        raise AssertionError("PDFium built the text of the page")

    monkeypatch.setattr(pdfium.PdfPage, "get_textpage", no_text)
    with pytest.raises(
        AgreementError, match=_starts("stukjes.pdf: op pagina 1 staat meer dan 20.000 tekens tekst")
    ):
        analyse(hostile.pieces_pdf(pages=1, per_page=20_001), "stukjes.pdf")


def test_pdf_text_of_all_pages_is_bounded(monkeypatch) -> None:
    placed: list[int] = []
    real = pdf_reader._page_runs
    monkeypatch.setattr(pdf_reader, "_page_runs", lambda page, text: placed.append(1) or real(page, text))
    data = hostile.pieces_pdf(pages=5, per_page=500)  # 1.500 characters a page with PDFium's spaces
    with pytest.raises(AgreementError, match=_starts("stukjes.pdf bevat meer dan 4.000 tekens tekst")):
        analyse(data, "stukjes.pdf", limits=Limits(max_bytes=MB, max_chars=4_000))
    assert len(placed) == 2  # the third page passed the limit before its runs were placed


def test_big_txt_is_refused_before_it_is_decoded(monkeypatch) -> None:
    def no_decoding(*args, **kwargs):
        raise AssertionError("the text was decoded")

    monkeypatch.setattr(text_reader, "decode", no_decoding)
    data = hostile.big_txt()  # 49,9 MB in 300 pages: just under the upload limit
    with pytest.raises(AgreementError) as caught:
        analyse(data, "groot.txt")
    assert str(caught.value) == (
        "groot.txt bevat meer dan 3.000.000 tekens tekst. De akkoordcheck leest tot 3.000.000 tekens "
        "(zo'n 1.000 volle pagina's); kies het deel met de afspraken."
    )


def test_long_text_is_refused_before_it_is_split(monkeypatch) -> None:
    def no_splitting(*args, **kwargs):
        raise AssertionError("the text was split into paragraphs")

    monkeypatch.setattr(text_reader, "_paragraphs", no_splitting)
    text = hostile.big_txt(size=3_100_000).decode()  # 300 pages (form feeds), 3,1 million characters
    with pytest.raises(AgreementError, match=_starts("lang.txt bevat meer dan 3.000.000 tekens tekst")):
        analyse(text.encode(), "lang.txt")
    with pytest.raises(
        AgreementError, match=_starts("De geplakte tekst bevat meer dan 3.000.000 tekens tekst")
    ):
        analyse_text(text)

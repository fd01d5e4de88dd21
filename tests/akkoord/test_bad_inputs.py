"""Every kind of bad input gives its own Dutch message (AgreementError) and nothing else happens."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from scan.base.errors import ScanError
from scan.rules.akkoord import AgreementError, Limits, analyse, analyse_text, pdf_reader
from scan.rules.akkoord.limits import too_many_pages

from .fixtures import write_docx

DUTCH = "We bouwen woningen en we organiseren een burgerberaad met gelote inwoners over het klimaat."


def _pdf(pages: int = 1, text: str = DUTCH) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="beheer", user_password="geheim")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, DUTCH)
    return bytes(pdf.output())


def _scanned_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (400, 300), "white"), x=10, y=10, w=180)
    return bytes(pdf.output())


def _old_doc() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048


def _encrypted_docx() -> bytes:
    # Office stores a password-protected .docx as an OLE container with an EncryptedPackage stream.
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 512
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 512
    )


def _docx_bytes(tmp: Path) -> bytes:
    return write_docx([DUTCH], tmp / "a.docx").read_bytes()


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.csv", "a,b\n1,2\n")
    return buffer.getvalue()


ENGLISH = (
    "The coalition will organise a citizens assembly on the energy transition. We want residents to have "
    "a say in the budget of their neighbourhood, and we will make sure that young people are heard by the "
    "council. This agreement sets out what the parties will do in the coming four years, and how they will "
    "work with the council, the residents and the partners in the region. " * 3
)

CASES = [
    ("leeg.pdf", lambda tmp: b"", "is leeg (0 bytes)"),
    ("leeg.txt", lambda tmp: b"   \n\n  ", "bevat geen tekst"),
    ("beveiligd.pdf", lambda tmp: _encrypted_pdf(), "beveiligd met een wachtwoord"),
    ("beveiligd.docx", lambda tmp: _encrypted_docx(), "beveiligd met een wachtwoord"),
    ("scan.pdf", lambda tmp: _scanned_pdf(), "alleen afbeeldingen van tekst (een scan)"),
    ("blanco.pdf", lambda tmp: _pdf(2, text=""), "bevat geen tekst"),
    ("oud.doc", lambda tmp: _old_doc(), "oud Word-bestand (.doc)"),
    ("oud-hernoemd.docx", lambda tmp: _old_doc(), "oud Word-bestand (.doc)"),
    ("lang.pdf", lambda tmp: _pdf(500, text="Pagina."), "heeft 500 pagina's"),
    ("engels.txt", lambda tmp: ENGLISH.encode(), "niet in het Nederlands"),
    ("engels.pdf", lambda tmp: _pdf(1, ENGLISH), "niet in het Nederlands"),
    ("eigenlijk-pdf.docx", lambda tmp: _pdf(), "heet .docx, maar is eigenlijk een PDF"),
    ("eigenlijk-word.pdf", _docx_bytes, "heet .pdf, maar is eigenlijk een Word-bestand"),
    ("zip.docx", lambda tmp: _zip_without_word(), "de inhoud is geen PDF"),
    ("kapot.pdf", lambda tmp: b"%PDF-1.4\n" + b"rommel" * 50, "geen leesbare PDF"),
    ("plaatje.png", lambda tmp: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "dit soort bestand"),
    ("binair.txt", lambda tmp: b"\x00\x01\x02" * 100, "de inhoud is geen"),
]


@pytest.mark.parametrize(("filename", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_its_dutch_message(tmp_path: Path, filename: str, make, message: str) -> None:
    with pytest.raises(AgreementError) as caught:
        analyse(make(tmp_path), filename)
    assert message in str(caught.value)
    assert filename in str(caught.value) or "Nederlands" in str(caught.value)
    assert isinstance(caught.value, ScanError)  # the CLI and the UI show it as "Fout: ..."


def test_too_many_pages_is_refused_before_any_page_is_read(monkeypatch) -> None:
    def no_reading(*args, **kwargs):
        raise AssertionError("a page was read")

    monkeypatch.setattr(pdf_reader, "_page_runs", no_reading)
    with pytest.raises(AgreementError, match="301 pagina's"):
        analyse(_pdf(301, text="x"), "lang.pdf")


def test_300_pages_are_accepted() -> None:
    result = analyse(_pdf(300), "a.pdf")
    assert result.pages == 300 and result.proposals["2c"].status == "staat_erin"


def test_docx_with_too_many_page_breaks_is_refused(tmp_path: Path) -> None:
    path = write_docx([DUTCH] * 320, tmp_path / "lang.docx", page_break_every=1)
    with pytest.raises(AgreementError, match="320 pagina's"):
        analyse(path.read_bytes(), "lang.docx")


def test_size_limit_is_checked_first_and_configurable(monkeypatch) -> None:
    data = _pdf(3)
    with pytest.raises(AgreementError, match="te groot"):
        analyse(data, "groot.pdf", limits=Limits(max_bytes=len(data) - 1))
    monkeypatch.setenv("DEMOCRATIESCAN_AKKOORD_MAX_MB", "0.001")
    with pytest.raises(AgreementError, match=r"tot 0 MB|te groot"):
        analyse(data, "groot.pdf")
    with pytest.raises(AgreementError, match="te lang"):
        analyse_text(DUTCH * 100, limits=Limits(max_bytes=1000))


def test_short_foreign_text_is_not_refused_but_flagged() -> None:
    result = analyse_text("The council will organise a citizens assembly.")
    assert result.language_ok is False
    assert analyse_text(DUTCH).language_ok is True


def test_pages_without_text_are_reported(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, DUTCH)
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 200), "white"), x=10, y=10, w=100)
    result = analyse(bytes(pdf.output()), "deels-gescand.pdf")
    assert result.proposals["2c"].status == "staat_erin"
    assert "pagina 2" in result.warnings[0] and "geen leesbare tekst" in result.warnings[0]


@pytest.mark.parametrize(
    ("reader_case", "expected"),
    [
        ({"pages": 12000}, "heeft 12.000 pagina's. De akkoordcheck leest documenten tot 10.000 pagina's"),
        ({"pages": 12000, "estimated": True}, "is ongeveer 12.000 pagina's lang"),
        ({"pages": 0, "more": True}, "heeft meer dan 10.000 pagina's"),
    ],
)
def test_page_counts_are_written_the_dutch_way(reader_case: dict, expected: str) -> None:
    limits = Limits(max_bytes=1, max_pages=10_000)
    pages = reader_case.pop("pages")
    assert expected in str(too_many_pages("akkoord.pdf", pages, limits, **reader_case))


def test_a_long_text_names_its_pages_with_a_thousands_separator() -> None:
    text = "\f".join(["Wij gaan de wijkraden versterken."] * 1200)
    with pytest.raises(AgreementError, match=r"heeft 1\.200 pagina's"):
        analyse(text.encode(), "lang.txt", limits=Limits(max_bytes=10_000_000, max_pages=1000))

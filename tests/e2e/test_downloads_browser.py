"""The downloads work in a real browser: the report, the data and the council letter on the results page,
the presentation PDF, a workshop's outcomes; each named after the municipality."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.records.workshop import export
from scan.storage.core import Store
from scan.views import presentation

from .. import council

pytestmark = pytest.mark.e2e


def test_pdf_and_excel_download_from_the_results_page(server, page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0080", 2026)
    for q in question_bank().questions_for_role("griffie"):
        answer_store.save(store, rnd.id, q.id, 2)
    page.goto(f"{server.url}/resultaten?gemeente=GM0080&jaar=2026")
    expect(page.get_by_role("heading", name="Resultaten: Leeuwarden 2026")).to_be_visible()

    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Rapport (PDF)").click()
    pdf = info.value
    assert pdf.suggested_filename == "democratiescan-leeuwarden-2026-rapport.pdf"
    text = "".join(p.extract_text() for p in PdfReader(pdf.path()).pages)
    assert "Leeuwarden" in text and "Macht en tegenmacht" in text

    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Gegevens (Excel)").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert book["Antwoorden"].max_row == 1 + len(question_bank().questions_for_role("griffie"))


def test_an_ended_workshops_outcomes_download_from_the_facilitator_page(server, page) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0080", 2026)
    council.add_workshop(store, rnd, title="Raadsavond")
    ws = workshop.for_round(store, rnd.id)[0]
    workshop.set_phase(store, ws.id, workshop.facilitator_pin(store, ws.id), "ended")
    page.goto(f"{server.url}/leiden?workshop={ws.ref}")
    expect(page.get_by_role("heading", name="Uitkomsten bewaren")).to_be_visible()

    for label, extension in (("Excel", "xlsx"), ("CSV", "csv")):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=f"Uitkomsten downloaden ({label})").click()
        assert info.value.suggested_filename == f"workshop-leeuwarden-2026-{ws.join_code.lower()}.{extension}"
        made = export.to_xlsx if extension == "xlsx" else export.to_csv
        if extension == "csv":  # the same bytes as the export module makes (xlsx holds a timestamp)
            assert Path(info.value.path()).read_bytes() == made(store, ws.id)
        else:
            book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
            assert book.sheetnames == openpyxl.load_workbook(io.BytesIO(made(store, ws.id))).sheetnames
    # the short report for the council and the agenda, from the same outcome as the Excel
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Uitkomsten downloaden (PDF-verslag)").click()
    assert info.value.suggested_filename == f"workshop-leeuwarden-2026-{ws.join_code.lower()}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    assert "Workshop Raadsavond" in text and "Stemming over de voorstellen" in text


def test_presentation_pdf_and_council_letter_download_with_the_municipalitys_name(server, page) -> None:
    """Issue 26.5 and 26.10: the presentation page hands out its screens as a PDF, the results page the
    council letter in Word; both named after the municipality."""
    store = Store(server.db)
    rnd = council.own_round(store)
    page.goto(f"{server.url}/presentatie?gemeente={council.OWN}&jaar=2026")
    expect(page.get_by_text("Democratiescan Zeist 2026").first).to_be_visible()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Presentatie als PDF").click()
    assert info.value.suggested_filename == "democratiescan-zeist-2026-presentatie.pdf"
    pages = PdfReader(info.value.path()).pages
    assert len(pages) == presentation.build(store, rnd).screens
    assert "Democratiescan Zeist 2026" in pages[0].extract_text().replace("\n", " ")

    page.goto(f"{server.url}/resultaten?gemeente={council.OWN}&jaar=2026")
    expect(page.get_by_role("heading", name="Resultaten: Zeist 2026")).to_be_visible()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Raadsinformatiebrief (Word)").click()
    assert info.value.suggested_filename == "democratiescan-zeist-2026-raadsinformatiebrief.docx"
    doc = Document(info.value.path())
    assert doc.paragraphs[0].text == "Raadsinformatiebrief"
    assert doc.tables[0].rows[0].cells[1].text == "De leden van de gemeenteraad van Zeist"

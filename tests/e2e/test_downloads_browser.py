"""The report and data downloads on the results page work in a real browser."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.records.workshop import export
from scan.storage.core import Store

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
    assert pdf.suggested_filename == "democratiescan-GM0080-2026-rapport.pdf"
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
        assert info.value.suggested_filename == f"workshop-{ws.join_code}.{extension}"
        made = export.to_xlsx if extension == "xlsx" else export.to_csv
        if extension == "csv":  # the same bytes as the export module makes (xlsx holds a timestamp)
            assert Path(info.value.path()).read_bytes() == made(store, ws.id)
        else:
            book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
            assert book.sheetnames == openpyxl.load_workbook(io.BytesIO(made(store, ws.id))).sheetnames
    # the short report for the council and the agenda, from the same outcome as the Excel
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Uitkomsten downloaden (PDF-verslag)").click()
    assert info.value.suggested_filename == f"workshop-{ws.join_code}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    assert "Workshop Raadsavond" in text and "Stemming over de voorstellen" in text

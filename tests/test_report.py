"""The council report and the data exports open in the tools a griffie uses and say what they must."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from scan import answers as answer_store
from scan import choices, rounds
from scan.exports import export
from scan.questionbank import question_bank
from scan.storage import Store

from .conftest import run_cli

CHOSEN = ["2a", "6a", "8b"]


@pytest.fixture
def scanned(store: Store):
    rnd = rounds.start(store, "GM0080", 2026)
    for i, q in enumerate(question_bank().questions_for_role("griffie")):
        answer_store.save(store, rnd.id, q.id, i % 5)
    for pid in CHOSEN:
        choices.set_status(store, rnd.id, pid, "kiezen")
    return store, rnd


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_report_has_name_priorities_and_chosen_proposals(scanned) -> None:
    store, rnd = scanned
    text = " ".join(_pdf_text(export(store, rnd, "pdf")).split())
    assert "Leeuwarden" in text
    for p in question_bank().core_priorities:
        assert p.name in text, p.name
    for pid in CHOSEN:
        assert f"Voorstel {pid}:" in text
    assert "Werkwijze en bronnen" in text and "Weet niet" in text  # the Dutch method, not English
    assert "–" in text or "·" in text  # the TTF font carries typographic characters


def test_docx_report_has_name_priorities_and_chosen_proposals(scanned) -> None:
    store, rnd = scanned
    doc = Document(io.BytesIO(export(store, rnd, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Leeuwarden" in text
    for p in question_bank().core_priorities:
        assert p.name in text
    for pid in CHOSEN:
        assert f"Voorstel {pid}:" in text
    assert len(doc.inline_shapes) >= 2  # radar and bars as pictures


def test_demo_report_says_fictief(store: Store) -> None:
    rnd = rounds.start(store, "GM0080", 2026, is_demo=True)
    answer_store.save(store, rnd.id, "1.1", 2)
    assert "antwoorden van de gemeente in dit rapport zijn fictief" in _pdf_text(export(store, rnd, "pdf"))


def test_xlsx_has_a_sheet_per_kind_with_the_right_rows(scanned) -> None:
    store, rnd = scanned
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    assert book.sheetnames == ["Antwoorden", "Scores", "Voorstellen"]
    assert book["Antwoorden"].max_row == 1 + len(question_bank().questions_for_role("griffie"))
    assert book["Scores"].max_row == 1 + len(question_bank().priorities) + 1  # + total
    assert book["Voorstellen"].max_row == 1 + 29


def test_csv_and_json_exports(scanned) -> None:
    store, rnd = scanned
    csv_text = export(store, rnd, "csv").decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("gemeente_code;gemeente;jaar;respondent;rol")
    assert len(lines) == 1 + len(question_bank().questions_for_role("griffie"))
    payload = json.loads(export(store, rnd, "json"))
    assert payload["municipality_code"] == "GM0080" and len(payload["proposals"]) == 29
    assert {"question_id", "value", "dont_know"} <= set(payload["answers"][0])


def _read_back(fmt: str, data: bytes) -> str:
    """The text a reader of the file sees, per format."""
    if fmt == "pdf":
        return re.sub(r" +", " ", _pdf_text(data))
    if fmt == "docx":
        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row)
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "csv", "json"])
def test_cli_export_writes_the_same_file_as_the_app(scanned, tmp_path: Path, fmt: str) -> None:
    store, rnd = scanned
    out = tmp_path / f"rapport.{fmt}"
    result = run_cli(
        "export",
        "--db",
        str(store.path),
        "--municipality",
        "GM0080",
        "--year",
        "2026",
        "--format",
        fmt,
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    text = _read_back(fmt, out.read_bytes())
    assert "Leeuwarden" in text or "GM0080" in text
    if fmt in ("pdf", "docx"):
        assert all(f"Voorstel {pid}:" in text for pid in CHOSEN)
    else:
        assert "Burgeragendering" in text or "8.1" in text  # the answers themselves are in the file
    same = _read_back(fmt, export(store, rnd, fmt))
    if fmt not in ("pdf", "docx"):  # documents carry today's date and are rendered again
        assert text == same


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--municipality", "GM9999", "--year", "2026", "--format", "pdf"], "onbekende gemeentecode"),
        (["--municipality", "GM0080", "--year", "1999", "--format", "pdf"], "geen jaar"),
        (["--municipality", "GM0080", "--year", "2030", "--format", "pdf"], "geen scan van GM0080 voor 2030"),
        (["--municipality", "GM0080", "--year", "2026", "--format", "odt"], "ongeldige opdracht"),
        (["--gemeente", "GM0080", "--year", "2030", "--format", "pdf"], "geen scan van GM0080 voor 2030"),
    ],
)
def test_cli_export_bad_arguments(scanned, tmp_path: Path, args, message) -> None:
    store, _ = scanned
    out = tmp_path / "x"
    result = run_cli("export", "--db", str(store.path), *args, "--out", str(out))
    assert result.returncode == 2 and message in result.stderr and not out.exists()

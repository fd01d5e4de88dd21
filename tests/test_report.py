"""The council report and the data exports open in the tools a griffie uses and say what they must."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from scan.exports import export
from scan.storage import Store

from .conftest import PROJECT

CHOSEN = ["2a", "6a", "8b"]


@pytest.fixture
def scanned(store: Store):
    rnd = store.start_round("GM0080", 2026)
    for i, q in enumerate(store.bank.questions_for_role("griffie")):
        store.save_answer(rnd.id, q.id, i % 5)
    for pid in CHOSEN:
        store.set_proposal_status(rnd.id, pid, "kiezen")
    return store, rnd


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_report_has_name_priorities_and_chosen_proposals(scanned) -> None:
    store, rnd = scanned
    text = " ".join(_pdf_text(export(store, rnd, "pdf")).split())
    assert "Leeuwarden" in text
    for p in store.bank.core_priorities:
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
    for p in store.bank.core_priorities:
        assert p.name in text
    for pid in CHOSEN:
        assert f"Voorstel {pid}:" in text
    assert len(doc.inline_shapes) >= 2  # radar and bars as pictures


def test_demo_report_says_fictief(store: Store) -> None:
    rnd = store.start_round("GM0080", 2026, is_demo=True)
    store.save_answer(rnd.id, "1.1", 2)
    assert "fictieve voorbeelddata" in _pdf_text(export(store, rnd, "pdf"))


def test_xlsx_has_a_sheet_per_kind_with_the_right_rows(scanned) -> None:
    store, rnd = scanned
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    assert book.sheetnames == ["Antwoorden", "Scores", "Voorstellen"]
    assert book["Antwoorden"].max_row == 1 + len(store.bank.questions_for_role("griffie"))
    assert book["Scores"].max_row == 1 + len(store.bank.priorities) + 1  # + total
    assert book["Voorstellen"].max_row == 1 + 29


def test_csv_and_json_exports(scanned) -> None:
    store, rnd = scanned
    csv_text = export(store, rnd, "csv").decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("gemeente_code;gemeente;jaar;respondent;rol")
    assert len(lines) == 1 + len(store.bank.questions_for_role("griffie"))
    payload = json.loads(export(store, rnd, "json"))
    assert payload["gemeente_code"] == "GM0080" and len(payload["voorstellen"]) == 29


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "csv", "json"])
def test_cli_export(scanned, tmp_path: Path, fmt: str) -> None:
    store, _ = scanned
    out = tmp_path / f"rapport.{fmt}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scan",
            "export",
            "--db",
            str(store.path),
            "--gemeente",
            "GM0080",
            "--year",
            "2026",
            "--format",
            fmt,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 500
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gemeente", "GM9999", "--year", "2026", "--format", "pdf"], "onbekende gemeentecode"),
        (["--gemeente", "GM0080", "--year", "1999", "--format", "pdf"], "geen jaar"),
        (["--gemeente", "GM0080", "--year", "2030", "--format", "pdf"], "geen scan van GM0080 voor 2030"),
        (["--gemeente", "GM0080", "--year", "2026", "--format", "odt"], "ongeldige opdracht"),
    ],
)
def test_cli_export_bad_arguments(scanned, tmp_path: Path, args, message) -> None:
    store, _ = scanned
    out = tmp_path / "x"
    result = subprocess.run(
        [sys.executable, "-m", "scan", "export", "--db", str(store.path), *args, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )
    assert result.returncode == 2 and message in result.stderr and not out.exists()

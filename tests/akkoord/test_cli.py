"""`python -m scan agreement|akkoord`, in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from scan.cli import main

from .fixtures import write_docx, write_pdf

PROMISES = [
    "We bouwen woningen voor starters en ouderen.",
    "We organiseren een burgerberaad met inwoners die door loting zijn gekozen.",
    "Wij zien geen aanleiding voor een referendum over de herindeling.",
    "Inwoners krijgen het recht om met een burgeramendement een raadsvoorstel te wijzigen.",
]


def test_single_file_text_output(tmp_path: Path, capsys) -> None:
    path = write_pdf(PROMISES, tmp_path / "akkoord.pdf")
    assert main(["akkoord", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Akkoordcheck van akkoord.pdf (pdf, 1 pagina)" in out
    assert "Prioriteit 2 · Inclusieve democratie: staat erin" in out
    assert "2c  staat erin" in out and "pagina 1 (score" in out and "[burgerberaad]" in out
    assert "8c  niet gevonden" in out and "(ontkend)" in out


def test_single_file_json(tmp_path: Path, capsys) -> None:
    path = write_docx(PROMISES, tmp_path / "akkoord.docx")
    assert main(["agreement", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bestand"] == "akkoord.docx" and data["source"] == "docx"
    assert data["proposals"]["8b"]["status"] == "staat_erin"
    assert data["proposals"]["8c"]["passages"][0]["negated"] is True
    assert data["priorities"]["8"]["found"] == ["8b"]
    passage = data["proposals"]["2c"]["passages"][0]
    assert passage["paragraph"] == 2 and passage["page"] is None
    start, end = passage["spans"][0]
    assert passage["text"][start:end] == "burgerberaad"


def test_folder_to_csv_goes_past_bad_files(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "akkoorden"
    folder.mkdir()
    write_pdf(PROMISES, folder / "a-gemeente.pdf")
    write_docx(PROMISES[:2], folder / "b-gemeente.docx")
    (folder / "c-gemeente.txt").write_text("\n\n".join(PROMISES[2:]), encoding="utf-8")
    (folder / "d-leeg.pdf").write_bytes(b"")
    (folder / "e-oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    out_csv = tmp_path / "uit.csv"
    assert main(["akkoord", str(folder), "--csv", str(out_csv), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "Overgeslagen: d-leeg.pdf is leeg (0 bytes)" in captured.err
    assert "Overgeslagen: e-oud.doc is een oud Word-bestand (.doc)" in captured.err
    assert "3 akkoorden gelezen, 2 overgeslagen; 87 regels" in captured.out
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0] == ["bestand", "voorstel", "status", "beste_pagina", "score", "woorden"]
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert len(by_key) == 87
    assert by_key[("a-gemeente.pdf", "2c")][2:4] == ["staat erin", "1"]
    assert "burgerberaad" in by_key[("a-gemeente.pdf", "2c")][5]
    assert by_key[("a-gemeente.pdf", "8c")][2] == "niet gevonden"
    assert by_key[("b-gemeente.docx", "2c")][3] == ""  # no page numbers in this .docx
    assert by_key[("c-gemeente.txt", "8b")][2] == "staat erin"


def test_folder_in_parallel_gives_the_same_rows(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "akkoorden"
    folder.mkdir()
    for i in range(3):
        write_pdf(PROMISES[i:], folder / f"{i}.pdf")
    one, two = tmp_path / "1.csv", tmp_path / "2.csv"
    assert main(["akkoord", str(folder), "--csv", str(one), "--workers", "1", "--quiet"]) == 0
    assert main(["akkoord", str(folder), "--csv", str(two), "--workers", "2", "--quiet"]) == 0
    assert one.read_text(encoding="utf-8-sig") == two.read_text(encoding="utf-8-sig")


def test_errors_exit_2_with_fout(tmp_path: Path, capsys) -> None:
    assert main(["akkoord", str(tmp_path / "bestaat-niet.pdf")]) == 2
    assert capsys.readouterr().err.startswith("Fout: Het bestand of de map")
    (tmp_path / "leeg.pdf").write_bytes(b"")
    assert main(["agreement", str(tmp_path / "leeg.pdf")]) == 2
    assert "Fout: leeg.pdf is leeg" in capsys.readouterr().err
    empty = tmp_path / "map"
    empty.mkdir()
    (empty / "x.docx").write_bytes(b"%PDF-1.4 rommel")
    assert main(["akkoord", str(empty), "--quiet"]) == 2
    assert "Fout: Geen enkel bestand" in capsys.readouterr().err

"""Exports keep the screens' promises: no respondent rows below five, nothing a spreadsheet would run,
and stored text with control characters never breaks a file."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from scan.base.errors import ScanError
from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import choices, respondents, rounds
from scan.storage.core import Store
from scan.views.exports import export

from .conftest import run_cli

BANK = question_bank()
HOSTILE = ['=HYPERLINK("http://example.org/x","klik")', "\t=1+1", "+31 6 1234", "@SUM(A1)", "-2+3"]


@pytest.fixture
def rnd(store: Store):
    found = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, found.id, "1.1", 2)
    return found


def _respond(store: Store, round_id: int, role: str, n: int) -> None:
    _, code = respondents.create_invite(store, round_id, role)
    for i in range(n):
        _, token = respondents.join(store, code)
        for q in BANK.questions_for_role(role):
            respondents.answer(store, code, token, q.id, 1 + i % 5 if q.kind == "agreement" else i % 5)
        respondents.finish(store, code, token)


def _csv_rows(store: Store, rnd) -> list[dict]:
    text = export(store, rnd, "csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_respondent_rows_only_for_roles_that_are_published(store: Store, rnd) -> None:
    _respond(store, rnd.id, "inwoners", 1)  # one resident: their answers would be theirs alone
    _respond(store, rnd.id, "raad", 5)
    rows = _csv_rows(store, rnd)
    residents = [r for r in rows if r["rol"] == "Inwoners"]
    assert len(residents) == 1 and residents[0]["antwoord"] == "" and "n = 1" in residents[0]["toelichting"]
    council = {r["respondent"] for r in rows if r["rol"] == "Gemeenteraad"}
    assert council == {f"respondent {i}" for i in range(1, 6)}
    for fmt in ("xlsx", "json"):  # the same rule in every format
        data = export(store, rnd, fmt)
        text = data.decode("utf-8") if fmt == "json" else _xlsx_text(data)
        assert text.count("Inwoners") >= 1
    payload = json.loads(export(store, rnd, "json"))
    assert [a for a in payload["answers"] if a["role"] == "Inwoners" and a["value"] is not None] == []


def test_a_sixth_respondent_cannot_be_read_off_two_exports(store: Store, rnd) -> None:
    _respond(store, rnd.id, "raad", 5)
    first = [r for r in _csv_rows(store, rnd) if r["rol"] == "Gemeenteraad"]
    _respond(store, rnd.id, "raad", 1)
    second = [r for r in _csv_rows(store, rnd) if r["rol"] == "Gemeenteraad"]
    assert second == first  # the sixth waits until four more have sent their answers


def _xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None
    )


@pytest.mark.parametrize("typed", HOSTILE)
def test_a_typed_formula_stays_text_in_excel_and_csv(store: Store, rnd, typed: str) -> None:
    answer_store.save_comment(store, rnd.id, "1.1", typed)
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    stored = typed.strip()  # a comment is stored without surrounding space: "\t=1+1" becomes "=1+1"
    cells = [c for row in book["Antwoorden"].iter_rows() for c in row if c.value == stored]
    assert cells and all(c.data_type == "s" for c in cells)  # the visible text, as text, never a formula
    comment = next(r for r in _csv_rows(store, rnd) if r["vraag"] == "1.1" and r["respondent"] == "zelfscan")
    assert comment["toelichting"] == "'" + stored  # the usual defence: a leading apostrophe


def test_control_characters_are_refused_at_input_and_change_nothing(store: Store, rnd) -> None:
    choices.set_status(store, rnd.id, "6a", "kiezen")
    before = store.counts(), answer_store.of(store, rnd.id)
    with pytest.raises(ScanError, match="stuurteken"):
        answer_store.save_comment(store, rnd.id, "1.1", "regel\x0bverder")
    with pytest.raises(ScanError, match="stuurteken"):
        choices.save_agenda_field(store, rnd.id, "6a", goal="doel\x00")
    with pytest.raises(ScanError, match="stuurteken"):
        workshop.create(store, rnd.id, ["6.1"], "Avond\x1b[31m")
    assert (store.counts(), answer_store.of(store, rnd.id)) == before
    saved = answer_store.save_comment(store, rnd.id, "1.1", "twee\r\nregels\tmet tab")
    assert saved.comment == "twee\nregels\tmet tab"  # line breaks and tabs are fine


def test_stored_control_characters_never_break_an_export(store: Store, rnd, tmp_path) -> None:
    # data from before the input check, or written by another program
    with store.write() as db:
        db.execute("UPDATE answers SET comment = 'oud\x0bcommentaar\x07' WHERE question_id = '1.1'")
    for fmt in ("xlsx", "csv", "json", "docx", "pdf"):
        data = export(store, rnd, fmt)
        assert data, fmt
    assert "oudcommentaar" in _xlsx_text(export(store, rnd, "xlsx"))
    out = tmp_path / "x.xlsx"
    result = run_cli(
        "export",
        "--db",
        str(store.path),
        "--municipality",
        "GM0355",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_an_old_answer_is_exported_with_the_wording_it_was_given_to(store: Store, rnd) -> None:
    answer_store.save(store, rnd.id, "8.3", 1)
    with store.write() as db:
        db.execute("UPDATE answers SET question_version = 1 WHERE question_id = '8.3'")
    row = next(r for r in _csv_rows(store, rnd) if r["vraag"] == "8.3")
    assert row["vraagversie"] == "1"
    assert row["stelling"] == BANK.question("8.3").at(1).statement != BANK.question("8.3").statement


def test_proposals_carry_the_agreement_and_the_workshops_as_the_screens_show_them(store: Store, rnd) -> None:
    from . import council

    council.add_agreement(store, rnd, confirm=("2c",), reject=("6a",))
    council.add_workshop(store, rnd, people=6, title="Raadsavond")
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    sheet = book["Voorstellen"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["1a"]["stap"] == "basisstap" and rows["2c"]["stap"] == "pittiger stap"
    assert "pepertjes" not in header
    # only the confirmed match has a place and a quote; a rejected one says so and quotes nothing
    assert rows["2c"]["akkoord_gevonden"] == "staat erin" and rows["2c"]["akkoord_oordeel"] == "Klopt"
    assert rows["2c"]["akkoord_waar"] == "alinea 3" and "burgerberaad" in rows["2c"]["akkoord_citaat"]
    assert rows["6a"]["akkoord_oordeel"] == "Klopt niet" and rows["6a"]["akkoord_citaat"] is None
    assert rows["2a"]["akkoord_oordeel"] is None  # found, not judged: counts nowhere
    assert rows["8a"]["akkoord_gevonden"] == "niet gevonden"
    assert rows["2a"]["workshops"] == "6 stippen in de workshop ‘Raadsavond’ (6 deelnemers stemden)"
    data = json.loads(export(store, rnd, "json"))
    by_id = {p["proposal_id"]: p for p in data["proposals"]}
    assert by_id["2c"]["agreement_where"] == "alinea 3" and by_id["2c"]["step"] == "pittiger stap"


def test_csv_says_ja_and_nee_and_levels_as_whole_numbers(store: Store, rnd) -> None:
    answer_store.save(store, rnd.id, "1.2", None, dont_know=True)  # a gap in the levels: a "weet niet"
    answer_store.save_comment(store, rnd.id, "1.3", "alleen een toelichting")  # no level at all
    rows = {r["vraag"]: r for r in _csv_rows(store, rnd) if r["respondent"] == "zelfscan"}
    assert (rows["1.1"]["antwoord"], rows["1.1"]["weet_niet"]) == ("2", "nee")
    assert (rows["1.2"]["antwoord"], rows["1.2"]["weet_niet"]) == ("", "ja")
    assert rows["1.3"]["antwoord"] == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_both_spreadsheets_say_ja_and_nee_and_versions_as_whole_numbers(store: Store, rnd, fmt: str) -> None:
    """A walk found Excel saying True/False and the CSV "1,0" as a question's version once a group below
    five added its row without one. Excel and CSV share one rule now."""
    from . import council

    answer_store.save(store, rnd.id, "1.2", None, dont_know=True)
    council.add_roles(store, rnd, "inwoners", n=4)  # below five: one row that says so, without a version
    data = export(store, rnd, fmt)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Antwoorden"]
        header = [c.value for c in sheet[1]]
        rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert any("te weinig" in str(r.values()) for r in rows)
    own = {r["vraag"]: r for r in rows if r["respondent"] == "zelfscan"}
    assert (own["1.1"]["weet_niet"], own["1.2"]["weet_niet"]) == ("nee", "ja")
    versions = {str(r["vraagversie"]) for r in rows if r["vraagversie"] not in ("", None)}
    assert versions and all(v.isdigit() for v in versions), versions


def test_json_gives_levels_and_versions_as_whole_numbers_beside_a_small_group(store: Store, rnd) -> None:
    """The review found 1.0 and 4.0 in JSON once a group below five added its row (as the CSV had)."""
    from . import council

    council.add_roles(store, rnd, "inwoners", n=4)
    answers = json.loads(export(store, rnd, "json"))["answers"]
    assert any(a["question_version"] is None for a in answers)  # the small group's row
    for a in answers:
        assert a["question_version"] is None or type(a["question_version"]) is int, a
        assert a["value"] is None or type(a["value"]) is int, a

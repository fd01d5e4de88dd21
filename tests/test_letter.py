"""Issue 26.10: the raadsinformatiebrief, an editable Word letter to the council made from the round's
view with the report's own figures: what the small-group rule hides in the report stays hidden."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.oxml.ns import qn

from scan.storage.core import Store
from scan.views import exports, report
from scan.views.round import round_view

from . import council

TODAY = date(2026, 12, 7)


def _text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    doc = Document(io.BytesIO(data))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    return "\n".join(p.text for p in doc.paragraphs), tables


def test_the_letter_says_what_the_report_says_in_a_letters_form(store: Store) -> None:
    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    council.add_roles(store, rnd, "raad", n=5)
    council.add_agreement(store, rnd)
    view = round_view(store, rnd)
    data = report.report_data(view, TODAY)
    letter = report.letter_data(view, TODAY)
    assert letter.fields == [
        ("Aan", "De leden van de gemeenteraad van Zeist"),
        ("Van", "De griffie"),
        ("Datum", "7 december 2026"),
        ("Onderwerp", "Uitkomsten van de democratiescan 2026"),
    ]
    parts = {p.heading: p for p in letter.parts}
    summary = parts["Kort samengevat"].paragraphs
    assert f"De totaalscore over de acht prioriteiten is {data.total}." in summary
    assert data.in_short in summary and data.change_lines[0] in summary
    comparison = parts["Vergelijking met andere gemeenten"]
    assert data.peers.line in comparison.paragraphs and "M50" in data.peers.line  # the round's group, named
    assert comparison.table is not None
    assert [row[1:] for row in comparison.table.rows] == [
        [r.score, r.change, r.median] for r in data.summary_rows
    ]
    roles = parts["Wat de rollen vinden"]
    assert roles.table is not None and roles.table.rows == data.roles.rows  # the report's own table
    agreement = parts["Wat het akkoord belooft"]
    assert agreement.table is not None
    confirmed = "\n".join(row[2] for row in agreement.table.rows)
    assert "(voorstel 2a)" in confirmed and "(voorstel 2c)" in confirmed and "(voorstel 6a)" not in confirmed
    agenda = parts["De concept-democratiseringsagenda"]
    assert agenda.table is not None
    assert [row[0] for row in agenda.table.rows] == [item.title for item in data.agenda]

    # the Word file: opens with python-docx, holds the letter, editable text (no picture of text)
    text, tables = _text(report.letter_docx(letter))
    assert text.startswith("Raadsinformatiebrief\n") and "Geachte raadsleden," in text
    assert tables[0] == [[label, value] for label, value in letter.fields]
    assert f"Doel {council.TYPED}" in [cell for t in tables for row in t for cell in row]  # typed: as typed
    assert "Met vriendelijke groet," in text and "De griffier van de gemeente Zeist" in text
    doc = Document(io.BytesIO(report.letter_docx(letter)))
    assert not doc.inline_shapes and doc.core_properties.language == "nl-NL"
    footer = doc.sections[0].footer
    assert [c.text.strip() for c in footer._element.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]


def test_a_role_below_five_stays_hidden_in_the_letter_as_in_the_report(store: Store) -> None:
    rnd = council.own_round(store)
    council.add_roles(store, rnd, "raad", n=4)  # four council members: only their count
    view = round_view(store, rnd)
    data = report.report_data(view, TODAY)
    letter = report.letter_data(view, TODAY)
    roles = next(p for p in letter.parts if p.heading == "Wat de rollen vinden")
    assert roles.table is None and not data.roles.any_enough
    assert any("gemeenteraad (n = 4)" in line for line in roles.paragraphs)  # lower case inside the sentence
    text, tables = _text(exports.export(store, rnd, "letter-docx"))
    headers = [cell for t in tables for cell in t[0]]
    assert not any(h.startswith("Gemeenteraad") for h in headers)  # no column of council figures
    assert "gemeenteraad (n = 4)" in text


def test_the_letter_without_peers_agreement_or_agenda_says_so(store: Store) -> None:
    rnd = council.own_round(store, previous=False)  # no peers shared, no agreement read
    letter = report.letter_data(round_view(store, rnd), TODAY)
    parts = {p.heading: p for p in letter.parts}
    assert (
        "Er zijn dus geen cijfers van de groep." in parts["Vergelijking met andere gemeenten"].paragraphs[-2]
    )
    assert parts["Wat het akkoord belooft"].table is None
    assert "geen akkoord gelezen" in parts["Wat het akkoord belooft"].paragraphs[0]
    text, _ = _text(report.letter_docx(letter))
    assert "Dit is de eerste scan van de gemeente" in text

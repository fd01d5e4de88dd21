"""'Fictief' exactly right, per source: the municipality's own figures are fictief only when its round is
demo data; the peer figures only where they rest on demo scans. All four combinations, in the PDF, the
Word file, the Excel file and the presentation here; on the comparison screen in
tests/ui/test_benchmark_page.py."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views import report
from scan.views import round as round_views
from scan.views.exports import export
from scan.views.presentation import build, to_html
from scan.views.round import round_view

from . import council

OWN = "de antwoorden van de gemeente zijn verzonnen"
BOTH = "de antwoorden van de gemeente en de cijfers van de vergelijkingsgroep zijn verzonnen"
PEERS = "De cijfers van de vergelijkingsgroep steunen op fictieve voorbeelddata"
COMBINATIONS = [(False, False), (True, False), (False, True), (True, True)]


def _expected(own: bool, peers: bool) -> str | None:
    return {(False, False): None, (True, False): OWN, (False, True): PEERS, (True, True): BOTH}[(own, peers)]


@pytest.fixture(
    params=COMBINATIONS,
    ids=lambda c: f"eigen-{'fictief' if c[0] else 'echt'}-groep-{'fictief' if c[1] else 'echt'}",
)
def case(request, store: Store):
    own, peers = request.param
    council.share_peers(store, 2026, demo=peers)
    rnd = council.own_round(store, demo=own, previous=False)
    return store, rnd, own, peers


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_rule(case) -> None:
    store, rnd, own, peers = case
    view = round_views.round_view(store, rnd)
    assert view.scan.is_demo is own and view.peers_are_demo is peers
    assert peer_views.fictief_note(own, peers) == (
        None if not (own or peers) else peer_views.fictief_note(own, peers)
    )
    note = peer_views.fictief_note(own, peers) or ""
    assert (_expected(own, peers) or "") in note
    if not own:
        assert "verzonnen" not in note or "vergelijkingsgroep zijn verzonnen" not in note
        assert OWN not in note and BOTH not in note  # real answers are never called made up


def test_pdf_and_word(case) -> None:
    store, rnd, own, peers = case
    data = report.report_data(round_view(store, rnd))
    pdf = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.to_pdf(data))).pages))
    doc = Document(io.BytesIO(report.to_docx(data)))
    word = _flat(" ".join(p.text for p in doc.paragraphs))
    for text in (pdf, word):
        expected = _expected(own, peers)
        for sentence in (OWN, BOTH, PEERS):
            assert (sentence in text) is (sentence == expected), (sentence, own, peers)
        assert ("De groepscijfers steunen op fictieve voorbeelddata" in text) is peers
    # the comparison chart says which source is fictief, never the real one
    assert ("(groepscijfers fictief)" in pdf) is peers


def test_excel(case) -> None:
    store, rnd, own, peers = case
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    about = {row[0].value: row[1].value for row in book["Over dit bestand"].iter_rows(min_row=2)}
    assert about["Antwoorden en scores van de gemeente"].startswith("Fictief" if own else "Echt")
    assert about["Cijfers van de vergelijkingsgroep"].startswith("Fictief" if peers else "Echt")
    flags = {row[9].value for row in book["Vergelijking"].iter_rows(min_row=2)}
    assert flags == {"ja" if peers else "nee"}


def test_presentation(case) -> None:
    store, rnd, own, peers = case
    deck = build(store, rnd)
    assert (deck.own_is_demo, deck.peers_are_demo) == (own, peers)
    html = _flat(to_html(deck))
    expected = _expected(own, peers)
    for sentence in (OWN, BOTH, PEERS):
        assert (sentence in html) is (sentence == expected), sentence
    assert ("middelste score van M50 (fictief)" in html) is peers

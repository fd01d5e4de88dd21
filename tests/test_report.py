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

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import choices, rounds
from scan.storage.core import Store
from scan.views.exports import export
from scan.views.report import report_data, to_html
from scan.views.round import round_view

from . import council
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


@pytest.fixture
def full(store: Store):
    """Zeist with a previous round, a toelichting, an edited agenda, council members and a workshop,
    compared with six real M50 peers."""
    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    council.add_roles(store, rnd)
    council.add_workshop(store, rnd)
    return store, rnd


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    return "".join(text.split())


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return (
        "\n".join(p.text for p in doc.paragraphs)
        + "\n"
        + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    )


def test_pdf_report_has_name_priorities_and_chosen_proposals(scanned) -> None:
    store, rnd = scanned
    text = _flat(_pdf_text(export(store, rnd, "pdf")))
    assert "Leeuwarden" in text
    bank = question_bank()
    for p in bank.core_priorities:
        assert p.name in text, p.name
    for pid in CHOSEN:
        assert f"(voorstel {pid})" in text
    assert "Zo is de scan gemaakt" in text and "Weet niet" in text  # the Dutch method, not English
    assert "–" in text or "·" in text  # the embedded font carries typographic characters


def test_report_says_what_a_council_discusses(full) -> None:
    """Per question the chosen level in words and the toelichting; Bestuurscultuur apart; trend and
    per-question changes; the comparison; roles and conversation starters; workshops; the agenda as
    separate fields; the method in words."""
    store, rnd = full
    data = report_data(round_view(store, rnd))
    bank = question_bank()
    for fmt, text in (
        ("pdf", _flat(_pdf_text(export(store, rnd, "pdf")))),
        ("docx", _docx_text(export(store, rnd, "docx"))),
    ):
        flat = _flat(text)
        squashed = _squash(text)  # a PDF breaks lines anywhere: compare typed text without spaces
        for q in bank.questions_for(1, "griffie"):
            assert _flat(q.statement) in flat, (fmt, q.id)
        assert "Niveau 4: Verankerd en geëvalueerd" in flat, fmt  # the level in words, not "4"
        assert _squash(f"Toelichting: Toelichting griffie: {council.TYPED}") in squashed, fmt
        assert "Bestuurscultuur: de acht tips" in flat, fmt
        assert (
            "Wat veranderde sinds de vorige scan" in flat and "Antwoorden die veranderden sinds 2024" in flat
        ), fmt
        assert "Vergelijking met M50" in flat and "de M50 (middelgrote gemeenten)" in flat, fmt
        assert "Vragen waarop de meeste vergelijkbare gemeenten verder zijn" in flat, fmt
        assert "Gemeenteraad (n = 5)" in flat and "Gespreksstarters" in flat, fmt
        assert _squash(f"Raadsavond {council.TYPED}") in squashed, fmt
        assert "Stemming over de voorstellen (6 deelnemers stemden)" in flat, fmt
        assert "Geen uitkomst gepubliceerd" in flat, fmt  # the question whose outcome was never shown
        assert _squash(f"Doel {council.TYPED}") in squashed and "Vóór de zomer" in flat, fmt
        assert "Zo is de scan gemaakt" in flat and "Bronnen" in flat, fmt
        # no technical leftovers
        assert "PROVENANCE" not in flat and ".csv" not in flat and bank.version not in flat, fmt
        # who wrote the pamphlet, as its colofon says (not "van de VNG")
        assert _squash("de redactie van Thorbecke2024, een project binnen de VNG") in squashed, fmt
        assert "pamflet van de VNG" not in flat, fmt
        assert "De cijfers zijn verzonnen" not in flat, fmt
    assert data.trend is not None and data.trend.previous_year == 2024
    assert data.workshops[0].votes == [
        ("Laat kinderen en jongeren meedoen, met een kinder- of jongerenraad (voorstel 2a)", 6),
        ("Richt een fonds op voor lokale journalistiek (voorstel 6a)", 3),
    ]


def test_counts_add_up_in_the_report(full) -> None:
    store, rnd = full
    data = report_data(round_view(store, rnd))
    total = data.overview_total.counts
    assert total.total == sum(r.counts.total for r in data.overview)
    assert total.scored == sum(r.counts.scored for r in data.overview)
    assert total.dont_know == sum(r.counts.dont_know for r in data.overview) == 1  # question 6.2
    assert total.open == sum(r.counts.open for r in data.overview)
    assert total.answered == total.scored + total.dont_know
    assert f"{total.answered} van de {total.total} vragen over de acht prioriteiten" in data.answered_line
    assert data.culture is not None and data.culture.counts.total not in (
        0,
        total.total,
    )  # apart, not in the total


def test_user_text_is_escaped_in_the_html_report(full) -> None:
    store, rnd = full
    html = to_html(report_data(round_view(store, rnd)))
    assert "<b>Vet</b>" not in html
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; &#34;quote&#34;" in html
    assert '<html lang="nl">' in html and "<title>Democratiescan Zeist 2026</title>" in html


def test_no_justified_text_and_differences_with_a_minus_sign(full) -> None:
    store, rnd = full
    html = to_html(report_data(round_view(store, rnd)))
    assert "justify" not in html
    assert "▼" not in html and "▲" not in html
    assert re.search(r">\+\d+<", html)  # whole-number differences with a sign
    assert not re.search(r"[+−-]\d+,\d", html.split("<body>")[1])  # never "−29,2"


def test_xlsx_has_a_sheet_per_kind_with_the_right_rows(scanned) -> None:
    store, rnd = scanned
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    assert book.sheetnames == [
        "Over dit bestand",
        "Antwoorden",
        "Scores",
        "Rollen",
        "Voorstellen",
        "Akkoord per prioriteit",
        "Vergelijking",
    ]
    assert book["Antwoorden"].max_row == 1 + len(question_bank().questions_for_role("griffie"))
    assert book["Scores"].max_row == 1 + len(question_bank().priorities) + 1  # + total
    assert book["Voorstellen"].max_row == 1 + 29
    assert book["Akkoord per prioriteit"].max_row == 1 + 8


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
        return _docx_text(data)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row)
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "xlsx", "csv", "json"])
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
    if fmt in ("pdf", "docx", "html"):
        assert all(f"(voorstel {pid})" in _flat(text) for pid in CHOSEN)
    else:
        assert "Burgeragendering" in text or "8.1" in text  # the answers themselves are in the file
    same = _read_back(fmt, export(store, rnd, fmt))
    if fmt not in ("pdf", "docx", "html"):  # documents carry today's date and are rendered again
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


def test_what_the_agreement_says_in_web_pdf_and_word(full) -> None:
    store, rnd = full
    council.add_agreement(store, rnd, confirm=("2a", "2c"), reject=("6a",))
    html = export(store, rnd, "html").decode("utf-8")
    section = html[html.index('id="h-akkoord"') : html.index('id="h-agenda"')]
    assert "De griffie bevestigde er 2 en wees er 1 af." in section
    # the confirmed passage of 2c quotes document text with markup in it: escaped, never markup
    assert "&lt;b&gt;Vet&lt;/b&gt;" in section and "<b>Vet</b>" not in section
    assert 'src="http://x/track.png"' not in html and 'href="http://x/"' not in html
    assert (
        "Probeer nieuwe vormen zoals loting, een preferendum of een burgerbegroting (voorstel 2c), alinea 3"
        in (_flat(section))
    )
    assert "Richt een fonds op voor lokale journalistiek" not in section  # rejected: counts nowhere
    pdf = _flat(_pdf_text(export(store, rnd, "pdf")))
    assert "Wat het akkoord zegt" in pdf and "<b>Vet</b>" in pdf  # the document's text, as text
    doc = Document(io.BytesIO(export(store, rnd, "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Wat het akkoord zegt" in headings
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert any("burgerberaad" in q and '<b>Vet</b> & "quote"' in q for q in quotes)


def test_a_workshop_of_one_is_counted_in_the_singular(store: Store) -> None:
    """ "1 deelnemers", "Stemming: 1 stemmers" and "(1 antwoorden)" stood in the report; one person is
    a count too (no outcome is shown below 5 people: only how many took part)."""
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_workshop(store, rnd, people=1, title="Klein")
    html = _flat(to_html(report_data(round_view(store, rnd))))
    assert '<p class="lead-in">1 deelnemer.</p>' in html
    assert "Geen uitkomst gepubliceerd bij" in html and "(1 antwoord)." in html and "1 antwoorden" not in html
    assert "Stemming: 1 deelnemer stemde; een uitslag staat er vanaf 5 stemmers." in html
    word = _flat(_docx_text(export(store, rnd, "docx")))
    assert "Klein 1 deelnemer." in word and "(1 antwoord)." in word and "1 antwoorden" not in word
    assert "Stemming: 1 deelnemer stemde; een uitslag staat er vanaf 5 stemmers." in word


def test_no_text_of_the_pdf_report_runs_off_the_page(store: Store) -> None:
    """A role below five makes its column "te weinig antwoorden (n = 4)" in every row; that column and
    "Alle respondenten samen" once ran off the right edge of the page (a walk found it). Every
    character of every page lies inside the page."""
    import pypdfium2

    from scan.views.report import to_pdf

    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    council.add_roles(store, rnd, "raad", n=6, value=5)
    council.add_roles(store, rnd, "college", n=5, value=1)
    council.add_roles(store, rnd, "ambtelijk", n=4, value=3)
    pdf = pypdfium2.PdfDocument(to_pdf(report_data(round_view(store, rnd))))
    outside = []
    for number, page in enumerate(pdf, start=1):
        width = page.get_width()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, _bottom, right, _top = text.get_charbox(i)
            if right > width or left < 0:
                outside.append((number, text.get_text_range(i, 1)))
    assert not outside, f"characters outside the page: {outside[:20]}"


def test_the_summary_stays_on_the_first_page(store: Store) -> None:
    """A walk found page 2 almost empty: one chosen proposal of the summary ran over, and the next
    section starts on a new page. With fictieve peers (the notice), an earlier round and five chosen
    proposals with long names, the summary still ends on page 1."""
    import pypdfium2

    from scan.views.report import to_pdf

    council.share_peers(store, 2026, demo=True)
    rnd = council.own_round(store)
    for pid in ("3a", "5a", "5b", "5c", "8b"):
        choices.set_status(store, rnd.id, pid, "kiezen")
    pdf = pypdfium2.PdfDocument(to_pdf(report_data(round_view(store, rnd))))
    second = pdf[1].get_textpage().get_text_range().strip()
    assert second.startswith("De acht prioriteiten in één oogopslag"), second[:200]

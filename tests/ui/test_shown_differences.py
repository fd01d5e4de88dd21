"""Differences that add up (issue 26.2): every output shows numbers rounded by one rule (half up), and every
difference it shows is the difference of the numbers it shows — screens (Trend, Rollen, Aanbevelingen),
the report (web page, PDF, Word), the presentation (screens and PDF), the council letter and the Excel
file, read back as a reader sees them.

The round is built so that half-way scores are everywhere (12,5, 37,5, 62,5): rounding half-to-even, or
a difference computed from unrounded scores, shows "38 | 62 | +25" somewhere and fails here."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store
from scan.views import presentation
from scan.views.exports import export
from scan.views.report import report_data, to_html
from scan.views.round import round_view

from .. import council
from ..conftest import PROJECT
from .tables import markdown_tables

OWN, YEAR, BEFORE = council.OWN, 2026, 2024
SIGNED = r"([+\u2212]\d+|0)"


def _signed(text: str) -> int:
    return int(text.replace("\u2212", "-"))


def _flat(text: str) -> str:
    return " ".join(text.split())


class _Html(HTMLParser):
    """The text of a page (cells and blocks separated by spaces) and its tables as rows of cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        self.parts.append(" ")

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(_flat("".join(self._cell)))
            self._cell = None
        self.parts.append(" ")

    def handle_data(self, data) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _html(page: str) -> tuple[str, list[list[list[str]]]]:
    parser = _Html()
    parser.feed(page)
    return _flat("".join(parser.parts)), parser.tables


@pytest.fixture(scope="module")
def halves(tmp_path_factory) -> tuple[Store, rounds.Round]:
    """Zeist 2024 and 2026, two questions answered per priority so that the scores are halves:
    2024 37,5 (priority 3: 31,25); 2026 12,5 (priority 1), 37,5 (priority 2), 62,5 (the rest); five
    council members at 75 (a 62,5 gap to the self-scan's 12,5). Priority 3 moves +31,25 (shown: 31 → 63)."""
    path = tmp_path_factory.mktemp("halves") / "app.sqlite"
    store = Store(path)
    bank = question_bank()
    plan = {BEFORE: {p.id: (1, 1, 1, 2) if p.id == 3 else (1, 2) for p in bank.core_priorities}}
    plan[YEAR] = {
        p.id: (0, 1) if p.id == 1 else (1, 2) if p.id == 2 else (2, 3) for p in bank.core_priorities
    }
    for year, values in plan.items():
        rnd = rounds.start(store, OWN, year)
        for p in bank.core_priorities:
            maturity = [
                q for q in bank.questions_for(p.id, "griffie") if q.kind == "maturity" and not q.retired
            ]
            for q, value in zip(maturity, values[p.id], strict=False):
                answer_store.save(store, rnd.id, q.id, value)
    council.add_roles(store, rnd, value=4)  # statements 1-5: 4 is 75 points
    return store, rounds.by_id(store, rnd.id)


class Walk:
    """The numbers one output shows, checked as they are found; ``checked`` counts the differences."""

    def __init__(self, name: str, ledger: dict[str, tuple[int, int]] | None = None) -> None:
        self.name, self.ledger, self.checked, self.wrong = name, ledger or {}, 0, []

    def check(self, ok: bool, what: str) -> None:
        self.checked += 1
        if not ok:
            self.wrong.append(what)

    def sentences(self, text: str) -> None:
        text = _flat(text)
        # Rollen: "Naam: de gemeenteraad geeft 75, de zelfscan 13 (…) — 62 punten verschil."
        for m in re.finditer(r"geeft (\d+), [^—]*?(\d+)(?: \([^)]*\))? — (\d+) punten verschil", text):
            self.check(int(m[1]) - int(m[2]) == int(m[3]), m[0])
        # Aanbevelingen: "die scoort 13, 25 punten lager dan de volgende prioriteit met een voorstel (38)."
        for m in re.finditer(r"scoort (\d+), (\d+) punten lager dan [^()]*\((\d+)\)", text):
            self.check(int(m[3]) - int(m[1]) == int(m[2]), m[0])
        for m in re.finditer(rf"De totaalscore was (\d+) in \d{{4}} en is nu (\d+) \({SIGNED}\)", text):
            self.check(int(m[2]) - int(m[1]) == _signed(m[3]), m[0])
        for m in re.finditer(rf"Het meest (?:vooruit|achteruit): ([^(]+) \({SIGNED}\)", text):
            before, after = self.ledger[m[1].strip()]
            self.check(after - before == _signed(m[2]), m[0])
        # a priority's own section: "3. Naam Score 63 · 2 van de 5 vragen beantwoord · +25 sinds 2024"
        for name, (before, after) in self.ledger.items():
            for m in re.finditer(
                rf"\d\. {re.escape(name)} Score (\d+)(?: van 100)? · [^·]+ · {SIGNED} sinds {BEFORE}", text
            ):
                self.check(int(m[1]) == after and _signed(m[2]) == after - before, m[0])

    def trend_table(self, rows: list[list[str]]) -> None:
        """A table with the scores per year and "Verschil": the last two years' difference."""
        header = rows[0]
        if "Verschil" not in header or not {str(BEFORE), str(YEAR)} <= set(header):
            return
        before, after, diff = header.index(str(BEFORE)), header.index(str(YEAR)), header.index("Verschil")
        for row in rows[1:]:
            if row[before] == "–" or row[after] == "–":
                continue
            self.check(int(row[after]) - int(row[before]) == _signed(row[diff]), " | ".join(row))

    def summary_table(self, rows: list[list[str]]) -> None:
        """The report's summary: score and "Sinds 2024" per priority, against the trend table's numbers."""
        header = rows[0]
        if f"Sinds {BEFORE}" not in header:
            return
        score, since = header.index("Score"), header.index(f"Sinds {BEFORE}")
        for row in rows[1:]:
            before, after = self.ledger[re.sub(r"^\d+\. ", "", row[0])]
            self.check(int(row[score]) == after and _signed(row[since]) == after - before, " | ".join(row))


def _ledger(tables: list[list[list[str]]]) -> dict[str, tuple[int, int]]:
    """The report's trend table: per priority (and the total) the two scores it shows."""
    for rows in tables:
        header = rows[0]
        if "Verschil" in header and str(BEFORE) in header:
            b, a = header.index(str(BEFORE)), header.index(str(YEAR))
            return {re.sub(r"^\d+\. ", "", r[0]): (int(r[b]), int(r[a])) for r in rows[1:]}
    raise AssertionError("the report has no trend table")


@pytest.fixture(scope="module")
def report_html(halves) -> str:
    store, rnd = halves
    return to_html(report_data(round_view(store, rnd)))


@pytest.fixture(scope="module")
def ledger(report_html) -> dict[str, tuple[int, int]]:
    found = _ledger(_html(report_html)[1])
    bank = question_bank()
    # the round is what it was built to be: halves rounded up (the rule under test shows here)
    assert found[bank.priority(1).name] == (38, 13)
    assert found[bank.priority(3).name] == (31, 63)
    assert found[bank.priority(4).name] == (38, 63)
    return found


def _finish(walk: Walk, at_least: int) -> None:
    assert not walk.wrong, f"{walk.name}: shown differences that do not add up: {walk.wrong}"
    assert walk.checked >= at_least, f"{walk.name}: only {walk.checked} differences found"


def test_report_web_page(report_html, ledger) -> None:
    text, tables = _html(report_html)
    walk = Walk("rapport (webpagina)", ledger)
    walk.sentences(text)
    for rows in tables:
        walk.trend_table(rows)
        walk.summary_table(rows)
    # 9 trend rows, 8 summary rows, 8 sections, the total and both extremes, a roles sentence
    _finish(walk, 9 + 8 + 8 + 3 + 1)


def test_report_pdf_and_word(halves, ledger) -> None:
    store, rnd = halves
    pdf = _flat(
        "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(export(store, rnd, "pdf"))).pages)
    )
    walk = Walk("rapport (PDF)", ledger)
    walk.sentences(pdf)
    for name in ledger:  # a table row read as text: "Naam 38 63 +25"
        for m in re.finditer(rf"{re.escape(name)} (\d+) (\d+) {SIGNED}(?!\d)", pdf):
            walk.check(int(m[2]) - int(m[1]) == _signed(m[3]), m[0])
    _finish(walk, 9 + 8 + 3 + 1)

    doc = Document(io.BytesIO(export(store, rnd, "docx")))
    walk = Walk("rapport (Word)", ledger)
    walk.sentences("\n".join(p.text for p in doc.paragraphs))
    for table in doc.tables:
        rows = [[_flat(c.text) for c in r.cells] for r in table.rows]
        walk.sentences(" ".join(" ".join(r) for r in rows))
        walk.trend_table(rows)
        walk.summary_table(rows)
    _finish(walk, 9 + 8 + 3 + 1)  # the Word report has no summary table; its sections have the change


def test_presentation(halves, ledger) -> None:
    store, rnd = halves
    page = presentation.to_html(presentation.build(store, rnd))
    bank = question_bank()
    walk = Walk("presentatie", ledger)
    for section in page.split('<section class="dia"')[1:]:
        text, _ = _html("<section" + section)
        walk.sentences(text)
        for p in bank.core_priorities:
            m = re.search(
                rf"{p.id}\. {re.escape(p.name)} (\d+) score van 100.*? {SIGNED} sinds {BEFORE}", text
            )
            if m:
                before, after = ledger[p.name]
                walk.check(int(m[1]) == after and _signed(m[2]) == after - before, m[0])
    _finish(walk, 8)


def test_council_letter(halves, ledger) -> None:
    store, rnd = halves
    doc = Document(io.BytesIO(export(store, rnd, "letter-docx")))
    walk = Walk("raadsinformatiebrief", ledger)
    walk.sentences("\n".join(p.text for p in doc.paragraphs))
    for table in doc.tables:
        rows = [[_flat(c.text) for c in r.cells] for r in table.rows]
        walk.sentences(" ".join(" ".join(r) for r in rows))
        walk.summary_table(rows)
    _finish(walk, 8 + 3 + 1)  # the summary table, the total and both extremes, a roles sentence


def test_presentation_pdf(halves, ledger) -> None:
    store, rnd = halves
    pages = PdfReader(io.BytesIO(export(store, rnd, "presentation-pdf"))).pages
    bank = question_bank()
    walk = Walk("presentatie (PDF)", ledger)
    for page in pages:
        text = _flat(page.extract_text())
        walk.sentences(text)
        for p in bank.core_priorities:  # a key figure and its label are two blocks: read as "63score"
            m = re.search(
                rf"{p.id}\. {re.escape(p.name)} (\d+) ?score van 100.*? {SIGNED} ?sinds {BEFORE}", text
            )
            if m:
                before, after = ledger[p.name]
                walk.check(int(m[1]) == after and _signed(m[2]) == after - before, m[0])
    _finish(walk, 8)


def test_excel_shows_the_scores_the_screens_show(halves, ledger) -> None:
    store, rnd = halves
    book = openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))
    walk = Walk("Excel", ledger)
    for sheet in ("Scores", "Vergelijking"):
        rows = list(book[sheet].iter_rows(values_only=True))
        name, score = rows[0].index("naam"), rows[0].index("score")
        for row in rows[1:]:
            key = "Totaalscore" if row[name] == "Totaal van de acht prioriteiten" else row[name]
            if key in ledger:
                walk.check(row[score] == ledger[key][1], f"{sheet}: {row[name]} {row[score]!r}")
    _finish(walk, 8 + 1 + 8)
    # the Rollen sheet holds its figures as numbers, the same whole numbers as the screen
    roles = list(book["Rollen"].iter_rows(values_only=True))
    council_column = next(i for i, h in enumerate(roles[0]) if h and "raad" in h.lower())
    assert {row[council_column] for row in roles[1:]} == {75}


@pytest.mark.parametrize(
    ("page", "at_least"),
    [("trend", 9), ("voices", 1), ("recommendations", 1)],
)
def test_screens(halves, ledger, page: str, at_least: int, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = halves
    monkeypatch.setenv("DEMOCRATIESCAN_DB", str(store.path))
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    at.query_params["gemeente"] = OWN
    at.query_params["jaar"] = str(YEAR)
    at.run()
    at.switch_page(f"scan/ui/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    walk = Walk(page, ledger)
    walk.sentences(" ".join(m.value for m in at.markdown))
    for table in markdown_tables(at):
        walk.trend_table([list(table.columns), *table.values.tolist()])
    _finish(walk, at_least)

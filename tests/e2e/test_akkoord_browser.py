"""The akkoordcheck and the agenda in real Chromium against the real server.

- A griffier uploads a PDF agreement (generated here), sees the match with its page and the matching
  words marked, confirms it, and the recommendations say "Staat in het akkoord" with the gap between
  promise and practice. A bad file gets a Dutch message, never a traceback. No English of Streamlit's.
- Two griffiers edit the same agenda field in two browsers: the second one's edit is refused with the
  newer text, nothing typed is lost, and keeping one's own text is a deliberate click.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from fpdf import FPDF
from playwright.sync_api import Page, expect

from scan.content.questionbank import question_bank
from scan.records import agreements
from scan.records.round import answers as answer_store
from scan.records.round import choices, rounds
from scan.rules.akkoord.coverage import Judgement
from scan.storage.core import Store

from ..akkoord import hostile
from ..akkoord.test_bad_inputs import _encrypted_pdf
from .conftest import start_server
from .streamlit_english import english

pytestmark = pytest.mark.e2e

ROUND = "gemeente=GM0355&jaar=2026"
PAGES = [
    "Coalitieakkoord 2026-2030: Samen verder in Zeist\n\nDe partijen werken vier jaar samen aan wonen, "
    "werk, zorg en een schone buitenruimte.",
    "Bestuur en inwoners\n\nIn deze raadsperiode organiseren we een burgerberaad met gelote inwoners over "
    "de energietransitie. De raad neemt de aanbevelingen serieus.",
]


def _agreement_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in PAGES:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    pdf.output(str(path))
    return path


def _settle(page: Page) -> None:
    # the first visible text: a page may begin with hidden elements (a style sheet), and the
    # projector's content is pinned to the screen outside its element's box
    page.locator("[data-testid=stMain] :is(h1, h2, h3, p, label, button):visible").first.wait_for()
    page.wait_for_timeout(800)


def test_upload_confirm_and_see_it_in_the_recommendations(server, page: Page, tmp_path: Path) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    bank = question_bank()
    for q in bank.questions_for_role("griffie"):  # everything in place, except inclusion (priority 2)
        answer_store.save(store, rnd.id, q.id, 0 if q.id.startswith("2.") else 4)

    page.goto(f"{server.url}/akkoord?{ROUND}")
    _settle(page)
    expect(page.get_by_role("heading", name="Akkoord lezen")).to_be_visible()
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    expect(dropzone.get_by_test_id("stBaseButton-secondary")).to_have_text(re.compile("Bestand kiezen$"))
    expect(page.locator("input[type=file]")).to_have_attribute("aria-label", "Bestand kiezen")
    expect(dropzone).to_contain_text("Hoogstens 50 MB per bestand")
    assert english(page) == []

    # a bad file first: a Dutch message, nothing stored, no traceback, and the form is there again
    bad = tmp_path / "beveiligd.pdf"
    bad.write_bytes(_encrypted_pdf())
    page.locator("input[type=file]").set_input_files(str(bad))
    expect(page.get_by_text(re.compile("beveiligd met een wachtwoord"))).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert agreements.get(store, rnd.id) is None

    page.locator("input[type=file]").set_input_files(str(_agreement_pdf(tmp_path / "akkoord.pdf")))
    expect(page.get_by_text("Het akkoord is gelezen. Beoordeel hieronder wat de app vond.")).to_be_visible(
        timeout=20_000
    )
    expect(page.get_by_text("akkoord.pdf (PDF, 2 pagina's)", exact=False)).to_be_visible()
    assert english(page) == []
    # the page opens at the priority with something to judge; the passage with its page, words marked
    block = page.locator(".akk-voorstel", has_text="2c ")
    expect(block.locator(".akk-waar").first).to_have_text("Pagina 2")
    expect(block.locator("mark", has_text="burgerberaad")).to_be_visible()
    group = page.get_by_role("radiogroup", name="Uw oordeel over voorstel 2c")
    group.get_by_text("Klopt", exact=True).click()
    expect(page.get_by_text("Opgeslagen: uw oordeel over voorstel 2c.")).to_be_visible()
    assert agreements.judgements(store, rnd.id)["2c"].judgement is Judgement.CONFIRMED

    page.get_by_role("link", name="Naar de aanbevelingen").click()
    expect(page.get_by_role("heading", name=re.compile("^Aanbevelingen"))).to_be_visible()
    top = page.get_by_role("listitem").filter(has_text="2c Probeer nieuwe vormen")
    expect(top).to_contain_text("Staat in het akkoord")
    expect(top).to_contain_text("Het akkoord belooft dit (pagina 2); vraag 2.3 staat op niveau 0")
    card = page.locator("[data-testid=stMarkdownContainer]", has_text="Voorstel 2c:").last
    expect(card).to_contain_text("Staat in het akkoord")
    expect(card).to_contain_text("Wat het akkoord zegt (pagina 2): “")
    expect(card.locator("em", has_text="Wat het akkoord zegt")).to_be_visible()
    assert english(page) == []


def _agenda(browser, url: str) -> tuple[object, Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    _settle(page)
    return context, page


def _type(page: Page, label: str, text: str) -> None:
    field = page.get_by_role("textbox", name=label)
    field.fill(text)
    page.get_by_role("heading", name=re.compile("^Democratiseringsagenda")).click()  # blur: Streamlit saves


def test_two_griffiers_edit_the_same_agenda_field(server, browser) -> None:
    store = Store(server.db)
    rnd = rounds.start(store, "GM0355", 2026)
    choices.set_status(store, rnd.id, "6a", "kiezen")
    url = f"{server.url}/agenda?{ROUND}"
    first_context, first = _agenda(browser, url)
    second_context, second = _agenda(browser, url)
    try:
        _type(first, "Doel (6a)", "Mediafonds vanaf 2027, samen met de provincie")
        expect(first.get_by_text("Opgeslagen: Doel van voorstel 6a.")).to_be_visible()

        # the second griffier's screen still shows the suggestion; their edit is refused
        _type(second, "Doel (6a)", "Fonds in de begroting van 2028")
        warning = second.get_by_test_id("stAlertContentWarning")
        expect(warning).to_contain_text(
            "Iemand anders heeft ‘Doel’ bij voorstel 6a intussen veranderd in: "
            "‘Mediafonds vanaf 2027, samen met de provincie’"
        )
        expect(warning).to_contain_text("Uw tekst is niet bewaard: ‘Fonds in de begroting van 2028’")
        expect(second.get_by_role("textbox", name="Doel (6a)")).to_have_value(
            "Mediafonds vanaf 2027, samen met de provincie"
        )
        assert (
            choices.agenda_edits(store, rnd.id)["6a"]["goal"]
            == "Mediafonds vanaf 2027, samen met de provincie"
        )
        assert english(second) == []

        # keeping one's own text is a deliberate choice, made after seeing the other's
        second.get_by_role("button", name="Mijn tekst toch bewaren").click()
        expect(second.get_by_text("Opgeslagen: Doel van voorstel 6a.")).to_be_visible()
        expect(second.get_by_role("textbox", name="Doel (6a)")).to_have_value(
            "Fonds in de begroting van 2028"
        )
        assert choices.agenda_edits(store, rnd.id)["6a"]["goal"] == "Fonds in de begroting van 2028"

        # the first screen is now the stale one: its next edit is refused in turn
        _type(first, "Doel (6a)", "Nog een derde tekst")
        expect(first.get_by_test_id("stAlertContentWarning")).to_contain_text(
            "Fonds in de begroting van 2028"
        )
        assert choices.agenda_edits(store, rnd.id)["6a"]["goal"] == "Fonds in de begroting van 2028"
    finally:
        first_context.close()
        second_context.close()


def test_a_file_over_the_limit_is_refused_in_dutch_before_it_is_sent(browser, tmp_path: Path) -> None:
    server = start_server(tmp_path / "klein.sqlite", env={"DEMOCRATIESCAN_AKKOORD_MAX_MB": "1"})
    try:
        store = Store(server.db)
        rnd = rounds.start(store, "GM0355", 2026)
        big = tmp_path / "groot.pdf"
        big.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{server.url}/akkoord?{ROUND}")
        _settle(page)
        expect(page.get_by_test_id("stFileUploaderDropzone")).to_contain_text("Hoogstens 1 MB per bestand")
        page.locator("input[type=file]").set_input_files(str(big))
        expect(
            page.get_by_text("Dit bestand is te groot. Kies een kleiner bestand of plak de tekst.")
        ).to_be_visible()
        assert english(page) == [] and agreements.get(store, rnd.id) is None
        context.close()
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)


def test_a_hostile_upload_is_refused_and_others_are_served_meanwhile(browser, tmp_path: Path) -> None:
    """Issue 23, point 6: the file is read in a child process with a time and a memory limit. While one
    griffier's hostile file is being read (its progress bar moving), another session gets its page;
    then the file is refused in Dutch, saying what to do, and nothing is stored."""
    # 15 s: long enough that a second page opens while the first file is still being read, also with
    # five test workers on two cores (with 8 s the read had once ended before the second page was drawn)
    server = start_server(tmp_path / "zwaar.sqlite", env={"DEMOCRATIESCAN_AKKOORD_SECONDS": "15"})
    contexts = []
    try:
        store = Store(server.db)
        rnd = rounds.start(store, "GM0355", 2026)

        def open_page() -> Page:
            context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{server.url}/akkoord?{ROUND}")
            _settle(page)
            return page

        griffier = open_page()
        slow = tmp_path / "stukjes.pdf"  # within every limit of the readers; only the time limit stops it
        slow.write_bytes(hostile.pieces_pdf())
        griffier.locator("input[type=file]").set_input_files(str(slow))
        # the reading child process starts with the app's imports: with four test workers on two cores its
        # first page can take more than expect's 5 s (seen in CI); the time limit (15 s) counts from its start
        expect(griffier.get_by_test_id("stProgress")).to_contain_text(
            re.compile(r"Pagina \d+ van 30 gelezen"), timeout=15_000
        )

        other = open_page()  # another session, meanwhile
        expect(other.get_by_role("heading", name="Akkoord lezen")).to_be_visible()
        expect(griffier.get_by_test_id("stProgress")).to_be_visible()  # still reading
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as health:
            assert health.status == 200

        refusal = griffier.get_by_test_id("stAlertContentError").locator("p")
        expect(refusal).to_have_text(
            "Dit bestand (stukjes.pdf) is te zwaar om te lezen: het lezen duurde langer dan 15 seconden. "
            "Sla alleen het deel met de afspraken op als nieuw bestand (PDF, Word of tekst) en probeer het opnieuw.",
            timeout=30_000,
        )
        griffier.screenshot(path=str(tmp_path / "te-zwaar.png"), full_page=True)
        expect(griffier.get_by_test_id("stException")).to_have_count(0)
        assert agreements.get(store, rnd.id) is None

        heavy = tmp_path / "pagina.pdf"  # 1 MB; PDFium needs more than 500 MB for its one page
        heavy.write_bytes(hostile.huge_page_pdf())
        griffier.locator("input[type=file]").set_input_files(str(heavy))
        expect(refusal).to_contain_text(
            "Dit bestand (pagina.pdf) is te zwaar om te lezen: het lezen vroeg meer dan 500 MB geheugen.",
            timeout=20_000,
        )
        assert english(griffier) == [] and agreements.get(store, rnd.id) is None
        assert server.process.poll() is None  # the server never went down
    finally:
        for context in contexts:
            context.close()
        server.process.terminate()
        server.process.wait(timeout=20)

"""The presentation's content: the chosen peer group, the same counts as the report, plain words."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pypdf import PdfReader

from scan.records import workshop
from scan.storage.core import Store
from scan.views import report
from scan.views.presentation import build, to_html, to_pdf
from scan.views.round import round_view

from . import council


def test_presentation_uses_the_chosen_group_and_the_reports_counts(store: Store) -> None:
    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    deck = build(store, rnd)  # default: the most specific own group with enough data
    assert deck.group_short == "M50" and deck.group_phrase == "de M50 (middelgrote gemeenten)"
    everyone = build(store, rnd, "alle")
    assert everyone.group_short == "Alle gemeenten"
    data = report.report_data(round_view(store, rnd))
    assert deck.counts == data.overview_total.counts  # one definition of "beantwoord"
    assert [s.counts for s in deck.slides] == [r.counts for r in data.overview]
    assert sum((s.counts for s in deck.slides), deck.counts.__class__(0, 0, 0)) == deck.counts
    assert deck.slides[0].change == "+56" and deck.previous_year == 2024  # whole points, with a sign
    # title, priorities, no roles (no respondents), workshops, the agreement, agenda: each fits one screen
    assert deck.roles is None and deck.screens == 1 + 8 + 3
    assert deck.total_change is not None and deck.total_change.startswith("+")  # the opening screen's change


def test_presentation_html_has_no_codes_and_escapes_typed_text(store: Store) -> None:
    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    council.add_workshop(store, rnd)
    html = to_html(build(store, rnd), 3, {"gemeente": "GM0355", "jaar": "2026"})
    assert "<b>Vet</b>" not in html and "&lt;b&gt;Vet&lt;/b&gt;" in html
    assert 'href="?gemeente=GM0355&amp;jaar=2026&amp;dia=2"' in html  # the links keep the round
    body = html.split("<script>")[0]
    for code in ("1a", "2a", "6a", "8b", "1.1"):
        assert f">{code}" not in body and f" {code} " not in body and f"({code})" not in body
    assert "title=" not in body  # nothing only in a tooltip


def test_long_content_goes_over_more_screens_and_the_roles_get_a_screen(store: Store) -> None:
    """Issue 26.3-4: the agenda and the agreement are split when long; the roles have their own screen,
    only with figures the small-group rule shows (four members of the council: only their count)."""
    from scan.content.questionbank import question_bank
    from scan.records.round import choices

    rnd = council.own_round(store)
    council.add_roles(store, rnd, "raad", n=4)
    long_goal = "Een jongerenraad die elk jaar twee keer adviseert over alles wat jongeren raakt. " * 4
    for proposal in question_bank().proposals[:8]:
        choices.set_status(store, rnd.id, proposal.id, "kiezen")
        choices.save_agenda_field(store, rnd.id, proposal.id, goal=long_goal)
    deck = build(store, rnd)
    assert len(deck.agenda_pages) >= 3 and sum(len(p) for p in deck.agenda_pages) == len(deck.agenda)
    assert [a.title for page in deck.agenda_pages for a in page] == [a.title for a in deck.agenda]  # in order
    assert deck.roles is not None and deck.roles.too_few == ["gemeenteraad (n = 4)"]
    # no figure below five, and no role of five or more: no table to compare (as in the report), only
    # the line that says why and who took part; never "De rollen verschillen nergens …"
    assert deck.roles.header == [] and deck.roles.rows == []
    page = to_html(deck)
    assert "Te weinig respondenten om te tonen (minimaal 5): gemeenteraad (n\xa0=\xa04)." in page
    assert "verschillen nergens" not in page and "Respons: 4 van de 33 raadsleden" in page
    assert "Wat de rollen zeggen" in page and "De concept-democratiseringsagenda (1 van" in page
    assert deck.screens == page.count('<section class="dia')


def _pages(data: bytes) -> list[tuple[float, float, str]]:
    """Each page's width, height and text."""
    reader = PdfReader(io.BytesIO(data))
    return [(float(p.mediabox.width), float(p.mediabox.height), p.extract_text()) for p in reader.pages]


def test_the_presentation_pdf_has_one_16_9_page_per_screen_tagged_in_dutch(store: Store) -> None:
    """Issue 26.5: the screens as a PDF for the council's documents, from the same slide data."""
    council.share_peers(store, 2026, demo=False)
    rnd = council.own_round(store)
    council.add_roles(store, rnd)
    council.add_workshop(store, rnd)
    council.add_agreement(store, rnd)
    deck = build(store, rnd)
    data = to_pdf(deck)
    pages = _pages(data)
    assert len(pages) == deck.screens  # nothing ran over onto a page of its own
    assert all(abs(width / height - 16 / 9) < 0.001 for width, height, _ in pages)
    texts = [" ".join(text.split()) for _, _, text in pages]
    assert texts[0].startswith("Democratiescan Zeist 2026") and deck.group_short in texts[0]
    for n, slide in enumerate(deck.slides, start=1):
        assert f"{slide.priority_id}. {slide.name}" in texts[n] and slide.score in texts[n]
    assert any("Wat de rollen zeggen" in t for t in texts)
    assert any("<b>Vet</b>" in t for t in texts)  # typed text, as typed
    assert all(f"{n} van {deck.screens}" in t for n, t in enumerate(texts, start=1))  # page numbers
    assert not any("Volgende" in t or "Scherm 1 van" in t for t in texts)  # no browser navigation
    pdf = pikepdf.open(io.BytesIO(data))
    assert str(pdf.Root.Lang) == "nl" and "/StructTreeRoot" in pdf.Root
    assert str(pdf.docinfo.Title) == "Democratiescan Zeist 2026: presentatie voor de raad"


def test_long_content_gives_as_many_pdf_pages_as_screens(store: Store) -> None:
    from scan.content.questionbank import question_bank
    from scan.records.round import choices

    rnd = council.own_round(store)
    long_goal = "Een jongerenraad die elk jaar twee keer adviseert over alles wat jongeren raakt. " * 4
    for proposal in question_bank().proposals[:8]:
        choices.set_status(store, rnd.id, proposal.id, "kiezen")
        choices.save_agenda_field(store, rnd.id, proposal.id, goal=long_goal)
    deck = build(store, rnd)
    assert len(deck.agenda_pages) >= 3
    assert len(_pages(to_pdf(deck))) == deck.screens


def test_a_count_of_one_is_singular_on_the_workshop_screen(store: Store) -> None:
    """ "(1 deelnemers)", "1 stemmers", "(1 antwoorden)" and "1 stemmen" stood on the workshop screen."""
    rnd = council.own_round(store, previous=False)
    council.add_workshop(store, rnd, people=1, title="Klein")
    html = to_html(build(store, rnd), 0, {"gemeente": "GM0355", "jaar": "2026"})
    assert "<h3>Klein (1 deelnemer)</h3>" in html and "<p>1 stemmer: te weinig voor een uitslag" in html
    assert "Geen uitkomst getoond (1 antwoord)" in html and "1 antwoorden" not in html

    ws, secret = workshop.create(store, rnd.id, ["1.1"], title="Stemming")
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(5)]
    workshop.set_phase(store, ws.id, secret, "voting")
    for n, token in enumerate(tokens):  # 2a: 5 dots, 6a: one dot
        workshop.vote(store, ws.id, token, ["2a", "6a"] if n == 0 else ["2a"])
    workshop.set_phase(store, ws.id, secret, "ended")
    html = to_html(build(store, rnd), 0, {"gemeente": "GM0355", "jaar": "2026"})
    assert '<td class="n">5 stemmen</td>' in html and '<td class="n">1 stem</td>' in html


def test_one_confirmed_proposal_is_said_in_the_singular(store: Store) -> None:
    rnd = council.own_round(store, previous=False)
    council.add_agreement(store, rnd, confirm=("2a",), reject=())
    html = to_html(build(store, rnd), 0, {"gemeente": "GM0355", "jaar": "2026"})
    assert "Alleen wat de griffie heeft bevestigd telt mee: 1 voorstel." in html


def test_a_long_typed_agenda_field_is_cut_on_the_slide_at_a_word(store: Store) -> None:
    """A field holds up to 4.000 characters; a slide shows what fits six lines of its column, with "…"
    (the report has it whole). The narrow Planning column holds less than the wide goal (the review)."""
    from scan.records.round import choices
    from scan.views.presentation import AGENDA_COLUMNS, CELL_LINES, _lines

    rnd = council.own_round(store)
    goal = "Een mediafonds voor de lokale omroep. " * 100
    timeline = "Q1 2027: VERKENNING MET FRACTIES; Q2 2027: BESLUIT IN DE RAAD; " * 5
    choices.save_agenda_field(store, rnd.id, "2a", goal=goal, owner="x" * 500, timeline=timeline)
    item = next(a for a in build(store, rnd).agenda if a.goal.startswith("Een mediafonds"))
    for text, column, typed in ((item.goal, 1, goal), (item.timeline, 3, timeline)):
        shown = text.removesuffix(" …")
        assert text.endswith(" …") and _lines(text, AGENDA_COLUMNS[column], cell=True) <= CELL_LINES
        assert typed.startswith(shown) and typed[len(shown)] == " "  # cut between two words
    assert len(item.timeline) < len(item.goal)
    assert item.owner.startswith("xxx") and item.owner.endswith(" …")  # one long word: cut inside it
    assert _lines(item.owner, AGENDA_COLUMNS[2], cell=True) <= CELL_LINES


@pytest.mark.parametrize(
    ("group_id", "demo", "label"),
    [
        ("M50", True, "middelste score van M50 (fictief)"),
        ("G40", False, "middelste score van het G40-stedennetwerk"),
        ("G4", False, "middelste score van de vier grootste steden"),
        (
            "grootte:50.000 tot 100.000 inwoners",
            True,
            "middelste score van gemeenten met 50.000 tot 100.000 inwoners (circa; fictief)",
        ),
        ("provincie:Friesland", False, "middelste score van provincie Friesland"),
    ],
)
def test_the_median_is_named_inside_a_sentence_with_one_pair_of_brackets(
    group_id: str, demo: bool, label: str
) -> None:
    """A walk read "middelste score van Gemeenten met … (circa) (fictief)" on a priority slide."""
    from scan.content.reference import reference
    from scan.views.peers import median_of

    group = reference().peer_group("GM1900", group_id)  # Súdwest-Fryslân: a Frisian town of that size
    assert group is not None and median_of(group, demo) == label

"""The presentation's content: the chosen peer group, the same counts as the report, plain words."""

from __future__ import annotations

from scan.storage.core import Store
from scan.views import report
from scan.views.presentation import build, to_html
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
    council_cells = [
        row[i] for row in deck.roles.rows for i, h in enumerate(deck.roles.header) if "Gemeenteraad" in h
    ]
    assert council_cells and not any(c.isdigit() for c in council_cells)  # no figure below five
    page = to_html(deck)
    assert "Wat de rollen zeggen" in page and "De concept-democratiseringsagenda (1 van" in page
    assert deck.screens == page.count('<section class="dia')

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
    assert deck.screens == 1 + 8 + 3  # title, priorities, workshops, the agreement, agenda


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

"""One comparison group per round (issue 26.1): chosen once, stored with the round, used and named by the
report, the presentation and the exports; a municipality outside the chosen group is told so."""

from __future__ import annotations

import io

import openpyxl
import pytest

from scan.base.errors import ScanError
from scan.records.round import rounds
from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views import presentation
from scan.views.exports import export
from scan.views.report import report_data, to_html
from scan.views.round import round_view

from . import council

ZEIST, LOSSER, ALMERE = "GM0355", "GM0168", "GM0034"


def test_the_default_is_the_own_network_else_the_size_class(store: Store) -> None:
    assert peer_views.round_group(rounds.start(store, ZEIST, 2026)).id == "M50"
    assert peer_views.round_group(rounds.start(store, ALMERE, 2026)).id == "G40"
    losser = peer_views.round_group(rounds.start(store, LOSSER, 2026))
    assert losser.id == "grootte:20.000 tot 50.000 inwoners"


def test_the_choice_is_stored_with_the_round_and_moves_its_version(store: Store) -> None:
    rnd = rounds.start(store, LOSSER, 2026)
    chosen = rounds.set_comparison_group(store, rnd.id, "M50")
    assert chosen.comparison_group == "M50" and chosen.version != rnd.version  # caches see the new choice
    again = Store(store.path)  # another process, or the page after F5
    assert peer_views.round_group(rounds.by_id(again, rnd.id)).id == "M50"
    assert rounds.earlier(again, LOSSER, 2027)[0].comparison_group == "M50"  # every way of reading a round


@pytest.mark.parametrize(
    ("group_id", "message"),
    [("M51", "Vergelijkingsgroep 'M51' bestaat niet"), ("provincie:Utrecht", "bestaat niet")],
)
def test_a_group_the_municipality_cannot_choose_is_refused(store: Store, group_id: str, message: str) -> None:
    rnd = rounds.start(store, LOSSER, 2026)  # Losser lies in Overijssel: Utrecht's province is not its own
    with pytest.raises(ScanError, match=message):
        rounds.set_comparison_group(store, rnd.id, group_id)
    assert rounds.by_id(store, rnd.id).comparison_group is None


def test_a_closed_round_keeps_its_group(store: Store) -> None:
    rnd = rounds.start(store, LOSSER, 2026)
    rounds.close(store, rnd.id)
    with pytest.raises(ScanError, match="gesloten: de vergelijkingsgroep ligt vast"):
        rounds.set_comparison_group(store, rnd.id, "M50")
    assert rounds.by_id(store, rnd.id).comparison_group is None


def test_report_presentation_and_excel_use_and_name_the_rounds_group(store: Store) -> None:
    council.share_peers(store, 2026, demo=False)  # six M50 municipalities share
    rnd = council.own_round(store, previous=False)
    rnd = rounds.set_comparison_group(store, rnd.id, "alle")
    data = report_data(round_view(store, rnd))
    assert data.comparison.group.id == "alle"
    html = " ".join(to_html(data).split())
    line = "Vergeleken met alle gemeenten, de vergelijkingsgroep van deze ronde."
    assert html.count(line) == 2  # the summary and the comparison section
    deck = presentation.build(store, rnd)
    assert deck.group_short == "Alle gemeenten" and line in presentation.to_html(deck)
    about = dict(
        openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))["Over dit bestand"].iter_rows(
            values_only=True
        )
    )
    assert about["Welke groep"] == line and about["Vergelijkingsgroep"].startswith("Alle gemeenten")
    # looking around (the command line's --group) says it is not the round's group
    looked = report_data(round_view(store, rnd, "M50"))
    assert looked.comparison.group.id == "M50"
    assert "om rond te kijken; de ronde zelf vergelijkt met alle gemeenten" in looked.peers.line


def test_losser_is_told_it_is_no_member_of_the_m50(store: Store) -> None:
    council.share_peers(store, 2026, demo=False)
    rnd = rounds.set_comparison_group(store, rounds.start(store, LOSSER, 2026).id, "M50")
    note = "Losser is geen lid van de M50."
    assert note in " ".join(to_html(report_data(round_view(store, rnd))).split())
    page = presentation.to_html(presentation.build(store, rnd))
    assert page.count(note) >= 1 + 8  # the opening slide and every priority's median
    about = dict(
        openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))["Over dit bestand"].iter_rows(
            values_only=True
        )
    )
    assert about["Welke groep"].endswith(note)
    zeist = rounds.set_comparison_group(store, rounds.start(store, ZEIST, 2026).id, "M50")
    assert "geen lid" not in presentation.to_html(presentation.build(store, zeist))


def test_one_municipality_with_data_is_named_in_the_singular(store: Store) -> None:
    """The Excel sheet "Over dit bestand" said "M50: …: 1 gemeenten met gegevens"."""
    from scan.content.questionbank import question_bank
    from scan.records.round import answers as answer_store
    from scan.rules.scoring import Answer

    peer = rounds.start(store, council.PEERS[0], 2026)
    answer_store.save_bulk(store, peer.id, [Answer(q.id, 3) for q in question_bank().benchmark_questions])
    rounds.set_share_benchmark(store, peer.id, True)
    rounds.close(store, peer.id)
    rnd = rounds.set_comparison_group(store, council.own_round(store, previous=False).id, "M50")
    about = dict(
        openpyxl.load_workbook(io.BytesIO(export(store, rnd, "xlsx")))["Over dit bestand"].iter_rows(
            values_only=True
        )
    )
    assert about["Vergelijkingsgroep"].endswith(": 1 gemeente met gegevens")

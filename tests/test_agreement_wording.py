"""One wording per agreement state (issue 26.7): "niet gevonden" where the check found nothing, "niet
bevestigd" only where it found something the griffier did not confirm; a proposal's state is the same
in the Akkoord table, on its card, on the comparison page, in the report and on the slide."""

from __future__ import annotations

import re

from scan.records import agreements
from scan.records.round import rounds
from scan.rules.akkoord.coverage import by_state
from scan.storage.core import Store
from scan.views import agreement as agreement_views
from scan.views import presentation
from scan.views.report import report_data, to_html
from scan.views.round import round_view

from . import council

# 2a hedged ("onderzoeken of"): the check finds it partly; 2c promised outright; priority 2 only
PARTLY = """Coalitieakkoord 2026-2030

Wij onderzoeken of een jongerenraad of kinderraad mogelijk is.

In deze raadsperiode organiseren we een burgerberaad met gelote inwoners over de energietransitie.

Verder bouwen we woningen, onderhouden we de wegen en zorgen we voor een schone buitenruimte in alle wijken."""


def _round(store: Store, text: str = PARTLY) -> rounds.Round:
    rnd = council.own_round(store, previous=False)
    agreements.read_pasted(store, rnd.id, text, isolated=False)
    return rounds.by_id(store, rnd.id)


def test_nothing_found_is_not_called_unconfirmed(store: Store) -> None:
    rnd = _round(store)
    view = agreement_views.agreement_view(store, rnd)
    labels = {p.priority_id: p.label for p in view.priorities}
    assert labels[2] == "niet bevestigd"  # found 2a and 2c, nothing judged yet
    assert {labels[p] for p in (1, 3, 4, 5, 6, 7, 8)} == {"niet gevonden"}  # the check found nothing there
    assert view.proposal_label("2c") == "niet bevestigd" and view.proposal_label("8a") == "niet gevonden"

    rv = round_view(store, rnd)
    report = _text(to_html(report_data(rv)))
    slides = _text(presentation.to_html(presentation.build(store, rnd)))
    for name, text in (("rapport", report), ("presentatie", slides)):
        # the agreement table: priority 1 (nothing found) and priority 2 (found, open), each in its own words
        assert "Herstel van vertrouwen niet gevonden" in text, name
        assert "Inclusieve democratie niet bevestigd" in text, name
        assert "Herstel van vertrouwen niet bevestigd" not in text, name


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_proposal_found_partly_reads_partly_everywhere(store: Store) -> None:
    rnd = _round(store)
    analysis = agreements.get(store, rnd.id).analysis
    assert (analysis.proposals["2a"].status, analysis.proposals["2c"].status) == ("deels", "staat_erin")
    agreements.judge(store, rnd.id, "2a", "bevestigd")
    agreements.judge(store, rnd.id, "2c", "bevestigd")
    view = agreement_views.agreement_view(store, rnd)
    assert (view.proposal_label("2a"), view.proposal_label("2c")) == ("deels", "staat erin")
    assert {p.priority_id: p.label for p in view.priorities}[2] == "staat erin"
    assert by_state([("2a", "deels"), ("2c", "staat erin")]) == "deels: 2a; staat erin: 2c"
    rows = {
        r["Voorstel"][:2]: r["Uw akkoord"]
        for r in agreement_views.agreement_comparison_rows(
            agreement_views.agreement_peers(store, rnd, council_group()), view
        )
    }
    assert (rows["2a"], rows["2c"], rows["8a"]) == ("deels", "staat erin", "niet gevonden")


def council_group():
    from scan.content.reference import reference

    return reference().peer_group(council.OWN, "M50")


def test_where_a_passage_was_found_reads_as_dutch() -> None:
    from scan.rules.akkoord.analysis import _reason
    from scan.rules.akkoord.result import Passage

    def found(page: int | None, paragraph: int | None) -> str:
        passage = Passage(
            page, paragraph, "Wij richten een jongerenraad op.", 1.0, ("jongerenraad",), ((15, 27),), False
        )
        return _reason("staat_erin", [passage], [])

    assert found(None, 3) == "Gevonden in alinea 3: 'jongerenraad'."
    assert found(4, None) == "Gevonden op pagina 4: 'jongerenraad'."
    assert found(None, None) == "Gevonden (plaats onbekend): 'jongerenraad'."

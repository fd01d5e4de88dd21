"""Thin caches around scan/views/: results that change only when data changes, computed once
and shared by all sessions.

Keys carry the frozen ``Round`` itself (its version moves whenever anything a view of the round shows
changes; the view works on that Round, never reads it again) or the benchmark version, so a new answer or a newly shared scan gives a new entry and
nothing is recomputed on a rerun that changed nothing. ``cache_resource`` hands out the same object
without copying it: callers only read it.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from scan.base.errors import ScanError
from scan.base.tables import markdown_table
from scan.content.models import GROUP_LABELS
from scan.content.reference import PeerGroup
from scan.records import agreements, benchmark_store
from scan.records.round import choices, rounds
from scan.records.round.rounds import Round
from scan.rules import charts
from scan.rules.benchmark import Comparison, PeerData, election_context
from scan.rules.benchmark_tables import ComparisonTables, comparison_tables, election_table
from scan.rules.scoring import ScanScore
from scan.rules.summary import calculation, priority_rows, strongest_and_weakest
from scan.rules.trend import trend_rows
from scan.rules.voices import role_rows, too_few_roles
from scan.ui.services import get_bank, get_reference, get_store
from scan.views import agenda as agenda_views
from scan.views import agreement as agreement_views
from scan.views import peers as peer_views
from scan.views import self_scan as scan_views


def _db() -> str:
    return str(get_store().path)


def _group(gm_code: str, group_id: str) -> PeerGroup:
    """A group the peer-group choice offered (it offers only the municipality's own groups)."""
    group = get_reference().peer_group(gm_code, group_id)
    if group is None:
        raise ScanError("Deze vergelijkingsgroep hoort niet bij deze gemeente. Kies een andere groep.")
    return group


@st.cache_resource(max_entries=256, show_spinner=False)
def _self_scan(db: str, rnd: Round) -> scan_views.SelfScan:
    return scan_views.self_scan(get_store(), rnd, get_bank())


def self_scan(rnd: Round) -> scan_views.SelfScan:
    return _self_scan(_db(), rnd)


def self_score(rnd: Round) -> ScanScore:
    return self_scan(rnd).score


@st.cache_resource(max_entries=16, show_spinner=False)
def _peer_data(db: str, version: int, year: int) -> PeerData:
    return peer_views.peer_data(get_store(), year, get_bank())


def peer_data(year: int) -> PeerData:
    """This year's peer data; one version query a call."""
    return _peer_data(_db(), benchmark_store.version(get_store()), year)


class ComparisonView(NamedTuple):
    comparison: Comparison
    bands: object  # plotly figure: the peers' middle half per priority
    radar: object  # plotly figure: the radar with the peers' median
    tables: ComparisonTables


@st.cache_resource(max_entries=256, show_spinner=False)
def _comparison_view(db: str, rnd: Round, version: int, group_id: str, name: str):
    scan, bank = _self_scan(db, rnd), get_bank()
    group = _group(rnd.gm_code, group_id)
    result = peer_views.comparison(get_store(), scan, _peer_data(db, version, rnd.year), group, bank)
    demo = peer_views.fictief_label(scan.is_demo, result.enough and result.has_demo)
    return ComparisonView(
        result,
        charts.peer_bands(bank, scan.score, result, demo),
        charts.radar_with_peers(bank, scan.score, result, name, demo),
        comparison_tables(bank, result, scan.score),
    )


def comparison_view(rnd: Round, group_id: str, name: str) -> ComparisonView:
    """Everything the comparison page draws for one peer group: one lookup (and one version query) a rerun."""
    version = benchmark_store.version(get_store())
    return _comparison_view(_db(), rnd, version, group_id, name)


@st.cache_resource(max_entries=256, show_spinner=False)
def _result_figures(db: str, rnd: Round, name: str):
    score = _self_scan(db, rnd).score
    return charts.radar(get_bank(), score, name, rnd.is_demo), charts.priority_bars(
        get_bank(), score, rnd.is_demo
    )


def result_figures(rnd: Round, name: str):
    return _result_figures(_db(), rnd, name)


@st.cache_resource(max_entries=256, show_spinner=False)
def _results_text(db: str, rnd: Round) -> tuple[str, str, str]:
    score, bank = _self_scan(db, rnd).score, get_bank()
    return (
        strongest_and_weakest(bank, score),
        markdown_table(priority_rows(bank, score)),
        calculation(bank, score),
    )


def results_text(rnd: Round) -> tuple[str, str, str]:
    """The results page's sentences and tables: (in short, score table, arithmetic)."""
    return _results_text(_db(), rnd)


@st.cache_resource(max_entries=64, show_spinner=False)
def _voices(db: str, rnd: Round):
    bank, scan = get_bank(), _self_scan(db, rnd)
    found = scan_views.roles(get_store(), scan, bank)
    self_scores = {p.priority_id: p.score for p in scan.score.priorities}
    shown = [r for r in found.results.values() if r.enough]
    figure = None
    if shown:
        series = {"Zelfscan": self_scores} | {GROUP_LABELS[r.role]: r.means for r in shown}
        figure = charts.grouped_bars(bank, series)
    sentences = [d.sentence(bank) for d in found.divergences]
    table = markdown_table(role_rows(bank, found.results, found.together, self_scores))
    return table, figure, sentences, bool(shown), too_few_roles(found.results)


def voices(rnd: Round):
    """Roles page: (table, chart or None, divergence sentences, any role with enough respondents, the
    roles left out of the chart with their count)."""
    return _voices(_db(), rnd)


@st.cache_resource(max_entries=256, show_spinner=False)
def election_view(gm_code: str, group_id: str) -> str:
    """The election-context table; reference data, so it changes only with a new release of the app."""
    ref = get_reference()
    contexts = election_context(ref.elections, gm_code, _group(gm_code, group_id))
    return election_table(contexts, ref.municipality(gm_code).name)


@st.cache_resource(max_entries=256, show_spinner=False)
def _suggestions(db: str, rnd: Round, version: int, group_id: str) -> agenda_views.Suggestions:
    # proposal choices are part of the round's version: no need to key on them separately
    bank, store = get_bank(), get_store()
    peers = _peer_data(db, version, rnd.year)
    group = _group(rnd.gm_code, group_id)
    adopted = peer_views.adoption(store, peers, group, rnd.gm_code, bank)
    statuses = choices.statuses(store, rnd.id)
    # the griffier's decisions on the agreement are part of the round's version too
    promised = agreement_views.promised(store, rnd)
    has_demo = peers.has_demo(group, rnd.gm_code)
    return agenda_views.suggestions(_self_scan(db, rnd), statuses, adopted, has_demo, bank, promised)


def suggestions(rnd: Round, group_id: str) -> agenda_views.Suggestions:
    """All suggestions for the round, most urgent first, with the peer counts for this group."""
    version = benchmark_store.version(get_store())
    return _suggestions(_db(), rnd, version, group_id)


@st.cache_resource(max_entries=64, show_spinner=False)
def _trend(db: str, rnd: Round, earlier: tuple):
    bank = get_bank()
    found = scan_views.trend(get_store(), _self_scan(db, rnd), bank)
    if found.previous is None:
        return found, None, "", ""
    history = [(h.round.year, h.score) for h in found.history]
    figure = charts.trend_lines(bank, history)
    before, after = found.previous.round.year, found.history[-1].round.year
    changes = [
        {"Vraag": q, str(before): was, str(after): now, "Verandering": direction}
        for q, was, now, direction in scan_views.change_rows(bank, found.changes)
    ]
    return (
        found,
        figure,
        markdown_table(trend_rows(bank, history)),
        markdown_table(changes) if changes else "",
    )


def trend(rnd: Round):
    """Trend page: (trend, chart, table, changed answers); keyed on the version of every round it shows."""
    earlier = tuple(r for r in rounds.for_municipality(get_store(), rnd.gm_code) if r.year < rnd.year)
    return _trend(_db(), rnd, earlier)


@st.cache_resource(max_entries=64, show_spinner=False)
def _agreement(db: str, rnd: Round) -> agreement_views.AgreementView:
    return agreement_views.agreement_view(get_store(), rnd, _self_scan(db, rnd), get_bank())


def agreement(rnd: Round) -> agreement_views.AgreementView:
    """The round's agreement as the griffier judged it (analysis and decisions move the round's version)."""
    return _agreement(_db(), rnd)


@st.cache_resource(max_entries=256, show_spinner=False)
def _agreement_peers(db: str, version: int, rnd: Round, group_id: str) -> agreement_views.AgreementPeers:
    return agreement_views.agreement_peers(get_store(), rnd, _group(rnd.gm_code, group_id))


def agreement_peers(rnd: Round, group_id: str) -> agreement_views.AgreementPeers:
    """How many peers' shared agreements name each proposal (keyed on the shared coverage's version)."""
    return _agreement_peers(_db(), agreements.version(get_store()), rnd, group_id)


@st.cache_resource(max_entries=64, show_spinner=False)
def _agenda(db: str, rnd: Round) -> agenda_views.Agenda:
    return agenda_views.agenda(get_store(), rnd, _self_scan(db, rnd), get_bank())


def agenda(rnd: Round) -> agenda_views.Agenda:
    """The draft agenda; choices, edits, decisions on the agreement and published workshop outcomes
    all move the round's version."""
    return _agenda(_db(), rnd)

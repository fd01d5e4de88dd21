"""Results that change only when data changes, computed once and shared by all sessions.

Keys carry a version (shared scans and imports) or the round's last change, so a new answer or a
new shared scan gives a new entry; nothing is recomputed on a rerun that changed nothing.
``cache_resource`` hands out the same object without copying it: callers only read it.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from scan import charts, respondents
from scan.benchmark import Comparison, PeerData, compare, election_context, load_peer_data
from scan.benchmark_tables import ComparisonTables, comparison_tables, election_table
from scan.models import GROUP_LABELS
from scan.recommend import PeerAdoption, Suggestion, peer_adoption, suggest
from scan.scoring import score_scan
from scan.storage import SELF_ROLE, Round
from scan.summary import calculation, priority_rows, strongest_and_weakest
from scan.tables import markdown_table
from scan.trend import change_lines, question_changes, round_scores, trend_rows
from scan.ui.services import get_bank, get_reference, get_store
from scan.voices import divergences, role_results, role_rows


def round_key(rnd: Round) -> tuple:
    return (str(get_store().path), rnd.id, rnd.updated_at)


@st.cache_resource(max_entries=16, show_spinner=False)
def _peer_data(db: str, version: tuple, year: int) -> PeerData:
    return load_peer_data(get_store(), year)


@st.cache_resource(max_entries=256, show_spinner=False)
def _self_score(key: tuple):
    store = get_store()
    return score_scan(get_bank(), store.answers(key[1]), SELF_ROLE)


def self_score(rnd: Round):
    return _self_score(round_key(rnd))


class ComparisonView(NamedTuple):
    comparison: Comparison
    bands: object  # plotly figure: the peers' middle half per priority
    radar: object  # plotly figure: the radar with the peers' median
    tables: ComparisonTables


@st.cache_resource(max_entries=256, show_spinner=False)
def _comparison_view(key: tuple, version: tuple, year: int, gm_code: str, group_id: str, name: str):
    store, bank, score = get_store(), get_bank(), _self_score(key)
    group = get_reference().peer_group(gm_code, group_id)
    peers = _peer_data(key[0], version, year)
    result = compare(bank, peers, group, gm_code, score, store.answers(key[1]))
    return ComparisonView(
        result,
        charts.peer_bands(bank, score, result, result.has_demo),
        charts.radar_with_peers(bank, score, result, name, result.has_demo),
        comparison_tables(bank, result, score),
    )


def comparison_view(rnd: Round, group_id: str, name: str) -> ComparisonView:
    """Everything the comparison page draws for one peer group: one lookup (and one version query) a rerun."""
    return _comparison_view(
        round_key(rnd), get_store().benchmark_version(), rnd.year, rnd.gm_code, group_id, name
    )


@st.cache_resource(max_entries=256, show_spinner=False)
def _result_figures(key: tuple, name: str, is_demo: bool):
    score = _self_score(key)
    return charts.radar(get_bank(), score, name, is_demo), charts.priority_bars(get_bank(), score, is_demo)


def result_figures(rnd: Round, name: str):
    return _result_figures(round_key(rnd), name, rnd.is_demo)


@st.cache_resource(max_entries=256, show_spinner=False)
def _results_text(key: tuple) -> tuple[str, str, str]:
    score, bank = _self_score(key), get_bank()
    return (
        strongest_and_weakest(bank, score),
        markdown_table(priority_rows(bank, score)),
        calculation(bank, score),
    )


def results_text(rnd: Round) -> tuple[str, str, str]:
    """The results page's sentences and tables: (in short, score table, arithmetic)."""
    return _results_text(round_key(rnd))


@st.cache_resource(max_entries=64, show_spinner=False)
def _voices(key: tuple):
    bank = get_bank()
    results = role_results(bank, respondents.invited_answers(get_store(), key[1]))
    self_scores = {p.priority_id: p.score for p in _self_score(key).priorities}
    shown = [r for role, r in results.items() if role != "samen" and r.enough]
    figure = None
    if shown:
        series = {"Zelfscan": self_scores} | {GROUP_LABELS[r.role]: r.means for r in shown}
        figure = charts.grouped_bars(bank, series)
    sentences = [d.sentence(bank) for d in divergences(bank, results, self_scores)]
    return markdown_table(role_rows(bank, results, self_scores)), figure, sentences, bool(shown)


def voices(rnd: Round):
    """Roles page: (table, chart or None, divergence sentences, any role with enough respondents)."""
    return _voices(round_key(rnd))


@st.cache_resource(max_entries=256, show_spinner=False)
def election_view(gm_code: str, group_id: str) -> str:
    """The election-context table; reference data, so it changes only with a new release of the app."""
    ref = get_reference()
    contexts = election_context(ref.elections, gm_code, ref.peer_group(gm_code, group_id))
    return election_table(contexts, ref.municipality(gm_code).name)


@st.cache_resource(max_entries=64, show_spinner=False)
def _adoption(db: str, version: tuple, year: int, gm_code: str, group_id: str) -> dict[str, PeerAdoption]:
    # peer counts change only when shared scans or imports change
    group = get_reference().peer_group(gm_code, group_id)
    return peer_adoption(get_bank(), _peer_data(db, version, year), group, gm_code)


@st.cache_resource(max_entries=256, show_spinner=False)
def _suggestions(key: tuple, version: tuple, year: int, gm_code: str, group_id: str, statuses: frozenset):
    adoption = _adoption(key[0], version, year, gm_code, group_id)
    answers = get_store().answers(key[1])
    peers_are_demo = any(a.n for a in adoption.values()) and _peer_data(key[0], version, year).has_demo
    return suggest(get_bank(), answers, _self_score(key), dict(statuses), adoption), peers_are_demo


def suggestions(rnd: Round, group_id: str, statuses: dict[str, str]) -> tuple[list[Suggestion], bool]:
    """All suggestions for the round, most urgent first, and whether the peer counts they cite rest on
    fictitious demo data."""
    return _suggestions(
        round_key(rnd),
        get_store().benchmark_version(),
        rnd.year,
        rnd.gm_code,
        group_id,
        frozenset(statuses.items()),
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _trend(db: str, gm_code: str, year: int, versions: tuple):
    store, bank = get_store(), get_bank()
    history = [h for h in round_scores(store, gm_code) if h.year <= year]
    if len(history) < 2:
        return history, None, "", ""
    previous = store.get_round(gm_code, history[-2].year)
    changes = question_changes(bank, store, previous.id, store.get_round(gm_code, year).id)
    figure = charts.trend_lines(bank, [(h.year, h.score) for h in history])
    return history, figure, markdown_table(trend_rows(bank, history)), change_lines(bank, changes)


def trend(rnd: Round):
    """Trend page: (rounds up to this one, chart, table, changed answers); keyed on every round's version."""
    store = get_store()
    versions = tuple((r.id, r.updated_at) for r in store.rounds_for(rnd.gm_code))
    return _trend(str(store.path), rnd.gm_code, rnd.year, versions)

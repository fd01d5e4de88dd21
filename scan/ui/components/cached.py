"""Results that change only when data changes, computed once and shared by all sessions.

Keys carry a version (shared scans and imports) or the round's last change, so a new answer or a
new shared scan gives a new entry; nothing is recomputed on a rerun that changed nothing.
``cache_resource`` hands out the same object without copying it: callers only read it.
"""

from __future__ import annotations

import streamlit as st

from scan import charts
from scan.benchmark import PeerData, compare, load_peer_data
from scan.scoring import score_scan
from scan.storage import SELF_ROLE, Round
from scan.ui.services import get_bank, get_reference, get_store


def round_key(rnd: Round) -> tuple:
    return (str(get_store().path), rnd.id, rnd.updated_at)


@st.cache_resource(max_entries=16, show_spinner=False)
def _peer_data(db: str, version: tuple, year: int) -> PeerData:
    return load_peer_data(get_store(), year)


def peer_data(year: int) -> PeerData:
    store = get_store()
    return _peer_data(str(store.path), store.benchmark_version(), year)


@st.cache_resource(max_entries=256, show_spinner=False)
def _self_score(key: tuple):
    store = get_store()
    return score_scan(get_bank(), store.answers(key[1]), SELF_ROLE)


def self_score(rnd: Round):
    return _self_score(round_key(rnd))


@st.cache_resource(max_entries=256, show_spinner=False)
def _comparison(key: tuple, version: tuple, year: int, gm_code: str, group_id: str):
    store = get_store()
    group = get_reference().peer_group(gm_code, group_id)
    answers = store.answers(key[1])
    return compare(get_bank(), _peer_data(key[0], version, year), group, gm_code, _self_score(key), answers)


def comparison(rnd: Round, group_id: str):
    return _comparison(round_key(rnd), get_store().benchmark_version(), rnd.year, rnd.gm_code, group_id)


@st.cache_resource(max_entries=256, show_spinner=False)
def _result_figures(key: tuple, name: str, is_demo: bool):
    score = _self_score(key)
    return charts.radar(get_bank(), score, name, is_demo), charts.priority_bars(get_bank(), score, is_demo)


def result_figures(rnd: Round, name: str):
    return _result_figures(round_key(rnd), name, rnd.is_demo)


@st.cache_resource(max_entries=256, show_spinner=False)
def _peer_figures(key: tuple, version: tuple, year: int, gm_code: str, group_id: str, name: str):
    result = _comparison(key, version, year, gm_code, group_id)
    score = _self_score(key)
    bank = get_bank()
    return (
        charts.peer_bands(bank, score, result, result.has_demo),
        charts.radar_with_peers(bank, score, result, name, result.has_demo),
    )


def peer_figures(rnd: Round, group_id: str, name: str):
    return _peer_figures(
        round_key(rnd), get_store().benchmark_version(), rnd.year, rnd.gm_code, group_id, name
    )

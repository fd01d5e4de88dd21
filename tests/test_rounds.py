"""Rounds: one per municipality per year, versions that move exactly when a view would change,
closing, deleting everything that refers to a round."""

from __future__ import annotations

import pytest

from scan.base.errors import ScanError
from scan.records import benchmark_store, workshop
from scan.records.round import answers as answer_store
from scan.records.round import choices, respondents, rounds
from scan.storage.core import Store


def test_one_round_per_municipality_per_year(store: Store) -> None:
    rounds.start(store, "GM0355", 2026)
    with pytest.raises(ScanError, match="Er is al een scan van Zeist voor 2026"):
        rounds.start(store, "GM0355", 2026)
    rounds.start(store, "GM0355", 2028)
    assert [r.year for r in rounds.for_municipality(store, "GM0355")] == [2028, 2026]


@pytest.mark.parametrize(
    ("code", "year", "message"),
    [("GM9999", 2026, "bestaat niet"), ("GM0355", 1900, "Kies een jaar"), ("GM0355", True, "Kies een jaar")],
)
def test_bad_round_input_is_refused(store: Store, code: str, year: int, message: str) -> None:
    with pytest.raises(ScanError, match=message):
        rounds.start(store, code, year)
    assert store.counts()["rounds"] == 0


def test_the_previous_round_is_the_latest_earlier_year(store: Store) -> None:
    for year in (2022, 2026, 2024, 2030):
        rounds.start(store, "GM0355", year)
    rounds.start(store, "GM0080", 2025)  # another municipality never counts
    now = rounds.get(store, "GM0355", 2026)
    assert rounds.previous(store, "GM0355", now.year).year == 2024
    assert rounds.previous(store, "GM0355", 2022) is None


# --- versions -------------------------------------------------------------------------------------


def _version(store: Store, round_id: int) -> int:
    return rounds.by_id(store, round_id).version


def _chosen(store: Store, rnd) -> None:
    choices.set_status(store, rnd.id, "6a", "kiezen")


def _respondent_answer(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.5", 4)


def _workshop_added(store: Store, rnd) -> None:
    ws, pin = workshop.create(store, rnd.id, ["6.1"], "Avond")
    _, token = workshop.join(store, ws.join_code)
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    workshop.answer(store, ws.id, token, "6.1", 3)
    before = _version(store, rnd.id)
    workshop.add_to_round(store, ws.id, pin)
    assert _version(store, rnd.id) != before


CHANGES_A_VIEW = {
    "answer": lambda s, r: answer_store.save(s, r.id, "1.1", 3),
    "changed answer": lambda s, r: answer_store.save(s, r.id, "1.1", 2),
    "dont know": lambda s, r: answer_store.save(s, r.id, "1.2", None, dont_know=True),
    "comment": lambda s, r: answer_store.save_comment(s, r.id, "1.1", "sinds 2024"),
    "proposal status": _chosen,
    "agenda edit": lambda s, r: (_chosen(s, r), choices.save_agenda_field(s, r.id, "6a", goal="Fonds")),
    "respondent answer": _respondent_answer,
    "workshop added": _workshop_added,
}


@pytest.mark.parametrize("change", CHANGES_A_VIEW)
def test_the_version_moves_with_everything_a_view_shows(store: Store, change: str) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 1)
    before = _version(store, rnd.id)
    CHANGES_A_VIEW[change](store, rounds.by_id(store, rnd.id))
    assert _version(store, rnd.id) != before


CHANGES_NO_VIEW = {
    "share toggle": lambda s, r: rounds.set_share_benchmark(s, r.id, True),
    "closing": lambda s, r: rounds.close(s, r.id),
    "another round's answer": lambda s, r: answer_store.save(s, rounds.start(s, "GM0080", 2026).id, "1.1", 3),
    "an invitation code": lambda s, r: respondents.create_invite(s, r.id, "raad"),
}


@pytest.mark.parametrize("change", CHANGES_NO_VIEW)
def test_the_version_stays_when_no_view_changes(store: Store, change: str) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 1)
    before = _version(store, rnd.id)
    CHANGES_NO_VIEW[change](store, rnd)
    assert _version(store, rnd.id) == before


def test_a_new_round_on_a_reused_id_never_gets_an_old_version(store: Store) -> None:
    old = rounds.start(store, "GM0355", 2026)
    seen = {old.key}
    answer_store.save(store, old.id, "1.1", 1)
    seen.add(rounds.by_id(store, old.id).key)
    rounds.delete(store, old.id)
    new = rounds.start(store, "GM0080", 2026)
    assert new.id == old.id  # SQLite reuses the row id ...
    assert new.key not in seen  # ... but never an (id, version) a cache may still hold


BENCHMARK_MOVES = {
    "shared self-scan answer": lambda s, shared, other: answer_store.save(s, shared.id, "1.1", 4),
    "share toggle": lambda s, shared, other: rounds.set_share_benchmark(s, other.id, True),
    "deleting a shared round": lambda s, shared, other: rounds.delete(s, shared.id),
    "import": lambda s, shared, other: benchmark_store.store_import(
        s, "abc", "b.csv", [(2, "GM0014", 2026, "P1", 50.0)]
    ),
}
BENCHMARK_STAYS = {
    "unshared answer": lambda s, shared, other: answer_store.save(s, other.id, "1.1", 4),
    "comment on a shared round": lambda s, shared, other: answer_store.save_comment(s, shared.id, "1.1", "x"),
    "respondent in a shared round": lambda s, shared, other: _respondent_answer(s, shared),
    "proposal choice": lambda s, shared, other: _chosen(s, shared),
}


@pytest.mark.parametrize(
    ("change", "moves"), [(c, True) for c in BENCHMARK_MOVES] + [(c, False) for c in BENCHMARK_STAYS]
)
def test_the_benchmark_version_moves_only_when_peer_figures_can_change(store: Store, change, moves) -> None:
    shared = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, shared.id, "1.1", 1)
    rounds.set_share_benchmark(store, shared.id, True)
    other = rounds.start(store, "GM0080", 2026)
    before = benchmark_store.version(store)
    {**BENCHMARK_MOVES, **BENCHMARK_STAYS}[change](store, shared, other)
    assert (benchmark_store.version(store) != before) is moves


# --- closing and deleting -------------------------------------------------------------------------


def test_delete_removes_everything_that_refers_to_the_round(store: Store) -> None:
    keep = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, keep.id, "1.1", 2)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 3)
    _chosen(store, rnd)
    choices.save_agenda_field(store, rnd.id, "6a", goal="Fonds")
    _respondent_answer(store, rnd)
    _workshop_added(store, rnd)
    before = store.counts()
    rounds.delete(store, rnd.id)
    after = store.counts()
    for table in (
        "respondents",
        "answers",
        "proposal_status",
        "agenda_items",
        "invites",
        "workshops",
        "workshop_questions",
        "workshop_participants",
        "workshop_answers",
    ):
        assert after[table] < before[table] or before[table] == 0, table
    leftovers = store.db.execute("SELECT COUNT(*) FROM respondents WHERE round_id = ?", [rnd.id]).fetchone()[
        0
    ]
    assert leftovers == 0 and rounds.get(store, "GM0355", 2026) is None
    assert answer_store.of(store, keep.id)["1.1"].value == 2  # the other round is untouched


def test_deleting_an_unknown_round_says_so(store: Store) -> None:
    with pytest.raises(ScanError, match="bestaat niet"):
        rounds.delete(store, 999)

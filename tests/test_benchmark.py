"""Peer statistics against hand-computed values; the minimum-n rule in every view."""

from __future__ import annotations

import pandas as pd
import pytest

from scan.content.questionbank import question_bank
from scan.content.reference import PeerGroup, reference
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules.benchmark import (
    MIN_N,
    build_peer_data,
    describe,
    election_context,
    percentile_rank,
)
from scan.rules.scoring import score_scan
from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views import self_scan as scan_views
from scan.views.peers import peer_data as load_peer_data

PEERS = ["GM0014", "GM0034", "GM0037", "GM0047", "GM0080", "GM0085"]
OWN = "GM0355"


def test_describe_matches_hand_computation() -> None:
    stat = describe([10, 20, 30, 40, 50], own=35)
    assert (stat.n, stat.median, stat.q1, stat.q3) == (5, 30, 20, 40)
    assert stat.percentile == 60  # 3 of 5 lower
    assert percentile_rank([10, 20, 30, 40, 50], 30) == 50  # 2 lower + half of 1 equal
    # even count: linear interpolation, as KWARTIEL.INC
    stat = describe([0, 25, 50, 75, 100, 100], own=None)
    assert (stat.median, stat.q1, stat.q3) == (62.5, 31.25, 93.75)


@pytest.mark.parametrize("n", range(MIN_N))
def test_fewer_than_five_gives_only_the_count(n: int) -> None:
    stat = describe(list(range(n)), own=1)
    assert not stat.enough
    assert stat.median is None and stat.percentile is None
    assert stat.message == f"te weinig vergelijkingsmateriaal (n = {n})"


def _share(store: Store, code: str, value: int, year: int = 2026) -> None:
    rnd = rounds.start(store, code, year)
    for q in question_bank().questions_for_role("griffie"):
        answer_store.save(store, rnd.id, q.id, value)
    rounds.set_share_benchmark(store, rnd.id, True)
    rounds.close(store, rnd.id)  # only closed (final) rounds count


@pytest.fixture
def peer_store(store: Store) -> Store:
    # Six peers answer everything with 0, 1, 2, 3, 4, 4: priority scores 0, 25, 50, 75, 100, 100.
    for code, value in zip(PEERS, [0, 1, 2, 3, 4, 4], strict=True):
        _share(store, code, value)
    own = rounds.start(store, OWN, 2026)
    for q in question_bank().questions_for_role("griffie"):
        answer_store.save(store, own.id, q.id, 2)
    return store


def _compare(store: Store, members: set[str]):
    group = PeerGroup("test", "Testgroep", frozenset(members))
    own = rounds.get(store, OWN, 2026)
    answers = answer_store.of(store, own.id)
    scan = scan_views.SelfScan(own, answers, score_scan(question_bank(), answers))
    return peer_views.comparison(store, scan, load_peer_data(store, 2026), group)


def test_priority_and_question_statistics_on_a_small_fixture(peer_store: Store) -> None:
    result = _compare(peer_store, {*PEERS, OWN})
    assert result.n == 6  # own municipality not counted
    p3 = result.priorities[3]
    assert (p3.n, p3.median, p3.q1, p3.q3) == (6, 62.5, 31.25, 93.75)
    assert p3.percentile == pytest.approx(2.5 / 6 * 100)  # 0 and 25 lower, 50 equal
    q = next(q for q in result.questions if q.question_id == "3.2")
    assert q.own == 2 and q.stat.median == 2.5
    assert q.level_shares == pytest.approx({0: 1 / 6, 1: 1 / 6, 2: 1 / 6, 3: 1 / 6, 4: 2 / 6})
    assert result.overall.median == 62.5


def test_behind_lists_questions_where_most_peers_are_ahead(store: Store) -> None:
    for code in PEERS:
        _share(store, code, 3)
    own = rounds.start(store, OWN, 2026)
    answer_store.save(store, own.id, "6.1", 0)
    answer_store.save(store, own.id, "6.2", 4)
    result = _compare(store, {*PEERS, OWN})
    assert [q.question_id for q in result.behind()] == ["6.1"]


def test_minimum_n_holds_in_group_question_and_overall_views(peer_store: Store) -> None:
    result = _compare(peer_store, set(PEERS[:4]) | {OWN})
    assert result.n == 4 and not result.enough
    assert result.message == "te weinig vergelijkingsmateriaal (n = 4)"
    assert all(not s.enough and s.median is None for s in result.priorities.values())
    assert not result.overall.enough and result.overall.median is None
    assert all(not q.stat.enough and q.level_shares == {} and q.stat.median is None for q in result.questions)
    assert result.behind() == []


def test_dont_know_unshared_and_open_rounds_stay_out(store: Store) -> None:
    # An unshared round, a shared round still open, and "weet niet" answers never reach the benchmark.
    unshared = rounds.start(store, "GM0088", 2026)
    answer_store.save(store, unshared.id, "3.2", 4)
    rounds.close(store, unshared.id)
    still_open = rounds.start(store, "GM0093", 2026)
    answer_store.save(store, still_open.id, "3.2", 4)
    rounds.set_share_benchmark(store, still_open.id, True)
    shared = rounds.start(store, PEERS[0], 2026)
    answer_store.save(store, shared.id, "3.1", None, dont_know=True)
    answer_store.save(store, shared.id, "3.2", 1)
    rounds.set_share_benchmark(store, shared.id, True)
    rounds.close(store, shared.id)
    data = load_peer_data(store, 2026)
    assert data.municipalities() == {PEERS[0]}
    values = data.question_values
    assert not ((values["gm_code"] == PEERS[0]) & (values["question_id"] == "3.1")).any()


def test_imported_priority_scores_fill_in_where_no_scan_exists(store: Store) -> None:
    imported = pd.DataFrame({"gm_code": ["GM0014", "GM0014"], "item": ["P6", "6.1"], "value": [40.0, 4.0]})
    empty = pd.DataFrame(columns=["gm_code", "question_id", "value"])
    data = build_peer_data(question_bank(), 2026, empty, imported)
    assert data.priority_scores.loc["GM0014", 6] == 100  # question-level data wins over the imported score
    imported = pd.DataFrame({"gm_code": ["GM0034"], "item": ["P6"], "value": [40.0]})
    data = build_peer_data(question_bank(), 2026, empty, imported)
    assert data.priority_scores.loc["GM0034", 6] == 40


def test_election_context_uses_real_kiesraad_figures() -> None:
    ref = reference()
    m50 = ref.named_groups["M50"]
    rows = {(c.cycle, c.measure): c for c in election_context(ref.elections, OWN, m50)}
    own_2022 = next(e for e in ref.elections if e.code == OWN and e.year == 2022)
    assert rows[(2022, "Raadszetels")].own == own_2022.seats
    peers_2026 = [e.seats for e in ref.elections if e.year == 2026 and e.code in m50.members - {OWN}]
    assert rows[(2026, "Raadszetels")].peers.median == pd.Series(peers_2026).median()
    assert rows[(2026, "Raadszetels")].peers.n == len(peers_2026)
    g4 = ref.named_groups["G4"]
    small = {(c.cycle, c.measure): c for c in election_context(ref.elections, "GM0363", g4)}
    assert small[(2022, "Raadszetels")].peers.message == "te weinig vergelijkingsmateriaal (n = 3)"


def test_peer_scores_weigh_each_priority_equally_whatever_its_number_of_questions(store: Store) -> None:
    # Every peer answers each question differently (level = (question number + peer) mod 5), and the
    # priorities have different numbers of questions: a wrong weighting (by question instead of by
    # priority, or raw levels instead of points) gives other numbers than this hand computation.
    bank = question_bank()
    factual = bank.benchmark_questions
    for offset, code in enumerate(PEERS):
        rnd = rounds.start(store, code, 2026)
        for q in factual:
            answer_store.save(store, rnd.id, q.id, (int(q.id.split(".")[1]) + offset) % 5)
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)
    rounds.start(store, OWN, 2026)
    result = _compare(store, {*PEERS, OWN})

    def by_hand(offset: int) -> dict[int, float]:
        per_priority = {}
        for p in bank.core_priorities:
            levels = [(int(q.id.split(".")[1]) + offset) % 5 for q in factual if q.priority_id == p.id]
            per_priority[p.id] = sum(level / 4 * 100 for level in levels) / len(levels)
        return per_priority

    peers = [by_hand(offset) for offset in range(len(PEERS))]
    sizes = {len([q for q in factual if q.priority_id == p.id]) for p in bank.core_priorities}
    assert len(sizes) > 1  # the fixture really has priorities of different sizes
    for p in bank.core_priorities:
        assert result.priorities[p.id].median == pytest.approx(pd.Series([s[p.id] for s in peers]).median())
    overall = pd.Series([sum(s.values()) / len(s) for s in peers]).median()
    assert result.overall.median == pytest.approx(overall)
    # the fixture tells the rules apart: weighting by question would give another median
    by_question = pd.Series(
        [
            sum((int(q.id.split(".")[1]) + offset) % 5 / 4 * 100 for q in factual) / len(factual)
            for offset in range(len(PEERS))
        ]
    ).median()
    assert by_question != pytest.approx(overall)


def test_the_municipality_is_never_its_own_peer(peer_store: Store) -> None:
    own = rounds.get(peer_store, OWN, 2026)
    rounds.set_share_benchmark(peer_store, own.id, True)  # it shares too: still not its own peer
    rounds.close(peer_store, own.id)
    result = _compare(peer_store, {*PEERS, OWN})
    assert result.n == 6 and OWN in load_peer_data(peer_store, 2026).municipalities()
    assert result.priorities[3].percentile == pytest.approx(2.5 / 6 * 100)


def test_peer_figures_are_fictief_exactly_when_a_peer_in_the_group_shared_demo_data(store: Store) -> None:
    real, demo = PEERS[:5], ["GM0088", "GM0093", "GM0096", "GM0106", "GM0109"]
    for code in real:
        _share(store, code, 2)
    for code in demo:
        rnd = rounds.start(store, code, 2026, is_demo=True)
        answer_store.save(store, rnd.id, "1.1", 3)
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)
    rounds.start(store, OWN, 2026)
    assert not _compare(store, {*real, OWN}).has_demo
    assert _compare(store, {*demo, OWN}).has_demo
    assert _compare(store, {*real, demo[0], OWN}).has_demo


def test_a_sixth_municipality_cannot_be_read_off_by_comparing_two_views(store: Store) -> None:
    # Five municipalities share; someone looks at the per-question level table; a sixth joins and
    # they look again. Subtracting the two tables must not give the sixth one's answers.
    rounds.start(store, OWN, 2026)
    group = set(PEERS) | {"GM0088", "GM0093", "GM0096", "GM0106", "GM0109", OWN}
    for code, value in zip(PEERS[:5], [0, 1, 2, 3, 4], strict=True):
        _share(store, code, value)

    def level_counts():
        result = _compare(store, group)
        return {q.question_id: (q.stat.n, q.level_shares) for q in result.questions}, result

    before, first = level_counts()
    assert first.enough and first.overall.n == 5
    _share(store, PEERS[5], 3)  # the sixth
    after, second = level_counts()
    assert after == before  # nothing to subtract: the sixth waits until four more have joined
    assert second.n == 6 and second.overall.n == 5
    for code in ("GM0088", "GM0093", "GM0096", "GM0106"):
        _share(store, code, 4)
    _, third = level_counts()
    assert third.overall.n == 10  # five newcomers at once: their sum is all a comparison gives


def test_a_municipality_that_stops_sharing_cannot_be_read_off(store: Store) -> None:
    rounds.start(store, OWN, 2026)
    for code, value in zip(PEERS, [0, 1, 2, 3, 4, 4], strict=True):
        _share(store, code, value)
    shown = _compare(store, {*PEERS, OWN})
    assert shown.enough and shown.overall.n == 6
    leaver = rounds.get(store, PEERS[0], 2026)
    rounds.set_share_benchmark(store, leaver.id, False)
    after = _compare(store, {*PEERS, OWN})
    assert not after.enough  # withheld, not recomputed over the five that remain
    assert after.overall.message == "wordt bijgewerkt zodra er genoeg veranderd is (n = 5)"
    assert all(not q.stat.enough for q in after.questions)


def test_two_groups_one_municipality_apart_never_both_publish(store: Store) -> None:
    # Issue 23.1: five peers of one province share level 2, a sixth elsewhere level 4. Opening the
    # province and then "all municipalities" must not show the sixth's answers by difference.
    province, other = PEERS[:5], PEERS[5]
    for code in province:
        _share(store, code, 2)
    _share(store, other, 4)
    rounds.start(store, OWN, 2026)
    small = _compare(store, {*province, OWN})
    assert small.enough and small.overall.n == 5
    large = _compare(store, {*province, other, OWN})
    for q in large.questions:
        assert q.stat.n != 6 or not q.stat.enough, q.question_id  # never a view over five plus the sixth
        assert not (q.level_shares or {}).get(4)  # the sixth's level shows nowhere
    assert large.overall.n == 5  # the province's view, seen before: nothing new to read off
    # and the other way round for a new viewer order: the larger group first, the smaller waits
    own_2 = "GM0344"  # Utrecht views: its own register
    rounds.start(store, own_2, 2026)
    group_large = PeerGroup("all", "Alle gemeenten", frozenset({*province, other, own_2}))
    group_small = PeerGroup("prov", "Provincie", frozenset({*province, own_2}))
    scan_2 = scan_views.SelfScan(rounds.get(store, own_2, 2026), {}, score_scan(question_bank(), {}))
    first = peer_views.comparison(store, scan_2, load_peer_data(store, 2026), group_large)
    second = peer_views.comparison(store, scan_2, load_peer_data(store, 2026), group_small)
    assert first.overall.n == 6 and not second.overall.enough
    assert second.overall.message.endswith("(n = 5)")


def test_proposal_adoption_follows_the_same_register_across_groups(store: Store) -> None:
    province, other = PEERS[:5], PEERS[5]
    for code in province:
        _share(store, code, 2)
    _share(store, other, 4)
    rounds.start(store, OWN, 2026)
    data = load_peer_data(store, 2026)
    small = peer_views.adoption(store, data, PeerGroup("p", "Provincie", frozenset({*province, OWN})), OWN)
    large = peer_views.adoption(store, data, PeerGroup("a", "Alle", frozenset({*province, other, OWN})), OWN)
    for pid, figure in large.items():
        assert figure.n in (0, 5), pid  # the province's five, or nothing: never six
        assert figure.in_place == small[pid].in_place


def test_a_peers_scores_are_means_of_its_answers_and_of_its_priorities(store: Store) -> None:
    # Rules 3 and 4 for peers: a priority is the mean of its answers' points, the total the mean of
    # the priorities. Six peers answer the first question of each priority at 4 and the rest at 0.
    bank = question_bank()
    firsts = {p.id: bank.questions_for(p.id, "griffie")[0].id for p in bank.core_priorities}
    for code in PEERS:
        rnd = rounds.start(store, code, 2026)
        for q in bank.questions_for_role("griffie"):
            answer_store.save(store, rnd.id, q.id, 4 if q.id in firsts.values() else 0)
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)
    rounds.start(store, OWN, 2026)
    result = _compare(store, {*PEERS, OWN})
    expected = {}
    for p in bank.core_priorities:
        counted = [q for q in bank.questions_for(p.id, "griffie") if q.kind == "maturity"]
        expected[p.id] = 100 / len(counted)
        assert result.priorities[p.id].median == pytest.approx(expected[p.id]), p.id
    assert result.overall.median == pytest.approx(sum(expected.values()) / len(expected))


def test_the_behind_list_is_sorted_by_the_share_it_shows() -> None:
    from scan.base.formatting import nl_percent
    from scan.rules.benchmark import Comparison, QuestionStat, Stat

    def question(qid: str, percentile: float, shares: dict[int, float]) -> QuestionStat:
        return QuestionStat(qid, Stat(n=10, median=2, q1=1, q3=3, percentile=percentile), 1, shares)

    # 1.1: the lowest rank, but only half the group further; 1.2: a higher rank, 90% further
    rows = [question("1.1", 5, {0: 0.0, 1: 0.5, 2: 0.5}), question("1.2", 20, {1: 0.1, 2: 0.9})]
    found = Comparison(PeerGroup("x", "X", frozenset()), 2026, 10, {}, Stat(n=10), rows, False)
    assert [q.question_id for q in found.behind()] == ["1.2", "1.1"]
    assert [nl_percent(q.further) for q in found.behind()] == ["90%", "50%"]


def test_a_median_of_seats_shows_no_needless_decimal() -> None:
    """A walk read "39,0" seats: a whole median shows whole, a half shows its half."""
    from scan.rules.benchmark import ElectionContext, Stat
    from scan.rules.benchmark_tables import election_table

    def row(median: float) -> str:
        stat = Stat(n=6, median=median)
        return election_table([ElectionContext(2026, "Raadszetels", 37, stat)], "Zeist")

    assert "| 39 |" in row(39.0) and "39,0" not in row(39.0)
    assert "| 39,5 |" in row(39.5)

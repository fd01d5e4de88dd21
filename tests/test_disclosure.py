"""The disclosure rule: no figure over fewer than five, no two views that differ by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scan.rules.disclosure import MIN_N, Shown, decide, fingerprint


def test_the_first_five_publish_and_a_sixth_waits() -> None:
    four = frozenset(fingerprint(f"m{i}", 1) for i in range(4))
    assert decide((), four).state is Shown.TOO_FEW
    five = four | {fingerprint("m4", 1)}
    first = decide((), five)
    assert first.state is Shown.SHOWN and first.members == five
    six = five | {fingerprint("m5", 3)}
    waiting = decide(first.history, six)
    assert waiting.members == five and waiting.candidates == 6  # the figure does not move by one


def test_a_changed_or_departed_contributor_withholds_the_figure() -> None:
    six = frozenset(fingerprint(f"m{i}", 1) for i in range(6))
    changed = (six - {fingerprint("m0", 1)}) | {fingerprint("m0", 2)}
    assert decide((six,), changed).state is Shown.UPDATING
    assert decide((six,), six - {fingerprint("m0", 1)}).state is Shown.UPDATING
    # below five it is simply too few, with the count
    five = six - {fingerprint("m5", 1)}
    assert decide((five,), five - {fingerprint("m0", 1)}).state is Shown.TOO_FEW


# A history of a figure's contributors: each step someone joins, leaves or changes their answer.
steps = st.lists(
    st.tuples(st.sampled_from(["join", "leave", "change"]), st.integers(0, 14), st.integers(0, 4)),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(steps)
def test_two_views_are_the_same_or_differ_by_at_least_five(history) -> None:
    data: dict[str, int] = {}
    history: tuple[frozenset[str], ...] = ()
    shown: list[frozenset[str]] = []
    for action, who, value in history:
        name = f"m{who}"
        if action == "join" or action == "change":
            data[name] = value
        else:
            data.pop(name, None)
        decision = decide(history, frozenset(fingerprint(n, v) for n, v in data.items()))
        history = decision.history
        if decision.members is not None:
            shown.append(decision.members)
    for i, a in enumerate(shown):
        assert len(a) >= MIN_N
        for b in shown[i + 1 :]:
            assert a == b or len(a ^ b) >= MIN_N


def test_a_view_is_never_one_change_away_from_any_earlier_view() -> None:
    # Found by the property test above: comparing only with the last published set let a view move
    # one contributor away from a view published two releases earlier.
    def keys(values: dict[str, int]) -> frozenset[str]:
        return frozenset(fingerprint(n, v) for n, v in values.items())

    values = {f"m{i}": 0 for i in range(5)}
    history = decide((), keys(values)).history  # first view: five at 0
    for name, value in [("m0", 2), ("m1", 1), ("m2", 1)]:  # three change: six keys differ -> published
        values[name] = value
        history = decide(history, keys(values)).history
    assert len(history) == 2
    values.update(m1=0, m2=0, m0=1)  # back towards the first view, but m0 now at 1
    decision = decide(history, keys(values))
    first = history[0]
    assert decision.members is None or decision.members == first or len(decision.members ^ first) >= 5


# --- across groups (issue 23.1): one viewer opens any group, in any order, while peers come and go ---

CODES = [f"GM{n:04d}" for n in range(1, 13)]  # twelve peers; the viewer is GM0999
VIEWER = "GM0999"
first_shares = st.dictionaries(st.sampled_from(CODES), st.integers(0, 4), min_size=5)
view_steps = st.lists(
    st.one_of(
        st.tuples(st.just("share"), st.sampled_from(CODES), st.integers(0, 4)),
        st.tuples(st.just("unshare"), st.sampled_from(CODES), st.just(0)),
        st.tuples(st.just("view"), st.integers(0, 3), st.just(0)),
    ),
    min_size=4,
    max_size=30,
)
# groups that overlap a lot, as provinces, size classes and networks do: a core and a few more or fewer
group_sets = st.tuples(
    st.frozensets(st.sampled_from(CODES), min_size=5),
    st.lists(st.frozensets(st.sampled_from(CODES), max_size=3), min_size=3, max_size=3),
)


def _views_register(store, viewer: str) -> dict[str, list[frozenset[str]]]:
    """Every set ever published for each peer figure of this viewer, whatever the register's scope."""
    import json

    sets: dict[str, list[frozenset[str]]] = {}
    rows = store.db.execute(
        "SELECT figure, history FROM releases WHERE scope LIKE ?", [f"benchmark:%{viewer}"]
    )
    for figure, history in rows.fetchall():
        sets.setdefault(figure, []).extend(frozenset(s) for s in json.loads(history))
    return sets


@settings(max_examples=100, deadline=None)
@given(group_sets, first_shares, view_steps)
def test_no_two_views_of_a_figure_across_groups_differ_by_one_to_four(groups, shares, steps) -> None:
    """Random group memberships and sharing patterns; the viewer opens the comparison and the proposal
    counts of any group (every page, the report, the presentation and the exports go through these two
    views). Every set any of them published, for any group, is the same as or five away from every other."""
    import tempfile
    from pathlib import Path

    import pandas as pd

    from scan.content.questionbank import question_bank
    from scan.content.reference import PeerGroup
    from scan.records.round.rounds import Round
    from scan.rules.benchmark import build_peer_data
    from scan.rules.scoring import score_scan
    from scan.storage.core import Store
    from scan.views import peers as peer_views
    from scan.views import self_scan as scan_views

    bank = question_bank()
    questions = [q.id for q in bank.benchmark_questions][:6]  # a few questions keep it quick
    core, changes = groups
    members = [core, *(core ^ change for change in changes)]
    peer_groups = [PeerGroup(f"g{i}", f"Groep {i}", m | {VIEWER}) for i, m in enumerate(members)]
    own = Round(1, VIEWER, 2026, "open", False, False, 1, "", "")
    scan = scan_views.SelfScan(own, {}, score_scan(bank, {}))
    shared = dict(shares)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "x.sqlite")
        for action, code, value in [("view", 0, 0), *steps]:
            if action == "share":
                shared[code] = value
            elif action == "unshare":
                shared.pop(code, None)
            else:
                answers = pd.DataFrame(
                    [(c, q, v) for c, v in shared.items() for q in questions],
                    columns=["gm_code", "question_id", "value"],
                )
                data = build_peer_data(
                    bank, 2026, answers, pd.DataFrame(columns=["gm_code", "item", "value"])
                )
                peer_views.comparison(store, scan, data, peer_groups[code], bank)
                peer_views.adoption(store, data, peer_groups[code], VIEWER, bank)
        register = _views_register(store, VIEWER)
    for figure, sets in register.items():
        for i, a in enumerate(sets):
            assert len(a) >= MIN_N, figure
            for b in sets[i + 1 :]:
                assert a == b or len(a ^ b) >= MIN_N, figure

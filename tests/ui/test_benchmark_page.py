"""AppTest: switching the peer group updates every figure; too few peers shows the count."""

from __future__ import annotations

from scan.benchmark import compare, load_peer_data
from scan.demo import fill_demo
from scan.formatting import nl_number
from scan.reference import reference
from scan.scoring import score_scan
from scan.storage import Store

from .tables import markdown_tables


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _expected(store: Store, group_id: str):
    rnd = store.get_round("GM0355", 2026)
    answers = store.answers(rnd.id)
    group = reference().peer_group("GM0355", group_id)
    return compare(
        store.bank, load_peer_data(store, 2026), group, "GM0355", score_scan(store.bank, answers), answers
    )


def test_switching_peer_group_updates_all_figures(new_session, db_path) -> None:
    store = Store(db_path)
    fill_demo(store)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    assert not at.exception
    seen = {}
    for group_id in ("M50", "provincie:Utrecht", "alle"):
        at.radio(key="vergelijken_groep").set_value(group_id).run()
        expected = _expected(store, group_id)
        assert expected.enough
        caption = " ".join(c.value for c in at.caption)
        assert f"{expected.n} van de {len(expected.group.members)} gemeenten" in caption
        assert "Fictieve voorbeelddata" in caption
        assert _metric(at, "Mediaan van de groep") == nl_number(expected.overall.median)
        table = markdown_tables(at)[0]
        assert table["n"].tolist() == [str(expected.priorities[p].n) for p in range(1, 9)]
        assert table["Mediaan groep"].tolist() == [
            nl_number(expected.priorities[p].median) for p in range(1, 9)
        ]
        seen[group_id] = (expected.n, _metric(at, "Mediaan van de groep"), table["Mediaan groep"].tolist())
    assert len({v[0] for v in seen.values()}) == 3  # the figures really changed with the group


def test_too_few_peers_shows_the_count_not_figures(new_session, db_path) -> None:
    store = Store(db_path)
    for code in ("GM0344", "GM0307", "GM0310"):  # three municipalities in the province of Utrecht share
        rnd = store.start_round(code, 2026)
        store.save_answer(rnd.id, "1.1", 3)
        store.set_share_benchmark(rnd.id, True)
    store.start_round("GM0355", 2026)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    at.radio(key="vergelijken_groep").set_value("provincie:Utrecht").run()
    assert not at.exception
    assert any("te weinig vergelijkingsmateriaal (n = 3)" in i.value for i in at.info)
    assert not [m for m in at.metric if m.label == "Mediaan van de groep"]
    election = markdown_tables(at)[-1]  # the real election context still shows, with its own n
    assert set(election["Verkiezingen"]) == {"2018", "2022", "2026"}

"""AppTest: switching the peer group updates every figure; too few peers shows the count."""

from __future__ import annotations

import pytest

from scan.base.formatting import nl_number
from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules.scoring import score_scan
from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views import self_scan as scan_views
from scan.views.peers import peer_data as load_peer_data
from scan.views.round import round_view

from .. import council
from ..conftest import clone_db
from ..test_fictief import BOTH, COMBINATIONS, OWN, PEERS
from ..test_fictief import _expected as expected_note
from .tables import markdown_tables


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _expected(store: Store, group_id: str):
    rnd = rounds.get(store, "GM0355", 2026)
    answers = answer_store.of(store, rnd.id)
    group = reference().peer_group("GM0355", group_id)
    scan = scan_views.SelfScan(rnd, answers, score_scan(question_bank(), answers))
    return peer_views.comparison(store, scan, load_peer_data(store, 2026), group)


def test_switching_peer_group_updates_all_figures(new_session, db_path, demo_template) -> None:
    store = Store(clone_db(demo_template, db_path))
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    assert not at.exception
    seen = {}
    for group_id in ("M50", "provincie:Utrecht", "alle"):
        at.selectbox(key="vergelijken_groep").set_value(group_id).run()
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
        rnd = rounds.start(store, code, 2026)
        answer_store.save(store, rnd.id, "1.1", 3)
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)
    rounds.start(store, "GM0355", 2026)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    at.selectbox(key="vergelijken_groep").set_value("provincie:Utrecht").run()
    assert not at.exception
    assert any("te weinig vergelijkingsmateriaal (n = 3)" in i.value for i in at.info)
    assert not [m for m in at.metric if m.label == "Mediaan van de groep"]
    election = markdown_tables(at)[-1]  # the real election context still shows, with its own n
    assert set(election["Verkiezingen"]) == {"2018", "2022", "2026"}


def test_one_comparison_group_per_round_and_a_look_around(new_session, db_path, demo_template) -> None:
    """Issue 26.1: the round's group is stored with the round; looking around on Vergelijken changes
    nothing else; choosing it for the round reaches every output, also in a fresh tab (F5)."""
    from scan.views.report import report_data

    store = Store(clone_db(demo_template, db_path))
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    assert at.selectbox(key="vergelijken_groep").value == "M50"  # default: the own network
    assert any("Vergelijkingsgroep van deze ronde: M50" in m.value for m in at.markdown)
    options = at.selectbox(key="vergelijken_groep").options
    assert any(o.startswith("G4") for o in options)  # every group is offered, not only the own ones
    assert all("met gegevens" in o for o in options)
    at.selectbox(key="vergelijken_groep").set_value("alle").run()
    assert any("U kijkt rond bij alle gemeenten" in i.value and "blijft de M50" in i.value for i in at.info)
    at.switch_page("scan/ui/pages/recommendations.py").run()
    assert not [s for s in at.selectbox if s.key == "aanbevelingen_groep"]  # no second choice of a group
    assert any("Vergeleken met de M50" in c.value for c in at.caption)  # looking around changed nothing
    rnd = rounds.get(store, "GM0355", 2026)
    assert report_data(round_view(store, rnd)).comparison.group.id == "M50"

    at.switch_page("scan/ui/pages/benchmark.py").run()
    assert at.selectbox(key="vergelijken_groep").value == "M50"  # a look-around is not remembered
    at.selectbox(key="vergelijken_groep").set_value("alle").run()
    at.button(key="vergelijken_groep_vastleggen").click().run()
    assert any("deze ronde vergelijkt nu met alle gemeenten" in s.value for s in at.success)
    rnd = rounds.get(store, "GM0355", 2026)
    assert (
        rnd.comparison_group == "alle" and report_data(round_view(store, rnd)).comparison.group.id == "alle"
    )

    fresh = new_session(gemeente="GM0355", jaar="2026")  # another tab, or after F5
    fresh.switch_page("scan/ui/pages/benchmark.py").run()
    assert fresh.selectbox(key="vergelijken_groep").value == "alle"
    fresh.switch_page("scan/ui/pages/presentation.py").run()
    assert any(
        "Vergeleken met alle gemeenten, de vergelijkingsgroep van deze ronde." in h.proto.body
        for h in fresh.get("html")
    )


def test_a_group_the_municipality_is_not_in_says_so(new_session, db_path, demo_template) -> None:
    Store(clone_db(demo_template, db_path))
    rnd = rounds.get(Store(db_path), "GM0168", 2026) or rounds.start(Store(db_path), "GM0168", 2026)
    rounds.set_comparison_group(Store(db_path), rnd.id, "M50")
    at = new_session(gemeente="GM0168", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    assert not at.exception
    assert any(w.value == "Losser is geen lid van de M50." for w in at.warning)


@pytest.mark.parametrize(("own", "peers"), COMBINATIONS)
def test_fictief_on_screen_per_source(new_session, db_path, own: bool, peers: bool) -> None:
    store = Store(db_path)
    council.share_peers(store, 2026, demo=peers)
    council.own_round(store, demo=own, previous=False)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    assert not at.exception
    captions = " ".join(" ".join(c.value for c in at.caption).split())
    for sentence in (OWN, BOTH, PEERS):
        assert (sentence in captions) is (sentence == expected_note(own, peers)), sentence
    badges = [m.value for m in at.markdown if "-badge[" in m.value]  # st.badge is a Markdown badge
    assert any("Groepscijfers: fictieve voorbeelddata" in b for b in badges) is peers
    assert any(b.endswith(" Fictieve voorbeelddata]") for b in badges) is own  # the heading's badge: own scan


def test_per_question_table_shows_the_question_and_marks_the_own_answer(new_session, db_path) -> None:
    store = Store(db_path)
    council.share_peers(store, 2026, demo=False)
    council.own_round(store, previous=False)  # question 1.1 at level 4, the peers at 3
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/benchmark.py").run()
    tables = markdown_tables(at)
    levels = tables[2].set_index("Vraag")
    row = levels.loc[question_bank().question("1.1").statement]
    assert row["Uw antwoord"].startswith("4 · ")
    assert row["Niveau 4"] == "**0%**" and row["Niveau 3"] == "100%"  # the own level in bold, only that one
    headings = [h.value for h in at.subheader]
    assert "Vragen waarop de meeste vergelijkbare gemeenten verder zijn" in headings
    behind = tables[1]
    assert behind.columns.tolist() == ["Vraag", "Uw antwoord", "Mediaan groep", "Verder dan u", "n"]
    assert all(int(v.rstrip("%")) > 50 for v in behind["Verder dan u"])  # the figures support the heading


def test_the_comparison_shows_what_the_groups_agreements_promise(new_session, db_path) -> None:
    """Issue 19.5: per proposal how many of the group's shared agreements name it, beside the own
    agreement, counted from five sharing municipalities."""
    store = Store(db_path)
    own = rounds.start(store, council.OWN, 2026)
    council.add_agreement(store, own, confirm=("2c",), reject=())
    council.share_agreements(store, council.PEERS[:4])

    def page():
        at = new_session(gemeente=council.OWN, jaar="2026")
        at.switch_page("scan/ui/pages/benchmark.py").run()
        assert not at.exception
        at.selectbox(key="vergelijken_groep").set_value("M50").run()
        return at

    at = page()
    assert any("vanaf 5 gemeenten" in m.value and "zijn dat er nu 4." in m.value for m in at.markdown)
    assert not any("Akkoorden van de groep" in t.columns for t in markdown_tables(at))

    council.share_agreements(store, council.PEERS[4:5])
    at = page()
    table = next(t for t in markdown_tables(at) if "Akkoorden van de groep" in t.columns).set_index(
        "Voorstel"
    )
    title = question_bank().proposal("2c").title
    assert table.loc[f"2c {title}"].tolist() == ["5 van de 5", "staat erin"]
    assert table.loc[f"2a {question_bank().proposal('2a').title}"].tolist() == [
        "0 van de 5",
        "niet bevestigd",
    ]
    assert len(table) == 29

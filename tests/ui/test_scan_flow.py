"""AppTest: walk a whole scan, close the app, come back, resume, see the right scores."""

from __future__ import annotations

import pytest

from scan.questionbank import question_bank
from scan.storage import Store

BANK = question_bank()
SECTIONS = [p.id for p in BANK.priorities]


def _no_exceptions(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def pattern_all(value):
    return lambda index: value


def pattern_mixed(index: int):
    # first question of each section "weet niet", second 4, the rest 2
    return "weet_niet" if index == 0 else 4 if index == 1 else 2


PATTERNS = [
    (pattern_all(0), "0 van 100", "0"),
    (pattern_all(4), "100 van 100", "0"),
    # core sections with 4 questions: (100 + 50 + 50) / 3 = 66,67; section 5 with 5: (100 + 3 x 50) / 4 = 62,5
    # total = (7 x 66,67 + 62,5) / 8 = 66,1 -> "66"; weet niet counted in 9 sections
    (pattern_mixed, "66 van 100", "9"),
]


@pytest.mark.parametrize(("pattern", "total", "dont_know"), PATTERNS, ids=["alles-0", "alles-4", "gemengd"])
def test_full_scan_resume_and_results(new_session, db_path, pattern, total, dont_know) -> None:
    at = new_session()
    _no_exceptions(at)
    assert at.title[0].value == "democratiescan"

    at.selectbox(key="start_gemeente").set_value("GM0355").run()
    assert any("M50" in md.value for md in at.markdown)
    assert any("Provincie Utrecht" in md.value for md in at.markdown)
    at.number_input(key="start_jaar").set_value(2026).run()
    at.button(key="start_nieuw").click().run()
    _no_exceptions(at)
    assert at.title[0].value == "Vragenlijst: Zeist 2026"

    round_id = Store(db_path).get_round("GM0355", 2026).id
    section_key = f"vragenlijst_onderdeel_{round_id}"
    for section in SECTIONS:
        at.selectbox(key=section_key).set_value(section).run()
        for index, q in enumerate(BANK.questions_for(section, "griffie")):
            at.radio(key=f"antwoord_{round_id}_{q.id}").set_value(pattern(index)).run()
        _no_exceptions(at)
    assert "40 van 40 vragen beantwoord" in at.get("progress")[0].proto.text

    # Close the app: a new session on the same database offers to resume where we were.
    at = new_session()
    resume = at.button(key="start_verder")
    assert resume.label.startswith("Verder met Zeist 2026 (40 van 40 vragen beantwoord)")
    resume.click().run()
    _no_exceptions(at)
    assert at.selectbox(key=section_key).value == SECTIONS[-1]
    first = BANK.questions_for(SECTIONS[-1], "griffie")[0]
    assert at.radio(key=f"antwoord_{round_id}_{first.id}").value == pattern(0)

    at.switch_page("scan/ui/pages/results.py").run()
    _no_exceptions(at)
    assert _metric(at, "Totaalscore") == total
    assert _metric(at, "Weet niet / n.v.t.") == dont_know
    assert _metric(at, "Vragen beantwoord") == "40 van 40"


def test_comment_and_position_survive_a_new_session(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = store.start_round("GM0080", 2026)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    at.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").set_value(8).run()
    at.radio(key=f"antwoord_{rnd.id}_8.1").set_value(3).run()
    at.text_area(key=f"toelichting_{rnd.id}_8.1").input("Sinds 2024 mogelijk").run()
    assert store.answers(rnd.id)["8.1"].comment == "Sinds 2024 mogelijk"

    again = new_session(gemeente="GM0080", jaar="2026")
    again.switch_page("scan/ui/pages/questionnaire.py").run()
    assert again.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").value == 8
    assert again.text_area(key=f"toelichting_{rnd.id}_8.1").value == "Sinds 2024 mogelijk"
    assert again.radio(key=f"antwoord_{rnd.id}_8.1").value == 3


def test_next_and_previous_move_between_priorities(new_session, db_path) -> None:
    rnd = Store(db_path).start_round("GM0080", 2026)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    key = f"vragenlijst_onderdeel_{rnd.id}"
    at.button(key="vragenlijst_volgende").click().run()
    assert at.selectbox(key=key).value == 2
    assert at.header[0].value == "2. Inclusieve democratie"
    at.button(key="vragenlijst_vorige").click().run()
    assert at.selectbox(key=key).value == 1
    assert "1: nog 4 open" in " ".join(c.value for c in at.caption)


def test_open_questions_are_marked(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = store.start_round("GM0080", 2026)
    store.save_answer(rnd.id, "1.1", 2)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    badges = [b.proto.body for b in at.get("badge")] if at.get("badge") else []
    text = " ".join(str(b) for b in badges) or str([e.proto for e in at.main])
    assert "Nog open" in text and "Beantwoord" in text


@pytest.mark.parametrize(
    "query",
    [
        {"gemeente": "GM9999", "jaar": "2026"},
        {"gemeente": "GM0080", "jaar": "twintig"},
        {"gemeente": "GM0080", "jaar": "2030"},
    ],
)
def test_crafted_urls_give_a_dutch_message(new_session, db_path, query) -> None:
    Store(db_path).start_round("GM0080", 2026)
    at = new_session(**query)
    _no_exceptions(at)
    assert at.warning and ("niet bestaat" in at.warning[0].value or "nog geen scan" in at.warning[0].value)
    at.switch_page("scan/ui/pages/results.py").run()
    assert at.info[0].value.startswith("Kies eerst een gemeente")
    assert Store(db_path).counts()["rounds"] == 1


def test_results_explain_the_arithmetic(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = store.start_round("GM0080", 2026)
    store.save_answer(rnd.id, "6.1", 4)
    store.save_answer(rnd.id, "6.2", 2)
    store.save_answer(rnd.id, "6.3", None, dont_know=True)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    assert _metric(at, "Totaalscore") == "75 van 100"
    lines = " ".join(md.value for md in at.markdown)
    assert "Macht en tegenmacht: (100 + 50) / 2 = 75,0; niet meegeteld: 1 × weet niet, 1 open." in lines
    assert any("Het sterkst" in md.value or "Alleen Macht en tegenmacht" in md.value for md in at.markdown)


def test_sharing_with_the_benchmark_is_opt_in_per_round(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = store.start_round("GM0080", 2026)
    assert not store.round_by_id(rnd.id).share_benchmark
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    at.toggle(key=f"resultaten_delen_{rnd.id}").set_value(True).run()
    assert store.round_by_id(rnd.id).share_benchmark

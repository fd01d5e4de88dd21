"""AppTest: walk a whole scan, close the app, come back, resume, see the right scores."""

from __future__ import annotations

import pytest

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store

from .tables import markdown_tables

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
    # total = (7 x 66,67 + 62,5) / 8 = 66,1 -> "66"; weet niet: one in each of the 8 priorities
    # (Bestuurscultuur has one too, but the headline counts the eight priorities the total rests on)
    (pattern_mixed, "66 van 100", "8"),
]
CORE = len(BANK.benchmark_questions)
ALL = len(BANK.questions_for_role("griffie"))


@pytest.mark.parametrize(("pattern", "total", "dont_know"), PATTERNS, ids=["alles-0", "alles-4", "gemengd"])
def test_full_scan_resume_and_results(new_session, db_path, pattern, total, dont_know) -> None:
    at = new_session()
    _no_exceptions(at)
    assert at.title[0].value == "democratiescan"

    at.selectbox(key="start_gemeente").set_value("GM0355").run()
    assert any("M50" in md.value for md in at.markdown)
    assert any("Provincie Utrecht" in md.value for md in at.markdown)
    at.number_input(key="start_jaar_GM0355").set_value(2026).run()
    at.button(key="start_nieuw").click().run()
    _no_exceptions(at)
    assert at.title[0].value == "Vragenlijst: Zeist 2026"

    round_id = rounds.get(Store(db_path), "GM0355", 2026).id
    section_key = f"vragenlijst_onderdeel_{round_id}"
    for section in SECTIONS:
        at.selectbox(key=section_key).set_value(section).run()
        for index, q in enumerate(BANK.questions_for(section, "griffie")):
            at.radio(key=f"antwoord_{round_id}_{q.id}").set_value(pattern(index)).run()
        _no_exceptions(at)
    assert f"{ALL} van {ALL} vragen beantwoord (alle onderdelen)" in at.get("progress")[0].proto.text

    # Close the app: a new session from the bookmarked link offers to resume this scan.
    at = new_session(gemeente="GM0355", jaar="2026")
    resume = at.button(key="start_verder")
    assert resume.label.startswith(f"Verder met Zeist 2026 ({ALL} van {ALL} vragen beantwoord)")
    resume.click().run()
    _no_exceptions(at)
    assert at.selectbox(key=section_key).value == SECTIONS[0]  # nothing open: from the start
    first = BANK.questions_for(SECTIONS[0], "griffie")[0]
    assert at.radio(key=f"antwoord_{round_id}_{first.id}").value == pattern(0)

    at.switch_page("scan/ui/pages/results.py").run()
    _no_exceptions(at)
    assert _metric(at, "Totaalscore (acht prioriteiten)") == total
    assert _metric(at, "Waarvan weet niet / n.v.t.") == dont_know
    assert _metric(at, "Vragen beantwoord (acht prioriteiten)") == f"{CORE} van {CORE}"
    # the table's rows add up to the headline
    table = markdown_tables(at)[0]
    answered = [int(v.split()[0]) for v in table["Beantwoord"][:8]]
    assert sum(answered) == CORE and sum(int(v) for v in table["Weet niet"][:8]) == int(dont_know)


def test_a_new_session_never_offers_another_sessions_scan(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "1.1", 2)
    at = new_session()  # someone else, on the same installation
    _no_exceptions(at)
    assert all(b.key != "start_verder" for b in at.button)
    assert at.selectbox(key="start_gemeente").value is None


def test_a_comment_survives_and_a_new_session_starts_at_the_first_open_section(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0080", 2026)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    at.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").set_value(8).run()
    at.radio(key=f"antwoord_{rnd.id}_8.1").set_value(3).run()
    at.text_area(key=f"toelichting_{rnd.id}_8.1").input("Sinds 2024 mogelijk").run()
    assert answer_store.of(store, rnd.id)["8.1"].comment == "Sinds 2024 mogelijk"

    at.switch_page("scan/ui/pages/results.py").run()
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    assert at.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").value == 8  # this session keeps its place

    again = new_session(gemeente="GM0080", jaar="2026")
    again.switch_page("scan/ui/pages/questionnaire.py").run()
    assert (
        again.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").value == 1
    )  # first section with open questions
    again.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").set_value(8).run()
    assert again.text_area(key=f"toelichting_{rnd.id}_8.1").value == "Sinds 2024 mogelijk"
    assert again.radio(key=f"antwoord_{rnd.id}_8.1").value == 3


def test_next_and_previous_move_between_priorities(new_session, db_path) -> None:
    rnd = rounds.start(Store(db_path), "GM0080", 2026)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    key = f"vragenlijst_onderdeel_{rnd.id}"
    at.button(key="vragenlijst_volgende").click().run()
    assert at.selectbox(key=key).value == 2
    assert at.header[0].value == "2. Inclusieve democratie"
    at.button(key="vragenlijst_vorige").click().run()
    assert at.selectbox(key=key).value == 1
    assert "1: nog 4 open" in " ".join(c.value for c in at.caption)


def _badge_per_question(at) -> dict[str, str]:
    """Per question card (a bordered block): its question id -> the text of its own badge."""
    found = {}
    for block in at.main.children.values():
        texts = [c.value for c in getattr(block, "children", {}).values() if type(c).__name__ == "Markdown"]
        badge = next((t for t in texts if "-badge[" in t), None)
        question = next((t for t in texts if t.startswith("**")), None)
        if badge and question:
            found[question.split("**")[1]] = badge
    return found


def test_open_questions_are_marked(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "1.1", 2)
    answer_store.save(store, rnd.id, "1.3", None, dont_know=True)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    badges = _badge_per_question(at)
    assert set(badges) == {"1.1", "1.2", "1.3", "1.4"}
    assert "Beantwoord" in badges["1.1"] and "Beantwoord" in badges["1.3"]  # weet niet is an answer
    assert "Nog open" in badges["1.2"] and "Nog open" in badges["1.4"]


@pytest.mark.parametrize(
    "query",
    [
        {"gemeente": "GM9999", "jaar": "2026"},
        {"gemeente": "GM0080", "jaar": "twintig"},
        {"gemeente": "GM0080", "jaar": "2030"},
    ],
)
def test_crafted_urls_give_a_dutch_message(new_session, db_path, query) -> None:
    rounds.start(Store(db_path), "GM0080", 2026)
    at = new_session(**query)
    _no_exceptions(at)
    assert at.warning and any(
        words in at.warning[0].value for words in ("niet bestaat", "geen geldig jaar", "nog geen scan")
    )
    at.switch_page("scan/ui/pages/results.py").run()
    assert at.info[0].value.startswith("Kies eerst een")
    assert Store(db_path).counts()["rounds"] == 1


def test_results_explain_the_arithmetic(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "6.1", 4)
    answer_store.save(store, rnd.id, "6.2", 2)
    answer_store.save(store, rnd.id, "6.3", None, dont_know=True)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    assert _metric(at, "Totaalscore (acht prioriteiten)") == "75 van 100"
    lines = " ".join(md.value for md in at.markdown)
    assert "Macht en tegenmacht: (100 + 50) / 2 = 75,0; niet meegeteld: 1 × weet niet, 1 open." in lines
    assert any("Het sterkst" in md.value or "Alleen Macht en tegenmacht" in md.value for md in at.markdown)


def test_sharing_with_the_benchmark_is_opt_in_per_round(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0080", 2026)
    assert not rounds.by_id(store, rnd.id).share_benchmark
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    at.toggle(key=f"resultaten_delen_{rnd.id}").set_value(True).run()
    assert rounds.by_id(store, rnd.id).share_benchmark

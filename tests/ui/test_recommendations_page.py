"""AppTest: the recommendations page opens on the most urgent priority and shows one priority's cards."""

from __future__ import annotations

from scan import answers as answer_store
from scan import rounds
from scan.questionbank import question_bank
from scan.recommend import suggest
from scan.scoring import score_scan
from scan.storage import Store


def _card_titles(at) -> list[str]:
    return [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**Voorstel ")]


def test_cards_follow_the_chosen_priority_and_the_pepper_filter(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    for q in question_bank().questions_for_role("griffie"):
        answer_store.save(store, rnd.id, q.id, 4)  # everything in place ...
    for q in question_bank().questions_for(2, "griffie"):
        answer_store.save(store, rnd.id, q.id, 2)  # ... except inclusion, half-way (priority 2)
    for q in question_bank().questions_for(5, "griffie"):
        answer_store.save(store, rnd.id, q.id, 0)  # ... and area-based work, not at all (priority 5)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/recommendations.py").run()
    assert not at.exception

    answers = answer_store.of(store, rnd.id)
    expected = suggest(question_bank(), answers, score_scan(question_bank(), answers), {})
    assert expected[0].proposal.priority == 5
    choice = at.selectbox(key="aanbevelingen_prioriteit")
    assert choice.options[0].startswith("2.") and choice.value == 5  # the most urgent, not the first listed
    titles = _card_titles(at)
    assert titles and all(t.startswith("Voorstel 5") for t in titles)
    assert titles[0].startswith("Voorstel 5a")  # its basic step comes first while the basics are missing

    choice.set_value(2).run()
    assert all(t.startswith("Voorstel 2") for t in _card_titles(at))

    at.selectbox(key="aanbevelingen_prioriteit").set_value(5).run()
    at.multiselect(key="aanbevelingen_pepers").set_value([1]).run()
    assert [t.split(":")[0] for t in _card_titles(at)] == ["Voorstel 5a"]  # only the one-pepper step

"""AppTest of the questionnaire: two griffiers on one round never overwrite each other unseen, and an
answer given to an older wording of a question says so."""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules.answer_words import in_sentence
from scan.rules.scoring import Answer
from scan.storage.core import Store

BANK = question_bank()


def _open(new_session, rnd, section: int):
    at = new_session(gemeente=rnd.gm_code, jaar=str(rnd.year), onderdeel=str(section))
    return at.switch_page("scan/ui/pages/questionnaire.py").run()


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _shown(markdown: str) -> str:
    """What Markdown shows of an escaped text."""
    return markdown.replace("\\", "")


def test_a_choice_on_a_stale_screen_is_refused_and_shows_the_newer_answer(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    first, second = _open(new_session, rnd, 1), _open(new_session, rnd, 1)
    key = f"antwoord_{rnd.id}_1.1"

    first.radio(key=key).set_value(3).run()
    assert answer_store.of(store, rnd.id)["1.1"].value == 3
    # the second screen still shows the question open, and its griffier now chooses 1
    second.radio(key=key).set_value(1).run()

    assert not second.exception
    newer = in_sentence(question_bank().question("1.1"), Answer("1.1", 3))
    assert any("Iemand anders" in e and newer in _shown(e) for e in _errors(second))
    assert answer_store.of(store, rnd.id)["1.1"].value == 3  # nothing overwritten
    assert second.radio(key=key).value == 3  # the screen now shows what is stored
    # a choice made knowing the newer answer is saved
    second.radio(key=key).set_value(1).run()
    assert not _errors(second)
    assert answer_store.of(store, rnd.id)["1.1"].value == 1


def test_a_comment_on_a_stale_screen_is_not_lost(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    first, second = _open(new_session, rnd, 1), _open(new_session, rnd, 1)
    key = f"toelichting_{rnd.id}_1.1"

    first.text_area(key=key).input("Besproken in het presidium").run()
    second.text_area(key=key).input("Staat in de *raadsagenda*").run()

    error = " ".join(_errors(second))
    assert "Besproken in het presidium" in error
    assert "Staat in de \\*raadsagenda\\*" in error  # the typed text is quoted as text, not as Markdown
    assert answer_store.of(store, rnd.id)["1.1"].comment == "Besproken in het presidium"
    assert second.text_area(key=key).value == "Besproken in het presidium"


def test_another_griffiers_answer_shows_on_the_next_rerun(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = _open(new_session, rnd, 1)
    answer_store.save(store, rnd.id, "1.1", 4)
    at.run()
    assert at.radio(key=f"antwoord_{rnd.id}_1.1").value == 4


def test_an_answer_to_an_older_wording_is_marked_and_can_be_confirmed(new_session, db_path) -> None:
    changed = next(q for q in BANK.questions_for_role("griffie") if q.meaning_changed_since(q.version - 1))
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save_bulk(store, rnd.id, [Answer(changed.id, 2, version=changed.version - 1)])

    at = _open(new_session, rnd, changed.priority_id)
    warnings = [w.value for w in at.warning]
    assert any(
        "veranderd sinds u hem beantwoordde" in w and changed.history[-1].change in w for w in warnings
    )
    at.button(key=f"vragenlijst_klopt_{rnd.id}_{changed.id}").click().run()

    stored = answer_store.of(store, rnd.id)[changed.id]
    assert (stored.value, stored.version) == (2, changed.version)
    assert not any("veranderd sinds" in w.value for w in at.warning)

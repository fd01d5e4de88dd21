"""Pages that draw cached views: right figures, and fresh ones as soon as the data changes."""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import respondents, rounds
from scan.storage.core import Store

from .tables import markdown_tables


def _trend_store(db_path) -> tuple[Store, dict[int, int]]:
    store = Store(db_path)
    ids = {}
    for year, level in {2022: 1, 2024: 2, 2026: 4}.items():
        rnd = rounds.start(store, "GM0355", year)
        ids[year] = rnd.id
        for q in question_bank().questions_for(6, "griffie"):
            answer_store.save(store, rnd.id, q.id, level)
    return store, ids


def test_trend_page_shows_scores_per_round_and_what_changed(new_session, db_path) -> None:
    store, ids = _trend_store(db_path)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/trend.py").run()
    assert not at.exception
    table = markdown_tables(at)[0]
    row = table[table["Prioriteit"].str.startswith("6.")].iloc[0]
    # level 1 -> 25, level 2 -> 50, level 4 -> 100 on every question of priority 6
    assert (row["2022"], row["2024"], row["2026"], row["Verschil"]) == ("25", "50", "100", "+50")
    statement = question_bank().question("6.1").statement
    changed = markdown_tables(at)[1].set_index("Vraag").loc[statement]
    assert changed["2024"].startswith("Niveau 2: ") and changed["2026"].startswith("Niveau 4: ")
    assert changed["Verandering"] == "hoger"

    answer_store.save(store, ids[2026], "6.1", 0)  # someone lowers an answer in another session
    at.run()
    row = markdown_tables(at)[0].iloc[5]
    # 6.1 now level 0: (0 + 100 * 3) / 4 = 75; since 2024: +25
    assert (row["2026"], row["Verschil"]) == ("75", "+25")
    changed = markdown_tables(at)[1].set_index("Vraag").loc[statement]
    assert changed["2026"].startswith("Niveau 0: ") and changed["Verandering"] == "lager"


def test_results_follow_every_new_answer(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 4)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    assert markdown_tables(at)[0].iloc[0]["Score (0–100)"] == "100"
    answer_store.save(store, rnd.id, "1.2", 0)
    at.run()
    row = markdown_tables(at)[0].iloc[0]
    assert (row["Score (0–100)"], row["Beantwoord"].split()[0]) == ("50", "2")


def test_roles_page_counts_a_new_respondent_at_once(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/voices.py").run()
    assert not any("Inwoners" in c for c in markdown_tables(at)[0].columns)
    for _ in range(5):
        _, token = respondents.join(store, code)
        respondents.answer(store, code, token, question_bank().questions_for_role("inwoners")[0].id, 5)
        respondents.finish(store, code, token)
    at.run()
    assert "Inwoners (n = 5)" in markdown_tables(at)[0].columns


def test_moving_between_sections_keeps_the_cached_views(new_session, db_path, monkeypatch) -> None:
    from scan.views import self_scan as scan_views

    computed = []
    real = scan_views.self_scan
    monkeypatch.setattr(scan_views, "self_scan", lambda *a, **k: computed.append(1) or real(*a, **k))
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "1.1", 4)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    first = len(computed)
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    for _ in range(3):
        at.button(key="vragenlijst_volgende").click().run()
    at.button(key="vragenlijst_vorige").click().run()
    at.switch_page("scan/ui/pages/results.py").run()
    assert len(computed) == first  # nothing a view shows changed: nothing recomputed
    answer_store.save_comment(store, rnd.id, "1.1", "toelichting")  # a comment is shown: recomputed
    at.run()
    assert len(computed) == first + 1

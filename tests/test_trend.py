"""Trend over rounds: changes per question, and honesty about questions that changed in between."""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.storage.core import Store
from scan.views import peers as peer_views
from scan.views import self_scan as scan_views

BANK = question_bank()


def _old_version(store: Store, round_id: int, *question_ids: str) -> None:
    """Pretend these answers were given before the question's current version (as in a real 2024 round)."""
    with store.write() as db:
        respondent = rounds.self_respondent(db, round_id)
        for qid in question_ids:
            db.execute(
                "UPDATE answers SET question_version = 1 WHERE respondent_id = ? AND question_id = ?",
                [respondent, qid],
            )


def test_the_trend_says_when_a_question_changed_between_rounds(store: Store) -> None:
    before = rounds.start(store, "GM0355", 2024)
    for qid in ("8.3", "3.1", "1.1"):
        answer_store.save(store, before.id, qid, 2)
    _old_version(store, before.id, "8.3", "3.1")
    after = rounds.start(store, "GM0355", 2026)
    for qid in ("8.3", "3.1", "1.1"):
        answer_store.save(store, after.id, qid, 2)  # the same levels as in 2024
    found = scan_views.trend(store, scan_views.self_scan(store, rounds.by_id(store, after.id)))
    changes = {c.question_id: c for c in found.changes}
    assert set(changes) == {"8.3", "3.1"}  # 1.1: same answer, same wording: not listed
    assert changes["8.3"].meaning_changed and not changes["8.3"].answer_changed
    assert not changes["3.1"].meaning_changed  # only reworded
    # the Trend page and the report show the same rows (scan_views.change_rows)
    rows = {q: direction for q, _, _, direction in scan_views.change_rows(BANK, found.changes)}
    line_83, line_31 = rows[BANK.question("8.3").statement], rows[BANK.question("3.1").statement]
    assert line_83.startswith("gelijk; de vraag veranderde tussen de rondes")
    assert "Vergelijk met zorg" in line_83 and "Vergelijk met zorg" not in line_31


def test_peers_are_compared_only_on_answers_that_mean_the_same(store: Store) -> None:
    for n, code in enumerate(["GM0014", "GM0034", "GM0037", "GM0047", "GM0080", "GM0085"]):
        rnd = rounds.start(store, code, 2026)
        answer_store.save(store, rnd.id, "8.3", 1)
        answer_store.save(store, rnd.id, "3.1", 1)
        if n == 0:  # one peer answered before 8.3's levels were rewritten
            _old_version(store, rnd.id, "8.3", "3.1")
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)
    values = peer_views.peer_data(store, 2026).question_values
    per_question = values.groupby("question_id")["gm_code"].nunique().to_dict()
    assert per_question == {"8.3": 5, "3.1": 6}  # the old 8.3 answer means something else now; 3.1 does not

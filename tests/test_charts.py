"""Charts on the screens (scan/rules/charts.py): labels a B1 reader follows."""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.rules.charts import priority_bars
from scan.rules.scoring import Answer, score_scan


def test_a_bar_says_how_many_questions_it_rests_on_in_words() -> None:
    """A walk found "63 (4/4)" beside each bar: shorthand a B1 reader does not follow."""
    bank = question_bank()
    answers = {q.id: Answer(q.id, 3) for q in bank.questions_for(1, "griffie")}
    labels = list(priority_bars(bank, score_scan(bank, answers)).data[0].text)
    total = len(bank.questions_for(1, "griffie"))
    assert labels[0] == f"75 · {total} van {total} vragen"
    assert labels[1] == "nog geen score" and not any("/" in label for label in labels)

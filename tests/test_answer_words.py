"""One answer vocabulary (scan/rules/answer_words.py): one marker, one set of labels, three forms."""

from __future__ import annotations

import ast

import pytest

from scan.content.questionbank import question_bank
from scan.rules.answer_words import (
    DONT_KNOW,
    bar_label,
    choice_of,
    in_sentence,
    level_words,
    option_label,
    options,
)
from scan.rules.scoring import Answer

from .conftest import PROJECT

WORDINGS = {
    "weet_niet",
    "Weet niet",
    "Weet niet / n.v.t.",
    "Weet niet / niet van toepassing",
    "Niet beantwoord",
}
WORDINGS |= {"nog geen antwoord", "nog niet beantwoord"}


def _string_constants(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((PROJECT / "scan").rglob("*.py")) if p.name != "answer_words.py"],
    ids=lambda p: str(p.relative_to(PROJECT)),
)
def test_no_module_words_an_answer_itself(path) -> None:
    # the marker and the labels live in one module; a copy elsewhere drifts (it did: four markers, six wordings)
    own = [n.value for n in _string_constants(path) if n.value in WORDINGS]
    allowed = (
        {"weet_niet"} if path.name == "exports.py" else set()
    )  # a column name in the exports, not a label
    assert set(own) <= allowed, f"{path.name} words an answer itself: {own}"


def test_the_three_forms() -> None:
    q = question_bank().question("1.1")
    assert options(q)[-1] == DONT_KNOW and options(q)[:-1] == list(q.scale)
    assert option_label(q, 3) == f"3 · {q.scale[3]}"
    assert option_label(q, DONT_KNOW) == "Weet niet / niet van toepassing"
    assert bar_label(q, 3) == f"3 · {q.scale[3].split('.')[0]}"
    assert level_words(q, 3)[0] == f"Niveau 3: {q.scale[3].partition('.')[0].strip()}"
    assert level_words(q, None, dont_know=True) == ("Weet niet / n.v.t.", "")
    assert level_words(q, None) == ("Niet beantwoord", "")
    assert in_sentence(q, Answer("1.1", 3)) == option_label(q, 3)
    assert in_sentence(q, Answer("1.1", dont_know=True)) == "weet niet / n.v.t."
    assert in_sentence(q, None) == in_sentence(q, Answer("1.1")) == "nog niet beantwoord"


@pytest.mark.parametrize(
    "answer", [None, Answer("1.1"), Answer("1.1", 0), Answer("1.1", 4), Answer("1.1", dont_know=True)]
)
def test_a_choice_shows_the_stored_answer(answer) -> None:
    q = question_bank().question("1.1")
    choice = choice_of(answer)
    if answer is None or not answer.is_answered:
        assert choice is None
    else:
        assert choice in options(q) and (choice == DONT_KNOW) == answer.dont_know

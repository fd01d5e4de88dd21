"""One answer vocabulary: the "weet niet" marker, the labels, and an answer in words.

Every screen, document and export words an answer through here, in one of three forms:
- a choice: "3 · In uitvoering. Er is een plan …" (a radio option, the phone) or "Weet niet / niet van toepassing";
- short: "Niveau 3: In uitvoering" with the rest of the level's description apart (report, trend), or the
  first sentence only for a chart bar ("3 · In uitvoering");
- in a sentence: "3 · In uitvoering", "weet niet / n.v.t.", "nog niet beantwoord" (messages).
"""

from __future__ import annotations

from scan.content.models import Question
from scan.rules.scoring import Answer

DONT_KNOW = "weet_niet"  # the marker a radio option and a workshop answer carry for "weet niet"
DONT_KNOW_LABEL = "Weet niet / niet van toepassing"
DONT_KNOW_SHORT = "Weet niet / n.v.t."
NOT_ANSWERED = "Niet beantwoord"
NOT_YET = "nog niet beantwoord"  # inside a sentence
DONT_KNOW_COUNT = "Weet niet"  # the heading of a column that counts "weet niet" answers


def options(question: Question) -> list[int | str]:
    """The choices for a question: its scale, then "weet niet"."""
    return [*question.scale, DONT_KNOW]


def choice_of(answer: Answer | None) -> int | str | None:
    """The option an answer stands for (None: not answered)."""
    if answer is None or not answer.is_answered:
        return None
    return DONT_KNOW if answer.dont_know else answer.value


def option_label(question: Question, option: int | str) -> str:
    return DONT_KNOW_LABEL if option == DONT_KNOW else f"{option} · {question.scale[int(option)]}"


def bar_label(question: Question, option: int | str) -> str:
    """A chart bar: the level and its first sentence ("2 · Besloten")."""
    return (
        DONT_KNOW_SHORT if option == DONT_KNOW else f"{option} · {question.scale[int(option)].split('.')[0]}"
    )


def level_words(question: Question, value: int | None, dont_know: bool = False) -> tuple[str, str]:
    """(label, explanation): "Niveau 3: In uitvoering" with the rest of the level's description; a
    statement's agreement label; "Weet niet / n.v.t."; "Niet beantwoord"."""
    if dont_know:
        return DONT_KNOW_SHORT, ""
    if value is None:
        return NOT_ANSWERED, ""
    text = question.scale[value]
    if question.kind == "agreement":
        return text, ""
    short, _, rest = text.partition(".")
    return f"Niveau {value}: {short.strip()}", rest.strip()


def lower_first(text: str) -> str:
    """A sentence continued after a colon: "Het fonds werkt" -> "het fonds werkt"; "VNG" stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def level_name(question: Question, value: int) -> str:
    """A level's name inside a sentence: "in uitvoering", "niet aan de orde"."""
    return lower_first(question.scale[value].partition(".")[0].strip())


def in_sentence(question: Question, answer: Answer | None) -> str:
    """An answer inside a message: "3 · In uitvoering", "weet niet / n.v.t.", "nog niet beantwoord"."""
    if answer is not None and answer.dont_know:
        return DONT_KNOW_SHORT.lower()
    if answer is None or answer.value is None:
        return NOT_YET
    return option_label(question, answer.value)

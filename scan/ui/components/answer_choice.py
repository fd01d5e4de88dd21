"""The answer to one question as a choice: the same options and words on the questionnaire and the
respondent page (scan/rules/answer_words.py owns them)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from scan.content.models import Question
from scan.rules.answer_words import DONT_KNOW, choice_of, option_label, options
from scan.rules.scoring import Answer


def answer_radio(
    question: Question,
    *,
    label: str,
    key: str,
    on_change: Callable[..., None],
    args: tuple,
    disabled: bool,
    current: Answer | None = None,
    from_state: bool = False,
    collapsed: bool = False,
) -> None:
    """A radio over the question's scale and "weet niet". ``from_state``: the page put the stored answer in
    the session state under ``key`` itself; otherwise ``current`` is shown."""
    choices = options(question)
    start: dict[str, Any] = {}  # from_state: the session state holds the value; else the stored answer
    if not from_state:
        now = choice_of(current)
        start["index"] = None if now is None else choices.index(now)
    st.radio(
        label,
        choices,
        format_func=partial(option_label, question),
        key=key,
        on_change=on_change,
        args=args,
        disabled=disabled,
        label_visibility="collapsed" if collapsed else "visible",
        **start,
    )


def chosen(choice: int | str | None) -> tuple[int | None, bool]:
    """(value, dont_know) of what the radio holds. A forged value passes through unchanged: the save
    refuses it in Dutch (scan/rules/scoring.py check_answer)."""
    if choice == DONT_KNOW:
        return None, True
    return choice, False  # type: ignore[return-value]  # validated by the save, not here

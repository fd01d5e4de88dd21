"""Process-wide resources for the UI, created once and shared by all sessions."""

from __future__ import annotations

import streamlit as st

from scan.questionbank import QuestionBank, question_bank
from scan.reference import Reference, reference
from scan.settings import database_path
from scan.storage import Store


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def get_store() -> Store:
    return _store(str(database_path()))


def get_bank() -> QuestionBank:
    return question_bank()


def get_reference() -> Reference:
    return reference()

"""Process-wide resources for the UI, created once and shared by all sessions."""

from __future__ import annotations

import functools

from scan.base.settings import database_path
from scan.content.questionbank import QuestionBank, question_bank
from scan.content.reference import Reference, reference
from scan.storage.core import Store


@functools.lru_cache(maxsize=8)
def _store(path: str) -> Store:
    # Process-wide like st.cache_resource, but a plain dict lookup: pages call this many times a run.
    return Store(path)


def get_store() -> Store:
    return _store(str(database_path()))


def get_bank() -> QuestionBank:
    return question_bank()


def get_reference() -> Reference:
    return reference()

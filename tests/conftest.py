from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scan.questionbank import QUESTIONS_DIR, QuestionBank, question_bank
from scan.storage import Store

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    return question_bank()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh database file per test."""
    return Store(tmp_path / "scan.sqlite")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the question bank, for tests that break it on purpose."""
    target = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, target)
    return target

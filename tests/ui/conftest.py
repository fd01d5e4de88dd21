from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ..conftest import PROJECT


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own database file; the app finds it through DEMOCRATIESCAN_DB."""
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("DEMOCRATIESCAN_DB", str(path))
    return path


@pytest.fixture
def new_session(db_path: Path):
    """Start a fresh browser session (a new AppTest) on the same database."""

    def start(**query: str) -> AppTest:
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return start

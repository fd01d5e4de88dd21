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


# The fields of MemoryMediaFileStorage.load_and_get_id that the downloads fixture reads.
DOWNLOAD_PARAMETERS = ["self", "path_or_data", "mimetype", "kind", "filename"]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes behind every download button a page draws, by file name: what the user gets when
    clicking it (captured where Streamlit stores a download's data).

    A workaround: Streamlit 1.67's AppTest shows a download button's label and URL but not its data
    (the media store it writes to is made per run and dropped after it), so this wraps the private
    ``MemoryMediaFileStorage.load_and_get_id``. tests/ui/test_downloads_capture.py fails loudly when an
    upgrade changes it; then look for a supported way in AppTest (streamlit.testing.v1)."""
    import inspect

    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    real = MemoryMediaFileStorage.load_and_get_id
    found = list(inspect.signature(real).parameters)
    if found != DOWNLOAD_PARAMETERS:
        pytest.fail(
            "Workaround tests/ui/conftest.py (downloads): Streamlit's private MemoryMediaFileStorage."
            f"load_and_get_id changed its parameters to {found}, expected {DOWNLOAD_PARAMETERS}."
        )
    captured: dict[str, bytes] = {}

    def capture(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes | str):
            data = path_or_data.encode() if isinstance(path_or_data, str) else path_or_data
            captured[filename] = data
        return real(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    return captured

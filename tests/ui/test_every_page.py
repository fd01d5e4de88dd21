"""Every page draws on the demo database without an error, and says the data is fictitious."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scan.demo import fill_demo
from scan.storage import Store

from ..conftest import PROJECT

PAGES = sorted(p.stem for p in (PROJECT / "scan/ui/pages").glob("*.py") if p.stem not in ("__init__", "respond"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    fill_demo(Store(path))
    return path


@pytest.mark.parametrize("page", PAGES)
def test_page_draws_the_demo_scan(page: str, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMOCRATIESCAN_DB", str(demo_db))
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    at.query_params["gemeente"] = "GM0355"
    at.query_params["jaar"] = "2026"
    at.run()
    at.switch_page(f"scan/ui/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page != "start":
        assert at.title[0].value.endswith("Zeist 2026")
    texts = " ".join(str(e.proto) for e in at.main)
    assert "ictie" in texts  # "Fictieve voorbeelddata" / "fictief" on every page with demo data

"""Every page draws on the demo database without an error, and says the data is fictitious."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ..conftest import PROJECT, clone_db

SINGLE_PAGE_MODES = ("__init__", "respond", "workshop_join")  # tested with their codes elsewhere
WORKSHOP_SCOPED = ("facilitate", "projector")  # need ?workshop=ID, tested in test_workshop_pages
PAGES = sorted(p.stem for p in (PROJECT / "scan/ui/pages").glob("*.py") if p.stem not in SINGLE_PAGE_MODES)


@pytest.fixture(scope="module")
def demo_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # one copy for the module: a page publishes the peer figures it shows (the releases table), and
    # the template is shared by every test worker
    return clone_db(demo_template, tmp_path_factory.mktemp("pages") / "demo.sqlite")


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
    if page in WORKSHOP_SCOPED:
        assert at.info[0].value.startswith("Open deze pagina vanuit Workshops")
        return
    if page == "privacy":
        assert any("Geen naam, geen e-mailadres" in m.value for m in at.markdown)
        return
    if page == "accessibility":
        assert at.title[0].value.startswith("Toegankelijkheidsverklaring")
        return
    if page == "glossary":
        assert at.title[0].value == "Begrippen" and any(
            "**Doorzettingsmacht**" in m.value for m in at.markdown
        )
        return
    if page == "presentation":  # its screens are one piece of HTML, switched in the browser
        assert any(
            "Democratiescan Zeist 2026" in re.sub(r"<[^>]+>", "", h.proto.body) for h in at.get("html")
        )
        return
    if page != "start":
        assert "Zeist 2026" in at.title[0].value
    # every page with demo data says so, in words a reader sees ("Fictieve voorbeelddata", "fictief")
    texts = " ".join(str(e.proto) for e in at.main).lower()
    assert "fictieve voorbeelddata" in texts or "fictief" in texts

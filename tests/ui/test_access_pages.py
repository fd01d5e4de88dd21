"""AppTest: a locked installation shows a municipality's scans only after its griffie logs in."""

from __future__ import annotations

import ast

import pytest

from scan.content.reference import reference
from scan.records import access
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules.throttle import THROTTLE
from scan.storage.core import Store

from ..conftest import PROJECT

OPEN_PAGES = {"start", "glossary", "privacy", "accessibility"}  # for everyone, no round data
WORKSHOP_SCOPED = {"facilitate", "projector"}  # behind a workshop's own access: test_workshop_pages


def _app_pages() -> list[str]:
    """The page files in app.py's PAGES, read from its source: a page added later is walked too."""
    tree = ast.parse((PROJECT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PAGES" for t in node.targets):
            return [row[0] for row in ast.literal_eval(node.value)]
    raise AssertionError("app.py has no PAGES list")


ROUND_PAGES = [p for p in _app_pages() if p not in OPEN_PAGES | WORKSHOP_SCOPED]


def test_the_walked_pages_include_every_griffier_page() -> None:
    assert {"questionnaire", "agenda", "akkoord", "workshops"} <= set(ROUND_PAGES)


@pytest.fixture
def locked(db_path):
    store = Store(db_path)
    for code in ("GM0355", "GM0080"):
        rnd = rounds.start(store, code, 2026)
        answer_store.save(store, rnd.id, "1.1", 3)
        answer_store.save_comment(store, rnd.id, "1.1", f"geheim antwoord van {code}")
    access.set_password(store, "GM0355", "wachtwoord-zeist")
    access.set_password(store, "GM0080", "wachtwoord-leeuwarden")
    access.set_password(store, "beheerder", "wachtwoord-beheer")
    THROTTLE._records.clear()  # tests share the process-wide throttle
    return store


def _text(at) -> str:
    return " ".join(str(e.proto) for e in at.main)


def _login(at, password: str) -> None:
    field = next(t for t in at.text_input if t.key and t.key.startswith("toegang_wachtwoord_"))
    field.input(password)
    next(b for b in at.button if "FormSubmitter" in str(b.proto.id) or b.label == "Inloggen").click().run()


@pytest.mark.parametrize("page", ROUND_PAGES)
def test_round_pages_need_the_municipality_password(new_session, locked, page) -> None:
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page(f"scan/ui/pages/{page}.py").run()
    assert not at.exception
    assert "beveiligd" in at.info[0].value and "Leeuwarden" in at.info[0].value
    assert "geheim antwoord" not in _text(at)
    assert not at.metric and not at.radio and not at.dataframe


def test_login_for_one_municipality_does_not_open_another(new_session, locked) -> None:
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    _login(at, "wachtwoord-leeuwarden")  # Leeuwarden's password does not open Zeist
    assert "klopt niet" in at.error[0].value
    _login(at, "wachtwoord-zeist")
    assert at.title[0].value == "Vragenlijst: Zeist 2026"
    assert "geheim antwoord van GM0355" in _text(at)
    # a crafted URL with the other municipality's ids, in the same logged-in session
    at.query_params["gemeente"] = "GM0080"
    at.session_state["ctx_gemeente"] = "GM0080"
    at.run()
    assert "geheim antwoord van GM0080" not in _text(at)
    assert "Leeuwarden" in at.info[0].value


def test_beheerder_password_opens_every_municipality(new_session, locked) -> None:
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    _login(at, "wachtwoord-beheer")
    assert at.title[0].value == "Vragenlijst: Leeuwarden 2026"


def test_repeated_wrong_passwords_are_slowed_down(new_session, locked) -> None:
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/results.py").run()
    for _ in range(3):
        _login(at, "fout-fout-fout")
        assert "klopt niet" in at.error[0].value
    _login(at, "wachtwoord-zeist")  # even the right password waits now
    assert "Te veel verkeerde pogingen" in at.error[0].value
    assert not at.metric


def test_start_page_hides_other_municipalities_rounds(new_session, locked) -> None:
    at = new_session()
    assert not [b for b in at.button if b.key == "start_verder"]
    at.selectbox(key="start_gemeente").set_value("GM0355").run()
    assert "beveiligd" in at.info[-1].value
    assert not [b for b in at.button if b.key and b.key.startswith("start_open_")]


def test_the_beheerder_password_cannot_be_guessed_through_many_forms(new_session, locked) -> None:
    # every guess from a new session on another municipality's form (each form also checks the
    # beheerder password): 30 wrong guesses in all, then even the right password waits
    store = locked
    forms = [code for code in sorted(reference().municipalities) if code not in ("GM0355", "GM0080")][:31]
    for code in forms:
        rounds.start(store, code, 2026)
    for n, code in enumerate(forms):
        at = new_session(gemeente=code, jaar="2026")
        at.switch_page("scan/ui/pages/questionnaire.py").run()
        if n < 30:
            _login(at, f"gok-{n}")
            assert "klopt niet" in at.error[0].value, n
        else:
            _login(at, "wachtwoord-beheer")
            assert at.error, "the 31st guess was checked (and, being right, let in)"
            assert "Te veel verkeerde pogingen. Probeer het over 2 seconden opnieuw." in at.error[0].value
            assert not at.title or "Vragenlijst" not in at.title[0].value

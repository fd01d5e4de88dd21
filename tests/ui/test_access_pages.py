"""AppTest: a locked installation shows a municipality's scans only after its griffie logs in."""

from __future__ import annotations

import ast

import pytest

from scan.content.reference import reference
from scan.records import access
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules import throttle
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


def test_the_beheerder_password_cannot_be_guessed_through_many_forms(
    new_session, locked, monkeypatch
) -> None:
    # every guess from a new session on another municipality's form (each form also checks the
    # beheerder password): the account's budget of wrong guesses in all, then even the right password
    # waits. The budget is 30 (tests/test_access.py); here 6 (factor 2 instead of 10), which keeps the
    # rule and takes 7 sessions instead of 31. All sessions share one address here, so the address's
    # budget is set far higher: only the account's budget may stop the last guess.
    store = locked
    monkeypatch.setattr(throttle, "ACCOUNT_FACTOR", 2)
    monkeypatch.setattr(throttle, "ADDRESS_FACTOR", 100)
    budget = 2 * throttle.FREE_ATTEMPTS
    # the throttle's clock stands still: on a loaded machine the sessions may take longer than the 2 s wait
    monkeypatch.setattr(THROTTLE, "_clock", lambda: 1_000.0)
    forms = [code for code in sorted(reference().municipalities) if code not in ("GM0355", "GM0080")]
    forms = forms[: budget + 1]
    for code in forms:
        rounds.start(store, code, 2026)
    for n, code in enumerate(forms):
        at = new_session(gemeente=code, jaar="2026")
        at.switch_page("scan/ui/pages/questionnaire.py").run()
        if n < budget:
            _login(at, f"gok-{n}")
            assert "klopt niet" in at.error[0].value, n
        else:
            _login(at, "wachtwoord-beheer")
            assert at.error, "the 31st guess was checked (and, being right, let in)"
            assert "Te veel verkeerde pogingen. Probeer het over 2 seconden opnieuw." in at.error[0].value
            assert not at.title or "Vragenlijst" not in at.title[0].value


# --- organisation accounts on a shared installation: each municipality its own provider ----------

PROVIDER = {"client_id": "democratiescan", "client_secret": "s", "server_metadata_url": "https://idp/x"}
SECRETS = {
    "auth": {"redirect_uri": "http://localhost/oauth2callback", "cookie_secret": "c", "zeist": PROVIDER},
    "democratiescan": {"login": {"GM0355": "zeist"}},
}
SECRETS["auth"]["leeuwarden"] = PROVIDER
SECRETS["democratiescan"]["login"]["GM0080"] = "leeuwarden"


def _signed_on(provider: str | None, secrets: dict = SECRETS, code: str = "GM0355"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    at.secrets.update(secrets)
    at.user = {"is_logged_in": provider is not None, "email": "griffie@zeist.nl", "provider": provider or ""}
    at.query_params["gemeente"] = code
    at.query_params["jaar"] = "2026"
    at.run().switch_page("scan/ui/pages/questionnaire.py").run()
    assert not at.exception
    return at


def _sign_on_buttons(at) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("toegang_sso_")]


def test_a_municipalitys_form_offers_its_own_provider(locked) -> None:
    at = _signed_on(None)
    assert _sign_on_buttons(at) == ["Inloggen met uw organisatie-account"]
    assert "Log in met uw organisatie-account of met het wachtwoord" in at.info[0].value
    no_table = {"auth": SECRETS["auth"]}  # two providers, no table: nobody is offered one
    assert _sign_on_buttons(_signed_on(None, no_table)) == []
    rounds.start(locked, "GM0344", 2026)
    other = _signed_on(None, code="GM0344")  # Utrecht is not in the table: password only
    assert _sign_on_buttons(other) == [] and "Log in met het wachtwoord" in other.info[0].value


def test_a_grant_opens_only_through_the_municipalitys_own_provider(locked) -> None:
    at = _signed_on("zeist")
    assert "nog geen toegang" in at.warning[0].value  # first login: no rights
    access.grant_oidc(locked, "griffie@zeist.nl", "GM0355")
    assert _signed_on("zeist").title[0].value == "Vragenlijst: Zeist 2026"
    # Leeuwarden's tenant vouching for the same address does not open Zeist
    at = _signed_on("leeuwarden")
    assert not at.title and "beveiligd" in at.info[0].value and "nog geen toegang" in at.warning[0].value
    assert "geheim antwoord van GM0355" not in _text(at)


def test_a_wrong_login_table_says_so_in_dutch_and_leaves_the_password(locked) -> None:
    wrong = {"auth": SECRETS["auth"], "democratiescan": {"login": {"GM0355": "zeist_oud"}}}
    at = _signed_on("zeist", wrong)
    assert at.error[0].value == (
        "Inloggen met een organisatie-account is niet goed ingesteld. Meld dit aan de beheerder."
    )
    assert _sign_on_buttons(at) == []
    _login(at, "wachtwoord-zeist")
    assert at.title[0].value == "Vragenlijst: Zeist 2026"

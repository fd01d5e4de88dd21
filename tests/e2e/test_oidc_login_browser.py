"""Login with an organisation account on a shared installation: two municipalities, each with its own
OpenID Connect provider (two tenants), against real providers started here (oidc-provider-mock, one
process per tenant, so each has its own issuer and signing keys) and the real server in Chromium.

The first login gives no rights; after ``python -m scan grant-oidc`` the account opens its own
municipality only; and the other municipality's provider, vouching for the same e-mail address,
opens nothing of the first.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scan.records import access
from scan.records.round import rounds
from scan.storage.core import Store

from ..conftest import PROJECT
from .conftest import _free_port, start_server
from .streamlit_english import english

pytestmark = pytest.mark.e2e

EMAIL = "griffie@zeist.nl"
ZEIST, UTRECHT = "GM0355", "GM0344"
# the address is shown as text: a word joiner after the @ keeps Markdown from making it a link
SIGNED_ON = re.compile(
    r"U bent ingelogd als griffie@\u2060?zeist\.nl, maar dit account heeft nog geen toegang"
)


def _start_provider(port: int) -> subprocess.Popen:
    """One tenant: an OpenID Connect provider on its own port (its issuer is http://localhost:PORT)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), "--user", EMAIL],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(_metadata(port), timeout=2) as resp:
                if json.load(resp)["issuer"] == f"http://localhost:{port}":
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oidc-provider-mock did not start within 30 s")


def _metadata(port: int) -> str:
    return f"http://localhost:{port}/.well-known/openid-configuration"


SECRETS = """
[auth]
redirect_uri = "http://127.0.0.1:{app}/oauth2callback"
cookie_secret = "{cookie}"

[auth.zeist]
client_id = "democratiescan"
client_secret = "{zeist_secret}"
server_metadata_url = "{zeist}"

[auth.utrecht]
client_id = "democratiescan"
client_secret = "{utrecht_secret}"
server_metadata_url = "{utrecht}"

[democratiescan.login]
GM0355 = "zeist"
GM0344 = "utrecht"
"""


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, int]]]:
    """The app with two tenants' providers; a locked database with a round in each municipality."""
    db = tmp_path / "oidc.sqlite"
    store = Store(db)
    for code in (ZEIST, UTRECHT):
        rounds.start(store, code, 2026)
    access.set_password(store, access.ADMIN, "wachtwoord-beheer")  # locked: a login is needed
    ports = {"zeist": _free_port(), "utrecht": _free_port()}
    providers = [_start_provider(port) for port in ports.values()]
    app_port = _free_port()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(
        SECRETS.format(
            app=app_port,
            cookie=secrets.token_urlsafe(32),
            zeist_secret=secrets.token_urlsafe(16),
            utrecht_secret=secrets.token_urlsafe(16),
            zeist=_metadata(ports["zeist"]),
            utrecht=_metadata(ports["utrecht"]),
        ),
        encoding="utf-8",
    )
    server = start_server(db, port=app_port, env={"STREAMLIT_SECRETS_FILES": str(secrets_file)})
    try:
        yield server.url, db, ports
    finally:
        for process in [server.process, *providers]:
            process.terminate()
        for process in [server.process, *providers]:
            process.wait(timeout=20)


def _questionnaire(page: Page, url: str, code: str) -> None:
    page.goto(f"{url}/vragenlijst?gemeente={code}&jaar=2026")
    page.get_by_text("zijn beveiligd").or_(
        page.get_by_role("heading", name=re.compile("^Vragenlijst"))
    ).wait_for()


def _sign_on(page: Page, provider_port: int, sub: str) -> None:
    """Click the municipality's button; on its provider's page, sign in as ``sub``."""
    page.get_by_role("button", name="Inloggen met uw organisatie-account").click()
    page.wait_for_url(f"http://localhost:{provider_port}/oauth2/authorize*")
    predefined = page.get_by_role("button", name=sub, exact=True)
    if predefined.count():
        predefined.click()
    else:  # this tenant has no such user yet: it issues the address it is given
        page.locator("input[name=sub]").fill(sub)
        page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"))  # back at the app's start page
    page.get_by_role("heading", name="Kies een gemeente").wait_for()


def _is_open(page: Page, name: str) -> bool:
    heading = page.get_by_role("heading", name=f"Vragenlijst: {name} 2026")
    return heading.count() > 0 and not page.get_by_text("zijn beveiligd").count()


def _grant(db: Path, scope: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scan",
            "grant-oidc",
            "--db",
            str(db),
            "--email",
            EMAIL,
            "--municipality",
            scope,
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_each_municipality_signs_on_through_its_own_provider(installation, browser, tmp_path: Path) -> None:
    url, db, ports = installation
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)

    # Zeist's form offers Zeist's provider; the first login gives no rights
    _questionnaire(page, url, ZEIST)
    expect(page.get_by_text("Log in met uw organisatie-account of met het wachtwoord")).to_be_visible()
    assert english(page) == []
    page.screenshot(path=str(tmp_path / "login-form.png"))
    _sign_on(page, ports["zeist"], EMAIL)
    _questionnaire(page, url, ZEIST)
    assert not _is_open(page, "Zeist")
    expect(page.get_by_text(SIGNED_ON)).to_be_visible()
    assert english(page) == []
    page.screenshot(path=str(tmp_path / "no-rights-yet.png"))

    # the beheerder grants the address Zeist: Zeist opens, Utrecht does not
    _grant(db, ZEIST)
    _questionnaire(page, url, ZEIST)
    assert _is_open(page, "Zeist")
    _questionnaire(page, url, UTRECHT)
    assert not _is_open(page, "Utrecht")
    page.goto(url + "/")  # the start page chooses the account's municipality again after a login
    expect(page.get_by_text("Vergelijkingsgroepen van Zeist")).to_be_visible()
    expect(page.get_by_role("heading", name="Scanrondes")).to_be_visible()
    expect(page.get_by_text("zijn beveiligd")).to_have_count(0)
    context.close()

    # another tenant vouching for the same address, through Utrecht's button: Zeist stays shut
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    _questionnaire(page, url, UTRECHT)
    _sign_on(page, ports["utrecht"], EMAIL)
    for code, name in ((ZEIST, "Zeist"), (UTRECHT, "Utrecht")):
        _questionnaire(page, url, code)
        assert not _is_open(page, name)
        expect(page.get_by_text(SIGNED_ON)).to_be_visible()
    context.close()

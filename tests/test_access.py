"""Passwords and throttling: hashed, verified, and slowed down after repeated mistakes."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter

import pytest

from scan.base.errors import ScanError
from scan.content.reference import reference
from scan.records import access
from scan.rules.throttle import ACCOUNT_BUDGET, Throttle, TooManyAttempts
from scan.storage.core import Store


def test_passwords_are_stored_only_as_salted_hashes(store: Store) -> None:
    access.set_password(store, "GM0355", "een-lang-wachtwoord")
    access.set_password(store, "GM0080", "een-lang-wachtwoord")
    hashes = [row[0] for row in store.db.execute("SELECT password_hash FROM credentials").fetchall()]
    assert all("een-lang-wachtwoord" not in h and h.startswith("scrypt$") for h in hashes)
    assert hashes[0] != hashes[1]  # different salts


def test_verify_and_lock(store: Store) -> None:
    assert not access.is_locked(store)
    access.set_password(store, "GM0355", "een-lang-wachtwoord")
    assert access.is_locked(store)
    assert access.verify(store, "GM0355", "een-lang-wachtwoord")
    assert not access.verify(store, "GM0355", "een-lang-wachtwoorD")
    assert not access.verify(store, "GM0080", "een-lang-wachtwoord")  # another municipality has no password


@pytest.mark.parametrize(
    ("scope", "password", "message"),
    [("GM0355", "kort", "minstens 10"), ("GM9999", "een-lang-wachtwoord", "Onbekende")],
)
def test_bad_passwords_are_refused(store: Store, scope: str, password: str, message: str) -> None:
    with pytest.raises(ScanError, match=message):
        access.set_password(store, scope, password)
    assert not access.is_locked(store)


def test_single_sign_on_grants(store: Store) -> None:
    assert access.oidc_scopes(store, "griffie@zeist.nl") == set()
    access.grant_oidc(store, "Griffie@Zeist.nl ", "GM0355")
    assert access.is_locked(store)
    assert access.oidc_scopes(store, "griffie@zeist.nl") == {"GM0355"}
    assert access.oidc_scopes(store, "iemand@leeuwarden.nl") == set()
    assert access.oidc_scopes(store, None) == set()
    with pytest.raises(ScanError, match="geen e-mailadres"):
        access.grant_oidc(store, "geen-adres", "GM0355")


# --- several sign-on providers: one per municipality's tenant ------------------------------------

PROVIDER = {"client_id": "democratiescan", "client_secret": "s", "server_metadata_url": "https://idp/x"}
TWO_TENANTS = {
    "redirect_uri": "https://scan/oauth2callback",
    "cookie_secret": "c",
    "zeist": PROVIDER,
    "utrecht": PROVIDER,
}


def test_each_municipality_signs_on_through_the_provider_the_table_names() -> None:
    setup = access.sign_on(TWO_TENANTS, {"GM0355": "zeist", "GM0344": "utrecht", "beheerder": "utrecht"})
    assert setup.providers == {"zeist", "utrecht"}
    assert setup.provider_for("GM0355") == "zeist"
    assert setup.provider_for("beheerder") == "utrecht"
    assert setup.provider_for("GM0080") is None  # not in the table: password only
    # several providers and no table: nobody signs on (no guessing which tenant speaks for whom)
    assert access.sign_on(TWO_TENANTS).provider_for("GM0355") is None


def test_one_provider_serves_every_municipality() -> None:
    default = access.sign_on({"redirect_uri": "r", "cookie_secret": "c", **PROVIDER})  # [auth] itself
    assert default.providers == {access.DEFAULT_PROVIDER}
    assert default.provider_for("GM0080") == default.provider_for("beheerder") == access.DEFAULT_PROVIDER
    named = access.sign_on({"redirect_uri": "r", "cookie_secret": "c", "regio": PROVIDER})
    assert named.provider_for("GM0355") == "regio"
    assert access.sign_on(None).providers == frozenset() and access.sign_on({}).provider_for("GM0355") is None


@pytest.mark.parametrize(
    ("login", "message"),
    [
        ({"GM9999": "zeist"}, "geen gemeentecode"),
        ({"Zeist": "zeist"}, "geen gemeentecode"),
        ({"GM0355": "amersfoort"}, r"geen blok \[auth.amersfoort\]"),
        ({"GM0355": ["zeist"]}, "geen blok"),
    ],
)
def test_a_wrong_login_table_is_refused_in_dutch(login: dict, message: str) -> None:
    with pytest.raises(ScanError, match=message):
        access.sign_on(TWO_TENANTS, login)


def test_a_grant_counts_only_through_its_municipalitys_provider(store: Store) -> None:
    setup = access.sign_on(TWO_TENANTS, {"GM0355": "zeist", "GM0344": "utrecht", "beheerder": "zeist"})
    access.grant_oidc(store, "griffie@zeist.nl", "GM0355")
    access.grant_oidc(store, "griffie@zeist.nl", "GM0344")
    access.grant_oidc(store, "beheer@zeist.nl", "beheerder")
    assert access.signed_on_scopes(store, "griffie@zeist.nl", "zeist", setup) == {"GM0355"}
    assert access.signed_on_scopes(store, "griffie@zeist.nl", "utrecht", setup) == {"GM0344"}
    # Utrecht's tenant issuing Zeist's beheerder address opens nothing
    assert access.signed_on_scopes(store, "beheer@zeist.nl", "utrecht", setup) == set()
    assert access.signed_on_scopes(store, "beheer@zeist.nl", "zeist", setup) == {"beheerder"}
    assert access.signed_on_scopes(store, "griffie@zeist.nl", None, setup) == set()
    access.grant_oidc(store, "iemand@leeuwarden.nl", "GM0080")  # Leeuwarden has no provider here
    assert access.signed_on_scopes(store, "iemand@leeuwarden.nl", "zeist", setup) == set()


# --- the login limit: per account, whichever form or session the attempt comes from -------------

RIGHT = {"beheerder": "wachtwoord-beheer", "GM0355": "wachtwoord-zeist", "GM0080": "wachtwoord-leeuwarden"}


@pytest.fixture
def guessed(store: Store, monkeypatch: pytest.MonkeyPatch):
    """Passwords, a throttle with a stopped clock, and a count of the checks per account (the real
    check costs 40 ms of scrypt; what is counted here is how often a guess is checked at all)."""
    for scope, password in RIGHT.items():
        access.set_password(store, scope, password)
    checked: Counter = Counter()

    def counting(store: Store, scope: str, password: str) -> bool:
        checked[scope] += 1
        return password == RIGHT.get(scope)  # the others have no password

    monkeypatch.setattr(access, "verify", counting)
    return store, Throttle(clock=lambda: 1000.0), checked


def _forms() -> list[str]:
    return sorted(reference().municipalities)


def test_the_beheerder_password_is_checked_at_most_30_times_across_forms_sessions_and_addresses(
    guessed,
) -> None:
    store, throttle, checked = guessed
    forms = _forms()
    refusals: Counter = Counter()
    for n in range(500):  # every guess from a new session, a new address and the next form
        try:
            access.login(
                store,
                forms[n % len(forms)],
                f"gok-{n}",
                f"sessie-{n}",
                f"10.{n // 250}.{n % 250}.1",
                throttle,
            )
        except TooManyAttempts:
            refusals["wachten"] += 1
        except ScanError as exc:
            assert "klopt niet" in str(exc)
            refusals["klopt niet"] += 1
    assert checked[access.ADMIN] == ACCOUNT_BUDGET == 30
    # the 31st guess waits, even when it is right, and the message says how long
    with pytest.raises(
        TooManyAttempts, match=r"Te veel verkeerde pogingen\. Probeer het over 2 seconden opnieuw\."
    ):
        access.login(store, "GM0503", RIGHT["beheerder"], "nieuwe-sessie", "192.0.2.1", throttle)
    assert checked[access.ADMIN] == 30
    # a griffie whose own account was not guessed still logs in on its own form: the beheerder's
    # lock does not lock out 342 griffies (their form checks only their own password meanwhile)
    assert access.login(store, "GM0080", RIGHT["GM0080"], "griffie", "198.51.100.80", throttle) == "GM0080"


def test_one_client_gets_three_tries_in_all_forms_together(guessed) -> None:
    store, throttle, checked = guessed
    for form in ("GM0355", "GM0080", "GM0363"):
        with pytest.raises(ScanError, match="klopt niet"):
            access.login(store, form, "fout-fout-fout", "een-sessie", "203.0.113.5", throttle)
    with pytest.raises(TooManyAttempts):  # a fourth form does not start again at zero
        access.login(store, "GM0344", RIGHT["beheerder"], "een-sessie", "203.0.113.5", throttle)
    assert checked[access.ADMIN] == 3


def test_a_right_password_counts_as_no_mistake(guessed) -> None:
    store, throttle, checked = guessed
    for n in range(40):  # the griffie logs in forty times: neither its account nor the beheerder's fills up
        assert access.login(store, "GM0355", RIGHT["GM0355"], f"s{n}", f"10.0.0.{n}", throttle) == "GM0355"
    assert access.login(store, "GM0355", RIGHT["beheerder"], "s", "10.0.1.1", throttle) == access.ADMIN
    assert checked["GM0355"] == 41 and checked[access.ADMIN] == 1


def test_guesses_at_the_same_moment_share_the_budget(guessed, monkeypatch: pytest.MonkeyPatch) -> None:
    # sessions run in their own threads and scrypt lets others run meanwhile: the budget is taken
    # before the check, so 16 threads guessing at once still get 30 checks of the beheerder password
    store, throttle, checked = guessed
    slow = access.verify

    def slower(store: Store, scope: str, password: str) -> bool:
        time.sleep(0.002)
        return slow(store, scope, password)

    monkeypatch.setattr(access, "verify", slower)

    def guess(thread: int) -> None:
        for n in range(20):
            with contextlib.suppress(ScanError):
                access.login(store, "GM0355", "fout", f"t{thread}-{n}", f"10.{thread}.{n}.1", throttle)

    threads = [threading.Thread(target=guess, args=(t,)) for t in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert checked[access.ADMIN] <= 30 and checked["GM0355"] <= 30

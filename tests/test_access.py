"""Passwords and throttling: hashed, verified, and slowed down after repeated mistakes."""

from __future__ import annotations

import pytest

from scan import access
from scan.errors import ScanError
from scan.storage import Store


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

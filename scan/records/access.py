"""Who may see what: the beheerder and per-municipality griffier passwords, and organisation accounts.

Passwords are stored as salted scrypt hashes and compared in constant time; they are never
logged. An installation without any password is "open" (a demo or a first start): the UI says
so on every page until the beheerder sets passwords with ``python -m scan set-password``.

Organisation accounts sign in through an OpenID Connect provider (``st.login``). A shared
installation has one provider per municipality's tenant; ``SignOn`` says which provider speaks
for which municipality, and a grant (``grant_oidc``) counts only when the account signed in
through that provider: another tenant cannot open a municipality by issuing the same address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from scan.base.errors import ScanError
from scan.content.reference import reference
from scan.rules.throttle import THROTTLE, Throttle
from scan.storage.core import Store

ADMIN = "beheerder"
MIN_LENGTH = 10
_N, _R, _P = 2**14, 8, 1


def _scope_ok(scope: str) -> None:
    if scope != ADMIN and scope not in reference().municipalities:
        raise ScanError(f"Onbekende gemeente of rol '{scope}'.")


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _matches(password: str, stored: str) -> bool:
    try:
        _, salt_hex, digest_hex = stored.split("$")
        candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt_hex), n=_N, r=_R, p=_P)
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest_hex)


def set_password(store: Store, scope: str, password: str) -> None:
    _scope_ok(scope)
    if len(password) < MIN_LENGTH:
        raise ScanError(f"Een wachtwoord heeft minstens {MIN_LENGTH} tekens.")
    with store.write() as db:
        db.table("credentials").upsert(
            {
                "scope": scope,
                "password_hash": hash_password(password),
                "updated_at": datetime.now(UTC).isoformat(),
            },
            pk="scope",
        )


def verify(store: Store, scope: str, password: str) -> bool:
    row = store.db.execute("SELECT password_hash FROM credentials WHERE scope = ?", [scope]).fetchone()
    if row is None:
        _matches(password or "", hash_password("x"))  # same work either way: no timing hint that none exists
        return False
    return _matches(password or "", row[0])


def login(
    store: Store, gm_code: str, password: str, session: str, address: str, throttle: Throttle = THROTTLE
) -> str:
    """The account a password opens on a municipality's login form: its griffie, or the beheerder
    (whose password opens every form). Raises ScanError ("klopt niet") or TooManyAttempts.

    Wrong attempts count per account, wherever they come from (every form checks the beheerder's
    password: 30 wrong guesses in all, not 30 per form), and per client: this browser session and
    its address, all forms together."""
    return throttle.guard_accounts(
        "wachtwoord",
        session,
        address,
        [gm_code, ADMIN],
        lambda scope: verify(store, scope, password),
        "Dit wachtwoord klopt niet.",
    )


# --- single sign-on (OIDC via st.login), where the installation has configured it ---------------


def _email(email: str) -> str:
    cleaned = (email or "").strip().lower()
    if "@" not in cleaned or len(cleaned) > 254:
        raise ScanError(f"'{email}' is geen e-mailadres.")
    return cleaned


def grant_oidc(store: Store, email: str, scope: str) -> None:
    """Let the organisation account with this e-mail address open a municipality (or everything)."""
    _scope_ok(scope)
    with store.write() as db:
        db.table("oidc_grants").upsert(
            {"email": _email(email), "scope": scope, "created_at": datetime.now(UTC).isoformat()},
            pk=("email", "scope"),
        )


def oidc_scopes(store: Store, email: str | None) -> set[str]:
    """What a signed-in organisation account may open; nothing for an unknown address."""
    if not email:
        return set()
    rows = store.db.execute(
        "SELECT scope FROM oidc_grants WHERE email = ?", [email.strip().lower()]
    ).fetchall()
    return {row[0] for row in rows}


DEFAULT_PROVIDER = "default"  # st.login() without a name: the provider set in [auth] itself
# The keys Streamlit reads as a provider's settings (its own test for "a provider block").
_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True)
class SignOn:
    """Which sign-on provider speaks for which municipality (and for the beheerder).

    ``providers``: the provider names in the secrets' [auth] section. ``by_scope``: municipality
    code or "beheerder" -> provider name, from [democratiescan.login]. Without that table a
    single provider serves every municipality; with several providers, only the table counts.
    """

    providers: frozenset[str] = frozenset()
    by_scope: Mapping[str, str] = field(default_factory=dict)

    def provider_for(self, scope: str) -> str | None:
        if self.by_scope:
            return self.by_scope.get(scope)
        return next(iter(self.providers)) if len(self.providers) == 1 else None


def _provider_names(auth: Mapping[str, object]) -> set[str]:
    names = {
        name
        for name, block in auth.items()
        if isinstance(block, Mapping) and any(key in block for key in _PROVIDER_KEYS)
    }
    if any(key in auth for key in _PROVIDER_KEYS):
        names.add(DEFAULT_PROVIDER)
    return names


def sign_on(auth: Mapping[str, object] | None, login: Mapping[str, object] | None = None) -> SignOn:
    """The installation's sign-on set-up from its secrets: ``auth`` is the [auth] section
    (Streamlit's), ``login`` the [democratiescan.login] table (``GM0355 = "zeist"``, and
    optionally ``beheerder = "..."``). Raises ScanError, in Dutch, on a table that names an
    unknown municipality or a provider that has no [auth.<name>] block."""
    providers = _provider_names(auth or {})
    by_scope: dict[str, str] = {}
    for scope, provider in (login or {}).items():
        if scope != ADMIN and scope not in reference().municipalities:
            raise ScanError(
                f"In [democratiescan.login] staat '{scope}': dat is geen gemeentecode of 'beheerder'."
            )
        if not isinstance(provider, str) or provider not in providers:
            raise ScanError(
                f"In [democratiescan.login] hoort bij {scope} de aanbieder '{provider}', maar er is geen "
                f"blok [auth.{provider}] met client_id, client_secret en server_metadata_url."
            )
        by_scope[scope] = provider
    return SignOn(frozenset(providers), by_scope)


def signed_on_scopes(store: Store, email: str | None, provider: str | None, setup: SignOn) -> set[str]:
    """What an account signed in through ``provider`` may open: its grants for the municipalities
    (and the beheerder role) that this provider speaks for; nothing through any other provider."""
    if not provider:
        return set()
    return {scope for scope in oidc_scopes(store, email) if setup.provider_for(scope) == provider}


def is_locked(store: Store) -> bool:
    """True once any password or sign-on grant exists: from then on griffier pages need a login."""
    return (
        store.db.execute("SELECT 1 FROM credentials UNION ALL SELECT 1 FROM oidc_grants LIMIT 1").fetchone()
        is not None
    )

"""Griffier access per municipality, and throttled code checks. Owns the session keys ``toegang_*``."""

from __future__ import annotations

import logging
import secrets

import streamlit as st

from scan.base.errors import ScanError
from scan.records import access
from scan.rules.throttle import THROTTLE
from scan.ui.components import literal
from scan.ui.services import get_reference, get_store

_LOG = logging.getLogger(__name__)

KEY_MUNICIPALITIES = "toegang_gemeenten"
KEY_ADMIN = "toegang_beheerder"
KEY_PASSED = "toegang_geslaagde_codes"  # codes and PINs this session already proved
KEY_SESSION = "toegang_sessie"  # a random name for this browser session, for the throttle


def session_name() -> str:
    """This browser session, for the throttle (a random name kept in the session)."""
    return st.session_state.setdefault(KEY_SESSION, secrets.token_urlsafe(12))


def client_address() -> str:
    """The address the server saw (behind a trusted proxy: the client's own; see server.py)."""
    ip = st.context.ip_address
    return ip if isinstance(ip, str) else ""


def _plain(section: object) -> dict:
    """A secrets section as a plain dict (st.secrets gives AttrDicts; a missing one is empty)."""
    if hasattr(section, "to_dict"):
        return section.to_dict()
    return dict(section) if isinstance(section, dict) else {}


def sign_on() -> access.SignOn:
    """The installation's sign-on set-up from its secrets ([auth] and [democratiescan.login]).

    No secrets file, or no [auth]: no providers. A set-up that names an unknown provider or
    municipality raises ScanError (its Dutch message says what is wrong)."""
    try:
        auth = st.secrets.get("auth")
        own = st.secrets.get("democratiescan")
    except Exception:  # no secrets file at all
        return access.SignOn()
    return access.sign_on(_plain(auth), _plain(_plain(own).get("login")))


def _sign_on_or_none() -> access.SignOn:
    try:
        return sign_on()
    except ScanError:
        return access.SignOn()  # shown on the login form; until fixed, nobody signs on


def _sso_scopes() -> set[str]:
    setup = _sign_on_or_none()
    if not setup.providers or not st.user.is_logged_in:
        return set()
    provider, email = st.user.get("provider"), st.user.get("email")
    return access.signed_on_scopes(
        get_store(),
        email if isinstance(email, str) else None,
        provider if isinstance(provider, str) else None,
        setup,
    )


def signed_on_municipality() -> str | None:
    """The first municipality this session's organisation account may open (st.login returns to the
    start page without the municipality that was chosen before: this chooses it again)."""
    codes = sorted(scope for scope in _sso_scopes() if scope != access.ADMIN)
    return codes[0] if codes else None


def has_access(gm_code: str, locked: bool | None = None) -> bool:
    """May this session see the municipality's scans? ``locked``: is_locked() if the caller has it already."""
    if not (access.is_locked(get_store()) if locked is None else locked):
        return True
    if st.session_state.get(KEY_ADMIN, False) or gm_code in st.session_state.get(KEY_MUNICIPALITIES, []):
        return True
    scopes = _sso_scopes()
    return gm_code in scopes or access.ADMIN in scopes


def open_installation_notice() -> bool:
    """Say in the menu that the installation has no passwords yet; returns whether it is locked."""
    locked = access.is_locked(get_store())
    if not locked:
        st.sidebar.markdown(
            "**Open installatie**: er zijn nog geen wachtwoorden, dus iedereen met deze link ziet alle scans. "
            "Geschikt voor een demo; de beheerder zet wachtwoorden met de opdracht python -m scan set-password."
        )
    return locked


def _login_button(label: str, provider: str, key: str) -> None:
    # st.login() is Streamlit's default provider (set in [auth] itself); a named one is [auth.<name>]
    args = () if provider == access.DEFAULT_PROVIDER else (provider,)
    st.button(label, key=key, on_click=st.login, args=args, type="primary")


def _sign_on_buttons(gm_code: str, name: str) -> None:
    """The municipality's own "Inloggen met uw organisatie-account" (and the beheerder's, when the
    beheerder signs on through another provider), above the password form."""
    try:
        setup = sign_on()
    except ScanError as exc:
        _LOG.warning(
            "sign-on set-up in the secrets is wrong: %s", exc
        )  # python -m scan check-login says more
        st.info(f"De scans van {name} zijn beveiligd. Log in met het wachtwoord van de griffie van {name}.")
        st.error("Inloggen met een organisatie-account is niet goed ingesteld. Meld dit aan de beheerder.")
        return
    own = setup.provider_for(gm_code)
    admin = setup.provider_for(access.ADMIN)
    how = "met uw organisatie-account of met het wachtwoord" if own else "met het wachtwoord"
    st.info(f"De scans van {name} zijn beveiligd. Log in {how} van de griffie van {name}.")
    if own:
        _login_button("Inloggen met uw organisatie-account", own, f"toegang_sso_{gm_code}")
    if admin and admin != own:
        _login_button(
            "Inloggen als beheerder met uw organisatie-account", admin, f"toegang_sso_beheer_{gm_code}"
        )
    if (own or admin) and st.user.is_logged_in:
        email = st.user.get("email")
        who = (
            f"U bent ingelogd als {literal.markdown(email)}, maar dit account"
            if isinstance(email, str)
            else "Uw organisatie-account"
        )
        st.warning(
            f"{who} heeft nog geen toegang tot de scans van {name}. Vraag de beheerder om u toegang te geven."
        )


def login_form(gm_code: str) -> None:
    name = get_reference().municipality(gm_code).name
    _sign_on_buttons(gm_code, name)
    with st.form(f"toegang_login_{gm_code}"):
        password = st.text_input("Wachtwoord", type="password", key=f"toegang_wachtwoord_{gm_code}")
        if st.form_submit_button("Inloggen"):
            try:
                scope = access.login(get_store(), gm_code, password, session_name(), client_address())
            except ScanError as exc:
                st.error(str(exc))
                return
            if scope == access.ADMIN:
                st.session_state[KEY_ADMIN] = True
            else:
                st.session_state[KEY_MUNICIPALITIES] = [
                    *st.session_state.get(KEY_MUNICIPALITIES, []),
                    gm_code,
                ]
            st.rerun()


def require_access(gm_code: str) -> bool:
    """True when this session may see the municipality's scans; otherwise draws the login form."""
    if has_access(gm_code, open_installation_notice()):
        return True
    login_form(gm_code)
    return False


def attempt(kind: str, func, *args):
    """Run a code or PIN check; wrong attempts from this client are slowed down (raises ScanError).

    A check this session already passed skips the throttle on later reruns (a phone reruns on every
    tap): the code is still checked, but the client lookup and bookkeeping are not repeated.
    """
    proof = (kind, *(a for a in args if isinstance(a, str | int)))
    passed = st.session_state.setdefault(KEY_PASSED, set())
    if proof in passed:
        try:
            return func(*args)
        except ScanError:
            passed.discard(proof)
            raise
    result = THROTTLE.guard(kind, session_name(), client_address(), lambda: func(*args))
    passed.add(proof)
    return result

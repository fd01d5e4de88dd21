"""Griffier access per municipality, and throttled code checks. Owns the session keys ``toegang_*``."""

from __future__ import annotations

import secrets

import streamlit as st

from scan.base.errors import ScanError
from scan.records import access
from scan.rules.throttle import THROTTLE
from scan.ui.services import get_reference, get_store

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


def sso_configured() -> bool:
    """Single sign-on is on when the installation's secrets have an [auth] section (st.login)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _sso_scopes() -> set[str]:
    if not sso_configured() or not st.user.is_logged_in:
        return set()
    return access.oidc_scopes(get_store(), st.user.get("email"))


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


def login_form(gm_code: str) -> None:
    name = get_reference().municipality(gm_code).name
    st.info(f"De scans van {name} zijn beveiligd. Log in met het wachtwoord van de griffie van {name}.")
    if sso_configured():
        st.button("Inloggen met uw organisatie-account", key=f"toegang_sso_{gm_code}", on_click=st.login)
        if st.user.is_logged_in:
            st.warning("Uw organisatie-account heeft geen toegang tot deze gemeente. Vraag het de beheerder.")
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

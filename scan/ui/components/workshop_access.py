"""Which workshop a page shows (``?workshop=REF`` or ``?projectie=REF``) and who may lead or project it.

Owns the session keys ``werkplaats_*``. A workshop opens for: a logged-in griffier of its
municipality, the beheerder (and everyone while the installation is open, as every page), or a
session that typed the facilitator's PIN. Wrong PINs are throttled per session and per address.
"""

from __future__ import annotations

import streamlit as st

from scan.base.errors import ScanError
from scan.records import access, workshop
from scan.rules.throttle import THROTTLE
from scan.storage.core import Store
from scan.ui.components import literal
from scan.ui.components.access import client_address, has_access, login_form, session_name
from scan.ui.services import get_reference


def _pin_key(ws: workshop.Workshop) -> str:
    return f"werkplaats_pin_{ws.ref}"


def from_url(store: Store, param: str = "workshop") -> workshop.Workshop:
    """The workshop named in the URL, or a Dutch message (a wrong, old or forged value) and the page
    stops there."""
    raw = st.query_params.get(param, "")
    if not raw:
        st.info("Open deze pagina vanuit Workshops: daar staat per workshop een link.")
        st.page_link("scan/ui/pages/workshops.py", label="Naar Workshops", icon=":material/groups:")
        st.stop()
    try:
        return workshop.by_ref(store, raw)
    except ScanError as exc:
        st.warning(str(exc))
        st.stop()


def is_griffier(store: Store, ws: workshop.Workshop) -> bool:
    return has_access(workshop.gm_code(store, ws))


def facilitator_secret(store: Store, ws: workshop.Workshop) -> str | None:
    """The PIN this session acts with: the griffier's own (read from the database, made if an old
    workshop has none), or the one this session proved. None: show the login."""
    if is_griffier(store, ws):
        return workshop.facilitator_pin(store, ws.id) or workshop.new_pin(store, ws.id)
    proved = st.session_state.get(_pin_key(ws))
    if proved:
        try:
            workshop.check_facilitator(store, ws.id, proved)
            return proved
        except ScanError:  # the griffier made a new PIN meanwhile
            st.session_state.pop(_pin_key(ws), None)
    return None


def login(store: Store, ws: workshop.Workshop, purpose: str) -> None:
    """Log in for this workshop: the facilitator's PIN, or the griffier's password."""
    gm = workshop.gm_code(store, ws)
    name = get_reference().municipality(gm).name
    st.markdown(f"**{purpose}** — workshop van de gemeente {name}:")
    st.html(f"<p style='font-size:1.3rem;font-weight:700'>{literal.html(ws.title or 'Workshop')}</p>")
    with st.form(f"werkplaats_login_{ws.ref}"):
        pin = st.text_input(
            "Pincode van de begeleider (6 tekens)", max_chars=12, key=f"werkplaats_pin_invoer_{ws.ref}"
        )
        if st.form_submit_button("Inloggen met pincode", type="primary"):
            try:
                THROTTLE.guard(
                    f"pincode-{ws.ref}",
                    session_name(),
                    client_address(),
                    lambda: workshop.check_facilitator(store, ws.id, pin),
                )
                st.session_state[_pin_key(ws)] = workshop.clean_code(pin)
                st.rerun()
            except ScanError as exc:
                st.error(str(exc))
    if access.is_locked(store):
        st.markdown(f"Of log in als griffie van {name}:")
        login_form(gm)

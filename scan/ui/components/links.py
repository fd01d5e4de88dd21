"""Absolute links to this app (for QR codes and invitations)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st


def app_link(**query: str) -> str:
    """The app's root URL as the browser sees it, with the given query parameters."""
    url = st.context.url or ""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else "/"
    return base + ("?" + urlencode(query) if query else "")


def app_root() -> str:
    """The app's address as the browser sees it, without a trailing slash ("http://host:8501")."""
    return app_link().rstrip("/")

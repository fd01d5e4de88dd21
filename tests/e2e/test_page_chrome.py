"""The browser tab before and after the app loads: a Dutch page with its own title, and an icon that
this server serves itself (nothing fetched from the internet, so it works offline)."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_title_before_the_app_loads_and_a_local_icon(server, page) -> None:
    with urllib.request.urlopen(server.url + "/") as resp:
        html = resp.read().decode("utf-8")
    assert "<title>democratiescan</title>" in html and '<html lang="nl"' in html
    assert "<title>Streamlit</title>" not in html

    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None,
    )
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", name="Democratiescan")).to_be_visible()
    expect(page).to_have_title("democratiescan")
    icon = page.locator("link[rel~='icon']").first.get_attribute("href")
    assert urlparse(page.url).hostname == (urlparse(icon).hostname or "127.0.0.1")
    assert not [u for u in outside if not u.startswith("data:")], outside

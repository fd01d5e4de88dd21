"""The ``downloads`` fixture (tests/ui/conftest.py) against the installed Streamlit: it captures what a
download button hands the user. A workaround on a private class; this fails loudly when an upgrade
breaks it, instead of the page tests failing on a missing file."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    import streamlit as st

    st.download_button("Tekst", "één regel", file_name="regel.txt")
    st.download_button("Bytes", b"\x00\x01", file_name="data.bin", mime="application/octet-stream")


def test_the_downloads_fixture_captures_what_a_download_button_serves(downloads) -> None:
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert len(at.get("download_button")) == 2
    assert downloads == {"regel.txt": "één regel".encode(), "data.bin": b"\x00\x01"}, (
        "Workaround tests/ui/conftest.py (downloads): Streamlit no longer stores a download's data through "
        "MemoryMediaFileStorage.load_and_get_id; find where it does now (or a supported way in AppTest)."
    )

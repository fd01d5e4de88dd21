"""The accessibility statement (toegankelijkheidsverklaring): one text, docs/toegankelijkheid.md,
shown as the page Toegankelijkheid (linked from Privacy) and on the respondent's page."""

from __future__ import annotations

import functools

import streamlit as st

from scan.base.settings import content_dir

STATEMENT = content_dir("docs") / "toegankelijkheid.md"
PAGE = "scan/ui/pages/accessibility.py"


@functools.cache
def statement() -> tuple[str, str]:
    """(title, body in Markdown): the file's first heading and the rest."""
    text = STATEMENT.read_text(encoding="utf-8")
    first, _, body = text.partition("\n")
    return first.lstrip("# ").strip(), body.strip()


def show_body() -> None:
    st.markdown(statement()[1])

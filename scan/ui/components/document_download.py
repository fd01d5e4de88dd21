"""A download button for one of a round's documents (report, data, presentation, council letter): the file
is made only when clicked (a PDF takes seconds), named by scan/views/exports.file_name, and a click
does not rerun the page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from scan.records.round.rounds import Round
from scan.views.exports import MIME, file_name


def document_button(
    label: str, make: Callable[[], bytes], rnd: Round, fmt: str, key: str, place: DeltaGenerator | None = None
) -> None:
    """In ``place`` (a column), or where the page is."""
    (place if place is not None else st).download_button(
        label,
        data=make,
        file_name=file_name(rnd, fmt),
        mime=MIME[fmt],
        icon=":material/download:",
        key=key,
        on_click="ignore",
    )

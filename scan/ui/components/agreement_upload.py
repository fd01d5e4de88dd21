"""Reading an agreement file on the Akkoord page: Streamlit's file uploader (its English is put in Dutch
app-wide by scan/ui/dutch.py), then a progress bar while the akkoordcheck reads it.

The uploader accepts any file: the akkoordcheck recognises a file by its bytes, not by its name, and
says in Dutch what is wrong (an old .doc, a PDF that is really a picture, a .docx that is a PDF). The
file lives only in this run: once read, well or not, the uploader gets a new key, and the bytes are
dropped at once from the session state and from Streamlit's store of uploads (which would keep them
until the tab is closed). Only what the check found is stored, with the round.

The file is read in a child process with a memory and a time limit (``scan.rules.akkoord.runner``), so a
hostile file gets a Dutch refusal and the server goes on serving everyone else; the child's progress
reaches the bar through a pipe, drawn from this script's thread.
"""

from __future__ import annotations

import logging
import math

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from scan.base.errors import ScanError
from scan.base.formatting import nl_number
from scan.records import agreements
from scan.rules.akkoord import MAX_PAGES, Limits
from scan.storage.core import Store

_LOG = logging.getLogger(__name__)
FAILED = (
    "Het lezen lukte niet door een fout in de app. Probeer het nog eens, of plak de tekst van het akkoord."
)
LABEL = "Het akkoord als PDF, Word-bestand (.docx) of tekstbestand (.txt)"


def limits_text() -> str:
    """The limits in words, shown beside the form."""
    limits = Limits.default()
    return (
        f"PDF, Word (.docx) of tekst (.txt); hoogstens {nl_number(MAX_PAGES)} pagina's en "
        f"{limits.size_text}. Een gescande PDF zonder tekst, een oud Word-bestand (.doc) of een bestand "
        "met een wachtwoord kan de app niet lezen. Kies het bestand of sleep het hierheen: de app leest het "
        "meteen en bewaart alleen wat hij vond, niet het bestand."
    )


def _counter_key(key: str) -> str:
    return f"{key}_teller"


def _forget(uploaded) -> None:
    """Drop the file's bytes from Streamlit's store of uploads now, as st.chat_input does with its
    files: the store keeps an upload until the session ends, even when its uploader is gone
    (measured: a 50 MB upload stayed in the server until the tab was closed)."""
    ctx = get_script_run_ctx()
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        ctx.uploaded_file_mgr.remove_file(session_id=ctx.session_id, file_id=uploaded.file_id)


def upload_form(store: Store, round_id: int, key: str, error_key: str) -> bool | None:
    """Draw the uploader; read a chosen file at once with a progress bar. None: no file chosen; True:
    an agreement was stored; False: the file was refused, with a Dutch message in
    ``st.session_state[error_key]``. After True or False the page reruns (the file is gone then)."""
    counter = st.session_state.get(_counter_key(key), 0)
    limits = Limits.default()
    widget_key = f"{key}_bestand_{counter}"
    uploaded = st.file_uploader(
        LABEL,
        key=widget_key,
        max_upload_size=max(1, math.ceil(limits.max_bytes / (1024 * 1024))),
    )
    if uploaded is None:
        return None
    name, data = uploaded.name, uploaded.getvalue()
    _forget(uploaded)
    del uploaded
    st.session_state.pop(widget_key, None)  # the widget's value holds a copy of the bytes too
    st.session_state[_counter_key(key)] = counter + 1  # the next run forgets the file
    bar = st.progress(0.0, text=f"{name} lezen")

    def progress(fraction: float, text: str) -> None:
        bar.progress(min(1.0, max(0.0, float(fraction))), text=text)

    try:
        agreements.read_file(store, round_id, data, name, on_progress=progress)
    except ScanError as exc:
        st.session_state[error_key] = str(exc)
        return False
    except Exception:  # a reader library failing on a strange file: a Dutch message, the log keeps the rest
        _LOG.exception("akkoordcheck: reading %s failed", name)
        st.session_state[error_key] = FAILED
        return False
    finally:
        bar.empty()
    return True

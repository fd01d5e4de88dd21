"""Streamlit's words during an outage, in Dutch (issue 27.6).

When the server does not answer for a moment, Streamlit opens a dialog "Geen verbinding" (translated
in dutch.py) with an English body: "Streamlit server is not responding. Are you connected to the
internet?" (or, on localhost, "Is Streamlit still running? …"). A projector or facilitator must not
show English to the room. Kept apart from dutch.py (which translates the rest of Streamlit's words)
and merged into its texts there; tests/test_dutch.py checks these against the installed bundle too.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "Streamlit server is not responding. Are you connected to the internet?": (
        "De app is even niet bereikbaar. We proberen het vanzelf opnieuw; wat al bewaard is, blijft bewaard."
    ),
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in your terminal:": (
        "De app draait niet meer. Start hem opnieuw met:"
    ),
}

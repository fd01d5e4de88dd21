"""User-typed text (workshop titles, open questions and answers) shown literally in Streamlit.

Never pass such text to st.markdown, st.title or a label as it is: Markdown would turn
``![t](http://…)`` into an image every screen fetches, and ``[x](http://…)`` into a link. ``html``
escapes it for st.html (which renders no Markdown and no links of its own); ``markdown`` escapes
every Markdown special character and breaks automatic links.
"""

from __future__ import annotations

import html as _html

from scan.base.text import markdown_literal, printable


def html(text: object) -> str:
    return _html.escape(printable(text or ""), quote=True)


def markdown(text: object) -> str:
    """Text that Markdown shows exactly as typed (no emphasis, images, links or HTML)."""
    return markdown_literal(text or "")

"""Read-only tables as Markdown: drawn by the browser as a real HTML table (headers a screen reader
announces), printable, and a fraction of the cost of a data grid on every rerun."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from scan.base.formatting import keep_n

# Dutch figures as we format them: "1.234,5", "55%", "40–60", "–", "n = 3"
_NUMERIC = re.compile(r"^[\d.,%–\- \u00a0]+$")


def _cell(value: object) -> str:
    text = keep_n("" if value is None else str(value))
    # "|" would end the cell, "$" starts a formula in Streamlit's Markdown, newlines end the row
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("$", "\\$").replace("\n", " ").strip()


def _is_numeric(values: Sequence[object]) -> bool:
    texts = [str(v) for v in values if v is not None and str(v) != ""]
    return bool(texts) and all(isinstance(v, int | float) or _NUMERIC.match(str(v)) for v in texts)


def markdown_table(rows: Sequence[Mapping[str, object]]) -> str:
    """A GitHub-style Markdown table of the rows (columns in first-seen order); figures right-aligned."""
    if not rows:
        return ""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [
        "| " + " | ".join(_cell(c) for c in columns) + " |",
        "|" + "|".join(" ---: " if _is_numeric([r.get(c) for r in rows]) else " --- " for c in columns) + "|",
    ]
    lines += ["| " + " | ".join(_cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)

"""Read the Markdown tables a page drew back into rows, as a user would read them."""

from __future__ import annotations

import re

import pandas as pd

_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    # a non-breaking space reads as a space ("(n = 5)" is kept on one line with them)
    return [
        c.strip().replace("\\|", "|").replace("\\$", "$").replace("\u00a0", " ")
        for c in _SPLIT.split(line.strip())[1:-1]
    ]


def markdown_tables(at) -> list[pd.DataFrame]:
    """Every Markdown table on the page, in order, as text cells."""
    tables = []
    for element in at.markdown:
        lines = [line for line in element.value.splitlines() if line.startswith("|")]
        if len(lines) >= 2 and set(lines[1].replace("|", "").replace(":", "").split()) == {"---"}:
            header = _cells(lines[0])
            tables.append(pd.DataFrame([_cells(line) for line in lines[2:]], columns=header))
    return tables

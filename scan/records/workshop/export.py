"""A workshop's results for the facilitator: Excel or CSV, aggregated, published figures only.

Same rules as the screen (results.py): a distribution or a vote ranking only with n >= 5, each
with its n; open answers and questions from the room only when approved (their upvotes from 5
upvoters, scan/records/workshop/qa.py). Every text cell that a spreadsheet could read as a
formula (starting with = + - @, a tab or a carriage return) is neutralised with a leading quote.
"""

from __future__ import annotations

import csv
import io

from scan.content.questionbank import question_bank
from scan.records.workshop.qa import answer_state
from scan.records.workshop.results import WorkshopOutcome, outcome
from scan.rules.benchmark import MIN_N
from scan.rules.shares import percentages, share
from scan.storage.core import Store

HEADER = ["workshop", "onderdeel", "vraag", "tekst", "antwoord of voorstel", "aantal", "procent van n", "n"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs: numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows(result: WorkshopOutcome) -> list[list[object]]:
    bank = question_bank()
    title = result.title or "Workshop"
    out: list[list[object]] = []
    for q in result.questions:
        if q.kind == "open":
            if not q.open_answers:
                out.append(
                    [
                        title,
                        "open vraag",
                        q.question_id,
                        q.text,
                        "geen goedgekeurde antwoorden",
                        None,
                        None,
                        q.n,
                    ]
                )
            out += [
                [title, "open vraag", q.question_id, q.text, text, None, None, q.n] for text in q.open_answers
            ]
        elif q.distribution is None:
            note = (
                f"te weinig antwoorden (n = {q.n}; minimaal {MIN_N})"
                if q.n < MIN_N
                else f"niet aan de zaal getoond (n = {q.n})"
            )
            out.append([title, "vraag", q.question_id, q.text, note, None, None, q.n])
        else:
            labels = [label for label, _ in q.distribution]
            values = [count for _, count in q.distribution]
            for label, count, pct in zip(labels, values, percentages(values), strict=True):
                out.append([title, "vraag", q.question_id, q.text, label, count, pct, q.n])
    if result.votes is None:
        note = f"geen uitslag (stemming niet afgesloten of te weinig stemmers: n = {result.voters}; minimaal {MIN_N})"
        out.append([title, "stemming", None, None, note, None, None, result.voters])
    else:
        # each voter puts at most one dot on a proposal: its percentage is of the voters (n), not of the dots
        total = sum(dots for _, dots in result.votes)
        what = f"stemmers die dit kozen (samen {total} stippen)"
        for pid, dots in result.votes:
            label = f"{pid} {bank.proposal(pid).title}"
            out.append(
                [title, "stemming", None, what, label, dots, share(dots, result.voters), result.voters]
            )
    # questions from the room: approved ones, the most upvoted first; counts only from MIN_N upvoters
    for asked in result.asked:
        state = answer_state(asked.answered)
        if asked.votes is None:
            state += f" (steun niet geteld: te weinig mensen steunden vragen, n = {result.asked_voters}; minimaal {MIN_N})"
        out.append(
            [title, "vraag uit de zaal", None, asked.text, state, asked.votes, None, result.asked_voters]
        )
    return [[safe_cell(cell) for cell in row] for row in out]


def to_csv(store: Store, workshop_id: int) -> bytes:
    """Semicolons (Dutch Excel), UTF-8 with a byte-order mark so Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows(outcome(store, workshop_id)))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(store: Store, workshop_id: int) -> bytes:
    from openpyxl import Workbook

    result = outcome(store, workshop_id)
    book = Workbook()
    sheet = book.worksheets[0]  # the one sheet a new workbook has
    sheet.title = "Uitkomsten"
    sheet.append(HEADER)
    for row in rows(result):
        sheet.append(row)
    for column, width in zip("ABCDEFGH", (24, 12, 8, 60, 50, 8, 8, 6), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

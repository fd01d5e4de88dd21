"""HTML of a workshop for the projector and the facilitator: bars, word cloud, QR code.

One ``st.html`` per view: it appears at once (no chart library to load, so no blank moment when
results are shown) and, redrawn every second with the same content, does not flicker. Every
user-typed text goes through ``literal.html``. st.html strips inline SVG, so the QR code is a PNG
in a data URI.
"""

from __future__ import annotations

import base64
import functools
import io

import segno

from scan.base.formatting import nl_number
from scan.records import workshop
from scan.records.workshop.words import as_text as words_text
from scan.rules.benchmark import MIN_N
from scan.ui.components.literal import html

CSS = """
<style>
  .ws-bars { width: 100%; border-collapse: separate; border-spacing: 0 0.5rem; }
  .ws-bars th { text-align: left; font-weight: 600; padding-right: 1rem; white-space: nowrap; }
  .ws-bars td.bar { width: 60%; }
  .ws-bars .fill { background: #0B5394; height: 1.4em; border-radius: 4px; min-width: 2px; }
  .ws-bars td.num { text-align: right; font-weight: 700; padding-left: 1rem; white-space: nowrap; }
  /* a facilitator on a phone: long proposal titles wrap instead of pushing bar and count off screen */
  @media (max-width: 640px) {
    .ws-bars th { white-space: normal; }
    .ws-bars td.bar { width: 35%; }
  }
  .ws-cloud { line-height: 1.3; margin: 1rem 0; }
  .ws-cloud span { display: inline-block; margin: 0 0.6em 0.2em 0; color: #0B4478; font-weight: 700; }
  .ws-note { color: #33383d; }
  /* Streamlit's own hint under text fields is English ("Press Enter to submit form"): not in a Dutch app */
  [data-testid="InputInstructions"] { display: none; }
</style>
"""


def bars(rows: list[tuple[str, int]], pcts: list[int], caption: str) -> str:
    """A bar per row with the count and the percentage beside it; the caption says what the
    percentage is of and gives the figure's n."""
    values = [v for _, v in rows]
    top = max([*values, 1])  # the longest bar is full width; all zero: empty bars
    body = "".join(
        f'<tr><th scope="row">{html(label)}</th>'
        f'<td class="bar"><div class="fill" style="width:{value / top * 100:.1f}%"></div></td>'
        f'<td class="num">{nl_number(value)} ({pct}%)</td></tr>'
        for (label, value), pct in zip(rows, pcts, strict=True)
    )
    return (
        f'<table class="ws-bars"><caption class="ws-note" style="caption-side:bottom;text-align:left">'
        f"{html(caption)}</caption><tbody>{body}</tbody></table>"
    )


def too_few(n: int, what: str = "antwoorden") -> str:
    return (
        f'<p class="ws-note">De uitkomst blijft verborgen: te weinig {what} (n = {n}). '
        f"We tonen een uitkomst pas vanaf {MIN_N}.</p>"
    )


def cloud(pairs: list[tuple[str, int]], largest: float = 3.2) -> str:
    """Words sized by how many used them, the most used ``largest`` em high. A screen reader
    reads the words with their counts (the text alternative)."""
    if not pairs:
        return ""
    label = f"Woordwolk van de goedgekeurde antwoorden. Meest gebruikt (aantal mensen): {words_text(pairs)}"
    top = pairs[0][1]
    words = "".join(
        f'<span style="font-size:{1 + (largest - 1) * count / top:.2f}em">{html(word)}</span>'
        for word, count in pairs
    )
    return f'<div class="ws-cloud" role="img" aria-label="{html(label)}">{words}</div>'


@functools.lru_cache(maxsize=64)
def qr_data_uri(url: str) -> str:
    """A PNG QR code of the join address; large modules and a quiet zone so a phone reads it from afar."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=12, border=4, dark="#000000", light="#ffffff")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def distribution(store, ws: workshop.Workshop, question_id: str, counts: dict | None, n: int) -> str:
    """The bars of a scale question, or why they are not shown. Percentages of the n answers:
    equal counts show equal percentages (scan/rules/shares.py)."""
    from scan.content.questionbank import question_bank

    if counts is None:
        return too_few(n)
    labels, values = workshop.distribution_rows(question_bank().question(question_id), counts)
    caption = f"Percentage van de {nl_number(n)} antwoorden (n = {nl_number(n)})"
    return bars(list(zip(labels, values, strict=True)), workshop.percentages(values), caption)


def open_answers(texts: list[str]) -> str:
    """For the facilitator: the cloud, the same words with their counts as text, and the answers."""
    items = "".join(f"<li>{html(t)}</li>" for t in texts)
    pairs = workshop.cloud(texts)
    words = f'<p class="ws-note">Meest gebruikte woorden (aantal mensen): {html(words_text(pairs))}</p>'
    return cloud(pairs) + (words if pairs else "") + (f'<ul class="ws-open">{items}</ul>' if items else "")


def vote_ranking(results: list[tuple[str, int]] | None, voters: int, only: range | None = None) -> str:
    """Proposals by number of dots. A voter puts at most one dot on a proposal, so the percentage is
    the share of the voters who chose it ("5 van de 7 stemmers"); these do not add up to 100."""
    from scan.content.questionbank import question_bank

    if results is None:
        return too_few(voters, "stemmers")
    bank = question_bank()
    rows = [(f"{pid} {bank.proposal(pid).title}", dots) for pid, dots in results]
    dots = sum(d for _, d in results)
    shown = range(len(results)) if only is None else only  # the projector pages a long ranking
    caption = (
        f"Aantal stemmers dat dit voorstel koos, met het percentage van alle {nl_number(voters)} stemmers "
        f"(n = {nl_number(voters)}; samen {nl_number(dots)} stippen)"
    )
    return bars([rows[i] for i in shown], [workshop.share(results[i][1], voters) for i in shown], caption)

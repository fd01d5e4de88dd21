"""What the akkoordcheck found for one proposal, as HTML for st.html: the status, the reason, the
passages with their place and the matching words marked, and what an agreement could say.

Passages are document text: every piece is HTML-escaped first and only then are the matching words
wrapped in <mark>, so nothing in an agreement can become markup, a link or an image (st.html renders
no Markdown of its own).
"""

from __future__ import annotations

import html

from scan.content.models import Proposal
from scan.rules.akkoord import Passage, ProposalCoverage
from scan.rules.akkoord.coverage import PeerMention, candidates

STYLE = """<style>
.akk-voorstel h4 { font-size: 1.1rem; margin: 0 0 0.4rem; padding: 0; }
.akk-status { display: inline-block; border-radius: 0.4rem; padding: 0 0.45rem; font-size: 0.9rem; font-weight: 600; }
.akk-staat_erin { background: #DCEFE0; color: #1B5E20; }
.akk-deels { background: #FCEBD0; color: #7A4100; }
.akk-niet_gevonden { background: #ECEFF3; color: #3A4452; }
.akk-voorstel blockquote { margin: 0.3rem 0 0.6rem; padding: 0.2rem 0 0.2rem 0.8rem; border-left: 3px solid #8893A2; }
.akk-voorstel mark { background: #FFE28A; color: #1A1A1A; padding: 0 0.1rem; }
.akk-waar { margin: 0.4rem 0 0; font-weight: 600; }
.akk-klein { color: #3A4452; font-size: 0.95rem; }
.akk-voorstel ol { padding-left: 1.2rem; margin: 0; }
</style>"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def marked(passage: Passage) -> str:
    """The passage as safe HTML, its matching words in <mark>."""
    text, out, last = passage.text, [], 0
    for start, end in passage.spans:
        if start < last or end > len(text):  # never trust offsets blindly
            continue
        out.append(_esc(text[last:start]) + "<mark>" + _esc(text[start:end]) + "</mark>")
        last = end
    out.append(_esc(text[last:]))
    return "".join(out)


def where_label(passage: Passage) -> str:
    """'Alinea 8', 'Pagina 12': where a passage stands, as the start of a line."""
    where = passage.where
    return where[0].upper() + where[1:]


def proposal_block(
    proposal: Proposal, coverage: ProposalCoverage, suggestion: str, mention: PeerMention | None
) -> str:
    """One proposal's findings as an HTML block (the judgement radio is drawn by the page)."""
    parts = [
        '<div class="akk-voorstel">',
        f'<h4>{_esc(proposal.id)} {_esc(proposal.title)} <span class="akk-status akk-{coverage.status}">'
        f"{_esc(coverage.label)}</span></h4>",
        f"<p>{_esc(coverage.reason)}</p>",
    ]
    found = candidates(coverage)
    if found:
        parts.append("<ol>")
        for passage in found:
            hedge = " (alleen onderzoeken of verkennen)" if passage.hedged else ""
            parts.append(
                f'<li><p class="akk-waar">{_esc(where_label(passage))}{_esc(hedge)}</p>'
                f"<blockquote>{marked(passage)}</blockquote></li>"
            )
        parts.append("</ol>")
    denied = [p for p in coverage.passages if p.negated]
    for passage in denied:
        parts.append(
            f'<p class="akk-waar">Ontkend of afgewezen, telt niet mee ({_esc(passage.where)}):</p>'
            f"<blockquote>{marked(passage)}</blockquote>"
        )
    if coverage.status != "staat_erin":
        parts.append(
            '<p class="akk-waar">Wat een akkoord zou kunnen zeggen (tekstsuggestie van de app):</p>'
            f"<blockquote>{_esc(suggestion)}</blockquote>"
        )
    if mention is not None:
        parts.append(f'<p class="akk-klein">{_esc(mention.text)}</p>')
    parts.append("</div>")
    return "".join(parts)

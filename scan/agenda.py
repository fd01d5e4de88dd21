"""The Democratiseringsagenda (Voorstel 1a): chosen proposals as a draft agenda, in Markdown and Word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scan import word
from scan.formatting import nl_date
from scan.models import OWNER_LABELS, PAMPHLET, Proposal, ProposalStatus
from scan.questionbank import QuestionBank
from scan.rhythm import term_start

PEPPER_TIMELINES = {
    1: "binnen een jaar (vóór eind {y1})",
    2: "binnen twee jaar (vóór eind {y2})",
    3: "in deze raadsperiode (tot {end})",
}


@dataclass(frozen=True)
class AgendaItem:
    proposal: Proposal
    goal: str
    owner: str
    timeline: str
    text: str


def default_item(proposal: Proposal, municipality: str, year: int) -> AgendaItem:
    end = term_start(year) + 4
    return AgendaItem(
        proposal=proposal,
        goal=f"{proposal.title}.",
        owner=OWNER_LABELS[proposal.owner],
        timeline=PEPPER_TIMELINES[proposal.peppers].format(y1=year + 1, y2=year + 2, end=end),
        text=proposal.agreement_for(municipality),
    )


def build_agenda(
    bank: QuestionBank,
    statuses: dict[str, ProposalStatus],
    saved: dict[str, dict],
    municipality: str,
    year: int,
) -> list[AgendaItem]:
    """The chosen proposals in catalogue order, each with its edits or else the suggested defaults."""
    items = []
    for proposal in bank.proposals:
        if statuses.get(proposal.id) != ProposalStatus.CHOSEN:
            continue
        base = default_item(proposal, municipality, year)
        edits = saved.get(proposal.id, {})
        items.append(
            AgendaItem(
                proposal,
                edits.get("goal") or base.goal,
                edits.get("owner") or base.owner,
                edits.get("timeline") or base.timeline,
                edits.get("text") or base.text,
            )
        )
    return items


def _title(municipality: str, year: int) -> str:
    return f"Democratiseringsagenda {municipality} (concept, scan {year})"


def _intro(municipality: str, today) -> str:
    return (
        f"Dit concept volgt uit de democratiescan van {municipality}. De voorstellen komen uit {PAMPHLET}; "
        f"voorstel 1a gaat over zo'n agenda. Opgesteld op {nl_date(today)}."
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:])")


def md_text(text: str) -> str:
    """Typed text as literal Markdown: every special character escaped, so ``![t](http://x/a.png)``, a
    link or HTML stays text (no image is fetched, no link is made); line breaks become spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def to_markdown(items: list[AgendaItem], municipality: str, year: int, today) -> str:
    lines = [f"# {md_text(_title(municipality, year))}", "", md_text(_intro(municipality, today)), ""]
    if not items:
        lines.append("Er zijn nog geen voorstellen gekozen.")
    for item in items:
        p = item.proposal
        lines += [
            f"## Voorstel {p.id}: {md_text(p.title)}",
            "",
            f"- **Doel:** {md_text(item.goal)}",
            f"- **Eigenaar:** {md_text(item.owner)}",
            f"- **Planning:** {md_text(item.timeline)}",
            "",
            "**Tekstsuggestie voor het akkoord:**",
            "",
            f"> {md_text(item.text)}",
            "",
        ]
    return "\n".join(lines)


def to_docx(items: list[AgendaItem], municipality: str, year: int, today) -> bytes:
    """The agenda as Word: A4, Word's heading styles, per proposal a table of its fields (label and
    value, no header bar), rows kept together."""
    doc = word.new_document(_title(municipality, year))
    doc.add_heading(_title(municipality, year), level=0)
    doc.add_paragraph(_intro(municipality, today))
    if not items:
        doc.add_paragraph("Er zijn nog geen voorstellen gekozen.")
    for item in items:
        p = item.proposal
        doc.add_heading(f"Voorstel {p.id}: {p.title}", level=1)
        word.add_table(
            doc,
            [["Doel", item.goal], ["Eigenaar", item.owner], ["Planning", item.timeline]],
            [3.5, 13.5],
            row_headers=True,
        )
        doc.add_paragraph("Tekstsuggestie voor het akkoord:").runs[0].bold = True
        doc.add_paragraph(item.text, style="Quote")
    return word.to_bytes(doc)

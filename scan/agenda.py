"""The Democratiseringsagenda (Voorstel 1a): chosen proposals as a draft agenda, in Markdown and Word."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt

from scan.formatting import nl_date
from scan.models import OWNER_LABELS, Proposal, ProposalStatus
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
        f"Dit concept volgt uit de democratiescan van {municipality}. De voorstellen komen uit het Democratisch "
        f"pamflet van de VNG (Thorbecke2024, 2022); voorstel 1a vraagt om zo'n agenda. Opgesteld op {nl_date(today)}."
    )


def to_markdown(items: list[AgendaItem], municipality: str, year: int, today) -> str:
    lines = [f"# {_title(municipality, year)}", "", _intro(municipality, today), ""]
    if not items:
        lines.append("Er zijn nog geen voorstellen gekozen.")
    for item in items:
        p = item.proposal
        lines += [
            f"## Voorstel {p.id}: {p.title}",
            "",
            f"- **Doel:** {item.goal}",
            f"- **Eigenaar:** {item.owner}",
            f"- **Planning:** {item.timeline}",
            f"- **Pepertjes:** {p.peppers}",
            "",
            "**Tekstsuggestie voor het akkoord:**",
            "",
            f"> {item.text}",
            "",
        ]
    return "\n".join(lines)


def to_docx(items: list[AgendaItem], municipality: str, year: int, today) -> bytes:
    doc = Document()
    doc.core_properties.title = _title(municipality, year)
    doc.core_properties.language = "nl-NL"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(_title(municipality, year), level=0)
    doc.add_paragraph(_intro(municipality, today))
    if not items:
        doc.add_paragraph("Er zijn nog geen voorstellen gekozen.")
    for item in items:
        p = item.proposal
        doc.add_heading(f"Voorstel {p.id}: {p.title}", level=1)
        table = doc.add_table(rows=4, cols=2)
        table.style = "Light List"
        for row, (label, value) in zip(
            table.rows,
            [
                ("Doel", item.goal),
                ("Eigenaar", item.owner),
                ("Planning", item.timeline),
                ("Pepertjes", str(p.peppers)),
            ],
            strict=True,
        ):
            row.cells[0].text, row.cells[1].text = label, value
        doc.add_paragraph("Tekstsuggestie voor het akkoord:", style="Intense Quote").runs[0].bold = True
        doc.add_paragraph(item.text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

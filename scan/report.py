"""The council report (PDF and Word): summary, charts, peers, roles, agenda, method and sources."""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
from docx import Document
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from scan import charts, views
from scan.agenda import AgendaItem, build_agenda
from scan.benchmark import MIN_N, Comparison
from scan.errors import ScanError
from scan.formatting import nl_date, nl_number
from scan.models import GROUP_LABELS
from scan.questionbank import question_bank
from scan.rounds import Round
from scan.scoring import METHOD_NL, ScanScore
from scan.storage import Store
from scan.summary import strongest_and_weakest
from scan.trend import arrow, deltas
from scan.voices import RoleResult

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CHART_SIZE = (900, 560)
_kaleido_lock = threading.Lock()
_kaleido_started = False


class ReportError(ScanError):
    """The report cannot be made (e.g. missing font or browser for the charts)."""


@dataclass(frozen=True)
class ReportData:
    municipality: str
    gm_code: str
    year: int
    own_is_demo: bool  # the municipality's own answers are fictief
    peers_are_demo: bool  # the peer figures rest (partly) on fictieve data
    score: ScanScore
    summary: str
    previous_year: int | None
    change: dict[int, float | None]
    comparison: Comparison
    roles: dict[str, RoleResult]
    divergences: list[str]  # conversation starters, plain sentences
    agenda: list[AgendaItem]
    made_on: date
    priority_names: dict[int, str] = field(default_factory=dict)


def build_report_data(
    store: Store, rnd: Round, group_id: str | None = None, today: date | None = None
) -> ReportData:
    """The report's content, from the same view the screens use, compared with the chosen group."""
    bank = question_bank()
    view = views.round_view(store, rnd, group_id)
    previous = view.trend.previous
    return ReportData(
        municipality=view.municipality,
        gm_code=rnd.gm_code,
        year=rnd.year,
        own_is_demo=view.scan.is_demo,
        peers_are_demo=view.peers_are_demo,
        score=view.scan.score,
        summary=strongest_and_weakest(bank, view.scan.score),
        previous_year=previous.round.year if previous else None,
        change=deltas(previous.score, view.scan.score) if previous else {},
        comparison=view.comparison,
        roles=view.roles.results,
        divergences=[d.sentence(bank) for d in view.roles.divergences],
        agenda=build_agenda(bank, view.statuses, view.agenda_edits, view.municipality, rnd.year),
        made_on=today or date.today(),
        priority_names={p.id: p.name for p in bank.priorities},
    )


def _png(fig: go.Figure) -> bytes:
    """PNG through kaleido and the system Chromium; one persistent kaleido server per process."""
    global _kaleido_started
    import kaleido

    with _kaleido_lock:
        if not _kaleido_started:
            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        try:
            with warnings.catch_warnings():  # plotly warns that its defaults are ignored by the server
                warnings.simplefilter("ignore", UserWarning)
                return fig.to_image(format="png", width=CHART_SIZE[0], height=CHART_SIZE[1], scale=1)
        except Exception as exc:  # kaleido raises several types when no browser is found
            raise ReportError(
                "De grafieken voor het rapport konden niet worden gemaakt: Chromium ontbreekt op de server "
                "(installeer het Debian-pakket 'chromium')."
            ) from exc


def render_charts(store: Store, data: ReportData) -> dict[str, bytes]:
    bank = question_bank()
    figures = {
        "radar": charts.radar(bank, data.score, data.municipality, data.own_is_demo),
        "balken": charts.priority_bars(bank, data.score, data.own_is_demo),
    }
    if data.comparison.enough:
        figures["vergelijking"] = charts.peer_bands(
            bank, data.score, data.comparison, data.own_is_demo or data.peers_are_demo
        )
    return {name: _png(fig) for name, fig in figures.items()}


# --- shared text blocks -------------------------------------------------------------------------


def _fictief_note(data: ReportData) -> str | None:
    """Say exactly which figures are fictief: the municipality's own, the peers', or both."""
    if data.own_is_demo and data.peers_are_demo:
        return "Let op: alle cijfers in dit rapport zijn fictief (verzonnen voorbeelddata)."
    if data.own_is_demo:
        return "Let op: de antwoorden van de gemeente in dit rapport zijn fictief (verzonnen voorbeelddata)."
    if data.peers_are_demo:
        return (
            "Let op: de cijfers van de vergelijkingsgroep steunen op fictieve voorbeelddata; "
            "de antwoorden van de gemeente zelf zijn echt."
        )
    return None


def _summary_lines(data: ReportData) -> list[str]:
    lines = [data.summary]
    if data.score.overall is not None:
        lines.insert(
            0,
            f"Totaalscore: {nl_number(data.score.overall)} van 100 "
            f"({data.score.core_counts.answered} van de {data.score.core_counts.total} vragen over de acht "
            "prioriteiten beantwoord).",
        )
    if data.previous_year is not None:
        changed = [(pid, d) for pid, d in data.change.items() if d is not None and abs(d) >= 0.5]
        if changed:
            best = max(changed, key=lambda c: c[1])
            worst = min(changed, key=lambda c: c[1])
            lines.append(
                f"Sinds {data.previous_year} ging {data.priority_names[best[0]]} het meest vooruit "
                f"({nl_number(best[1], 1)} punten); {data.priority_names[worst[0]]} veranderde het minst gunstig "
                f"({nl_number(worst[1], 1)} punten)."
            )
        else:
            lines.append(f"Sinds {data.previous_year} veranderden de scores nauwelijks.")
    return lines


def _priority_rows(data: ReportData) -> list[list[str]]:
    rows = [["Prioriteit", "Score", "Beantwoord", "Mediaan groep", "Sinds vorige"]]
    for ps in data.score.priorities:
        peer = data.comparison.priorities[ps.priority_id]
        delta = data.change.get(ps.priority_id)
        rows.append(
            [
                f"{ps.priority_id}. {data.priority_names[ps.priority_id]}",
                nl_number(ps.score) if ps.score is not None else "–",
                f"{ps.answered} van {ps.total}",
                nl_number(peer.median) if peer.enough else f"n = {peer.n}",
                f"{arrow(delta)} {nl_number(delta, 1)}" if delta is not None else "–",
            ]
        )
    return rows


def _role_lines(data: ReportData) -> list[str]:
    lines = []
    for role, result in data.roles.items():
        label = GROUP_LABELS.get(role, "Alle respondenten samen")
        if result.enough:
            lines.append(f"{label}: {result.respondents} respondenten.")
        else:
            lines.append(
                f"{label}: te weinig respondenten voor cijfers (n = {result.respondents}; minimaal {MIN_N})."
            )
    if not lines:
        lines.append("Er zijn (nog) geen andere respondenten dan de zelfscan.")
    lines += data.divergences
    return lines


def _method_lines(data: ReportData) -> list[str]:
    # one paragraph per numbered rule
    lines = [" ".join(part.split()) for part in METHOD_NL.replace("\n   ", " ").splitlines() if part.strip()]
    if data.comparison is not None:
        c = data.comparison
        note = f" ({c.group.note})" if c.group.incomplete else ""
        lines.append(
            f"Vergelijkingsgroep: {c.group.label}{note}; {c.n} gemeenten met gegevens in {c.year}. "
            f"Groepscijfers pas vanaf {MIN_N} gemeenten; de eigen gemeente telt niet mee."
        )
    lines.append(
        "Bronnen: VNG Thorbecke2024, Democratisch pamflet (2022); gemeenten en indeling: CBS 2025; "
        "inwonertal: secundaire bron, bij benadering; vergelijkingsgroepen G4, G40, M50 en P10 (onvolledig) "
        "volgens de openbare ledenlijsten van deze netwerken; verkiezingsuitslagen: Kiesraad."
    )
    if note := _fictief_note(data):
        lines.append(note)
    return lines


# --- PDF ------------------------------------------------------------------------------------------


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 8, f"democratiescan · pagina {self.page_no()}", align="C")


def to_pdf(data: ReportData, images: dict[str, bytes]) -> bytes:
    if not (FONT_DIR / "DejaVuSans.ttf").exists():
        raise ReportError("Het lettertype DejaVu ontbreekt (Debian-pakket 'fonts-dejavu-core').")
    pdf = _Pdf(format="A4")
    pdf.set_title(f"Democratiescan {data.municipality} {data.year}")
    pdf.set_lang("nl-NL")
    pdf.add_font("DejaVu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", style="B", fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=18)

    def heading(text: str, size: int = 16) -> None:
        pdf.set_font("DejaVu", "B", size)
        pdf.multi_cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)

    def para(text: str) -> None:
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)

    pdf.add_page()
    pdf.ln(50)
    heading("Democratiescan", 30)
    heading(f"{data.municipality} · {data.year}", 22)
    para(f"Rapport voor de gemeenteraad, gemaakt op {nl_date(data.made_on)}.")
    if note := _fictief_note(data):
        pdf.set_text_color(138, 28, 28)
        para(note)
        pdf.set_text_color(0, 0, 0)

    pdf.add_page()
    heading("Samenvatting")
    for line in _summary_lines(data):
        para(line)
    if "radar" in images:
        pdf.image(io.BytesIO(images["radar"]), w=170)

    pdf.add_page()
    heading("De acht prioriteiten")
    pdf.set_font("DejaVu", size=9)
    with pdf.table(col_widths=(70, 20, 28, 32, 30), text_align="LEFT") as table:
        for row in _priority_rows(data):
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(4)
    if "balken" in images:
        pdf.image(io.BytesIO(images["balken"]), w=170)
    if "vergelijking" in images:
        pdf.add_page()
        heading(f"Vergelijking met {data.comparison.group.label}")
        pdf.image(io.BytesIO(images["vergelijking"]), w=170)

    pdf.add_page()
    heading("Hoe kijken de verschillende rollen ertegen aan?")
    for line in _role_lines(data):
        para(line)

    heading("Gekozen voorstellen en concept-democratiseringsagenda")
    if not data.agenda:
        para("Er zijn nog geen voorstellen gekozen.")
    for item in data.agenda:
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(
            0, 6, f"Voorstel {item.proposal.id}: {item.proposal.title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        para(f"Doel: {item.goal}  Eigenaar: {item.owner}.  Planning: {item.timeline}.")
        para(item.text)

    pdf.add_page()
    heading("Werkwijze en bronnen")
    for line in _method_lines(data):
        para(line)
    return bytes(pdf.output())


# --- Word -----------------------------------------------------------------------------------------


def to_docx(data: ReportData, images: dict[str, bytes]) -> bytes:
    doc = Document()
    doc.core_properties.title = f"Democratiescan {data.municipality} {data.year}"
    doc.core_properties.language = "nl-NL"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(f"Democratiescan {data.municipality} {data.year}", level=0)
    doc.add_paragraph(f"Rapport voor de gemeenteraad, gemaakt op {nl_date(data.made_on)}.")
    if note := _fictief_note(data):
        doc.add_paragraph(note)
    doc.add_heading("Samenvatting", level=1)
    for line in _summary_lines(data):
        doc.add_paragraph(line)
    if "radar" in images:
        doc.add_picture(io.BytesIO(images["radar"]), width=Cm(15))
    doc.add_heading("De acht prioriteiten", level=1)
    rows = _priority_rows(data)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Light Grid Accent 1"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if "balken" in images:
        doc.add_picture(io.BytesIO(images["balken"]), width=Cm(15))
    if "vergelijking" in images:
        doc.add_heading(f"Vergelijking met {data.comparison.group.label}", level=1)
        doc.add_picture(io.BytesIO(images["vergelijking"]), width=Cm(15))
    doc.add_heading("Hoe kijken de verschillende rollen ertegen aan?", level=1)
    for line in _role_lines(data):
        doc.add_paragraph(line)
    doc.add_heading("Gekozen voorstellen en concept-democratiseringsagenda", level=1)
    if not data.agenda:
        doc.add_paragraph("Er zijn nog geen voorstellen gekozen.")
    for item in data.agenda:
        doc.add_heading(f"Voorstel {item.proposal.id}: {item.proposal.title}", level=2)
        doc.add_paragraph(f"Doel: {item.goal}  Eigenaar: {item.owner}.  Planning: {item.timeline}.")
        doc.add_paragraph(item.text)
    doc.add_heading("Werkwijze en bronnen", level=1)
    for line in _method_lines(data):
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

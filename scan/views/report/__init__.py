"""The council report: one HTML template (Jinja2) for the web report and the PDF (WeasyPrint, tagged
PDF/UA-1), and a Word file with the same content. Charts are SVG drawn from the numbers
(scan/rules/svg_charts.py), each with its numbers as text alternative. Also the council letter in Word
(letter.py), the agenda as a PDF of its own, and ``html_to_pdf``, which makes the presentation's PDF too."""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from scan.base.errors import ScanError
from scan.base.formatting import keep_n, nl_count, nl_number
from scan.content.models import PAMPHLET
from scan.rules.agenda import AgendaItem, Input, document_intro, document_title
from scan.rules.benchmark import MIN_N
from scan.rules.voices import DIVERGENCE_POINTS
from scan.views.report.content import ReportData, report_data
from scan.views.report.letter import Letter, letter_data, letter_docx
from scan.views.workshops import WorkshopReport

TEMPLATES = Path(__file__).parent / "templates"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

__all__ = [
    "Letter",
    "ReportData",
    "ReportError",
    "agenda_html",
    "agenda_pdf",
    "html_to_pdf",
    "letter_data",
    "letter_docx",
    "report_data",
    "to_docx",
    "to_html",
    "to_pdf",
    "workshop_html",
    "workshop_pdf",
]


class ReportError(ScanError):
    """The report cannot be made (e.g. a missing font or system library)."""


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@functools.cache
def _environment() -> Environment:
    # autoescape: whatever a user typed (toelichting, agenda fields, workshop titles) stays text
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        # every value drawn: "(n = 5)" stays on one line
        # (markup marked safe, such as the stylesheet, stays as it is: a changed copy would lose the mark)
        finalize=lambda value: (
            keep_n(value) if isinstance(value, str) and not hasattr(value, "__html__") else value
        ),
    )
    env.globals["pamphlet"] = PAMPHLET
    env.filters["num"] = nl_number
    # {{ n|aantal("passage", "passages") }}: "1 passage", "3 passages" (not "count": Jinja's own length filter)
    env.filters["aantal"] = nl_count
    env.filters["data_uri"] = _data_uri
    env.filters["keep"] = lambda text: str(text).replace("Niveau ", "Niveau\u00a0")  # "Niveau 3" on one line
    return env


SUMMARY_PROPOSALS = 3  # chosen proposals named on the one-page summary; the agenda has them all


def render(template: str, **context) -> str:
    """A template from scan/views/report/templates, autoescaped (the presentation uses this too)."""
    return _environment().get_template(template).render(**context)


def to_html(data: ReportData) -> str:
    """The report as one self-contained web page (charts inline), the same page the PDF is made from."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    template = _environment().get_template("report.html.j2")
    return template.render(
        d=data, css=css, min_n=MIN_N, divergence=DIVERGENCE_POINTS, summary_proposals=SUMMARY_PROPOSALS
    )


def to_pdf(data: ReportData) -> bytes:
    """Tagged PDF (PDF/UA-1): Dutch, titled, headings, tables and figures with their alternative text."""
    return html_to_pdf(to_html(data))


def agenda_html(
    items: Sequence[AgendaItem], municipality: str, year: int, today: date, inputs: Sequence[Input] = ()
) -> str:
    """The agenda on its own (the same items and words as the report's agenda section, its Word file
    and its text file), for publishing with the council documents."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return (
        _environment()
        .get_template("agenda.html.j2")
        .render(
            title=document_title(municipality, year),
            intro=document_intro(municipality, today),
            municipality=municipality,
            items=items,
            inputs=inputs,
            css=css,
        )
    )


def agenda_pdf(
    items: Sequence[AgendaItem], municipality: str, year: int, today: date, inputs: Sequence[Input] = ()
) -> bytes:
    """The agenda as a tagged PDF (PDF/UA-1), made as the council report is."""
    return html_to_pdf(agenda_html(items, municipality, year, today, inputs))


def workshop_html(data: WorkshopReport) -> str:
    """The short report of one workshop (scan/views/workshops.py), for the council and the agenda."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _environment().get_template("workshop.html.j2").render(d=data, css=css)


def workshop_pdf(data: WorkshopReport) -> bytes:
    """The workshop report as a tagged PDF (PDF/UA-1), made as the council report is."""
    return html_to_pdf(workshop_html(data))


def html_to_pdf(html: str) -> bytes:
    """A whole HTML page (``lang``, ``title``, headings, tables, figures with ``alt``) as a tagged PDF/UA-1
    in DejaVu: the report, the presentation and the workshop report are all made so."""
    if not FONT.exists():
        raise ReportError("Het lettertype DejaVu ontbreekt op de server (Debian-pakket 'fonts-dejavu-core').")
    try:
        import weasyprint
    except OSError as exc:  # WeasyPrint loads Pango when imported
        raise ReportError(
            "De PDF kan niet worden gemaakt: Pango ontbreekt (Debian-pakket 'libpango-1.0-0')."
        ) from exc
    document = weasyprint.HTML(string=html)
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=False)


def to_docx(data: ReportData) -> bytes:
    from scan.views.report.word import write

    return write(data)

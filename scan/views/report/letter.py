"""The raadsinformatiebrief: the letter in which the griffie tells the council what the scan found, as
an editable Word file (issue 26.10).

A function of the round's view, like the report: every figure in it is the report's own (``report_data``),
so a figure the small-group rule hides in the report is hidden here too, with the same words. Only the
letter's own sentences are made here, in plain Dutch (B1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scan.base import word
from scan.base.formatting import nl_count
from scan.content.models import PAMPHLET
from scan.rules.benchmark import MIN_N
from scan.rules.voices import DIVERGENCE_POINTS
from scan.views import round as round_views
from scan.views.report.content import ReportData, report_data


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: tuple[float, ...] = ()  # cm in Word; equal after the first column when not given


@dataclass(frozen=True)
class Part:
    """One heading of the letter: its paragraphs, a table, and points with a line before them, in that order."""

    heading: str
    paragraphs: list[str]
    table: Table | None = None
    points_intro: str = ""
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class Letter:
    title: str  # the file's title: "Raadsinformatiebrief democratiescan Zeist 2026"
    fields: list[tuple[str, str]]  # aan, van, datum, onderwerp
    fictief: str | None
    salutation: str
    opening: list[str]
    parts: list[Part]
    signature: list[str]
    attachment: str


def _summary(d: ReportData) -> Part:
    return Part(
        "Kort samengevat",
        [
            f"De totaalscore over de acht prioriteiten is {d.total}.",
            d.answered_line,
            d.in_short,
            *d.change_lines,
        ],
    )


def _comparison(d: ReportData) -> Part:
    p = d.peers
    paragraphs = [p.line]
    if d.peers_are_demo:
        paragraphs.append("Let op: de cijfers van de groep zijn fictieve voorbeelddata.")
    if not p.enough:
        paragraphs.append(f"{p.message[0].upper()}{p.message[1:]}. Er zijn dus geen cijfers van de groep.")
    change = f"Sinds {d.trend.previous_year}" if d.trend else "Verschil"
    table = Table(
        ["Prioriteit", "Score", change, f"Mediaan {p.short}"],
        [[f"{n}. {r.name}", r.score, r.change, r.median] for n, r in enumerate(d.summary_rows, start=1)],
        (8.0, 3.0, 3.0, 3.0),
    )
    paragraphs.append(
        "De mediaan is het middelste getal van de groep: de helft van de gemeenten scoort hoger, de helft lager."
    )
    return Part("Vergelijking met andere gemeenten", paragraphs, table)


def _roles(d: ReportData) -> Part:
    r = d.roles
    paragraphs = []
    table = None
    if r.any_enough:
        paragraphs.append(
            f"Ook anderen vulden de scan in. Hieronder de gemiddelde score per rol, van 0 tot 100. "
            f"Een rol staat er pas bij vanaf {MIN_N} mensen."
        )
        table = Table(r.header, r.rows)
    elif not r.too_few:
        paragraphs.append("Alleen de griffie vulde de scan in. Er zijn (nog) geen andere rollen.")
    if r.too_few:
        paragraphs.append(f"Te weinig mensen om cijfers te tonen (minimaal {MIN_N}): {', '.join(r.too_few)}.")
    intro = (
        f"Hier verschillen de rollen {DIVERGENCE_POINTS} punten of meer. Dat is een goed begin van een gesprek:"
        if r.starters
        else ""
    )
    return Part("Wat de rollen vinden", paragraphs, table, intro, tuple(r.starters))


def _agreement(d: ReportData) -> Part:
    a = d.agreement
    if not a.read:
        return Part("Wat het akkoord belooft", [a.intro])
    paragraphs = [
        "De griffie las het akkoord met de akkoordcheck. Alleen wat de griffie heeft bevestigd, staat hieronder."
    ]
    rows = [
        [f"{n}. {ap.name}", ap.status, "\n".join(ap.confirmed_words) or "–"]
        for n, ap in enumerate(a.priorities, start=1)
    ]
    return Part(
        "Wat het akkoord belooft",
        paragraphs,
        Table(["Prioriteit", "In het akkoord", "Bevestigde voorstellen"], rows, (5.5, 3.0, 8.5)),
    )


def _agenda(d: ReportData) -> Part:
    if not d.agenda:
        return Part(
            "De concept-democratiseringsagenda", ["Er zijn nog geen voorstellen uit het pamflet gekozen."]
        )
    rows = [[item.title, item.goal, item.owner, item.timeline] for item in d.agenda]
    chosen = sum(1 for item in d.agenda if item.proposal is not None)
    own = len(d.agenda) - chosen
    lead = f"De griffie koos {nl_count(chosen, 'voorstel', 'voorstellen')} uit het pamflet"
    if own:
        lead += f" en zette er {nl_count(own, 'eigen punt', 'eigen punten')} bij"
    return Part(
        "De concept-democratiseringsagenda",
        [f"{lead}. Samen vormen ze een concept voor de agenda van de komende jaren."],
        Table(["Voorstel", "Doel", "Eigenaar", "Planning"], rows, (4.5, 6.5, 3.0, 3.0)),
    )


def letter_data(view: round_views.RoundView, today: date | None = None) -> Letter:
    """The letter as a function of the round's assembled view, with the report's own figures."""
    d = report_data(view, today)
    return Letter(
        title=f"Raadsinformatiebrief democratiescan {d.municipality} {d.year}",
        fields=[
            ("Aan", f"De leden van de gemeenteraad van {d.municipality}"),
            ("Van", "De griffie"),
            ("Datum", d.made_on),
            ("Onderwerp", f"Uitkomsten van de democratiescan {d.year}"),
        ],
        fictief=d.fictief,
        salutation="Geachte raadsleden,",
        opening=[
            f"Met deze brief vertellen wij u wat de democratiescan {d.year} laat zien. "
            "De scan kijkt hoe het staat met de lokale democratie in onze gemeente.",
            f"De scan volgt de acht prioriteiten uit {PAMPHLET}. De griffie vulde de scan in. "
            "Het volledige rapport zit als bijlage bij deze brief.",
        ],
        parts=[
            _summary(d),
            _comparison(d),
            _roles(d),
            _agreement(d),
            _agenda(d),
            Part(
                "Vervolg",
                [
                    "Wij stellen voor de uitkomsten en de concept-agenda met u te bespreken.",
                    "Over twee jaar doet de gemeente de scan opnieuw. Dan ziet u wat er veranderde.",
                ],
            ),
        ],
        signature=["Met vriendelijke groet,", f"De griffier van de gemeente {d.municipality}"],
        attachment=f"Bijlage: rapport democratiescan {d.municipality} {d.year}",
    )


def letter_docx(letter: Letter) -> bytes:
    """The letter in Word: A4, Dutch, Word's own styles, the footer with page numbers; every word editable."""
    doc = word.new_document(letter.title)
    doc.add_heading("Raadsinformatiebrief", level=0)
    word.add_table(doc, [[label, value] for label, value in letter.fields], [3.5, 13.5], row_headers=True)
    if letter.fictief:
        word.note(doc, f"Let op. {letter.fictief}")
    doc.add_paragraph(letter.salutation)
    for paragraph in letter.opening:
        doc.add_paragraph(paragraph)
    for part in letter.parts:
        doc.add_heading(part.heading, level=1)
        for paragraph in part.paragraphs:
            doc.add_paragraph(paragraph)
        if part.table is not None:
            cols = len(part.table.header)
            widths = list(part.table.widths) or [6.0] + [11.0 / (cols - 1)] * (cols - 1)
            word.add_table(
                doc,
                part.table.rows,
                widths,
                header=part.table.header,
                numeric=frozenset(range(1, cols))
                if all(_numeric(row[1:]) for row in part.table.rows)
                else frozenset(),
            )
        if part.points_intro:
            doc.add_paragraph(part.points_intro)
        for point in part.points:
            doc.add_paragraph(point, style="List Bullet")
    for line in letter.signature:
        doc.add_paragraph(line)
    doc.add_paragraph(letter.attachment)
    word.add_footer(doc, letter.title)
    return word.to_bytes(doc)


def _numeric(cells: list[str]) -> bool:
    """Cells that hold figures ("62", "+12", "–"): right-aligned, as in the report."""
    return all(c.lstrip("+\u2212").replace(".", "").replace(",", "").isdigit() or c == "–" for c in cells)

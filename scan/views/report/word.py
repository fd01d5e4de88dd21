"""The council report as a Word file: the same content as the PDF, in Word's own styles and tables."""

from __future__ import annotations

import io

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from scan.base import word
from scan.base.formatting import keep_n, nl_count
from scan.content.models import PAMPHLET
from scan.rules.agenda import add_inputs_to_docx, add_item_to_docx
from scan.rules.answer_words import DONT_KNOW_COUNT
from scan.rules.benchmark import MIN_N
from scan.rules.svg_charts import Chart
from scan.views.report.content import ReportData, Section


def _picture(doc, chart: Chart, width_cm: float = 16.0) -> None:
    """The chart as a picture with its numbers as the picture's alternative text (Word reads ``descr``)."""
    import cairosvg

    png = cairosvg.svg2png(bytestring=chart.svg.encode("utf-8"), output_width=1600)
    shape = doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    doc_pr = shape._inline.find(qn("wp:docPr"))
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", chart.alt.split(".")[0])


def _section(doc, s: Section, number: int | None) -> None:
    doc.add_heading(f"{number}. {s.name}" if number else s.name, level=2)
    meta = [f"Score {s.score}", f"{s.counts.answered} van de {s.counts.total} vragen beantwoord"]
    doc.add_paragraph(" · ".join(meta + [x for x in (s.change, s.peer) if x]))
    rows = []
    for q in s.questions:
        question = q.statement + (f"\n{q.tips}" if q.tips else "")
        answer = q.answer + (f"\n{q.description}" if q.description else "")
        if q.comment:
            answer += f"\nToelichting: {q.comment}"
        rows.append([question, answer])
    word.add_table(doc, rows, [7.5, 9.5], header=["Vraag", "Antwoord van de griffie"])


def write(d: ReportData) -> bytes:
    doc = word.new_document(d.title)
    doc.add_paragraph("Rapport voor de gemeenteraad")
    doc.add_heading(d.title, level=0)
    doc.add_paragraph(f"Gemaakt op {d.made_on} met de democratiescan, naar {PAMPHLET}.")
    if d.fictief:
        word.note(doc, f"Let op. {d.fictief}")

    doc.add_heading("Samenvatting", level=1)
    doc.add_paragraph(f"Totaalscore over de acht prioriteiten: {d.total}.")
    doc.add_paragraph(d.answered_line)
    doc.add_paragraph(d.in_short)
    for line in d.change_lines:
        doc.add_paragraph(line)
    doc.add_paragraph(d.peers.line)
    doc.add_heading(d.top_heading, level=2)
    for title, why in d.top_proposals:
        doc.add_paragraph(f"{title}: {why}", style="List Bullet")

    doc.add_heading("De acht prioriteiten in één oogopslag", level=1)
    _picture(doc, d.charts["radar"], 13)
    rows = [
        [
            f"{n}. {r.name}",
            r.score,
            str(r.counts.total),
            str(r.counts.scored),
            str(r.counts.dont_know),
            str(r.counts.open),
        ]
        for n, r in enumerate(d.overview, start=1)
    ]
    t = d.overview_total
    rows.append(
        [
            t.name,
            t.score,
            str(t.counts.total),
            str(t.counts.scored),
            str(t.counts.dont_know),
            str(t.counts.open),
        ]
    )
    word.add_table(
        doc,
        rows,
        [6.2, 3.0, 1.8, 2.2, 2.0, 1.8],
        header=["Prioriteit", "Score", "Vragen", "Met niveau", DONT_KNOW_COUNT, "Open"],
        numeric=frozenset({2, 3, 4, 5}),
        bold_last=True,
    )
    if d.culture:
        doc.add_paragraph(
            f"Bestuurscultuur staat apart en telt niet mee: {d.culture.counts.answered} van de "
            f"{d.culture.counts.total} vragen beantwoord, score {d.culture.score}."
        )

    doc.add_heading("De antwoorden per prioriteit", level=1)
    for n, s in enumerate(d.sections, start=1):
        _section(doc, s, n)
    if d.culture:
        doc.add_heading("Bestuurscultuur: de acht tips", level=1)
        doc.add_paragraph(d.culture.description)
        _section(doc, d.culture, None)

    doc.add_heading("Wat veranderde sinds de vorige scan", level=1)
    if d.trend:
        _picture(doc, d.charts["trend"])
        header = ["Prioriteit", *map(str, d.trend.years), "Verschil"]
        rows = [[name, *values, diff] for name, values, diff in d.trend.rows]
        rows.append(["Totaalscore", *d.trend.total[0], d.trend.total[1]])
        rest = (17.0 - 6.0) / (len(d.trend.years) + 1)
        word.add_table(
            doc,
            rows,
            [6.0] + [rest] * (len(d.trend.years) + 1),
            header=header,
            numeric=frozenset(range(1, len(header))),
            bold_last=True,
        )
        doc.add_heading(f"Antwoorden die veranderden sinds {d.trend.previous_year}", level=2)
        if d.trend.changes:
            word.add_table(
                doc,
                [[q, before, f"{after} ({direction})"] for q, before, after, direction in d.trend.changes],
                [8.0, 4.5, 4.5],
                header=["Vraag", str(d.trend.previous_year), str(d.year)],
            )
        else:
            doc.add_paragraph("Geen enkel antwoord veranderde.")
    else:
        doc.add_paragraph(
            f"Dit is de eerste scan van {d.municipality}. Bij de volgende scan staat hier wat er veranderde."
        )

    p = d.peers
    doc.add_heading(f"Vergelijking met {p.short}", level=1)
    intro = f"{p.line} Uw gemeente naast {p.phrase} in {d.comparison.year}: {p.with_data} (uw eigen gemeente telt niet mee)."
    doc.add_paragraph(intro + (f" {p.note}" if p.note else ""))
    if d.peers_are_demo:
        word.note(doc, "De groepscijfers steunen op fictieve voorbeelddata.")
    if p.enough:
        _picture(doc, d.charts["vergelijking"])
        word.add_table(
            doc,
            p.rows,
            [5.4, 2.0, 2.6, 2.8, 2.2, 2.0],
            header=["Prioriteit", "Uw score", "Mediaan groep", "Middelste helft", "Percentiel", "Gemeenten"],
            numeric=frozenset({1, 2, 3, 4, 5}),
        )
        doc.add_heading("Vragen waarop de meeste vergelijkbare gemeenten verder zijn", level=2)
        if p.behind:
            doc.add_paragraph(
                "Bij deze vragen scoort minstens driekwart van de groep hoger dan of gelijk aan uw gemeente; "
                "de kolom “Verder dan u” geeft het deel van de groep op een hoger niveau."
            )
            word.add_table(
                doc,
                p.behind,
                [6.4, 3.6, 2.6, 2.2, 2.2],
                header=["Vraag", "Uw antwoord", "Mediaan groep", "Verder dan u", "Gemeenten"],
                numeric=frozenset({3, 4}),
            )
        else:
            doc.add_paragraph("Er is geen vraag waarop driekwart van de groep verder is dan uw gemeente.")
    else:
        doc.add_paragraph(f"{p.message[0].upper()}{p.message[1:]}: er zijn geen groepscijfers.")

    doc.add_heading("Hoe kijken de verschillende rollen ertegen aan?", level=1)
    if d.roles.response:
        doc.add_heading("Wie deden mee?", level=2)
        for line in d.roles.response:
            doc.add_paragraph(line, style="List Bullet")
        doc.add_paragraph(" ".join(["Meegedaan: verstuurd met Klaar.", d.roles.until]).strip())
    if d.roles.any_enough:
        doc.add_paragraph(
            f"Gemiddelde score per rol (0–100; alleen rollen met minstens {MIN_N} respondenten)."
        )
        cols = len(d.roles.header)
        word.add_table(
            doc,
            d.roles.rows,
            [6.0] + [11.0 / (cols - 1)] * (cols - 1),
            header=d.roles.header,
            numeric=frozenset(range(1, cols)),
        )
    elif not d.roles.too_few:
        doc.add_paragraph("Alleen de griffie vulde de scan in; er zijn (nog) geen andere respondenten.")
    if d.roles.too_few:
        doc.add_paragraph(
            keep_n(f"Te weinig respondenten voor cijfers (minimaal {MIN_N}): {', '.join(d.roles.too_few)}.")
        )
    if d.roles.starters:
        doc.add_heading("Gespreksstarters", level=2)
        for starter in d.roles.starters:
            doc.add_paragraph(starter, style="List Bullet")

    doc.add_heading("Uitkomsten van de workshops", level=1)
    if not d.workshops:
        doc.add_paragraph("In deze ronde is (nog) geen workshop gehouden.")
    for w in d.workshops:
        doc.add_heading(w.title, level=2)
        doc.add_paragraph(f"{nl_count(w.participants, 'deelnemer', 'deelnemers')}.")
        for q in w.questions:
            if q.counts:
                doc.add_paragraph(f"{q.statement} ({q.answered} antwoorden)")
                _count_table(doc, q.counts, "Antwoord", "Aantal")
            else:
                doc.add_paragraph(
                    f"Geen uitkomst gepubliceerd bij “{q.statement}” "
                    f"({nl_count(q.answered, 'antwoord', 'antwoorden')}). Een uitkomst staat "
                    f"er pas als de begeleider hem toonde en minstens {MIN_N} deelnemers antwoordden."
                )
        if w.votes:
            doc.add_paragraph(f"Stemming over de voorstellen ({w.voters} deelnemers stemden)")
            _count_table(doc, w.votes, "Voorstel", "Stemmen")
        elif w.voters:
            doc.add_paragraph(
                f"Stemming: {nl_count(w.voters, 'deelnemer stemde', 'deelnemers stemden')}; een uitslag staat er "
                f"vanaf {MIN_N} stemmers."
            )

    doc.add_heading("Wat het akkoord zegt", level=1)
    doc.add_paragraph(d.agreement.intro)
    if d.agreement.read:
        word.add_table(
            doc,
            [
                [f"{n}. {ap.name}", ap.status, "\n".join(ap.confirmed_words) or "–"]
                for n, ap in enumerate(d.agreement.priorities, start=1)
            ],
            [5.5, 3.0, 8.5],
            header=["Prioriteit", "In het akkoord", "Bevestigde voorstellen"],
        )
        for ap in d.agreement.priorities:
            if not ap.promises and ap.theme is None:
                continue
            doc.add_heading(ap.name, level=2)
            for x in ap.promises:
                doc.add_paragraph(f"{x.proposal}, {x.where}:").runs[0].bold = True
                doc.add_paragraph(x.quote, style="Quote")
                doc.add_paragraph(x.practice)
            if ap.theme is not None and not ap.promises:
                lead = doc.add_paragraph(f"Thema genoemd, zonder een van de voorstellen, {ap.theme.where}:")
                lead.runs[0].bold = True
                doc.add_paragraph(ap.theme.quote, style="Quote")

    if (previous := d.previous_agenda) is not None:
        doc.add_heading(previous.heading, level=1)
        doc.add_paragraph(f"Zo staan de punten van de agenda van {previous.year} ervoor. {previous.summary}")
        word.add_table(
            doc,
            [
                [item.named, item.progress.line, "\n".join(n.line for n in item.progress.notes) or "–"]
                for item in previous.items
            ],
            [5.5, 3.5, 8.0],
            header=["Punt", "Stand", "Voortgang"],
        )
        if previous.carry is not None:
            doc.add_paragraph(
                f"{nl_count(previous.carry.items, 'open punt is', 'open punten zijn')} meegenomen naar de agenda hierna."
            )
        elif previous.open_items:
            doc.add_paragraph("De open punten zijn (nog) niet meegenomen naar de agenda hierna.")

    doc.add_heading("Gekozen voorstellen: de concept-democratiseringsagenda", level=1)
    if not d.agenda:
        doc.add_paragraph(
            "Er zijn nog geen voorstellen gekozen. Kies ze in de app op de pagina Aanbevelingen."
        )
    for item in d.agenda:
        doc.add_heading(item.named, level=2)
        add_item_to_docx(doc, item)
    add_inputs_to_docx(doc, d.agenda_inputs, level=2)

    doc.add_heading("Zo is de scan gemaakt", level=1)
    for paragraph in d.method:
        doc.add_paragraph(paragraph)
    doc.add_heading("Bronnen", level=2)
    for source in d.sources:
        doc.add_paragraph(source, style="List Bullet")
    if d.fictief:
        word.note(doc, d.fictief)
    _keep_headings_with_next(doc)
    word.add_footer(doc, d.title)
    return word.to_bytes(doc)


def _keep_headings_with_next(doc) -> None:
    """A heading never ends a page on its own."""
    for paragraph in doc.paragraphs:
        if paragraph.style.name.startswith(("Heading", "Title")):
            ppr = paragraph._p.get_or_add_pPr()
            if ppr.find(qn("w:keepNext")) is None:
                ppr.append(OxmlElement("w:keepNext"))


def _count_table(doc, rows, label: str, count: str) -> None:
    """Two columns: what was chosen, and how many chose it."""
    word.add_table(
        doc, [[name, str(n)] for name, n in rows], [13.0, 4.0], header=[label, count], numeric=frozenset({1})
    )

"""Data exports of one round: Excel (a sheet per kind), CSV (answers with scores) and JSON.

The same promises as the screens: respondents' rows only for a role whose answers the disclosure
rule publishes (scan/rules/disclosure.py: at least five who sent their answers, never a set that differs
from an earlier one by one person), in an order that says nothing about who answered when;
otherwise one line with the count. Cells that a spreadsheet would run as a formula stay text, and
control characters in stored text never break a file.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from scan.base import filenames
from scan.base.formatting import nl_count, shown
from scan.base.text import printable, spreadsheet_cell
from scan.content.questionbank import question_bank
from scan.records import benchmark_store
from scan.records.round.rounds import Round
from scan.rules.akkoord.coverage import theme_key
from scan.rules.scoring import Counts, PriorityScore
from scan.rules.voices import role_rows
from scan.storage.core import Store
from scan.views.round import RoundView, round_view
from scan.views.self_scan import municipality_name

COLUMNS = ["respondent", "rol", "vraag", "vraagversie", "antwoord", "weet_niet", "toelichting"]


def answers_frame(view: RoundView) -> pd.DataFrame:
    """One row per answer: the self-scan (with the griffie's comments) and the published respondents
    (by number, never by person)."""
    bank, rnd = question_bank(), view.scan.round
    rows = [
        ("zelfscan", "griffie (zelfscan)", qid, a.version, a.value, a.dont_know, a.comment)
        for qid, a in sorted(view.scan.answers.items())
    ]
    rows += view.respondent_answers
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # the statement as it was asked: an old answer keeps the wording it was given to
    frame.insert(
        3,
        "stelling",
        [
            bank.question_at(q, v).statement if q else ""
            for q, v in zip(frame["vraag"], frame["vraagversie"], strict=True)
        ],
    )
    frame.insert(0, "jaar", rnd.year)
    frame.insert(0, "gemeente", view.municipality)
    frame.insert(0, "gemeente_code", rnd.gm_code)
    return frame


def roles_frame(view: RoundView) -> pd.DataFrame:
    """The roles page's own table (voices.role_rows): figures only where they are shown."""
    self_scores = {p.priority_id: p.score for p in view.scan.score.priorities}
    frame = pd.DataFrame(role_rows(question_bank(), view.roles.results, view.roles.together, self_scores))
    # a shown score is a number in the sheet (the same whole number as on the screen), a reason stays text
    return frame.apply(
        lambda column: column.map(lambda v: int(v) if isinstance(v, str) and v.isdigit() else v)
    )


def _text_cells(frame: pd.DataFrame, cell) -> pd.DataFrame:
    """Apply ``cell`` to every text cell."""
    return frame.apply(
        lambda column: (
            column.map(cell) if pd.api.types.is_string_dtype(column) or column.dtype == object else column
        )
    )


def _whole(value: float | None) -> int | None:
    """A score as the screens show it (one rounding rule: scan/base/formatting.py)."""
    rounded = shown(value)
    return None if rounded is None else int(rounded)


def _whole_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Whole numbers stay whole next to an empty cell (not 63.0)."""
    for column in columns:
        frame[column] = frame[column].astype("Int64")
    return frame


def _score_row(key: object, name: str, score: float | None, counts: Counts) -> dict:
    return {
        "prioriteit": key,
        "naam": name,
        "score": _whole(score),
        "beantwoord": counts.answered,
        "waarvan_weet_niet": counts.dont_know,
        "open": counts.open,
        "vragen": counts.total,
    }


def scores_frame(view: RoundView) -> pd.DataFrame:
    """The eight priorities, their total (the rows above it add up to it), then Bestuurscultuur apart."""
    bank, score = question_bank(), view.scan.score

    def row(ps: PriorityScore) -> dict:
        return _score_row(ps.priority_id, bank.priority(ps.priority_id).name, ps.score, ps.counts)

    rows = [row(ps) for ps in score.priorities]
    rows.append(_score_row("totaal", "Totaal van de acht prioriteiten", score.overall, score.core_counts))
    if score.culture is not None:
        rows.append(row(score.culture) | {"naam": f"{bank.priority(score.culture.priority_id).name} (apart)"})
    return _whole_columns(pd.DataFrame(rows), ["score"])


def proposals_frame(view: RoundView) -> pd.DataFrame:
    """Per proposal: the choice, what the akkoordcheck found and the griffier's decision (a page and
    quote only for a confirmed match), and what the workshops published: the screens' own views."""
    statuses, agreement, says = view.statuses, view.agreement, view.agenda.workshops
    analysis = agreement.agreement.analysis if agreement.agreement is not None else None
    rows = []
    for p in question_bank().proposals:
        found = analysis.proposals[p.id].label if analysis is not None else ""
        judged = agreement.judged.get(p.id)
        promise = agreement.promised.get(p.id)
        rows.append(
            {
                "voorstel": p.id,
                "titel": p.title,
                "stap": p.step.lower(),  # basisstap or pittiger stap: all the pamphlet says
                "keuze": statuses[p.id].label if p.id in statuses else "",
                "akkoord_gevonden": found,
                "akkoord_oordeel": judged.judgement.label if judged is not None else "",
                "akkoord_waar": promise.where if promise is not None else "",
                "akkoord_citaat": promise.quote if promise is not None else "",
                "workshops": "; ".join(says[p.id].lines) if p.id in says else "",
            }
        )
    return pd.DataFrame(rows)


def agreement_priorities_frame(view: RoundView) -> pd.DataFrame:
    """Per priority: what the akkoordcheck found, what counts after the griffier's decisions (a
    confirmed proposal, or else a confirmed "thema genoemd" passage: the priority served without one
    of its proposals), and the confirmed theme passage with its place and quote."""
    agreement = view.agreement
    analysis = agreement.agreement.analysis if agreement.agreement is not None else None
    rows = []
    for p in agreement.priorities:
        judged = agreement.judged.get(theme_key(p.priority_id))
        theme = p.theme
        rows.append(
            {
                "prioriteit": p.priority_id,
                "naam": p.name,
                "akkoord_gevonden": analysis.priorities[p.priority_id].label if analysis is not None else "",
                "akkoord_na_oordeel": p.label if analysis is not None else "",
                "thema_oordeel": judged.judgement.label if judged is not None else "",
                "thema_waar": theme.where if theme is not None else "",
                "thema_citaat": theme.quote if theme is not None else "",
            }
        )
    return pd.DataFrame(rows)


def own_fictief_text(own_is_demo: bool) -> str:
    return (
        "Fictief: de antwoorden van de gemeente zijn verzonnen voorbeelddata."
        if own_is_demo
        else "Echt: de antwoorden van de gemeente zijn niet verzonnen."
    )


def peers_fictief_text(view: RoundView) -> str:
    c = view.comparison
    if not c.enough:
        return f"Geen groepscijfers: {c.message}."
    if view.peers_are_demo:
        return "Fictief: de groepscijfers steunen op fictieve voorbeelddata."
    return "Echt: de groepscijfers steunen niet op fictieve voorbeelddata."


def about_frame(view: RoundView) -> pd.DataFrame:
    """What the file is, and per source whether its figures are fictief."""
    rnd = view.scan.round
    rows = [
        ("Gemeente", f"{view.municipality} ({rnd.gm_code})"),
        ("Jaar", str(rnd.year)),
        ("Antwoorden en scores van de gemeente", own_fictief_text(view.scan.is_demo)),
        (
            "Vergelijkingsgroep",
            f"{view.comparison.group.label}: {nl_count(view.comparison.n, 'gemeente', 'gemeenten')} met gegevens",
        ),
        ("Welke groep", view.group_line),
        ("Cijfers van de vergelijkingsgroep", peers_fictief_text(view)),
    ]
    return pd.DataFrame(rows, columns=["onderwerp", "toelichting"])


def comparison_frame(view: RoundView) -> pd.DataFrame:
    """Per priority the municipality's score next to the chosen group (withheld below the minimum n)."""
    bank, c = question_bank(), view.comparison
    fictief = "ja" if view.peers_are_demo else "nee"
    rows = []
    for p in bank.core_priorities:
        s, own = c.priorities[p.id], view.scan.score.by_id(p.id).score
        rows.append(
            {
                "prioriteit": p.id,
                "naam": p.name,
                "score": _whole(own),
                "groep": c.group.label,
                "mediaan_groep": _whole(s.median) if s.enough else None,
                "kwartiel_1": _whole(s.q1) if s.enough else None,
                "kwartiel_3": _whole(s.q3) if s.enough else None,
                "percentiel": _whole(s.percentile) if s.enough else None,
                "gemeenten_met_gegevens": s.n,
                "groepscijfers_fictief": fictief if s.enough else "",
            }
        )
    return _whole_columns(
        pd.DataFrame(rows), ["score", "mediaan_groep", "kwartiel_1", "kwartiel_3", "percentiel"]
    )


def to_xlsx(view: RoundView) -> bytes:
    sheets = {
        "Over dit bestand": about_frame(view),
        "Antwoorden": _dutch_answers(answers_frame(view)),
        "Scores": scores_frame(view),
        "Rollen": roles_frame(view),
        "Voorstellen": proposals_frame(view),
        "Akkoord per prioriteit": agreement_priorities_frame(view),
        "Vergelijking": comparison_frame(view),
    }
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _text_cells(frame, printable).to_excel(writer, sheet_name=name, index=False)
            for row in writer.sheets[name].iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # a typed "=..." is text, never a formula Excel would run
                        cell.data_type = "s"
    return buffer.getvalue()


def to_csv(view: RoundView) -> bytes:
    """Answers, semicolon-separated with decimal commas, as Dutch Excel opens it; UTF-8 with BOM; levels as
    whole numbers, "weet niet" as ja/nee. A cell that a spreadsheet would read as a formula starts with an
    apostrophe."""
    frame = _text_cells(_dutch_answers(answers_frame(view)), spreadsheet_cell)
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def _whole_answers(frame: pd.DataFrame) -> pd.DataFrame:
    """A level and a question's version are whole numbers in every format ("3", never "3,0" or 3.0 from
    a column with gaps, such as the row that says a group is too small)."""
    frame = frame.copy()
    for column in ("antwoord", "vraagversie"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _dutch_answers(frame: pd.DataFrame) -> pd.DataFrame:
    """The answers as a Dutch spreadsheet shows them (Excel and CSV alike; JSON keeps true/false):
    whole numbers, and "weet niet" as ja or nee."""
    frame = _whole_answers(frame)
    frame["weet_niet"] = frame["weet_niet"].map(lambda v: None if pd.isna(v) else ("ja" if v else "nee"))
    return frame


# JSON is for analysts and scripts: English keys, like every JSON the command line prints.
JSON_COLUMNS = {
    "gemeente_code": "municipality_code",
    "gemeente": "municipality",
    "jaar": "year",
    "respondent": "respondent",
    "rol": "role",
    "vraag": "question_id",
    "vraagversie": "question_version",
    "stelling": "statement",
    "antwoord": "value",
    "weet_niet": "dont_know",
    "toelichting": "comment",
    "prioriteit": "priority",
    "naam": "name",
    "score": "score",
    "beantwoord": "answered",
    "waarvan_weet_niet": "dont_know",
    "open": "open",
    "vragen": "questions",
    "voorstel": "proposal_id",
    "titel": "title",
    "stap": "step",
    "akkoord_gevonden": "agreement_found",
    "akkoord_oordeel": "agreement_judgement",
    "akkoord_waar": "agreement_where",
    "akkoord_citaat": "agreement_quote",
    "workshops": "workshops",
    "keuze": "choice",
    "akkoord_na_oordeel": "agreement_after_judgement",
    "thema_oordeel": "theme_judgement",
    "thema_waar": "theme_where",
    "thema_citaat": "theme_quote",
}


def _records(frame: pd.DataFrame) -> list[dict]:
    frame = frame.rename(columns=JSON_COLUMNS).astype(object)
    return frame.where(frame.notna(), None).to_dict(orient="records")  # null, never NaN


def to_json(view: RoundView) -> bytes:
    rnd = view.scan.round
    payload = {
        "municipality_code": rnd.gm_code,
        "year": rnd.year,
        "fictitious": rnd.is_demo,
        "questionnaire_version": question_bank().version,
        "scores": _records(scores_frame(view)),
        "answers": _records(_whole_answers(answers_frame(view))),
        "proposals": _records(proposals_frame(view)),
        "agreement_priorities": _records(agreement_priorities_frame(view)),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def benchmark_csv(store: Store) -> str:
    """Every shared round's self-scan answers in the import format of ``import-benchmark``."""
    compared = {q.id for q in question_bank().benchmark_questions}
    lines = ["gemeente_code,jaar,onderdeel,waarde"]
    lines += [
        f"{code},{year},{qid},{value}"
        for code, year, qid, value in benchmark_store.all_shared_answers(store)
        if qid in compared
    ]
    return "\n".join(lines) + "\n"


REPORT_FORMATS = ("pdf", "docx", "html")  # the council report; the rest are data exports
DOCUMENT_FORMATS = ("presentation-pdf", "letter-docx")  # the presentation, the council letter
FORMATS = ("pdf", "docx", "html", "xlsx", "csv", "json", *DOCUMENT_FORMATS)
MIME = {
    "pdf": "application/pdf",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
    "presentation-pdf": "application/pdf",
    "letter-docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# what tells the files of one round apart in their names, and their extension
_NAMES = {
    **{fmt: ("rapport", fmt) for fmt in REPORT_FORMATS},
    **{fmt: ("gegevens", fmt) for fmt in ("xlsx", "csv", "json")},
    "presentation-pdf": ("presentatie", "pdf"),
    "letter-docx": ("raadsinformatiebrief", "docx"),
}


def export(store: Store, rnd: Round, fmt: str, group_id: str | None = None) -> bytes:
    """The council report (pdf, docx, html; compared with ``group_id`` or the default group), the
    presentation (presentation-pdf), the council letter (letter-docx) or a data export (xlsx, csv, json)
    of one round: the round's view is assembled once, every file is a function of it."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    view = round_view(store, rnd, group_id)
    if fmt == "presentation-pdf":
        from scan.views import presentation  # WeasyPrint: only loaded for a document

        return presentation.to_pdf(presentation.from_view(view))
    if fmt == "letter-docx":
        from scan.views import report  # python-docx: only loaded for a document

        return report.letter_docx(report.letter_data(view))
    if fmt in REPORT_FORMATS:
        from scan.views import report  # WeasyPrint and python-docx: only loaded for a report

        data = report.report_data(view)
        writer = {"pdf": report.to_pdf, "docx": report.to_docx, "html": lambda d: report.to_html(d).encode()}
        return writer[fmt](data)
    return {"xlsx": to_xlsx, "csv": to_csv, "json": to_json}[fmt](view)


def file_name(rnd: Round, fmt: str) -> str:
    """The name of a round's download or export: "democratiescan-zeist-2026-rapport.pdf"."""
    detail, extension = _NAMES[fmt]
    return filenames.file_name("democratiescan", municipality_name(rnd), rnd.year, extension, detail)

"""Data exports of one round: Excel (a sheet per kind), CSV (answers with scores) and JSON."""

from __future__ import annotations

import io
import json

import pandas as pd

from scan.models import GROUP_LABELS
from scan.reference import reference
from scan.respondents import invited_answers
from scan.scoring import score_scan
from scan.storage import SELF_ROLE, Round, Store


def answers_frame(store: Store, rnd: Round) -> pd.DataFrame:
    """One row per answer: the self-scan and every anonymous respondent (by number, never by person)."""
    bank = store.bank
    rows = []
    self_answers = store.answers(rnd.id)
    for qid, a in sorted(self_answers.items()):
        rows.append(("zelfscan", "griffie (zelfscan)", qid, a.value, a.dont_know, a.comment))
    for number, (role, answers) in enumerate(invited_answers(store, rnd.id).values(), start=1):
        for qid, a in sorted(answers.items()):
            rows.append((f"respondent {number}", GROUP_LABELS.get(role, role), qid, a.value, a.dont_know, ""))
    frame = pd.DataFrame(rows, columns=["respondent", "rol", "vraag", "antwoord", "weet_niet", "toelichting"])
    frame.insert(3, "stelling", [bank.question(q).statement for q in frame["vraag"]])
    frame.insert(0, "jaar", rnd.year)
    frame.insert(0, "gemeente", reference().municipality(rnd.gm_code).name)
    frame.insert(0, "gemeente_code", rnd.gm_code)
    return frame


def scores_frame(store: Store, rnd: Round) -> pd.DataFrame:
    bank = store.bank
    score = score_scan(bank, store.answers(rnd.id), SELF_ROLE)
    rows = [
        {
            "prioriteit": p.id,
            "naam": p.name,
            "score": None if score.by_id(p.id).score is None else round(score.by_id(p.id).score, 2),
            "beantwoord": score.by_id(p.id).answered,
            "weet_niet": score.by_id(p.id).dont_know,
            "open": score.by_id(p.id).open,
            "vragen": score.by_id(p.id).total,
        }
        for p in bank.priorities
    ]
    rows.append(
        {
            "prioriteit": "totaal",
            "naam": "Totaalscore (acht prioriteiten)",
            "score": None if score.overall is None else round(score.overall, 2),
            "beantwoord": score.answered,
            "weet_niet": score.dont_know,
            "open": score.total - score.answered,
            "vragen": score.total,
        }
    )
    return pd.DataFrame(rows)


def proposals_frame(store: Store, rnd: Round) -> pd.DataFrame:
    statuses = store.proposal_statuses(rnd.id)
    return pd.DataFrame(
        [
            {"voorstel": p.id, "titel": p.title, "pepertjes": p.peppers, "keuze": statuses.get(p.id, "")}
            for p in store.bank.proposals
        ]
    )


def to_xlsx(store: Store, rnd: Round) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        answers_frame(store, rnd).to_excel(writer, sheet_name="Antwoorden", index=False)
        scores_frame(store, rnd).to_excel(writer, sheet_name="Scores", index=False)
        proposals_frame(store, rnd).to_excel(writer, sheet_name="Voorstellen", index=False)
    return buffer.getvalue()


def to_csv(store: Store, rnd: Round) -> bytes:
    """Answers, semicolon-separated with decimal commas, as Dutch Excel opens it; UTF-8 with BOM."""
    return answers_frame(store, rnd).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_json(store: Store, rnd: Round) -> bytes:
    payload = {
        "gemeente_code": rnd.gm_code,
        "jaar": rnd.year,
        "fictief": rnd.is_demo,
        "vragenlijst_versie": store.bank.version,
        "scores": scores_frame(store, rnd).to_dict(orient="records"),
        "antwoorden": answers_frame(store, rnd).to_dict(orient="records"),
        "voorstellen": proposals_frame(store, rnd).to_dict(orient="records"),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def benchmark_csv(store: Store) -> str:
    """Every shared round's self-scan answers in the import format of ``import-benchmark``."""
    rows = store.db.execute(
        """
        SELECT r.gm_code, r.year, a.question_id, a.value
        FROM rounds r JOIN respondents p ON p.round_id = r.id AND p.kind = 'self'
        JOIN answers a ON a.respondent_id = p.id
        WHERE r.share_benchmark = 1 AND a.value IS NOT NULL AND a.dont_know = 0
        ORDER BY r.gm_code, r.year, a.question_id
        """
    ).fetchall()
    maturity = {q.id for q in store.bank.questions if q.kind == "maturity" and q.priority_id <= 8}
    lines = ["gemeente_code,jaar,onderdeel,waarde"]
    lines += [f"{code},{year},{qid},{value}" for code, year, qid, value in rows if qid in maturity]
    return "\n".join(lines) + "\n"


FORMATS = ("pdf", "docx", "xlsx", "csv", "json")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
}


def export(store: Store, rnd: Round, fmt: str) -> bytes:
    """The council report (pdf, docx) or a data export (xlsx, csv, json) of one round."""
    if fmt in ("pdf", "docx"):
        from scan import report  # charts need kaleido and Chromium: only load them for a report

        data = report.build_report_data(store, rnd)
        images = report.render_charts(store, data)
        return report.to_pdf(data, images) if fmt == "pdf" else report.to_docx(data, images)
    writers = {"xlsx": to_xlsx, "csv": to_csv, "json": to_json}
    if fmt not in writers:
        raise ValueError(fmt)
    return writers[fmt](store, rnd)


def file_name(rnd: Round, fmt: str) -> str:
    kind = "rapport" if fmt in ("pdf", "docx") else "gegevens"
    return f"democratiescan-{rnd.gm_code}-{rnd.year}-{kind}.{fmt}"

"""Generated agreements for tests and measurements: PDF (one or two columns), .docx and text.

Everything is made from the labelled passages (our own words) with a fixed seed, so the same
call gives the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import docx
import yaml
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

LABELLED = Path(__file__).with_name("labelled.yaml")
DEVELOPMENT = Path(__file__).with_name("development.yaml")  # tuning set 2 (TUNING.md)
HOLDOUT = Path(__file__).with_name("holdout.yaml")  # never used for tuning
HOLDOUT2 = Path(__file__).with_name("holdout2.yaml")  # never used for tuning
_LATIN1 = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


@dataclass(frozen=True)
class LabelledPassage:
    id: str
    kind: str  # promise, other, trap
    labels: tuple[str, ...]
    text: str


def load_passages(path: Path) -> list[LabelledPassage]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        LabelledPassage(p["id"], p["kind"], tuple(p["labels"]), " ".join(p["text"].split()))
        for p in data["passages"]
    ]


def labelled_passages() -> list[LabelledPassage]:
    return load_passages(LABELLED)


def development_passages() -> list[LabelledPassage]:
    return load_passages(DEVELOPMENT)


def pdf_safe(text: str) -> str:
    """The core PDF fonts know Latin-1 only."""
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def agreement_paragraphs(seed: int, count: int, promises: int | None = None) -> list[LabelledPassage]:
    """A made-up agreement: mostly other policy, with a few promises and traps mixed in."""
    rng = random.Random(seed)
    passages = labelled_passages()
    other = [p for p in passages if p.kind == "other"]
    special = [p for p in passages if p.kind != "other"]
    chosen = rng.sample(special, min(len(special), promises if promises is not None else rng.randint(3, 15)))
    body = [rng.choice(other) for _ in range(max(0, count - len(chosen)))]
    for passage in chosen:
        body.insert(rng.randrange(len(body) + 1), passage)
    return body


def write_pdf(paragraphs: list[str], path: Path, *, pages: int | None = None) -> Path:
    """One column; with ``pages`` the paragraphs repeat until that many pages are filled."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    i = 0
    while True:
        if pages is None and i >= len(paragraphs):
            break
        text = paragraphs[i % len(paragraphs)]
        pdf.multi_cell(0, 5, pdf_safe(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        i += 1
        if pages is not None and pdf.page >= pages and pdf.get_y() > 250:
            break
    pdf.output(str(path))
    return path


def write_two_column_pdf(left: list[str], right: list[str], path: Path, *, title: str | None = None) -> Path:
    """Two columns drawn ROW BY ROW (left line, right line, ...), so the file's own text order
    interleaves the columns; only a reader that looks at positions gets the order right."""
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=10)
    col_w, line_h, x_left, x_right, top, bottom = 85, 5, 15, 110, 30, 280

    def lines(paragraphs: list[str]) -> list[str]:
        out: list[str] = []
        for text in paragraphs:
            wrapped = pdf.multi_cell(
                col_w, line_h, pdf_safe(text), dry_run=True, output=MethodReturnValue.LINES
            )
            out.extend(wrapped)  # type: ignore[arg-type]  # fpdf2 types all its output modes as one union
            out.append("")  # blank line between paragraphs
        return out

    pdf.add_page()  # measuring lines needs a page
    left_lines, right_lines = lines(left), lines(right)
    rows_per_page = int((bottom - top) / line_h)
    row = 0
    while row < max(len(left_lines), len(right_lines)):
        if row:
            pdf.add_page()
        if title:
            pdf.set_xy(x_left, 15)
            pdf.cell(180, 8, pdf_safe(title))
        for r in range(rows_per_page):
            y = top + r * line_h
            for x, source in ((x_left, left_lines), (x_right, right_lines)):
                if row + r < len(source) and source[row + r]:
                    pdf.set_xy(x, y)
                    pdf.cell(col_w, line_h, source[row + r])
        row += rows_per_page
    pdf.output(str(path))
    return path


def write_docx(paragraphs: list[str], path: Path, *, page_break_every: int | None = None) -> Path:
    document = docx.Document()
    for i, text in enumerate(paragraphs):
        if page_break_every and i and i % page_break_every == 0:
            document.add_page_break()
        document.add_paragraph(text)
    document.save(str(path))
    return path

"""A ready invitation for a new respondent code: text with the link and the code, a QR code, and a
one-page PDF to print (A4, tagged PDF/UA-1).

The code is shown only in this session: the database keeps a hash of it. ``text`` and ``pdf`` are
plain functions, tested without a browser; ``show`` draws the invitation.
"""

from __future__ import annotations

import base64
import functools
import html
import io
from dataclasses import dataclass
from datetime import date

import segno
import streamlit as st

from scan.base.filenames import file_name
from scan.content.models import ROLE_AS, ROLE_LABELS
from scan.content.questionbank import QuestionBank
from scan.views.response import GREETING, closing, code_link


@dataclass(frozen=True)
class Invitation:
    municipality: str
    year: int
    role: str
    code: str
    link: str  # opens the answer page with the code filled in
    entry: str  # where to type the code by hand (…/?meedoen)
    questions: int
    kind: str  # "vragen" or "stellingen"
    until: date | None = None  # the last day to answer, when the griffier set one

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def spaced_code(self) -> str:
        """The code in groups of four, easier to read aloud and type (spaces are ignored)."""
        return " ".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


def make(
    bank: QuestionBank,
    municipality: str,
    year: int,
    role: str,
    code: str,
    root: str,
    until: date | None = None,
) -> Invitation:
    questions = bank.questions_for_role(role)
    kind = "stellingen" if questions and all(q.kind == "agreement" for q in questions) else "vragen"
    return Invitation(
        municipality=municipality,
        year=year,
        role=role,
        code=code,
        link=code_link(root, code),
        entry=f"{root}/?meedoen",
        questions=len(questions),
        kind=kind,
        until=until,
    )


def text(inv: Invitation) -> str:
    """The invitation as plain text, to paste into an e-mail or a letter."""
    return (
        f"{GREETING[inv.role]},\n\n"
        f"De gemeente {inv.municipality} wil weten hoe het staat met de lokale democratie. Daarom doen we "
        f"de democratiescan {inv.year}. We horen graag wat u ervan vindt, {ROLE_AS[inv.role]}.\n\n"
        f"Doe mee via deze link:\n{inv.link}\n\n"
        f"Werkt de link niet? Ga naar {inv.entry} en vul deze code in: {inv.spaced_code}\n\n"
        f"U krijgt {inv.questions} {inv.kind}. {closing(inv.until)}U kunt stoppen en later verder gaan met "
        "dezelfde link. "
        "Uw antwoorden zijn anoniem: we bewaren geen naam, e-mailadres of IP-adres. Uitkomsten per groep "
        "tonen we pas als minstens 5 mensen hebben geantwoord.\n\n"
        f"Met vriendelijke groet,\nDe griffie van {inv.municipality}"
    )


@functools.lru_cache(maxsize=32)
def qr_png(link: str) -> bytes:
    """A QR code of the link, black on white with a quiet zone, large enough to scan from paper."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=4, dark="#000000", light="#ffffff")
    return buffer.getvalue()


def _qr_img(inv: Invitation, width: str) -> str:
    data = base64.b64encode(qr_png(inv.link)).decode("ascii")
    alt = f"QR-code met de link om mee te doen aan de democratiescan {inv.year} van {inv.municipality}"
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="width:{width};height:auto">'
    )


def printable_html(inv: Invitation) -> str:
    """One A4 page: the text, the QR code and the code in large type."""
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text(inv).split("\n\n"))
    title = f"Uitnodiging democratiescan {inv.municipality} {inv.year}"
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
  @page {{ size: A4; margin: 2cm; }}
  body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11.5pt; line-height: 1.45; color: #000; }}
  h1 {{ font-size: 18pt; margin: 0 0 0.6cm; }}
  .code {{ font-size: 20pt; font-weight: bold; letter-spacing: 0.08em; }}
  .qr {{ margin: 0.4cm 0; }}
  p {{ margin: 0 0 0.35cm; }}
</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p>Voor: {html.escape(inv.role_label.lower())}</p>
{paragraphs}
<div class="qr">{_qr_img(inv, "5cm")}</div>
<p>Scan de QR-code met de camera van uw telefoon, of vul de code in:</p>
<p class="code">{html.escape(inv.spaced_code)}</p>
</body></html>"""


def pdf(inv: Invitation) -> bytes:
    """The printable page as a tagged PDF (PDF/UA-1), like the report."""
    import weasyprint  # loads Pango: only when someone asks for a PDF

    return weasyprint.HTML(string=printable_html(inv)).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=False)


def show(inv: Invitation, key: str) -> None:
    """The invitation for one new code: copyable text, QR code, PDF to print."""
    with st.container(border=True):
        st.markdown(
            f"**Uitnodiging voor {inv.role_label.lower()}** · code **{inv.spaced_code}**  \n"
            "Bewaar of verstuur deze uitnodiging nu. We slaan de code alleen onherkenbaar op en kunnen "
            "hem later niet opnieuw tonen. Kwijt? Maak dan een nieuwe code."
        )
        left, right = st.columns([3, 1])
        with left:
            st.caption("Tekst voor een e-mail of brief (kopiëren met de knop rechtsboven in het vak):")
            st.code(text(inv), language=None, wrap_lines=True)
        with right:
            st.html(
                f"<figure style='margin:0'>{_qr_img(inv, '100%')}"
                "<figcaption style='font-size:0.9rem'>QR-code: opent de link</figcaption></figure>"
            )
        st.download_button(
            "Uitnodiging als PDF (om te printen)",
            data=lambda: pdf(inv),  # made only when clicked
            file_name=file_name("uitnodiging", inv.municipality, inv.year, "pdf", inv.role),
            mime="application/pdf",
            icon=":material/print:",
            key=f"{key}_pdf",
            on_click="ignore",
        )

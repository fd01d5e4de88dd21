"""Reading PDF, Word and text: reading order, page numbers, paragraphs."""

from __future__ import annotations

from pathlib import Path

from scan.rules.akkoord import analyse, analyse_text
from scan.rules.akkoord.analysis import read_document
from scan.rules.akkoord.limits import Limits

from .fixtures import write_docx, write_pdf, write_two_column_pdf

LEFT = [
    "Eerste linker alinea. We bouwen meer woningen voor starters in alle kernen van de gemeente en "
    "zorgen dat jongeren in hun eigen dorp kunnen blijven wonen.",
    "Tweede linker alinea. De fiets krijgt voorrang in het centrum en we leggen een snelfietspad aan "
    "naar het station, met een grote bewaakte stalling.",
]
RIGHT = [
    "Eerste rechter alinea. We organiseren deze periode een burgerberaad met inwoners die door loting "
    "zijn gekozen, over de toekomst van het buitengebied.",
    "Tweede rechter alinea. De begroting blijft structureel sluitend en de lasten voor inwoners stijgen "
    "niet meer dan de inflatie.",
]


def _texts(path: Path) -> list[tuple[str, int | None]]:
    document = read_document(path.read_bytes(), path.name, Limits.default())
    return [(b.text, b.page) for b in document.blocks]


def test_two_column_pdf_is_read_column_by_column(tmp_path: Path) -> None:
    path = write_two_column_pdf(
        LEFT, RIGHT, tmp_path / "twee-kolommen.pdf", title="Coalitieakkoord 2026-2030"
    )
    texts = [t for t, _ in _texts(path)]
    # Each paragraph comes out whole (not interleaved line by line with the other column) ...
    for paragraph in LEFT + RIGHT:
        assert paragraph in texts
    # ... and the left column is read before the right column.
    order = [texts.index(p) for p in LEFT + RIGHT]
    assert order == sorted(order)
    assert texts[0] == "Coalitieakkoord 2026-2030"


def test_two_column_pdf_keeps_page_numbers(tmp_path: Path) -> None:
    filler = [f"Alinea {i} over de openbare ruimte, het groen en de wegen in de gemeente." for i in range(60)]
    marker = (
        "Slotalinea. We richten een jongerenraad op die de gemeenteraad gevraagd en ongevraagd adviseert."
    )
    path = write_two_column_pdf(
        [*filler, marker], ["Rechts staat iets over sport en cultuur."], tmp_path / "p.pdf"
    )
    texts = _texts(path)
    pages = dict(texts)
    # Every paragraph is kept (none mistaken for a running header); one may be cut at a page end.
    assert all(any(f in t or t in f for t, _ in texts) for f in filler)
    assert pages[filler[0]] == 1
    result = analyse(path.read_bytes(), "p.pdf")
    assert result.pages > 2 and pages[marker] == result.pages
    passage = result.proposals["2a"].passages[0]
    assert passage.page == result.pages and "jongerenraad" in passage.terms


def test_single_column_pdf_reports_the_page_of_the_promise(tmp_path: Path) -> None:
    filler = ["We onderhouden de wegen, de bruggen en de fietspaden in de hele gemeente goed en veilig."] * 70
    promise = "We voeren het uitdaagrecht in, zodat bewoners taken van de gemeente kunnen overnemen."
    path = write_pdf([*filler, promise], tmp_path / "akkoord.pdf")
    result = analyse(path.read_bytes(), "akkoord.pdf")
    coverage = result.proposals["3c"]
    assert coverage.status == "staat_erin"
    assert coverage.passages[0].page == result.pages > 1


def test_docx_page_numbers_from_page_breaks(tmp_path: Path) -> None:
    paragraphs = [f"Alinea {i} over wonen en werken in onze gemeente." for i in range(9)]
    paragraphs.append("Inwoners kunnen met een burgeramendement een voorstel van het college wijzigen.")
    path = write_docx(paragraphs, tmp_path / "akkoord.docx", page_break_every=4)
    result = analyse(path.read_bytes(), "akkoord.docx")
    assert result.pages == 3
    passage = result.proposals["8b"].passages[0]
    assert (passage.page, passage.paragraph) == (3, 10)
    assert not result.warnings


def test_docx_without_page_breaks_names_the_paragraph(tmp_path: Path) -> None:
    paragraphs = ["Wij bouwen woningen.", "Er komt een mediafonds voor de lokale journalistiek."]
    path = write_docx(paragraphs, tmp_path / "akkoord.docx")
    result = analyse(path.read_bytes(), "akkoord.docx")
    passage = result.proposals["6a"].passages[0]
    assert passage.page is None and passage.paragraph == 2 and passage.where == "alinea 2"
    assert result.pages is None and "alinea" in result.warnings[0]


def test_docx_heading_style_is_a_heading(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Burgerberaad en referendum in onze gemeente", level=2)
    document.add_paragraph("Wij bouwen woningen voor jong en oud.")
    document.save(tmp_path / "kop.docx")
    result = analyse((tmp_path / "kop.docx").read_bytes(), "kop.docx")
    assert result.proposals["2c"].status == "niet_gevonden"
    assert result.proposals["8c"].status == "niet_gevonden"


def test_text_with_form_feeds_has_pages() -> None:
    text = "Wij bouwen woningen.\fWe starten een programma voor zelfsturing in de dorpen."
    result = analyse(text.encode(), "akkoord.txt")
    assert result.pages == 2 and result.proposals["3d"].passages[0].page == 2


def test_pasted_text_passages_and_spans() -> None:
    result = analyse_text(
        "Wij bouwen woningen.\n\nWe geven elke wijk- en dorpsagenda een vast budget, samen met de bewoners."
    )
    passage = result.proposals["5a"].passages[0]
    assert passage.paragraph == 2 and passage.page is None
    assert passage.terms[0] == "wijk"  # "wijk-" read as wijkagenda


def test_docx_list_item_without_full_stop_is_not_a_heading(tmp_path: Path) -> None:
    # A terse bestuursakkoord: short list items without closing punctuation are promises.
    import docx

    document = docx.Document()
    document.add_heading("Democratie", level=1)
    document.add_paragraph("Jongerenraad instellen", style="List Bullet")
    document.add_paragraph("Burgeragendering invoeren", style="List Number")
    document.add_paragraph("Burgerberaad en referendum")  # a short line in Normal style: a heading
    document.save(tmp_path / "lijst.docx")
    result = analyse((tmp_path / "lijst.docx").read_bytes(), "lijst.docx")
    assert result.proposals["2a"].status == "staat_erin"
    assert result.proposals["8a"].status == "staat_erin"
    assert result.proposals["8c"].status == "niet_gevonden"


def test_symbol_font_bullet_is_a_list_item() -> None:
    # PDFs made from Word often carry the bullet as U+F0B7 (Symbol font) or U+F0A7 (Wingdings).
    from scan.rules.akkoord.document import looks_like_heading

    assert not looks_like_heading("\uf0b7 Burgeragendering invoeren")
    assert not looks_like_heading("\uf0a7 Jongerenraad instellen")
    assert looks_like_heading("Burgeragendering en referendum")
    result = analyse_text("Bestuur\n\n\uf0b7 Burgeragendering invoeren\n\uf0b7 Jongerenraad instellen")
    assert result.proposals["8a"].status == "staat_erin" and result.proposals["2a"].status == "staat_erin"

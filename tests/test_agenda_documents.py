"""The agenda's downloads: Word on A4 with a field table (no header bar) and Word's heading styles;
plain text without any markup, typed text exactly as typed.
The goal in plain words (issue 26.6): the question's own words and the level's words, no numbers."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from scan.content.questionbank import question_bank
from scan.records.round import choices, rounds
from scan.rules.agenda import (
    TARGET_LEVEL,
    TOP_LEVEL,
    AgendaItem,
    build_agenda,
    default_item,
    goal_from_answers,
    to_docx,
    to_plain_text,
)
from scan.rules.answer_words import level_name, level_words
from scan.rules.scoring import Answer
from scan.storage.core import Store

from .council import TYPED


def _items(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    for pid in ("2a", "6a"):
        choices.set_status(store, rnd.id, pid, "kiezen")
    choices.save_agenda_field(store, rnd.id, "2a", goal=TYPED, owner="Griffie\nen raad", timeline="# Q3 2027")
    return build_agenda(
        question_bank(), choices.statuses(store, rnd.id), choices.agenda_edits(store, rnd.id), "Zeist", 2026
    )


def test_agenda_word_is_a4_with_field_tables_and_heading_styles(store: Store) -> None:
    doc = Document(io.BytesIO(to_docx(_items(store), "Zeist", 2026, date(2026, 11, 22))))
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert [p.style.name for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))] == [
        "Title",
        "Heading 1",
        "Heading 1",
    ]
    assert len(doc.tables) == 2
    for table in doc.tables:
        assert [r.cells[0].text for r in table.rows] == ["Doel", "Eigenaar", "Planning"]
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        assert look.get(qn("w:firstRow")) == "0"  # "Doel" is a field, not a black header bar
        for row in table._tbl.findall(qn("w:tr")):
            assert row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
            assert row.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert widths[0] >= 1900 and widths[1] > 3 * widths[0]  # "Eigenaar" fits; the value gets the room
    assert doc.tables[0].rows[0].cells[1].text == TYPED  # literally, as typed


def test_the_plain_text_agenda_has_no_markup_and_typed_text_as_typed(store: Store) -> None:
    text = to_plain_text(_items(store), "Zeist", 2026, date(2026, 11, 22))
    assert "\\" not in text  # no escapes: the typed text holds no backslash, so none may appear
    assert TYPED in text  # exactly as typed
    for markup in ("**", "## ", "\n# ", "\n> ", "\n- ", "](", "<b>Vet</b> &"):
        assert markup not in text.replace(TYPED, ""), markup
    assert "Planning: # Q3 2027" in text  # typed, kept as it was
    assert "Eigenaar: Griffie\n  en raad" in text  # a typed line break stays, indented under its field
    assert text.startswith("Democratiseringsagenda Zeist (concept, scan 2026)\n")
    assert text.count("\nVoorstel ") == 2
    assert "redactie van Thorbecke2024, een project binnen de VNG" in text


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=80))
def test_typed_lines_never_make_a_field_of_their_own(typed: str) -> None:
    """Whatever the griffier typed (even "\nEigenaar: x"), each item has one line per field, and the
    typed text comes back from the file line by line."""
    proposal = question_bank().proposal("6a")
    item = AgendaItem(proposal, typed, "Griffie", "2027", "Tekst")
    text = to_plain_text([item, item], "Zeist", 2026, date(2026, 11, 22))
    lines = text.split("\n")
    for label in ("Doel: ", "Eigenaar: ", "Planning: ", "Tekstsuggestie voor het akkoord: "):
        assert sum(line.startswith(label) for line in lines) == 2, label
    at = lines.index(next(line for line in lines if line.startswith("Doel: ")))
    typed_lines = typed.splitlines() or [""]
    assert lines[at] == f"Doel: {typed_lines[0]}"
    assert lines[at + 1 : at + len(typed_lines)] == [f"  {line}" for line in typed_lines[1:]]


def test_the_word_agenda_reads_back_with_every_field(store: Store) -> None:
    items = _items(store)
    doc = Document(io.BytesIO(to_docx(items, "Zeist", 2026, date(2026, 11, 22))))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"Voorstel {i.proposal.id}: {i.proposal.title}" for i in items]
    for item, table in zip(items, doc.tables, strict=True):
        fields = {row.cells[0].text: row.cells[1].text for row in table.rows}
        assert fields == {"Doel": item.goal, "Eigenaar": item.owner, "Planning": item.timeline}
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert quotes == [item.text for item in items]
    assert doc.core_properties.title == "Democratiseringsagenda Zeist (concept, scan 2026)"


# --- the goal in plain words ------------------------------------------------------------------------

BANK = question_bank()
# every maturity question that measures a proposal, with that proposal, at every state below the top
MEASURED = {qid: p.id for p in reversed(BANK.proposals) for qid in p.questions}
GOAL_CASES = [
    pytest.param(pid, qid, state, id=f"{qid}-{state}")
    for qid, pid in sorted(MEASURED.items())
    if BANK.question(qid).kind == "maturity"
    for state in (None, "weet_niet", 0, 1, 2, 3)
]
JARGON = re.compile(r"\b(vraag|niveau|voorstel) \d|\d\.\d", re.IGNORECASE)


@pytest.mark.parametrize(("pid", "qid", "state"), GOAL_CASES)
def test_the_goal_speaks_in_the_question_s_and_the_level_s_words(pid: str, qid: str, state) -> None:
    proposal, question = BANK.proposal(pid), BANK.question(qid)
    answers = (
        {}
        if state is None
        else {qid: Answer(qid, None, True) if state == "weet_niet" else Answer(qid, state)}
    )
    goal = goal_from_answers(BANK, proposal, answers)
    line = next(line for line in goal.split("\n") if line.startswith(question.statement))
    target = TOP_LEVEL if state == 3 else TARGET_LEVEL
    meaning = level_words(question, target)[1]
    name = level_name(question, target)
    assert line.endswith(meaning[1:])  # what the level to reach means, in its own words
    if isinstance(state, int):
        assert f"{question.statement} Van ‘{level_name(question, state)}’ naar ‘{name}’: " in line
    elif state is None:
        assert f"{question.statement} Naar ‘{name}’ (nog niet beantwoord): " in line
    else:
        assert f"{question.statement} Naar ‘{name}’ (nu: weet niet): " in line
    assert not JARGON.search(goal.replace(question.statement, "")), goal
    assert qid not in goal


def test_a_proposal_at_the_top_keeps_what_is_there_in_words() -> None:
    proposal = BANK.proposal("6a")
    answers = {qid: Answer(qid, 4) for qid in proposal.questions}
    goal = goal_from_answers(BANK, proposal, answers)
    assert (
        goal == "Houd vast wat er al staat: alles wat bij dit voorstel hoort, is ‘verankerd en geëvalueerd’."
    )


def test_the_suggested_agenda_item_takes_the_plain_goal() -> None:
    """The agenda page, Word, the text file, the report and the slide all show ``item.goal``, made here."""
    proposal = BANK.proposal("6a")
    item = default_item(proposal, "Zeist", 2026, BANK, {"6.1": Answer("6.1", 1)})
    assert item.goal.startswith(BANK.question("6.1").statement + " Van ‘verkend’ naar ‘in uitvoering’: ")

"""Answers per participant and speaker notes (issue 27.7): the facilitator sets how many answers one
participant may send to an open question (default 3), enforced inside the answer's write; a note per
question is for the facilitator only, never in what phones, the projector or an export (Excel, CSV,
the workshop's PDF) get."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from scan.records import workshop
from scan.records.round import rounds
from scan.records.workshop import WorkshopError, export
from scan.storage.core import Store
from scan.views import report
from scan.views.workshops import workshop_report
from scan.web.page import phone_page

from .held_write import race

NOTE = "Vraag door: wie zat er NOOIT-OP-HET-SCHERM bij de inspraakavond?"


@pytest.fixture
def room(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, ["6.1", "7.1"], "Raadsavond")
    return store, rnd, ws, pin


def test_answers_per_participant_are_the_facilitators_number(room) -> None:
    store, _, ws, pin = room
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?", max_answers=2)
    other = workshop.add_open_question(store, ws.id, pin, "En wat moet blijven?")
    workshop.set_status(store, ws.id, pin, qid, "open")
    assert workshop.room_state(store, ws.id)["vraag"]["per_persoon"] == 2
    _, token = workshop.join(store, ws.join_code)
    workshop.open_answer(store, ws.id, token, qid, "een")
    workshop.open_answer(store, ws.id, token, qid, "twee")
    with pytest.raises(WorkshopError, match="al 2 antwoorden"):
        workshop.open_answer(store, ws.id, token, qid, "drie")
    workshop.set_answer_limit(store, ws.id, pin, qid, 3)
    assert workshop.room_state(store, ws.id)["vraag"]["per_persoon"] == 3
    workshop.open_answer(store, ws.id, token, qid, "drie")
    assert workshop.mine(store, ws.id, token)["open"] == {qid: ["een", "twee", "drie"]}
    assert workshop.get(store, ws.id).answer_limits == {qid: 3, other: workshop.DEFAULT_ANSWER_LIMIT}
    for wrong in (0, 11, True, "2"):
        with pytest.raises(WorkshopError, match="1 tot 10 antwoorden"):
            workshop.set_answer_limit(store, ws.id, pin, qid, wrong)  # type: ignore[arg-type]
        with pytest.raises(WorkshopError, match="1 tot 10 antwoorden"):
            workshop.add_open_question(store, ws.id, pin, "Nog een vraag?", max_answers=wrong)  # type: ignore[arg-type]
    with pytest.raises(WorkshopError, match="geen open vraag"):
        workshop.set_answer_limit(store, ws.id, pin, "6.1", 2)
    workshop.set_status(store, ws.id, pin, qid, "closed")
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.set_answer_limit(store, ws.id, pin, qid, 5)


def test_the_limit_is_checked_inside_the_answers_write(room) -> None:
    # the facilitator lowers the limit while a phone's second answer waits for the lock: refused
    store, _, ws, pin = room
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.set_status(store, ws.id, pin, qid, "open")
    _, token = workshop.join(store, ws.join_code)
    workshop.open_answer(store, ws.id, token, qid, "een")
    outcome = race(
        store.path,
        [("UPDATE workshop_open_questions SET max_answers = 1 WHERE workshop_id = ?", [ws.id])],
        lambda: workshop.open_answer(store, ws.id, token, qid, "twee"),
    )
    assert isinstance(outcome, WorkshopError) and "al 1 antwoord" in str(outcome), outcome
    assert workshop.mine(store, ws.id, token)["open"] == {qid: ["een"]}


def _everything_phones_and_exports_get(store, rnd, ws, token) -> list[str]:
    state = workshop.room_state(store, ws.id)
    mine = workshop.mine(store, ws.id, token)
    workbook = zipfile.ZipFile(io.BytesIO(export.to_xlsx(store, ws.id)))
    pdf = PdfReader(io.BytesIO(report.workshop_pdf(workshop_report(store, ws.id))))
    return [
        *(page.extract_text() for page in pdf.pages),
        json.dumps(state, ensure_ascii=False),
        phone_page(ws.join_code, state, mine, "nonce", 0.0),
        json.dumps(mine, ensure_ascii=False),
        repr(workshop.outcomes(store, rnd.id)),
        export.to_csv(store, ws.id).decode("utf-8-sig"),
        *(workbook.read(name).decode("utf-8", "replace") for name in workbook.namelist()),
    ]


def test_speaker_notes_never_reach_phones_or_exports(room) -> None:
    store, rnd, ws, pin = room
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.set_note(store, ws.id, pin, "6.1", NOTE)
    workshop.set_note(store, ws.id, pin, qid, NOTE + "\nen daarna de open vraag")
    assert workshop.notes(store, ws.id) == {"6.1": NOTE, qid: NOTE + "\nen daarna de open vraag"}
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(5)]
    seen = []
    for step in ("open", "revealed"):
        workshop.set_status(store, ws.id, pin, "6.1", step)
        if step == "open":
            for value, token in enumerate(tokens):
                workshop.answer(store, ws.id, token, "6.1", value % 4)
        seen += _everything_phones_and_exports_get(store, rnd, ws, tokens[0])
    workshop.set_status(store, ws.id, pin, qid, "open")
    workshop.open_answer(store, ws.id, tokens[0], qid, "Meer inspraak")
    workshop.moderate(store, ws.id, pin, [workshop.open_answers(store, ws.id, qid)[0].id], "goedgekeurd")
    workshop.set_status(store, ws.id, pin, qid, "revealed")
    workshop.set_phase(store, ws.id, pin, "ended")
    seen += _everything_phones_and_exports_get(store, rnd, ws, tokens[0])
    assert all("NOOIT-OP-HET-SCHERM" not in text for text in seen)
    assert any("Meer inspraak" in text for text in seen)  # what is published does get there


def test_a_note_is_checked_and_can_be_emptied(room) -> None:
    store, _, ws, pin = room
    with pytest.raises(WorkshopError, match="hoogstens 500 tekens"):
        workshop.set_note(store, ws.id, pin, "6.1", "x" * 501)
    with pytest.raises(Exception, match="stuurteken"):
        workshop.set_note(store, ws.id, pin, "6.1", "a\x07b")
    with pytest.raises(WorkshopError, match="hoort niet bij deze workshop"):
        workshop.set_note(store, ws.id, pin, "1.1", "x")
    workshop.set_note(store, ws.id, pin, "6.1", "  eerst  ")
    assert workshop.notes(store, ws.id) == {"6.1": "eerst"}
    workshop.set_note(store, ws.id, pin, "6.1", "")
    assert workshop.notes(store, ws.id) == {}

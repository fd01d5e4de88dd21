"""The state of the room as every phone sees it: one JSON-ready dict per workshop version.

The same for every participant (what they answered themselves comes from participation.mine), so a
server makes it once per change and sends the same bytes to every phone. Texts are as typed: a
phone page puts them in the page as text, never as HTML.
"""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.records.workshop.core import get, is_open_question, statuses
from scan.records.workshop.participation import MAX_OPEN_ANSWER
from scan.records.workshop.qa import phone_list
from scan.rules.answer_words import option_label, options
from scan.storage.core import Store

OPEN_HELP = "Schrijf kort op wat u vindt. De begeleider kiest welke antwoorden op het scherm komen."


def versions(store: Store, workshop_ids: list[int]) -> dict[int, int]:
    """The version of each of these workshops (one small query; a server polls it to see changes).
    A workshop that does not exist is left out."""
    if not workshop_ids:
        return {}
    marks = ",".join("?" * len(workshop_ids))
    rows = store.db.execute(f"SELECT id, version FROM workshops WHERE id IN ({marks})", list(workshop_ids))
    return {int(wid): int(version) for wid, version in rows.fetchall()}


def room_state(store: Store, workshop_id: int) -> dict:
    ws = get(store, workshop_id)
    bank = question_bank()
    state: dict = {"v": ws.version, "titel": ws.title, "fase": ws.phase, "vraag": None, "stemmen": None}
    state["zaal"] = None if ws.phase == "ended" else phone_list(store, ws.id)  # questions from the room
    qid = ws.current_question
    if ws.phase == "questions" and qid is not None:
        status = statuses(store, ws.id).get(qid, "hidden")
        number = ws.question_ids.index(qid) + 1
        if is_open_question(qid):
            state["vraag"] = {
                "id": qid,
                "nummer": number,
                "aantal": len(ws.question_ids),
                "tekst": ws.text_of(qid),
                "uitleg": OPEN_HELP,
                "soort": "open",
                "stand": status,
                "opties": [],
                "max": MAX_OPEN_ANSWER,
            }
        else:
            q = bank.question(qid)
            state["vraag"] = {
                "id": qid,
                "nummer": number,
                "aantal": len(ws.question_ids),
                "tekst": q.statement,
                "uitleg": q.help,
                "soort": "schaal",
                "stand": status,
                "opties": [[v, option_label(q, v)] for v in options(q)],
            }
    elif ws.phase == "voting":
        state["stemmen"] = {
            "opties": [[pid, bank.proposal(pid).title] for pid in ws.choice_list(bank)],
            "max": ws.max_votes,
        }
    return state

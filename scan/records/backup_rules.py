"""What a restored row may hold: the app's own rules, applied to every row of a backup before any is
written (scan/records/backup.py). A backup's checksum only shows that a file is whole, not that it is honest:
anyone can write a file with a valid checksum. So a row that the app itself would refuse (an answer of
999, a municipality that does not exist, a year written in superscript digits, text with control
characters, an unknown status) makes the whole file refused, with the table and row named.

Credentials (password hashes, organisation-account grants) open the installation: they are restored
only when the administrator asks for it explicitly (``restore --with-credentials``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from scan.base.errors import ScanError
from scan.base.text import clean_input
from scan.content.models import ROLE_LABELS, SELF_ROLE, WORKSHOP_ROLE, ProposalStatus, RespondentKind
from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.records.round.choices import AGENDA_FIELDS, MAX_FIELD
from scan.records.round.follow_up import MAX_NOTE, OWN_FIELDS
from scan.records.round.follow_up import MAX_TITLE as MAX_OWN_TITLE
from scan.records.round.respondents import MAX_EXPECTED
from scan.records.round.rounds import valid_year
from scan.records.workshop.core import (
    ANSWER_LIMITS,
    MAX_OPEN_QUESTION,
    MAX_TITLE,
    PHASES,
    STATUSES,
    Audience,
    is_open_question,
)
from scan.records.workshop.core import (
    MAX_NOTE as MAX_QUESTION_NOTE,
)
from scan.records.workshop.participation import MAX_OPEN_ANSWER
from scan.records.workshop.qa import MAX_QUESTION, QA_STATUSES
from scan.records.workshop.results import MODERATION
from scan.rules.agenda import OWN_PREFIX, ItemStatus
from scan.rules.akkoord.coverage import Judgement
from scan.rules.akkoord.result import AgreementAnalysis
from scan.rules.scoring import check_answer

CREDENTIAL_TABLES = ("credentials", "oidc_grants")
Row = Mapping[str, Any]


class InvalidRow(ScanError):
    """A row the app would never have written."""


def _one_of(value: object, allowed: object, what: str) -> None:
    if value not in allowed:  # type: ignore[operator]
        raise InvalidRow(f"{what} '{str(value)[:30]}' bestaat niet.")


def _flag(row: Row, *names: str) -> None:
    for name in names:
        if row.get(name) not in (0, 1, None):
            raise InvalidRow(f"'{name}' moet 0 of 1 zijn, niet '{str(row.get(name))[:20]}'.")


def _text(value: object, what: str, limit: int) -> None:
    if value is None:
        return
    clean_input(value, what)  # type: ignore[arg-type]
    if len(value) > limit:  # type: ignore[arg-type]
        raise InvalidRow(f"{what} is langer dan {limit} tekens.")


def _municipality(code: object) -> None:
    if code not in reference().municipalities:
        raise InvalidRow(f"Gemeentecode '{str(code)[:20]}' bestaat niet.")


def _proposal(pid: object) -> None:
    _one_of(pid, {p.id for p in question_bank().proposals}, "Voorstel")


def _answer(row: Row) -> None:
    qid, version = row.get("question_id"), row.get("question_version")
    question = question_bank().find_question(str(qid))
    if question is not None:
        question = question.at(version if isinstance(version, int) else None)
    check_answer(question, str(qid), row.get("value"), bool(row.get("dont_know")))
    _flag(row, "dont_know")


def _rounds(row: Row) -> None:
    _municipality(row.get("gm_code"))
    valid_year(row.get("year"))
    _one_of(row.get("status"), ("open", "closed"), "Status")
    _flag(row, "share_benchmark", "is_demo")
    until = row.get("respond_until")
    if until is not None:
        try:
            date.fromisoformat(until)
        except (TypeError, ValueError) as exc:
            raise InvalidRow(f"Sluitingsdatum '{str(until)[:20]}' is geen datum.") from exc


def _invites(row: Row) -> None:
    _one_of(row.get("role"), ROLE_LABELS, "Rol")
    _flag(row, "personal")


def _role_sizes(row: Row) -> None:
    _one_of(row.get("role"), ROLE_LABELS, "Rol")
    expected = row.get("expected")
    if isinstance(expected, bool) or not isinstance(expected, int) or not 1 <= expected <= MAX_EXPECTED:
        raise InvalidRow(f"Verwacht aantal '{str(expected)[:20]}' is geen heel aantal van 1 of meer.")


def _respondents(row: Row) -> None:
    _one_of(row.get("role"), {*ROLE_LABELS, SELF_ROLE, WORKSHOP_ROLE}, "Rol")
    _one_of(row.get("kind"), {k.value for k in RespondentKind}, "Soort deelnemer")


def _answers(row: Row) -> None:
    _answer(row)
    _text(row.get("comment"), "De toelichting", 2000)


def _proposal_status(row: Row) -> None:
    _proposal(row.get("proposal_id"))
    _one_of(row.get("status"), {s.value for s in ProposalStatus}, "Keuze")


def _agenda_items(row: Row) -> None:
    _proposal(row.get("proposal_id"))
    for name in AGENDA_FIELDS:
        _text(row.get(name), f"Agendaveld '{name}'", MAX_FIELD)


def _agenda_own_items(row: Row) -> None:
    for name in OWN_FIELDS:
        _text(row.get(name), f"Agendaveld '{name}'", MAX_OWN_TITLE if name == "title" else MAX_FIELD)
    if not str(row.get("title") or "").strip():
        raise InvalidRow("Een eigen agendapunt zonder titel.")


def _agenda_item_key(item: object) -> None:
    key = str(item)
    if key.startswith(OWN_PREFIX):
        if not key.removeprefix(OWN_PREFIX).isdecimal():
            raise InvalidRow(f"Agendapunt '{key[:30]}' bestaat niet.")
    else:
        _proposal(item)


def _agenda_follow_up(row: Row) -> None:
    _agenda_item_key(row.get("item"))
    _one_of(row.get("status"), {s.value for s in ItemStatus}, "Stand")
    _text(row.get("why"), "Waarom gestopt", MAX_FIELD)


def _agenda_notes(row: Row) -> None:
    _agenda_item_key(row.get("item"))
    _text(row.get("text"), "Een notitie", MAX_NOTE)
    try:
        date.fromisoformat(str(row.get("noted_on")))
    except ValueError:
        raise InvalidRow(f"Datum '{str(row.get('noted_on'))[:20]}' is geen datum.") from None


def _agreements(row: Row) -> None:
    _one_of(row.get("source"), ("pdf", "docx", "text"), "Soort bestand")
    _text(row.get("filename"), "De bestandsnaam", 200)
    _flag(row, "language_ok", "shared")
    try:
        AgreementAnalysis.from_dict(json.loads(row.get("analysis") or ""))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InvalidRow("De uitkomst van de akkoordcheck is onleesbaar.") from exc


def _agreement_decisions(row: Row) -> None:
    _proposal(row.get("proposal_id"))
    _one_of(row.get("decision"), {j.value for j in Judgement}, "Oordeel")


def _benchmark_values(row: Row) -> None:
    _municipality(row.get("gm_code"))
    valid_year(row.get("year"))
    item, value = row.get("item"), row.get("value")
    priorities = {f"P{p.id}" for p in question_bank().core_priorities}
    if item in priorities:
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
            raise InvalidRow(f"Score '{str(value)[:20]}' voor {item} ligt niet tussen 0 en 100.")
        return
    question = {q.id: q for q in question_bank().benchmark_questions}.get(str(item))
    as_int = int(value) if isinstance(value, int | float) and float(value).is_integer() else value
    check_answer(question, str(item), as_int, False)


def _workshops(row: Row) -> None:
    _text(row.get("title"), "De titel", MAX_TITLE)
    _one_of(row.get("phase"), PHASES, "Fase")
    _one_of(row.get("audience"), {a.value for a in Audience}, "Publiek")
    _flag(row, "added_to_round", "reviewing", "joins_locked", "qa_open", "qa_on_screen")
    bank = question_bank()
    for qid in json.loads(row.get("question_ids") or "[]"):
        if not is_open_question(qid):
            _one_of(qid, {q.id for q in bank.questions}, "Vraag")
    for pid in json.loads(row.get("vote_options") or "[]"):
        _proposal(pid)


def _workshop_questions(row: Row) -> None:
    _one_of(row.get("status"), STATUSES, "Status van een vraag")
    _flag(row, "reveal_at_end")
    _text(row.get("note"), "Een notitie bij een vraag", MAX_QUESTION_NOTE)
    ends_at = row.get("ends_at")
    if ends_at is not None and (isinstance(ends_at, bool) or not isinstance(ends_at, int | float)):
        raise InvalidRow(f"Eindtijd '{str(ends_at)[:20]}' is geen tijdstip.")


def _workshop_open_questions(row: Row) -> None:
    _text(row.get("text"), "Een open vraag", MAX_OPEN_QUESTION)
    limit = row.get("max_answers")
    if limit is not None and (isinstance(limit, bool) or limit not in ANSWER_LIMITS):
        raise InvalidRow(f"Aantal antwoorden per deelnemer '{str(limit)[:20]}' kan niet.")


def _workshop_answers(row: Row) -> None:
    _answer(row)


def _workshop_open_answers(row: Row) -> None:
    _text(row.get("text"), "Een open antwoord", MAX_OPEN_ANSWER)
    _one_of(row.get("status"), MODERATION, "Beoordeling")
    _flag(row, "for_agenda", "pinned")


def _workshop_votes(row: Row) -> None:
    _proposal(row.get("proposal_id"))


def _workshop_room_questions(row: Row) -> None:
    _text(row.get("text"), "Een vraag uit de zaal", MAX_QUESTION)
    _one_of(row.get("status"), QA_STATUSES, "Beoordeling")


RULES: dict[str, Callable[[Row], None]] = {
    "rounds": _rounds,
    "invites": _invites,
    "role_sizes": _role_sizes,
    "respondents": _respondents,
    "answers": _answers,
    "proposal_status": _proposal_status,
    "agenda_items": _agenda_items,
    "agenda_own_items": _agenda_own_items,
    "agenda_follow_up": _agenda_follow_up,
    "agenda_notes": _agenda_notes,
    "agreements": _agreements,
    "agreement_decisions": _agreement_decisions,
    "benchmark_values": _benchmark_values,
    "workshops": _workshops,
    "workshop_questions": _workshop_questions,
    "workshop_open_questions": _workshop_open_questions,
    "workshop_answers": _workshop_answers,
    "workshop_open_answers": _workshop_open_answers,
    "workshop_votes": _workshop_votes,
    "workshop_room_questions": _workshop_room_questions,
}


def check_rows(tables: Mapping[str, list[Row]], columns: Mapping[str, set[str]]) -> None:
    """Refuse the first row the app would not have written, naming its table and row (1-based).
    ``columns``: each table's columns in this database; a row with any other field is refused too."""
    for table, rows in tables.items():
        rule = RULES.get(table)
        for number, row in enumerate(rows, start=1):
            try:
                if not isinstance(row, dict):
                    raise InvalidRow("Dit is geen rij met velden.")
                unknown = set(row) - columns.get(table, set())
                if unknown:
                    raise InvalidRow(f"Onbekend veld '{sorted(unknown)[0][:30]}'.")
                if rule is not None:
                    rule(row)
            except (ScanError, ValueError, TypeError) as exc:
                raise InvalidRow(
                    f"Tabel '{table}', rij {number}: {exc} Er is niets hersteld; deze back-up is veranderd "
                    "of komt niet uit democratiescan."
                ) from exc

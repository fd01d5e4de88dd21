"""The griffier's path on the start page: who fills in what, how long it takes, what comes after, and
where the griffier is now in the chosen round (scan/ui/components/step_plan.py draws it)."""

from __future__ import annotations

from dataclasses import dataclass

from scan.base.formatting import nl_count, nl_number, nl_part_of
from scan.base.rhythm import moment
from scan.content.models import ProposalStatus
from scan.content.questionbank import QuestionBank
from scan.records import workshop
from scan.records.round import choices, follow_up, respondents, rounds
from scan.records.round.rounds import Round
from scan.rules.agenda import Progress
from scan.rules.scoring import ScanScore
from scan.storage.core import Store
from scan.views.self_scan import self_scan

SELF_SCAN_MINUTES = "30–45 minuten"  # ~3,200 words of questions and level descriptions, read with care


@dataclass(frozen=True)
class Step:
    title: str
    who: str
    what: str
    status: str  # in words: "klaar", "bezig: 12 van 40 beantwoord", "nog niet", ...
    done: bool
    optional: bool = False
    page: str | None = None  # the page that does this step (scan/ui/pages/NAME.py)
    action: str | None = None  # the button's words when this is the step the griffier is at


def steps(
    store: Store, bank: QuestionBank, rnd: Round | None, suggested: int, score: ScanScore | None = None
) -> list[Step]:
    """The eight steps of a round, with the state of ``rnd`` (None: no round yet). ``score``: the round's
    self-scan score when the caller has it at hand (a screen's cache); else it is computed here."""
    factual = len(bank.questions_for_role("college"))
    statements = len(bank.questions_for_role("raad"))
    resident = len(bank.questions_for_role("inwoners"))
    plan = [
        Step(
            "Scanronde starten",
            "griffie",
            f"Eén ronde per jaar. Het ritme: bij de start van de raadsperiode en twee jaar later. "
            f"Voor de volgende ronde is dat {suggested} ({moment(suggested)}).",
            f"gestart: scan {rnd.year}" if rnd else "nog niet",
            rnd is not None,
            action="Start de scan hieronder",
        )
    ]
    if rnd is not None and (looking_back := _previous_agenda_step(store, rnd)) is not None:
        plan.append(looking_back)
    if rnd is None:
        counts, overview, workshops, statuses, edits = None, [], [], {}, {}
    else:
        counts = (score or self_scan(store, rnd, bank).score).all_counts
        overview = respondents.response_overview(store, rnd.id)
        workshops = workshop.for_round(store, rnd.id)
        statuses = choices.statuses(store, rnd.id)
        edits = choices.agenda_edits(store, rnd.id)
    chosen = sum(1 for s in statuses.values() if s is ProposalStatus.CHOSEN)
    self_done = counts is not None and counts.total > 0 and counts.answered == counts.total
    if counts is None:
        self_status = "nog niet"
    elif self_done:
        self_status = f"klaar: alle {counts.total} vragen beantwoord"
    else:
        self_status = f"bezig: {counts.answered} van {counts.total} vragen beantwoord"
    invited = sum(r.active_codes for r in overview)
    finished = sum(r.finished for r in overview)
    plan += [
        Step(
            "De zelfscan invullen",
            "griffie",
            f"De griffie beantwoordt {counts.total if counts else factual} feitelijke vragen over de acht "
            f"prioriteiten en de bestuurscultuur, met per vraag vijf niveaus. Reken op {SELF_SCAN_MINUTES}. "
            "Het mag in delen: elk antwoord wordt direct bewaard.",
            self_status,
            self_done,
            page="questionnaire",
            action="Verder met de zelfscan",
        ),
        Step(
            "Anderen uitnodigen",
            "college, ambtenaren, gemeenteraad, inwoners en maatschappelijke partners",
            f"Elk krijgt een uitnodiging met een code, per rol. College en ambtenaren krijgen dezelfde "
            f"{factual} feitelijke vragen als de griffie; de raad {statements} stellingen, inwoners en "
            f"partners {resident}. Antwoorden zijn anoniem.",
            f"{nl_count(invited, 'werkende code', 'werkende codes')}, {nl_number(finished)} klaar"
            if overview
            else "nog niemand uitgenodigd",
            bool(overview),
            optional=True,
            page="participants",
            action="Anderen uitnodigen",
        ),
        Step(
            "Een workshop houden",
            "raad, bestuur of inwoners, samen in een zaal",
            "Iedereen antwoordt op de eigen telefoon; de uitkomst staat op het grote scherm.",
            nl_count(len(workshops), "workshop", "workshops") if workshops else "nog geen",
            bool(workshops),
            optional=True,
            page="workshops",
            action="Een workshop maken",
        ),
        Step(
            "Resultaten bekijken en vergelijken",
            "griffie",
            "Waar staat de gemeente, per prioriteit? Hoe zien andere rollen het, en hoe doen vergelijkbare "
            "gemeenten het?",
            "klaar om te bekijken" if self_done else "na de zelfscan",
            self_done and chosen > 0,
            page="results",
            action="Naar de resultaten",
        ),
        Step(
            "Voorstellen kiezen",
            "griffie, met college en raad",
            "De app raadt voorstellen uit het pamflet aan die passen bij de antwoorden. Kies er een paar.",
            f"{chosen} gekozen" if chosen else "nog niets gekozen",
            chosen > 0,
            page="recommendations",
            action="Voorstellen kiezen",
        ),
        Step(
            "De agenda maken",
            "griffie",
            "De gekozen voorstellen worden een concept-democratiseringsagenda: doel, eigenaar en planning.",
            "bewerkt" if edits else ("klaar om te bewerken" if chosen else "na het kiezen"),
            bool(edits),
            page="agenda",
            action="Naar de agenda",
        ),
        Step(
            "Naar de raad",
            "griffie en gemeenteraad",
            "Het rapport (PDF of Word) en de presentatie gaan naar de raad. Daarna sluit de griffie de ronde.",
            "ronde gesloten" if rnd and not rnd.is_open else "nog niet",
            rnd is not None and not rnd.is_open,
            page="presentation",
            action="Naar de presentatie",
        ),
    ]
    return plan


def _previous_agenda_step(store: Store, rnd: Round) -> Step | None:
    """ "Wat deden we met de agenda van 2024?": only when the previous round had an agenda."""
    earlier = rounds.previous(store, rnd.gm_code, rnd.year)
    keys = follow_up.item_keys(store, earlier.id) if earlier is not None else []
    if earlier is None or not keys:
        return None
    progress = follow_up.progress(store, earlier.id)
    still_open = sum(1 for key in keys if progress.get(key, Progress()).is_open)
    carry = follow_up.carried(store, rnd.id)
    if carry is not None:
        status = f"{nl_count(carry.items, 'open punt', 'open punten')} overgenomen"
    elif still_open:
        status = f"{nl_part_of(still_open, len(keys), ('punt', 'punten'), ('staat', 'staan'))} nog open, nog niet overgenomen"
    else:
        # "alle 3 punten klaar of gestopt": nothing is left open ("1 punt klaar of gestopt" for one)
        status = (
            "alle " if len(keys) > 1 else ""
        ) + f"{nl_count(len(keys), 'punt', 'punten')} klaar of gestopt"
    return Step(
        f"Wat deden we met de agenda van {earlier.year}?",
        "griffie",
        "Werk per punt van de vorige agenda de stand bij (gestart, loopt, klaar of gestopt) en neem wat "
        "nog open staat met één klik mee naar de nieuwe agenda.",
        status,
        carry is not None or not still_open,
        optional=True,
        page="agenda",
        action="Terugkijken op de agenda",
    )


def current(plan: list[Step]) -> int | None:
    """The step the griffier is at: the first one not done that is not optional."""
    return next((i for i, s in enumerate(plan) if not s.done and not s.optional), None)

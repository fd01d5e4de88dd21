"""What to do next: the suggested proposals and the draft agenda as every screen and document shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scan.content.models import ProposalStatus
from scan.content.questionbank import QuestionBank, question_bank
from scan.records import workshop
from scan.records.round import choices, follow_up, rounds
from scan.records.round.rounds import Round
from scan.rules.agenda import AgendaItem, WorkshopSays, build_agenda, progress_summary
from scan.rules.akkoord.coverage import (
    Promise,
)
from scan.rules.recommend import (
    PeerAdoption,
    Suggestion,
    suggest,
)
from scan.storage.core import Store
from scan.views.agreement import promised
from scan.views.self_scan import SelfScan, municipality_name, self_scan
from scan.views.workshops import agenda_inputs, workshop_outcomes, workshop_says


@dataclass(frozen=True)
class Suggestions:
    items: list[Suggestion]  # most urgent first
    adoption: dict[str, PeerAdoption]
    peers_are_demo: bool  # the peer counts they cite rest on fictieve data


def suggestions(
    scan: SelfScan,
    statuses: Mapping[str, ProposalStatus],
    adopted: dict[str, PeerAdoption],
    peers_are_demo: bool,
    bank: QuestionBank | None = None,
    promised: Mapping[str, Promise] | None = None,
) -> Suggestions:
    items = suggest(bank or question_bank(), scan.answers, scan.score, statuses, adopted, promised)
    return Suggestions(items, adopted, peers_are_demo and any(a.n for a in adopted.values()))


@dataclass(frozen=True)
class PreviousAgenda:
    """ "Wat deden we met de agenda van 2024?": the previous round's agenda with how each item got on,
    and whether its open items were carried into this round."""

    year: int
    round_id: int
    items: list[AgendaItem]
    carry: follow_up.Carry | None  # None: the open items were not carried over yet

    @property
    def heading(self) -> str:
        return f"Wat deden we met de agenda van {self.year}?"

    @property
    def open_items(self) -> list[AgendaItem]:
        return [item for item in self.items if item.progress.is_open]

    @property
    def summary(self) -> str:
        """ "5 punten: 2 klaar, 1 loopt, 1 gestopt, 1 nog niet gestart." """
        return progress_summary(self.items)


@dataclass(frozen=True)
class Agenda:
    items: list[AgendaItem]
    inputs: list[tuple[str, str, str]]  # what workshops sent to the agenda
    workshops: dict[str, WorkshopSays]  # per proposal, chosen or not: what the workshops published
    previous: PreviousAgenda | None = None  # the previous round's agenda, when it had items


def agenda(
    store: Store,
    rnd: Round,
    scan: SelfScan | None = None,
    bank: QuestionBank | None = None,
    outcomes: list[workshop.WorkshopOutcome] | None = None,
    *,
    with_previous: bool = True,
) -> Agenda:
    """The draft agenda as every screen and document shows it: the chosen proposals with their edits or
    the defaults (goal from the answers, the agreement's quote and page), their workshop dots, the
    municipality's own items, each item's status and notes, the workshops' input; and what happened
    with the previous round's agenda."""
    bank = bank or question_bank()
    scan = scan or self_scan(store, rnd, bank)
    outcomes = workshop_outcomes(store, rnd) if outcomes is None else outcomes
    says = workshop_says(outcomes, bank)
    items = build_agenda(
        bank,
        choices.statuses(store, rnd.id),
        choices.agenda_edits(store, rnd.id),
        municipality_name(rnd),
        rnd.year,
        answers=scan.answers,
        promised=promised(store, rnd),
        workshops=says,
        own=follow_up.own_items(store, rnd.id),
        progress=follow_up.progress(store, rnd.id),
    )
    return Agenda(
        items,
        agenda_inputs(store, rnd),
        says,
        previous_agenda(store, rnd, bank) if with_previous else None,
    )


def previous_agenda(store: Store, rnd: Round, bank: QuestionBank | None = None) -> PreviousAgenda | None:
    """The previous round's agenda and how it got on; None when there was no previous round or its
    agenda was empty."""
    earlier = rounds.previous(store, rnd.gm_code, rnd.year)
    if earlier is None:
        return None
    items = agenda(store, earlier, bank=bank, with_previous=False).items
    if not items:
        return None
    return PreviousAgenda(earlier.year, earlier.id, items, follow_up.carried(store, rnd.id))

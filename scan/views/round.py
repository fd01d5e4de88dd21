"""Everything one round's documents show, assembled once: the report, the presentation and the exports."""

from __future__ import annotations

from dataclasses import dataclass

from scan.content.models import ProposalStatus
from scan.content.questionbank import question_bank
from scan.content.reference import PeerGroup
from scan.records.round import choices, releases
from scan.records.round.rounds import Round
from scan.rules.benchmark import Comparison
from scan.storage.core import Store
from scan.views.agenda import Agenda, Suggestions, agenda, suggestions
from scan.views.agreement import AgreementView, agreement_view
from scan.views.peers import adoption, comparison, group_for, group_line, peer_data
from scan.views.response import Response, response
from scan.views.self_scan import (
    Roles,
    SelfScan,
    Trend,
    municipality_name,
    respondent_answers,
    roles,
    self_scan,
    trend,
)
from scan.views.workshops import WorkshopOutcome, workshop_outcomes


@dataclass(frozen=True)
class RoundView:
    """What a document about one round shows: the report, the presentation and the exports."""

    scan: SelfScan
    municipality: str
    group: PeerGroup
    group_line: str  # "Vergeleken met de M50 (…), de vergelijkingsgroep van deze ronde." (+ not a member)
    comparison: Comparison
    suggestions: Suggestions
    statuses: dict[str, ProposalStatus]
    agenda_edits: dict[str, dict]
    roles: Roles
    trend: Trend
    workshops: list[WorkshopOutcome]
    agreement: AgreementView
    agenda: Agenda
    respondent_answers: list[tuple]  # the exports' published respondents' rows (self_scan.respondent_answers)
    response: Response  # "12 van de 27 raadsleden deden mee", per role

    @property
    def peers_are_demo(self) -> bool:
        """Peer figures are fictief where the group's data (with enough peers) includes demo scans."""
        return self.comparison.enough and self.comparison.has_demo


def round_view(store: Store, rnd: Round, group_id: str | None = None) -> RoundView:
    """Assemble everything for one round, compared with the round's comparison group (``group_id``: a
    group to look around with instead, named as such in ``group_line``), from one
    read snapshot; then publish its figures in one step (releases.publish). When another session
    published a figure in between, the view is assembled again from a new snapshot."""
    for _ in range(ATTEMPTS):
        publication = releases.Publication()
        with store.read():
            view = _assemble(store, rnd, group_id, publication)
        if releases.publish(store, publication):
            return view
    return _assemble(store, rnd, group_id, None)  # under heavy contention: publish figure by figure


ATTEMPTS = 5


def _assemble(
    store: Store, rnd: Round, group_id: str | None, publication: releases.Publication | None
) -> RoundView:
    bank = question_bank()
    scan = self_scan(store, rnd, bank)
    peers = peer_data(store, rnd.year, bank)
    group = group_for(rnd, group_id)
    result = comparison(store, scan, peers, group, bank, publication)
    statuses = choices.statuses(store, rnd.id)
    adopted = adoption(store, peers, group, rnd.gm_code, bank, publication)
    agreement = agreement_view(store, rnd, scan, bank)
    outcomes = workshop_outcomes(store, rnd)
    return RoundView(
        scan=scan,
        municipality=municipality_name(rnd),
        group=group,
        group_line=group_line(rnd, group),
        comparison=result,
        suggestions=suggestions(scan, statuses, adopted, result.has_demo, bank, agreement.promised),
        statuses=statuses,
        agenda_edits=choices.agenda_edits(store, rnd.id),
        roles=roles(store, scan, bank, publication),
        trend=trend(store, scan, bank),
        workshops=outcomes,
        agreement=agreement,
        agenda=agenda(store, rnd, scan, bank, outcomes),
        respondent_answers=respondent_answers(store, rnd, publication),
        response=response(store, rnd),
    )

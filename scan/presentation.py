"""Content of the council presentation: one screen per priority, computed here, drawn by the UI."""

from __future__ import annotations

from dataclasses import dataclass

from scan import views
from scan.benchmark import Comparison, Stat
from scan.models import ProposalStatus
from scan.questionbank import question_bank
from scan.rounds import Round
from scan.scoring import ScanScore
from scan.storage import Store
from scan.summary import strongest_and_weakest
from scan.trend import deltas


@dataclass(frozen=True)
class PrioritySlide:
    priority_id: int
    name: str
    description: str
    score: float | None
    scored: int  # questions the score rests on
    total: int
    peer: Stat  # for the chosen peer group
    peer_label: str
    previous_year: int | None
    delta: float | None
    proposals: list[tuple[str, str, bool]]  # (id, title, chosen by the municipality)


@dataclass(frozen=True)
class Presentation:
    municipality: str
    year: int
    own_is_demo: bool  # the municipality's own figures are fictief
    peers_are_demo: bool  # the peer medians rest on fictieve data
    score: ScanScore
    summary: str
    comparison: Comparison
    slides: list[PrioritySlide]


def build(store: Store, rnd: Round, group_id: str | None = None) -> Presentation:
    """The presentation of one round, compared with the chosen peer group (or the default one)."""
    bank = question_bank()
    view = views.round_view(store, rnd, group_id)
    score, comparison = view.scan.score, view.comparison
    previous = view.trend.previous
    change = deltas(previous.score, score) if previous else {}
    slides = []
    for p in bank.core_priorities:
        ps = score.by_id(p.id)
        chosen = [
            (x.id, x.title, True)
            for x in bank.proposals_for(p.id)
            if view.statuses.get(x.id) == ProposalStatus.CHOSEN
        ]
        suggested = [
            (s.proposal.id, s.proposal.title, False)
            for s in view.suggestions.items
            if s.proposal.priority == p.id
        ]
        proposals = (chosen + [s for s in suggested if s[0] not in {c[0] for c in chosen}])[:3]
        slides.append(
            PrioritySlide(
                p.id,
                p.name,
                p.description,
                ps.score,
                ps.scored,
                ps.total,
                comparison.priorities[p.id],
                comparison.group.label,
                previous.round.year if previous else None,
                change.get(p.id),
                proposals,
            )
        )
    return Presentation(
        view.municipality,
        rnd.year,
        view.scan.is_demo,
        view.peers_are_demo,
        score,
        strongest_and_weakest(bank, score),
        comparison,
        slides,
    )

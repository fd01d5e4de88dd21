"""Content of the council presentation: one screen per priority, computed here, drawn by the UI."""

from __future__ import annotations

from dataclasses import dataclass

from scan.benchmark import Comparison, Stat, compare, load_peer_data
from scan.recommend import suggest
from scan.reference import reference
from scan.scoring import ScanScore, score_scan
from scan.storage import SELF_ROLE, Round, Store
from scan.summary import strongest_and_weakest
from scan.trend import deltas


@dataclass(frozen=True)
class PrioritySlide:
    priority_id: int
    name: str
    description: str
    score: float | None
    answered: int
    total: int
    peer: Stat | None  # for the chosen peer group
    peer_label: str
    previous_year: int | None
    delta: float | None
    proposals: list[tuple[str, str, bool]]  # (id, title, chosen by the municipality)


@dataclass(frozen=True)
class Presentation:
    municipality: str
    year: int
    is_demo: bool
    score: ScanScore
    summary: str
    comparison: Comparison | None
    slides: list[PrioritySlide]


def _peer_comparison(store: Store, rnd: Round, score: ScanScore) -> Comparison | None:
    """The most specific peer group with enough data (G4/G40/M50/P10, then size class, province, all)."""
    data = load_peer_data(store, rnd.year)
    answers = store.answers(rnd.id)
    for group in reference().peer_groups_for(rnd.gm_code):
        result = compare(store.bank, data, group, rnd.gm_code, score, answers)
        if result.enough:
            return result
    return None


def build(store: Store, rnd: Round) -> Presentation:
    bank = store.bank
    answers = store.answers(rnd.id)
    score = score_scan(bank, answers, SELF_ROLE)
    comparison = _peer_comparison(store, rnd, score)
    earlier = [r for r in store.rounds_for(rnd.gm_code) if r.year < rnd.year]
    previous = earlier[0] if earlier else None
    change = deltas(score_scan(bank, store.answers(previous.id), SELF_ROLE), score) if previous else {}
    statuses = store.proposal_statuses(rnd.id)
    suggestions = suggest(bank, answers, score, statuses)
    slides = []
    for p in bank.core_priorities:
        ps = score.by_id(p.id)
        chosen = [(x.id, x.title, True) for x in bank.proposals_for(p.id) if statuses.get(x.id) == "kiezen"]
        suggested = [
            (s.proposal.id, s.proposal.title, False) for s in suggestions if s.proposal.priority == p.id
        ]
        proposals = (chosen + [s for s in suggested if s[0] not in {c[0] for c in chosen}])[:3]
        slides.append(
            PrioritySlide(
                p.id,
                p.name,
                p.description,
                ps.score,
                ps.answered,
                ps.total,
                comparison.priorities[p.id] if comparison else None,
                comparison.group.label if comparison else "",
                previous.year if previous else None,
                change.get(p.id),
                proposals,
            )
        )
    name = reference().municipality(rnd.gm_code).name
    return Presentation(
        name, rnd.year, rnd.is_demo, score, strongest_and_weakest(bank, score), comparison, slides
    )

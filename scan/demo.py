"""Reproducible *fictieve* demo data: scans for real municipalities with made-up answers.

Every round written here has ``is_demo = 1`` so the UI can label it "fictief" wherever
it shows. The same seed always gives the same database content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scan.recommend import suggest
from scan.reference import reference
from scan.scoring import Answer, score_scan
from scan.storage import Store

DEFAULT_SEED = 20261122
FEATURED = "GM0355"  # Zeist: M50 member, a mid-sized municipality with many peers
DEMO_YEARS = (2022, 2024, 2026)
EXTRA_MUNICIPALITIES = 60


@dataclass(frozen=True)
class DemoSummary:
    municipalities: int
    rounds: int
    answers: int
    skipped: bool = False


def _peppers_by_question(store: Store) -> dict[str, int]:
    """The lowest pepper count of the proposals a question measures (basic steps are more common)."""
    result: dict[str, int] = {}
    for prop in store.bank.proposals:
        for qid in prop.questions:
            result[qid] = min(result.get(qid, 3), prop.peppers)
    return result


def _demo_municipalities(rng: random.Random) -> list[str]:
    ref = reference()
    grouped = sorted(set().union(*(g.members for g in ref.named_groups.values())))
    others = sorted(set(ref.municipalities) - set(grouped))
    chosen = set(grouped) | set(rng.sample(others, EXTRA_MUNICIPALITIES)) | {FEATURED}
    return sorted(chosen)


def generate_answers(
    store: Store, rng: random.Random, ability: float, offsets: dict[int, float], year: int
) -> list[Answer]:
    peppers = _peppers_by_question(store)
    growth = 0.2 * (year - DEMO_YEARS[0]) / 2  # municipalities improve a little each round
    answers = []
    for q in store.bank.questions_for_role("griffie"):
        if rng.random() < 0.05:
            answers.append(Answer(q.id, None, dont_know=True))
            continue
        mean = 2.5 - 0.5 * (peppers.get(q.id, 2) - 1) + 0.7 * ability + offsets[q.priority_id] + growth
        value = min(4, max(0, round(rng.gauss(mean, 0.8))))
        answers.append(Answer(q.id, value))
    return answers


def fill_demo(store: Store, seed: int = DEFAULT_SEED) -> DemoSummary:
    """Fill an empty or demo-free database with fictitious scans; skip if demo data exists."""
    existing = store.db.execute("SELECT COUNT(*) FROM rounds WHERE is_demo = 1").fetchone()[0]
    if existing:
        return DemoSummary(0, existing, 0, skipped=True)
    rng = random.Random(seed)
    codes = _demo_municipalities(rng)
    priorities = [p.id for p in store.bank.priorities]
    rounds = answers = 0
    for code in codes:
        ability = rng.gauss(0, 0.6)
        offsets = {pid: rng.gauss(0, 0.45) for pid in priorities}
        years = DEMO_YEARS if code == FEATURED or rng.random() < 0.7 else DEMO_YEARS[:2]
        for year in years:
            rnd = store.start_round(code, year, is_demo=True)
            batch = generate_answers(store, rng, ability, offsets, year)
            store.save_answers_bulk(rnd.id, batch)
            store.set_share_benchmark(rnd.id, True)
            if year != DEMO_YEARS[-1]:
                store.close_round(rnd.id)
            rounds += 1
            answers += len(batch)
    # The featured scan gets three chosen proposals (so the agenda shows something) and is
    # touched last so a newcomer lands on it.
    featured = store.get_round(FEATURED, DEMO_YEARS[-1])
    own = store.answers(featured.id)
    for suggestion in suggest(store.bank, own, score_scan(store.bank, own))[:3]:
        store.set_proposal_status(featured.id, suggestion.proposal.id, "kiezen")
    store.set_position(featured.id, 1)
    return DemoSummary(len(codes), rounds, answers)

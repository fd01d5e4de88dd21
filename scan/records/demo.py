"""Reproducible *fictieve* demo data: scans for real municipalities with made-up answers.

Every round written here has ``is_demo = 1`` so the UI can label it "fictief" wherever
it shows. The same seed always gives the same database content.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scan.content.models import SELF_ROLE, ProposalStatus
from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.records import agreements
from scan.records.round import answers as answer_store
from scan.records.round import choices, rounds
from scan.rules.akkoord.coverage import Judgement, candidates
from scan.rules.recommend import suggest
from scan.rules.scoring import Answer, score_scan
from scan.storage.core import Store

DEFAULT_SEED = 20261122
FEATURED = "GM0355"  # Zeist: M50 member, a mid-sized municipality with many peers
DEMO_YEARS = (2022, 2024, 2026)
EXTRA_MUNICIPALITIES = 60
AGREEMENT_SHARE = 0.75  # of the rounds at the start of the current council term: a fictitious agreement
# How often a fictitious agreement promises a proposal, by its demo rarity.
PROMISE_CHANCE = {1: 0.5, 2: 0.3, 3: 0.15}
# Policy that is not about democracy, so an agreement reads like one (own words, fictitious).
OTHER_POLICY = [
    "We bouwen de komende jaren betaalbare woningen, vooral voor starters en ouderen.",
    "Fietspaden en stoepen worden veiliger; bij scholen komt een lagere snelheid.",
    "De begroting blijft sluitend en de lokale lasten stijgen niet harder dan de inflatie.",
    "Zorg en ondersteuning dichtbij huis blijven toegankelijk, ook in de kleinere kernen.",
]


@dataclass(frozen=True)
class DemoSummary:
    municipalities: int
    rounds: int
    answers: int
    skipped: bool = False


# How rare each proposal is in the made-up scans (1 common ... 3 rare): a knob for fictieve data only,
# no grading of the proposals (the pamphlet knows only basisstap and pittiger stap).
DEMO_RARITY = {
    "1a": 1, "1b": 2, "1c": 2, "2a": 1, "2b": 2, "2c": 3, "3a": 1, "3b": 2, "3c": 3, "3d": 3,
    "4a": 1, "4b": 2, "4c": 3, "5a": 1, "5b": 2, "5c": 2, "5d": 3, "5e": 3, "6a": 1, "6b": 2,
    "6c": 2, "6d": 3, "7a": 1, "7b": 2, "7c": 3, "8a": 1, "8b": 2, "8c": 3, "8d": 3,
}  # fmt: skip


def _rarity_by_question() -> dict[str, int]:
    """The lowest rarity of the proposals a question measures (basic steps are more common)."""
    result: dict[str, int] = {}
    for prop in question_bank().proposals:
        for qid in prop.questions:
            result[qid] = min(result.get(qid, 3), DEMO_RARITY[prop.id])
    return result


def _demo_municipalities(rng: random.Random) -> list[str]:
    ref = reference()
    grouped = sorted(set().union(*(g.members for g in ref.named_groups.values())))
    others = sorted(set(ref.municipalities) - set(grouped))
    chosen = set(grouped) | set(rng.sample(others, EXTRA_MUNICIPALITIES)) | {FEATURED}
    return sorted(chosen)


def generate_answers(
    rng: random.Random, ability: float, offsets: dict[int, float], year: int
) -> list[Answer]:
    rarity = _rarity_by_question()
    growth = 0.2 * (year - DEMO_YEARS[0]) / 2  # municipalities improve a little each round
    answers = []
    for q in question_bank().questions_for_role(SELF_ROLE):
        if rng.random() < 0.05:
            answers.append(Answer(q.id, None, dont_know=True))
            continue
        mean = 2.5 - 0.5 * (rarity.get(q.id, 2) - 1) + 0.7 * ability + offsets[q.priority_id] + growth
        value = min(4, max(0, round(rng.gauss(mean, 0.8))))
        answers.append(Answer(q.id, value))
    return answers


def _demo_agreement(
    store: Store, rnd: rounds.Round, name: str, rng: random.Random, leave_open: bool = False
) -> None:
    """A fictitious agreement for the round, read by the akkoordcheck: the app's own text suggestions of
    the proposals it promises, between paragraphs on other policy. The griffier confirmed what it
    promises and rejected the rest, and shares the outcome; ``leave_open``: the first match waits."""
    bank = question_bank()
    promised = [p for p in bank.proposals if rng.random() < PROMISE_CHANCE[DEMO_RARITY[p.id]]]
    text = "\n\n".join(
        [
            f"Coalitieakkoord {name} {rnd.year}-{rnd.year + 4} (fictief voorbeeld)",
            *OTHER_POLICY[:2],
            *(p.agreement_for(name) for p in promised),
            *OTHER_POLICY[2:],
        ]
    )
    found = agreements.read_pasted(store, rnd.id, text, isolated=False)  # our own text
    ids = {p.id for p in promised}
    waiting = leave_open
    for pid, coverage in found.analysis.proposals.items():
        if not candidates(coverage):
            continue
        if waiting and pid in ids:
            waiting = False  # something left for the demo visitor to judge
            continue
        agreements.judge(store, rnd.id, pid, Judgement.CONFIRMED if pid in ids else Judgement.REJECTED)
    agreements.set_shared(store, rnd.id, True)


def fill_demo(store: Store, seed: int = DEFAULT_SEED) -> DemoSummary:
    """Fill an empty or demo-free database with fictitious scans; skip if demo data exists."""
    existing = store.db.execute("SELECT COUNT(*) FROM rounds WHERE is_demo = 1").fetchone()[0]
    if existing:
        return DemoSummary(0, existing, 0, skipped=True)
    rng = random.Random(seed)
    told = random.Random(seed + 1)  # the agreements: their own stream, so the answers stay as they were
    ref = reference()
    codes = _demo_municipalities(rng)
    bank = question_bank()
    priorities = [p.id for p in bank.priorities]
    made = given = 0
    featured: rounds.Round | None = None  # _demo_municipalities always includes FEATURED
    for code in codes:
        ability = rng.gauss(0, 0.6)
        offsets = {pid: rng.gauss(0, 0.45) for pid in priorities}
        years = DEMO_YEARS if code == FEATURED or rng.random() < 0.7 else DEMO_YEARS[:2]
        for year in years:
            rnd = rounds.start(store, code, year, is_demo=True)
            batch = generate_answers(rng, ability, offsets, year)
            answer_store.save_bulk(store, rnd.id, batch)
            rounds.set_share_benchmark(store, rnd.id, True)
            if year == DEMO_YEARS[-1] and (code == FEATURED or told.random() < AGREEMENT_SHARE):
                _demo_agreement(store, rnd, ref.municipality(code).name, told, leave_open=code == FEATURED)
            if (code, year) == (FEATURED, DEMO_YEARS[-1]):
                featured = rnd  # stays open
            else:
                rounds.close(store, rnd.id)  # final, so it counts in the benchmark
            made += 1
            given += len(batch)
    # The featured scan gets three chosen proposals, so the agenda shows something.
    if featured is not None:
        own = answer_store.of(store, featured.id)
        for suggestion in suggest(bank, own, score_scan(bank, own))[:3]:
            choices.set_status(store, featured.id, suggestion.proposal.id, ProposalStatus.CHOSEN)
    return DemoSummary(len(codes), made, given)

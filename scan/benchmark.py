"""Peer benchmark: how a municipality's scan compares with a peer group, honestly.

Sources: rounds that municipalities in this installation shared ("delen met de
benchmark") and imported benchmark files. Peer figures exclude the municipality
itself and are withheld below ``MIN_N`` municipalities: the caller gets the count
and a Dutch sentence instead.

Quartiles use linear interpolation between data points (pandas' default, the same
as Excel's KWARTIEL.INC). The percentile rank is the share of peers scoring lower
plus half the share scoring the same, times 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from scan.questionbank import QuestionBank
from scan.reference import ElectionResult, PeerGroup
from scan.scoring import Answer, ScanScore, points_table

MIN_N = 5
BEHIND_PERCENTILE = 25  # "behind most peers": three quarters of the peers score higher


def too_few_message(n: int) -> str:
    return f"te weinig vergelijkingsmateriaal (n = {n})"


@dataclass(frozen=True)
class PeerData:
    """Everything shared for one year, before choosing a peer group."""

    year: int
    priority_scores: pd.DataFrame  # index gm_code, columns priority ids (float or NaN)
    question_values: pd.DataFrame  # columns gm_code, question_id, value (raw answer)
    demo_codes: frozenset[str] = frozenset()  # municipalities whose shared data is fictief (demo)

    def municipalities(self) -> set[str]:
        return set(self.priority_scores.index) | set(self.question_values["gm_code"])

    def peers(self, group: PeerGroup, own_code: str) -> set[str]:
        """The group's municipalities with data, the municipality itself left out."""
        return (group.members & self.municipalities()) - {own_code}

    def enough_peers(self, group: PeerGroup, own_code: str) -> bool:
        return len(self.peers(group, own_code)) >= MIN_N

    def has_demo(self, group: PeerGroup, own_code: str) -> bool:
        """Does any of the group's figures rest on fictieve (demo) data?"""
        return bool(self.peers(group, own_code) & self.demo_codes)


class MinimumN:
    """Figures over ``n`` municipalities are shown only when ``n >= MIN_N``."""

    n: int

    @property
    def enough(self) -> bool:
        return self.n >= MIN_N

    @property
    def message(self) -> str:
        return too_few_message(self.n)


@dataclass(frozen=True)
class Stat(MinimumN):
    n: int
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    percentile: float | None = None  # of the municipality's own value among the peers


def percentile_from_counts(lower: int, same: int, n: int) -> float:
    """The percentile rule: the share of peers lower, plus half the share equal, times 100."""
    return (lower + 0.5 * same) / n * 100


def percentile_rank(values: Iterable[float], own: float) -> float:
    values = list(values)
    return percentile_from_counts(sum(v < own for v in values), sum(v == own for v in values), len(values))


def describe(values: Iterable[float], own: float | None) -> Stat:
    """n, median, quartiles and percentile rank, or only n when there are too few."""
    series = pd.Series(list(values), dtype=float).dropna()
    n = len(series)
    if n < MIN_N:
        return Stat(n)
    rank = percentile_rank(series, own) if own is not None else None
    return Stat(n, float(series.median()), float(series.quantile(0.25)), float(series.quantile(0.75)), rank)


def build_peer_data(
    bank: QuestionBank,
    year: int,
    shared_answers: pd.DataFrame,
    imported: pd.DataFrame,
    demo_codes: frozenset[str] = frozenset(),
) -> PeerData:
    """Combine shared scans and imported values into per-municipality scores.

    ``shared_answers``: gm_code, question_id, value (dont-know rows already left out).
    ``imported``: gm_code, item, value, where item is a question id or ``P1``..``P8``.
    A shared scan wins over an imported value for the same municipality and item.
    """
    questions = pd.concat(
        [
            shared_answers[["gm_code", "question_id", "value"]],
            imported[~imported["item"].str.startswith("P")].rename(columns={"item": "question_id"})[
                ["gm_code", "question_id", "value"]
            ],
        ],
        ignore_index=True,
    ).drop_duplicates(subset=["gm_code", "question_id"], keep="first")
    by_id = {q.id: q for q in bank.benchmark_questions}
    questions = questions[questions["question_id"].isin(by_id)].copy()
    questions["value"] = questions["value"].astype(int)
    # rule 1 of the scoring, vectorised through the table made from scoring.points
    table = points_table(by_id.values())
    questions["points"] = [
        table[key] for key in zip(questions["question_id"], questions["value"], strict=True)
    ]
    questions["priority"] = questions["question_id"].map({q: by_id[q].priority_id for q in by_id})
    scores = questions.groupby(["gm_code", "priority"])["points"].mean().unstack()

    direct = imported[imported["item"].str.startswith("P")].copy()
    if not direct.empty:
        direct["priority"] = direct["item"].str[1:].astype(int)
        direct_scores = direct.pivot_table(
            index="gm_code", columns="priority", values="value", aggfunc="mean"
        )
        scores = scores.combine_first(direct_scores) if not scores.empty else direct_scores
    scores = scores.reindex(columns=[p.id for p in bank.core_priorities])
    return PeerData(year, scores, questions[["gm_code", "question_id", "value"]], frozenset(demo_codes))


@dataclass(frozen=True)
class QuestionStat:
    question_id: str
    stat: Stat
    own: int | None
    level_shares: dict[int, float] = field(default_factory=dict)  # level -> share of peers (0-1)


@dataclass(frozen=True)
class Comparison(MinimumN):
    group: PeerGroup
    year: int
    n: int  # peers with any data in this group (the municipality itself excluded)
    priorities: dict[int, Stat]
    overall: Stat
    questions: list[QuestionStat]
    has_demo: bool  # some peer in this group shared fictieve (demo) data

    def behind(self) -> list[QuestionStat]:
        """Questions where the municipality is behind most peers, weakest rank first."""
        rows = [
            q
            for q in self.questions
            if q.stat.enough and q.stat.percentile is not None and q.stat.percentile < BEHIND_PERCENTILE
        ]
        return sorted(rows, key=lambda q: (q.stat.percentile, q.question_id))


def compare(
    bank: QuestionBank,
    data: PeerData,
    group: PeerGroup,
    own_code: str,
    own_score: ScanScore,
    own_answers: dict[str, Answer],
) -> Comparison:
    peers = data.peers(group, own_code)
    scores = data.priority_scores.loc[data.priority_scores.index.isin(peers)]
    priority_stats = {
        p.id: describe(scores[p.id], own_score.by_id(p.id).score)  # columns: all eight, see build_peer_data
        for p in bank.core_priorities
    }
    overall_values = scores.mean(axis=1, skipna=True).dropna() if not scores.empty else []
    overall = describe(overall_values, own_score.overall)

    values = data.question_values[data.question_values["gm_code"].isin(peers)]
    # one pass over all questions at once: counts, quartiles and level counts per question
    grouped = values.groupby("question_id")["value"]
    counts = grouped.size()
    quantiles = grouped.quantile([0.25, 0.5, 0.75]).unstack() if not values.empty else None
    levels = (
        values.groupby(["question_id", "value"]).size().unstack(fill_value=0) if not values.empty else None
    )
    question_stats = []
    for q in bank.benchmark_questions:
        n = int(counts.get(q.id, 0))
        own = own_answers.get(q.id)
        own_value = own.value if own is not None else None
        if n < MIN_N:
            question_stats.append(QuestionStat(q.id, Stat(n), own_value, {}))
            continue
        row = levels.loc[q.id]
        at_level = {level: int(row.get(level, 0)) for level in q.scale}
        rank = None
        if own_value is not None:
            lower = sum(c for level, c in at_level.items() if level < own_value)
            rank = percentile_from_counts(lower, at_level.get(own_value, 0), n)
        qs = quantiles.loc[q.id]
        stat = Stat(n, float(qs[0.5]), float(qs[0.25]), float(qs[0.75]), rank)
        question_stats.append(
            QuestionStat(q.id, stat, own_value, {lvl: c / n for lvl, c in at_level.items()})
        )
    return Comparison(
        group, data.year, len(peers), priority_stats, overall, question_stats, data.has_demo(group, own_code)
    )


# --- objective context from real election results -------------------------------------------------

ELECTION_CYCLES = {2018: range(2018, 2019), 2022: range(2020, 2023), 2026: range(2026, 2027)}


@dataclass(frozen=True)
class ElectionContext:
    cycle: int
    measure: str
    own: int | None
    peers: Stat


def election_context(
    elections: Iterable[ElectionResult], own_code: str, group: PeerGroup
) -> list[ElectionContext]:
    """Council size, lists and lists with seats per election cycle: the municipality against its peers."""
    latest: dict[tuple[str, int], ElectionResult] = {}
    for e in elections:
        for cycle, years in ELECTION_CYCLES.items():
            if e.year in years:
                key = (e.code, cycle)
                if key not in latest or latest[key].election < e.election:
                    latest[key] = e
    measures = {
        "Raadszetels": lambda e: e.seats,
        "Deelnemende lijsten": lambda e: e.lists,
        "Lijsten met zetels": lambda e: e.lists_with_seats,
    }
    result = []
    for cycle in ELECTION_CYCLES:
        own = latest.get((own_code, cycle))
        peers = [latest[(c, cycle)] for c in group.members - {own_code} if (c, cycle) in latest]
        for label, get in measures.items():
            own_value = get(own) if own else None
            result.append(
                ElectionContext(cycle, label, own_value, describe([get(p) for p in peers], own_value))
            )
    return result

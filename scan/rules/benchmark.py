"""Peer benchmark: how a municipality's scan compares with a peer group, honestly.

Sources: closed rounds that municipalities in this installation shared ("delen met de
benchmark") and imported benchmark files. Peer figures exclude the municipality itself and
follow the disclosure rule (scan/rules/disclosure.py): never over fewer than ``MIN_N``
municipalities, and never so that two views differ by one municipality. The caller gets the
count and a Dutch sentence instead of a figure that is not shown.

Quartiles use linear interpolation between data points (pandas' default, the same
as Excel's KWARTIEL.INC). The percentile rank is the share of peers scoring lower
plus half the share scoring the same, times 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from scan.content.questionbank import QuestionBank
from scan.content.reference import ElectionResult, PeerGroup
from scan.rules.disclosure import MIN_N, Decision, Shown, contributor_of, fingerprint
from scan.rules.scoring import Answer, ScanScore, points_table

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
        return (self.municipalities() & group.members) - {own_code}

    def enough_peers(self, group: PeerGroup, own_code: str) -> bool:
        return len(self.peers(group, own_code)) >= MIN_N

    def has_demo(self, group: PeerGroup, own_code: str) -> bool:
        """Does any of the group's figures rest on fictieve (demo) data?"""
        return bool(self.peers(group, own_code) & self.demo_codes)


class MinimumN:
    """Figures over ``n`` municipalities are shown only when ``n >= MIN_N`` (and, where the
    disclosure rule withholds a figure while its data changes, not while ``updating``)."""

    n: int
    updating: bool = False

    @property
    def enough(self) -> bool:
        return self.n >= MIN_N and not self.updating

    @property
    def message(self) -> str:
        if self.updating:
            return f"wordt bijgewerkt zodra er genoeg veranderd is (n = {self.n})"
        return too_few_message(self.n)


@dataclass(frozen=True)
class Stat(MinimumN):
    n: int
    median: float | None = None
    q1: float | None = None
    q3: float | None = None
    percentile: float | None = None  # of the municipality's own value among the peers
    updating: bool = False

    @property
    def middle(self) -> tuple[float, float, float] | None:
        """(median, q1, q3) when the figure is shown, else None."""
        if not self.enough or self.median is None or self.q1 is None or self.q3 is None:
            return None
        return self.median, self.q1, self.q3


def withheld(decision: Decision) -> Stat:
    """The count (and why) instead of a figure the disclosure rule does not show."""
    return Stat(decision.candidates, updating=decision.state is Shown.UPDATING)


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

    @property
    def further(self) -> float:
        """The share of peers on a higher level than the municipality ("Verder dan u"); 0 without an answer."""
        if self.own is None:
            return 0.0
        return sum(share for level, share in self.level_shares.items() if level > self.own)


@dataclass(frozen=True)
class Comparison:
    group: PeerGroup
    year: int
    n: int  # peers with any data in this group (the municipality itself excluded)
    priorities: dict[int, Stat]
    overall: Stat
    questions: list[QuestionStat]
    has_demo: bool  # some peer in this group shared fictieve (demo) data

    @property
    def enough(self) -> bool:
        """Whether the group's figures are shown (the overall figure decides for the page)."""
        return self.overall.enough

    @property
    def message(self) -> str:
        return self.overall.message

    def behind(self) -> list[QuestionStat]:
        """Questions where the municipality is behind most peers, sorted by the figure their list shows: the
        largest share of peers further than the municipality first."""
        rows = [
            q
            for q in self.questions
            if q.stat.enough and q.stat.percentile is not None and q.stat.percentile < BEHIND_PERCENTILE
        ]
        return sorted(rows, key=lambda q: (-q.further, q.question_id))


def overall_scores(scores: pd.DataFrame) -> pd.Series:
    """Each municipality's total: the mean of its priorities with a score, each weighing the same
    (scoring rule 4, for a table of peers). The one place a peer's total is computed."""
    return scores.mean(axis=1, skipna=True).dropna() if not scores.empty else pd.Series(dtype=float)


def figure_candidates(
    bank: QuestionBank, data: PeerData, group: PeerGroup, own_code: str
) -> dict[str, frozenset[str]]:
    """Every figure of a comparison and the peers that would contribute to it now, each with a
    fingerprint of the value it contributes (see scan/rules/disclosure.py)."""
    peers = data.peers(group, own_code)
    scores = data.priority_scores.loc[data.priority_scores.index.isin(peers)]
    result: dict[str, frozenset[str]] = {}
    for p in bank.core_priorities:
        column = scores[p.id].dropna()
        result[f"P{p.id}"] = frozenset(fingerprint(str(code), round(v, 9)) for code, v in column.items())
    overall = overall_scores(scores)
    result["overall"] = frozenset(fingerprint(str(code), round(v, 9)) for code, v in overall.items())
    values = data.question_values[data.question_values["gm_code"].isin(peers)]
    by_question: dict[str, set[str]] = {q.id: set() for q in bank.benchmark_questions}
    for code, qid, value in values.itertuples(index=False):
        by_question.setdefault(qid, set()).add(fingerprint(code, int(value)))
    result |= {f"Q{qid}": frozenset(keys) for qid, keys in by_question.items()}
    return result


def _members(decision: Decision | None) -> set[str] | None:
    return (
        None
        if decision is None or decision.members is None
        else {contributor_of(k) for k in decision.members}
    )


def compare(
    bank: QuestionBank,
    data: PeerData,
    group: PeerGroup,
    own_code: str,
    own_score: ScanScore,
    own_answers: dict[str, Answer],
    decisions: dict[str, Decision],
) -> Comparison:
    """The municipality against the group, each figure over the peers its decision publishes."""
    scores = data.priority_scores
    priority_stats = {}
    for p in bank.core_priorities:
        members = _members(decisions[f"P{p.id}"])
        if members is None:
            priority_stats[p.id] = withheld(decisions[f"P{p.id}"])
        else:
            column = scores.loc[scores.index.isin(members), p.id]
            priority_stats[p.id] = describe(column, own_score.by_id(p.id).score)
    members = _members(decisions["overall"])
    if members is None:
        overall = withheld(decisions["overall"])
    else:
        overall = describe(overall_scores(scores.loc[scores.index.isin(members)]), own_score.overall)

    values = data.question_values
    question_stats = []
    for q in bank.benchmark_questions:
        own = own_answers.get(q.id)
        own_value = own.value if own is not None else None
        decision = decisions[f"Q{q.id}"]
        members = _members(decision)
        if members is None:
            question_stats.append(QuestionStat(q.id, withheld(decision), own_value, {}))
            continue
        picked = values.loc[(values["question_id"] == q.id) & values["gm_code"].isin(members), "value"]
        n = len(picked)
        at_level = {level: int((picked == level).sum()) for level in q.scale}
        rank = None
        if own_value is not None:
            lower = sum(c for level, c in at_level.items() if level < own_value)
            rank = percentile_from_counts(lower, at_level.get(own_value, 0), n)
        stat = Stat(
            n, float(picked.median()), float(picked.quantile(0.25)), float(picked.quantile(0.75)), rank
        )
        question_stats.append(
            QuestionStat(q.id, stat, own_value, {lvl: c / n for lvl, c in at_level.items()})
        )
    return Comparison(
        group,
        data.year,
        len(data.peers(group, own_code)),
        priority_stats,
        overall,
        question_stats,
        data.has_demo(group, own_code),
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

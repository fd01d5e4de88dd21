"""Precision and recall of the akkoordcheck on the labelled passages (tests and tests/perf use it).

A proposal counts as found when its status is "staat erin" or "deels" (``strict`` counts only
"staat erin"). Each passage is analysed on its own, as pasted text; ``documents`` also checks
made-up agreements of many passages, where the labels of the whole document are the union.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from scan.rules.akkoord import AgreementAnalysis, analyse_text

from .fixtures import LabelledPassage, labelled_passages


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, gold: set, found: set) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)
        if found - gold:
            self.errors.append(f"{name}: onterecht {sorted(found - gold)}")
        if gold - found:
            self.errors.append(f"{name}: gemist {sorted(gold - found)}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Quality:
    proposals: Score
    priorities: Score
    confusion: dict[int, Counter]  # priority -> tp/fp/fn/tn


def found(result: AgreementAnalysis, strict: bool = False) -> tuple[set[str], set[int]]:
    ok = ("staat_erin",) if strict else ("staat_erin", "deels")
    proposals = {pid for pid, c in result.proposals.items() if c.status in ok}
    priorities = {p for p, c in result.priorities.items() if c.status in ok}
    return proposals, priorities


def evaluate(passages: list[LabelledPassage] | None = None, strict: bool = False) -> Quality:
    passages = passages if passages is not None else labelled_passages()
    quality = Quality(Score(), Score(), {p: Counter() for p in range(1, 9)})
    for passage in passages:
        result = analyse_text(passage.text)
        got_props, got_prios = found(result, strict)
        gold_props = set(passage.labels)
        gold_prios = {int(pid[0]) for pid in gold_props}
        quality.proposals.add(passage.id, gold_props, got_props)
        quality.priorities.add(passage.id, gold_prios, got_prios)
        for p in range(1, 9):
            key = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[
                (p in gold_prios, p in got_prios)
            ]
            quality.confusion[p][key] += 1
    return quality


def evaluate_documents(count: int = 30, size: int = 25, seed: int = 7, strict: bool = False) -> Quality:
    """Made-up agreements of ``size`` passages each; gold = union of their passages' labels."""
    rng = random.Random(seed)
    passages = labelled_passages()
    quality = Quality(Score(), Score(), {p: Counter() for p in range(1, 9)})
    for n in range(count):
        chosen = rng.sample(passages, size)
        result = analyse_text("\n\n".join(p.text for p in chosen))
        got_props, got_prios = found(result, strict)
        gold_props = {pid for p in chosen for pid in p.labels}
        quality.proposals.add(f"document {n}", gold_props, got_props)
        quality.priorities.add(f"document {n}", {int(x[0]) for x in gold_props}, got_prios)
    return quality

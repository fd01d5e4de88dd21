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


# --- the real-text corpus (tests/akkoord/corpus/) ---------------------------------------------------


@dataclass
class CorpusQuality:
    proposals: Score
    priorities: Score
    passages: int


def f1(score: Score) -> float:
    p, r = score.precision, score.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def found_priorities(result: AgreementAnalysis) -> set[int]:
    """Priorities the check reports in any way: staat erin, deels or thema genoemd."""
    return {p for p, c in result.priorities.items() if c.status != "niet_gevonden"}


def evaluate_corpus(passages) -> CorpusQuality:
    """Each passage read on its own; proposals found (staat erin or deels) against ``labels``,
    priorities found (also "thema genoemd") against the proposals' priorities plus ``themes``."""
    quality = CorpusQuality(Score(), Score(), len(passages))
    for passage in passages:
        result = analyse_text(passage.text)
        got_props, _ = found(result)
        quality.proposals.add(passage.id, set(passage.labels), got_props)
        quality.priorities.add(passage.id, set(passage.priorities), found_priorities(result))
    return quality


def _same_passage(shown: str, passage: str) -> bool:
    """The shown passage is the corpus passage, a window of it, or it with a neighbour run on."""
    shown = " ".join(shown.split())
    return shown in passage or passage in shown


def recall_at_5_documents(passages, analyse=analyse_text, k: int = 5) -> tuple[int, int]:
    """Recall@5 as the griffier meets it (issue 24): the passages of one source (a web page, an
    agreement) are read as one document; per priority the check shows its passages in order
    (found proposals, "thema genoemd", then "misschien relevant"). A positive pair (passage,
    priority) is a hit when the passage is among the first ``k`` shown for that priority in its
    own document. Returns (hits, pairs)."""
    documents: dict[str, list] = {}
    for passage in passages:
        documents.setdefault(passage.source, []).append(passage)
    hits = pairs = 0
    for members in documents.values():
        if not any(p.positive for p in members):
            continue
        result = analyse("\n\n".join(p.text for p in members))
        for passage in members:
            for priority in sorted(passage.priorities):
                shown = result.priorities[priority].shown(result.proposals)[:k]
                pairs += 1
                hits += any(_same_passage(s.text, passage.text) for s in shown)
    return hits, pairs


def recall_at_5(passages, k: int = 5) -> tuple[int, int]:
    """A harder variant (the first measure of issue 24): for every positive passage and each priority
    it serves, read it in one document with every
    passage of the same set that does not serve that priority (the distractors, in corpus order,
    the positive one in the middle), and check that it is among the first ``k`` passages the check
    shows for the priority (found proposals, "thema genoemd", "misschien relevant").
    Returns (hits, pairs)."""
    hits = pairs = 0
    for passage in passages:
        for priority in sorted(passage.priorities):
            distractors = [q.text for q in passages if priority not in q.priorities]
            middle = len(distractors) // 2
            document = [*distractors[:middle], passage.text, *distractors[middle:]]
            result = analyse_text("\n\n".join(document))
            shown = result.priorities[priority].shown(result.proposals)[:k]
            pairs += 1
            hits += any(_same_passage(p.text, passage.text) for p in shown)
    return hits, pairs

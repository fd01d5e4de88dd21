"""Quality on the labelled passages: a correctness property (precision and recall), not timing.

The figures, and those on the hold-out set, are printed by tests/perf/akkoord_quality.py.
"""

from __future__ import annotations

from .fixtures import labelled_passages
from .quality import evaluate


def test_labelled_set_is_big_enough_and_consistent() -> None:
    passages = labelled_passages()
    promises = [p for p in passages if p.kind == "promise"]
    from scan.questionbank import PAMPHLET_PROPOSALS

    for pid in PAMPHLET_PROPOSALS:
        assert sum(pid in p.labels for p in promises) >= 2, pid
    assert sum(p.kind == "other" for p in passages) >= 40
    assert sum(p.kind == "trap" for p in passages) >= 15
    assert all(not p.labels for p in passages if p.kind != "promise")
    assert len({p.id for p in passages}) == len(passages)


def test_quality_targets_on_the_labelled_set() -> None:
    quality = evaluate()
    details = "\n".join(quality.proposals.errors)
    assert quality.priorities.precision >= 0.9, details
    assert quality.priorities.recall >= 0.85, details
    assert quality.proposals.precision >= 0.8, details
    assert quality.proposals.recall >= 0.7, details


def test_no_trap_is_found() -> None:
    traps = [p for p in labelled_passages() if p.kind == "trap"]
    quality = evaluate(traps)
    assert quality.proposals.fp == 0, quality.proposals.errors

"""Quality on the tuning sets (labelled.yaml, development.yaml): a correctness property, not timing.

The figures, and those on the hold-out sets, are printed by tests/perf/akkoord_quality.py. The
hold-out sets (holdout.yaml, holdout2.yaml) are never tuned on; here they are only checked to parse
and to share no passage with the other sets, so no threshold is ever fitted to their result.
"""

from __future__ import annotations

from collections import Counter

import pytest

from scan.content.questionbank import PAMPHLET_PROPOSALS
from scan.rules.akkoord import analyse_text

from .fixtures import (
    DEVELOPMENT,
    HOLDOUT,
    HOLDOUT2,
    LABELLED,
    LabelledPassage,
    development_passages,
    labelled_passages,
    load_passages,
)
from .quality import evaluate, found

SETS = {"labelled": LABELLED, "development": DEVELOPMENT, "holdout": HOLDOUT, "holdout2": HOLDOUT2}


def _check_format(passages: list[LabelledPassage]) -> None:
    assert all(p.kind in ("promise", "other", "trap") for p in passages)
    assert all(bool(p.labels) == (p.kind == "promise") for p in passages)
    assert all(label in PAMPHLET_PROPOSALS for p in passages for label in p.labels)
    assert len({p.id for p in passages}) == len(passages)


@pytest.mark.parametrize(
    ("loader", "others", "traps"), [(labelled_passages, 40, 15), (development_passages, 20, 10)]
)
def test_tuning_set_is_big_enough_and_consistent(loader, others: int, traps: int) -> None:
    passages = loader()
    _check_format(passages)
    promises = [p for p in passages if p.kind == "promise"]
    for pid in PAMPHLET_PROPOSALS:
        assert sum(pid in p.labels for p in promises) >= 2, pid
    assert sum(p.kind == "other" for p in passages) >= others
    assert sum(p.kind == "trap" for p in passages) >= traps


@pytest.mark.parametrize("loader", [labelled_passages, development_passages])
def test_quality_targets_on_the_tuning_sets(loader) -> None:
    quality = evaluate(loader())
    details = "\n".join(quality.proposals.errors)
    assert quality.priorities.precision >= 0.9, details
    assert quality.priorities.recall >= 0.85, details
    assert quality.proposals.precision >= 0.8, details
    assert quality.proposals.recall >= 0.7, details


def test_every_proposal_is_found_in_most_of_its_development_promises() -> None:
    # Fails when the words of one proposal break, which the overall recall would hide.
    hits, total = Counter(), Counter()
    for passage in development_passages():
        got, _ = found(analyse_text(passage.text))
        for pid in passage.labels:
            total[pid] += 1
            hits[pid] += pid in got
    weak = {pid: f"{hits[pid]}/{total[pid]}" for pid in PAMPHLET_PROPOSALS if hits[pid] * 2 < total[pid]}
    assert not weak, weak


@pytest.mark.parametrize("loader", [labelled_passages, development_passages])
def test_no_trap_is_found(loader) -> None:
    traps = [p for p in loader() if p.kind == "trap"]
    quality = evaluate(traps)
    assert quality.proposals.fp == 0, quality.proposals.errors


def test_holdout_sets_parse_and_share_nothing_with_the_other_sets() -> None:
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for name, path in SETS.items():
        passages = load_passages(path)
        _check_format(passages)
        for p in passages:
            assert p.id not in seen_ids, (p.id, name, seen_ids.get(p.id))
            text = p.text.lower()
            assert text not in seen_texts, (p.id, name, seen_texts.get(text))
            seen_ids[p.id], seen_texts[text] = name, name
    holdout2 = load_passages(HOLDOUT2)
    covered = {label for p in holdout2 for label in p.labels}
    assert covered == set(PAMPHLET_PROPOSALS)

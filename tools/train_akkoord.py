"""Train the akkoordcheck's passage model (scan/akkoord/model.json): one logistic regression per priority.

    python tools/train_akkoord.py            # trains, prints the cross-validated figures, writes the model
    python tools/train_akkoord.py --check    # trains and fails if the result differs from model.json

Data: the development split of the real-text corpus (tests/akkoord/corpus/, split by municipality)
and the project's own labelled sets (tests/akkoord/labelled.yaml, development.yaml). Never the test
split, the hold-out sets or the pamphlet's text suggestions. A passage's priorities are those of the
proposals it promises plus its "themes".

Choices, each by measurement on the development data (grouped 5-fold cross-validation, folds by
municipality, so a municipality is never in training and validation at once): the regularisation C,
and one threshold for all priorities, the lowest at which the check's priority-level precision
(word list OR model) stays at or above 0.9. Deterministic (liblinear, no random state): the same
data gives the same file. Takes a few seconds on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scan.akkoord import analyse_text  # noqa: E402
from scan.akkoord.classifier import MODEL_PATH, PRIORITIES, features  # noqa: E402
from scan.akkoord.textnorm import tokenize  # noqa: E402
from tests.akkoord.corpus import split  # noqa: E402
from tests.akkoord.fixtures import development_passages, labelled_passages  # noqa: E402

C_VALUES = (0.3, 1.0, 3.0)
TARGET_PRECISION = 0.9
MAYBE = 0.05  # from this probability a passage is listed as "misschien relevant"
MIN_DF = 2  # a feature must occur in at least two training passages
FOLDS = 5


def training_data() -> tuple[list[str], list[frozenset[int]], list[str]]:
    texts, gold, groups = [], [], []
    for p in split("development"):
        texts.append(p.text)
        gold.append(p.priorities)
        groups.append(p.code)
    for name, passages in (
        ("eigen-labelled", labelled_passages()),
        ("eigen-development", development_passages()),
    ):
        for q in passages:
            texts.append(q.text)
            gold.append(frozenset(int(pid[0]) for pid in q.labels))
            groups.append(f"{name}-{q.id.split('-')[0]}")
    return texts, gold, groups


def rule_priorities(text: str) -> frozenset[int]:
    result = analyse_text(text)
    return frozenset(
        int(pid[0]) for pid, c in result.proposals.items() if c.status in ("staat_erin", "deels")
    )


def matrix(feature_sets: list[set[str]], vocabulary: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for i, found in enumerate(feature_sets):
        for f in found:
            j = vocabulary.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(len(feature_sets), len(vocabulary)))


def build_vocabulary(feature_sets: list[set[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for found in feature_sets:
        for f in found:
            counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_DF))}


def fit(x: csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=2000)
    model.fit(x, y)
    return model


def out_of_fold(feature_sets, gold, groups, c: float) -> np.ndarray:
    probs = np.zeros((len(gold), len(PRIORITIES)))
    for train, valid in GroupKFold(n_splits=FOLDS).split(feature_sets, groups=groups):
        vocabulary = build_vocabulary([feature_sets[i] for i in train])
        x_train = matrix([feature_sets[i] for i in train], vocabulary)
        x_valid = matrix([feature_sets[i] for i in valid], vocabulary)
        for k, p in enumerate(PRIORITIES):
            y = np.array([p in gold[i] for i in train], dtype=int)
            if y.sum() == 0:
                continue
            probs[valid, k] = fit(x_train, y, c).predict_proba(x_valid)[:, 1]
    return probs


def figures(probs, gold, rules, threshold: float) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for i, g in enumerate(gold):
        found = set(rules[i]) | {p for k, p in enumerate(PRIORITIES) if probs[i, k] >= threshold}
        tp += len(found & g)
        fp += len(found - g)
        fn += len(g - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def train() -> dict:
    texts, gold, groups = training_data()
    feature_sets = [features(tokenize(t)) for t in texts]
    rules = [rule_priorities(t) for t in texts]
    print(f"training passages: {len(texts)} ({sum(bool(g) for g in gold)} serving a priority)")
    print(
        "word list alone (development data): P {:.3f} R {:.3f} F1 {:.3f}".format(
            *figures(np.zeros((len(gold), len(PRIORITIES))), gold, rules, 2.0)
        )
    )
    best = None
    for c in C_VALUES:
        probs = out_of_fold(feature_sets, gold, groups, c)
        for threshold in np.arange(0.30, 0.96, 0.025):
            p, r, f = figures(probs, gold, rules, float(threshold))
            if p >= TARGET_PRECISION and (best is None or f > best[0]):
                best = (f, c, float(threshold), p, r)
    if best is None:
        raise SystemExit("no setting reaches the target precision on the development data")
    f1, c, threshold, precision, recall = best
    print(
        f"chosen C = {c}, threshold = {threshold:.3f}: cross-validated P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    )

    vocabulary = build_vocabulary(feature_sets)
    x = matrix(feature_sets, vocabulary)
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    weights = np.zeros((len(names), len(PRIORITIES)))
    priorities = {}
    for k, p in enumerate(PRIORITIES):
        y = np.array([p in g for g in gold], dtype=int)
        model = fit(x, y, c)
        weights[:, k] = model.coef_[0]
        priorities[str(p)] = {
            "bias": round(float(model.intercept_[0]), 4),
            "threshold": round(threshold, 3),
            "maybe": MAYBE,
        }
    kept = {
        name: [round(float(w), 4) for w in row]
        for name, row in zip(names, weights, strict=True)
        if np.abs(row).max() >= 0.001
    }
    print(f"features kept: {len(kept)} of {len(names)}")
    return {
        "version": f"C{c}-t{threshold:.3f}-n{len(texts)}",
        "trained_on": "tests/akkoord/corpus (development split), tests/akkoord/labelled.yaml, development.yaml",
        "priorities": priorities,
        "weights": kept,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--check", action="store_true", help="fail if the trained model differs from model.json"
    )
    args = parser.parse_args()
    model = train()
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    if args.check:
        same = MODEL_PATH.exists() and MODEL_PATH.read_text(encoding="utf-8") == text
        print("model.json is up to date" if same else "model.json differs from a fresh training")
        return 0 if same else 1
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"written: {MODEL_PATH.relative_to(ROOT)} ({len(text) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

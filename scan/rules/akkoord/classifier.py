"""Which priorities a passage serves, read from its words as a whole: a logistic regression per priority.

The word list (``matching``) finds the pamphlet's instruments by name. Real agreements often name
none: "oog voor de stille inwoners", "eerst de gemeenschap, dan de politiek". This model reads such
prose. It was trained by ``tools/train_akkoord.py`` on the development split of the real-text corpus
(tests/akkoord/corpus/) and on the project's own labelled sets; its weights are in
``model.json`` next to this file, so scoring needs no machine-learning library at run time.

Features (binary, per passage): word stems, pairs of adjacent stems, and character 4- and 5-grams
of each word with its edges marked (so "wijkraden", "wijkbudget" and "dorpsraad" share parts).
A priority's score is ``sigmoid(bias + sum of the weights of the features present)``; the model
also holds, per priority, the threshold above which a passage counts ("thema genoemd" when none of
the priority's proposals is found) and a lower one for "misschien relevant".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scan.rules.akkoord.textnorm import Token

MODEL_PATH = Path(__file__).with_name("model.json")
PRIORITIES = tuple(range(1, 9))
NGRAMS = (4, 5)


def features(tokens: Sequence[Token]) -> set[str]:
    """The binary features of one passage (the same function trains and scores)."""
    found: set[str] = set()
    previous = ""
    for token in tokens:
        if not token.norm.isalpha():
            previous = ""
            continue
        found.add("w:" + token.stem)
        if previous:
            found.add(f"b:{previous}_{token.stem}")
        previous = token.stem
        marked = f"<{token.norm}>"
        for size in NGRAMS:
            for i in range(len(marked) - size + 1):
                found.add("c:" + marked[i : i + size])
    return found


NO_WORD_ROUTE = 2.0  # above any probability: a model file without "with_word" has no second route


@dataclass(frozen=True)
class PriorityModel:
    bias: float
    threshold: float  # probability from which a passage counts for the priority
    maybe: float  # probability from which a passage is shown as "misschien relevant"
    # probability from which a passage counts when the word list also found a word of the priority
    # there (one support word is enough); NO_WORD_ROUTE: no such second route
    with_word: float = NO_WORD_ROUTE


@dataclass(frozen=True)
class Model:
    priorities: dict[int, PriorityModel]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per priority (1..8)
    version: str

    def scores(self, tokens: Sequence[Token]) -> dict[int, float]:
        return self.scores_of(features(tokens))

    def scores_of(self, found: Iterable[str]) -> dict[int, float]:
        sums = [self.priorities[p].bias for p in PRIORITIES]
        for feature in found:
            row = self.weights.get(feature)
            if row is not None:
                for i, w in enumerate(row):
                    sums[i] += w
        return {p: _sigmoid(s) for p, s in zip(PRIORITIES, sums, strict=True)}


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def model_from_dict(data: dict) -> Model:
    priorities = {
        int(k): PriorityModel(
            float(v["bias"]),
            float(v["threshold"]),
            float(v["maybe"]),
            float(v.get("with_word", NO_WORD_ROUTE)),
        )
        for k, v in data["priorities"].items()
    }
    weights = {f: tuple(float(x) for x in row) for f, row in data["weights"].items()}
    return Model(priorities, weights, str(data.get("version", "")))


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> Model:
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))

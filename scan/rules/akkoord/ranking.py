"""BM25 over the passages of one agreement (bm25s), one query per proposal.

Why bm25s: maintained (releases in 2026), a standard Lucene-style BM25 on scipy sparse matrices,
fast to index a few thousand passages; rank-bm25 has had no release since 2022.

Each passage is indexed as its word stems plus one token per vocabulary term found in it, so
phrases, affix terms ("wijk*") and sense-checked terms count as single units. A proposal's query
is its strong terms (weight 2, by repetition) and its support terms (weight 1). IDF comes from
the agreement itself, so scores rank passages within one agreement; they are not comparable
between agreements and are not used for the status thresholds (see ``decision``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import bm25s
import numpy as np

K1 = 1.5
B = 0.75
STRONG_WEIGHT = 2

logging.getLogger("bm25s").setLevel(logging.WARNING)


def bm25_scores(corpus: Sequence[list[str]], queries: Mapping[str, list[str]]) -> dict[str, np.ndarray]:
    """Score of every passage for every query; a query whose terms occur nowhere scores zeros."""
    zeros = np.zeros(len(corpus), dtype=np.float32)
    wanted = {key for tokens in queries.values() for key in tokens}
    if not corpus or not any(key in wanted for doc in corpus for key in doc):
        return {name: zeros for name in queries}
    retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
    retriever.index([list(doc) or [""] for doc in corpus], show_progress=False)
    known = retriever.vocab_dict
    result = {}
    for name, tokens in queries.items():
        present = [t for t in tokens if t in known]
        result[name] = retriever.get_scores(present) if present else zeros
    return result

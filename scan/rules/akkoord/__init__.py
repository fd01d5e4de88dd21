"""Akkoordcheck: which of the pamphlet's 29 proposals does a coalition agreement promise?

Public API (free of Streamlit)::

    from scan.rules.akkoord import analyse, analyse_text
    result = analyse(data, "akkoord.pdf", on_progress=lambda fraction, text: ...)
    result.proposals["2c"].status      # "staat_erin" | "deels" | "niet_gevonden"
    result.proposals["2c"].passages    # Passage(page, paragraph, text, score, terms, spans, negated)
    result.priorities[2].status
    result.to_dict()                   # for JSON

How it decides is explained in ``decision`` (thresholds), ``matching`` (negation, sense) and
``ranking`` (BM25); the words are content, in ``questions/akkoord.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable

from scan.rules.akkoord.analysis import analyse_document, read_document
from scan.rules.akkoord.classifier import Model
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.limits import MAX_PAGES, Limits
from scan.rules.akkoord.result import (
    STATUS_LABELS,
    AgreementAnalysis,
    Passage,
    PriorityCoverage,
    ProposalCoverage,
    Status,
)
from scan.rules.akkoord.text_reader import read_text
from scan.rules.akkoord.vocabulary import Vocabulary

__all__ = [
    "MAX_PAGES",
    "STATUS_LABELS",
    "AgreementAnalysis",
    "AgreementError",
    "Limits",
    "Passage",
    "PriorityCoverage",
    "ProposalCoverage",
    "Status",
    "analyse",
    "analyse_text",
]


def analyse(
    data: bytes,
    filename: str,
    *,
    on_progress: Callable[[float, str], None] | None = None,
    limits: Limits | None = None,
    vocab: Vocabulary | None = None,
) -> AgreementAnalysis:
    """Analyse an agreement file (PDF, .docx or .txt, recognised by its bytes).

    ``on_progress(fraction, message)`` gets a fraction 0..1 and a Dutch message, fit for
    ``st.progress``. Raises AgreementError (a ScanError) with a Dutch message for bad input.
    """
    limits = limits or Limits.default()
    document = read_document(data, filename, limits, on_progress)
    return analyse_document(document, vocab, on_progress)


def analyse_text(
    text: str, *, limits: Limits | None = None, vocab: Vocabulary | None = None, model: Model | None = None
) -> AgreementAnalysis:
    """Analyse pasted text (paragraphs separated by blank lines; no page numbers)."""
    limits = limits or Limits.default()
    if len(text.encode("utf-8")) > limits.max_bytes:
        raise AgreementError(f"De tekst is te lang. De akkoordcheck leest tot {limits.size_text} tekst.")
    return analyse_document(read_text(text, "De geplakte tekst", limits), vocab, model=model)

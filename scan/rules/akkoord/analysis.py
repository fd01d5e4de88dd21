"""Read a file, find the proposals, rank the passages, decide: the whole akkoordcheck in order."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePath

import numpy as np

from scan.content.questionbank import PAMPHLET_PROPOSALS
from scan.rules.akkoord.classifier import Model, load_model
from scan.rules.akkoord.decision import (
    MAX_DENIED,
    MAX_MAYBE,
    MAX_PASSAGES,
    MAX_THEME,
    Verdict,
    gate,
    judge,
    proposal_status,
    roll_up,
)
from scan.rules.akkoord.document import Document
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.language import check_language
from scan.rules.akkoord.limits import Limits
from scan.rules.akkoord.matching import Matcher, PassageMatch
from scan.rules.akkoord.passages import PassageText, split_passages
from scan.rules.akkoord.ranking import STRONG_WEIGHT, bm25_scores
from scan.rules.akkoord.result import AgreementAnalysis, Passage, PriorityCoverage, ProposalCoverage
from scan.rules.akkoord.sniff import check_file
from scan.rules.akkoord.textnorm import Token, tokenize
from scan.rules.akkoord.vocabulary import Vocabulary, theme_id, vocabulary

Progress = Callable[[float, str], None]


@lru_cache(maxsize=4)
def _matcher(vocab: Vocabulary) -> Matcher:
    return Matcher(vocab)


def read_document(
    data: bytes, filename: str, limits: Limits, on_progress: Progress | None = None
) -> Document:
    """Check and read a file into blocks; AgreementError with a Dutch message for bad input."""
    kind = check_file(data, filename, limits)
    name = PurePath(filename).name
    if kind == "pdf":
        from scan.rules.akkoord.pdf_reader import read_pdf

        return read_pdf(data, name, limits, on_progress)
    if kind == "docx":
        from scan.rules.akkoord.docx_reader import read_docx

        return read_docx(data, name, limits)
    from scan.rules.akkoord.text_reader import decode, read_text

    return read_text(decode(data), name, limits)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _passage(text: PassageText, match: PassageMatch, verdict: Verdict, score: float) -> Passage:
    spans = _merge([s for o in verdict.shown for s in (o.span, *o.context)])
    terms = tuple(dict.fromkeys(match.text[a:b] for a, b in spans))
    return Passage(
        page=text.page,
        paragraph=text.paragraph,
        text=match.text,
        score=round(float(score), 3),
        terms=terms,
        spans=spans,
        negated=verdict.negated,
        hedged=verdict.hedged,
    )


def _model_passage(
    text: PassageText, tokens: list[Token], probability: float, model: Model, priority: int
) -> Passage:
    """A passage the model found: the words that weighed most for the priority are marked."""
    k = priority - 1
    weighed = sorted(
        ((model.weights.get("w:" + t.stem, ())[k : k + 1] or (0.0,))[0], t.start, t.end) for t in tokens
    )
    spans = tuple(sorted((a, b) for w, a, b in weighed[-3:] if w > 0.2))
    return Passage(
        page=text.page,
        paragraph=text.paragraph,
        text=text.text,
        score=round(float(probability), 3),
        terms=tuple(dict.fromkeys(text.text[a:b] for a, b in spans)),
        spans=spans,
        negated=False,
    )


def _flags(match: PassageMatch, priority: int) -> list[bool]:
    """For each term of the priority the word list found here: is it denied?"""
    return [
        occ.negated for pid, items in match.by_proposal.items() if int(pid[0]) == priority for occ in items
    ]


def _denied_only(match: PassageMatch, priority: int) -> bool:
    """The word list found terms of the priority here, and every one of them is denied."""
    flags = _flags(match, priority)
    return bool(flags) and all(flags)


def _has_word(match: PassageMatch, priority: int) -> bool:
    """The word list found at least one term of the priority here that is not denied."""
    return not all(_flags(match, priority))


def _themes(
    rolled: dict[int, PriorityCoverage],
    proposals: dict[str, ProposalCoverage],
    texts: list[PassageText],
    matches: list[PassageMatch],
    relevance: list[dict[int, float] | None],
    model: Model,
    scores: dict[str, np.ndarray],
    alone: frozenset[int] = frozenset(),
) -> dict[int, PriorityCoverage]:
    """Add "thema genoemd" and "misschien relevant" to each priority.

    A passage serves a priority as a theme, without naming one of its proposals, when the word list
    finds one of the priority's theme words there (a participation regulation for 4, an audit office
    for 6; ``themes`` in questions/akkoord.yaml), or when the passage model's probability reaches the
    priority's threshold, or its lower ``with_word`` bar while the word list found a word of the
    priority there (one support word is enough), and the word list did not find only denials there
    ("geen referendum").
    Passages already counted for one of the priority's proposals are not repeated. A priority with
    no proposal found but such a passage is "thema genoemd". The next best passages above the
    model's lower bar are "misschien relevant", so the griffier sees them without searching.
    """
    found_by_words = [
        {int(pid[0]) for pid, items in m.by_proposal.items() if judge(items).status != "niet_gevonden"}
        for m in matches
    ]
    result = {}
    for priority, coverage in rolled.items():
        counted = {
            p.text
            for pid, c in proposals.items()
            if int(pid[0]) == priority and c.status != "niet_gevonden"
            for p in c.passages
        }
        settings = model.priorities[priority]
        key = theme_id(priority)
        by_words = sorted(
            (
                (-float(scores[key][i]) if key in scores else 0.0, i, verdict)
                for i, m in enumerate(matches)
                if key in m.by_proposal
                and texts[i].text not in counted
                and (verdict := judge(m.by_proposal[key])).status != "niet_gevonden"
                and not (priority in alone and found_by_words[i] - {priority})
            ),
            key=lambda x: (x[0], x[1]),
        )
        theme = [_passage(texts[i], matches[i], verdict, -negative) for negative, i, verdict in by_words]
        taken = counted | {texts[i].text for _, i, _ in by_words}
        ranked = sorted(
            (-(probs or {}).get(priority, 0.0), i)
            for i, probs in enumerate(relevance)
            if probs is not None and texts[i].text not in taken
        )
        maybe: list[Passage] = []
        for negative, i in ranked:
            probability = -negative
            if probability < settings.maybe or len(maybe) >= MAX_MAYBE:
                break
            passage = _model_passage(texts[i], matches[i].tokens, probability, model, priority)
            sure = probability >= settings.threshold or (
                probability >= settings.with_word and _has_word(matches[i], priority)
            )
            if sure and not _denied_only(matches[i], priority):
                theme.append(passage)
            else:
                maybe.append(passage)
        theme = theme[:MAX_THEME]
        status = coverage.status
        if status == "niet_gevonden" and theme:
            status = "thema_genoemd"
        result[priority] = PriorityCoverage(priority, status, coverage.found, tuple(theme), tuple(maybe))
    return result


def _at(passage: Passage) -> str:
    """Where a passage stands, after "Gevonden": "op pagina 4", "in alinea 3", "(plaats onbekend)"."""
    if passage.page is not None:
        return f"op {passage.where}"
    return f"in {passage.where}" if passage.paragraph is not None else f"({passage.where})"


def _reason(status: str, shown: list[Passage], denied: list[Passage]) -> str:
    if status == "niet_gevonden":
        if denied:
            first = denied[0]
            return f"Alleen ontkend of afgewezen ({first.where}: {', '.join(first.terms)})."
        return "Geen passage gevonden die dit voorstel belooft."
    best = shown[0]
    words = ", ".join(f"'{t}'" for t in best.terms[:6])
    if status == "staat_erin":
        return f"Gevonden {_at(best)}: {words}."
    if best.hedged:
        return f"Alleen als iets om te onderzoeken of te verkennen ({best.where}: {words})."
    return f"Alleen verwante woorden, geen duidelijke belofte ({best.where}: {words})."


def analyse_document(
    document: Document,
    vocab: Vocabulary | None = None,
    on_progress: Progress | None = None,
    *,
    model: Model | None = None,
) -> AgreementAnalysis:
    vocab = vocab or vocabulary()
    language = check_language(document.text)
    if language.clearly_not_dutch:
        raise AgreementError(
            "Dit document lijkt niet in het Nederlands geschreven. De akkoordcheck zoekt naar "
            "Nederlandse woorden en kan dit document daarom niet beoordelen."
        )
    if on_progress:
        on_progress(0.65, "Passages zoeken")
    matcher = _matcher(vocab)
    texts = split_passages(document.blocks)
    matches: list[PassageMatch] = []
    for item in texts:
        tokens = tokenize(item.text)
        matches.append(PassageMatch(item.text, tokens) if item.heading else matcher.match(item.text, tokens))
    if on_progress:
        on_progress(0.85, "Passages rangschikken")

    queries: dict[str, list[str]] = {term.proposal_id: [] for term in vocab.terms}
    for term in vocab.terms:
        queries[term.proposal_id].extend([term.key] * (STRONG_WEIGHT if term.tier == "strong" else 1))
    corpus = [[t.stem for t in m.tokens] + m.keys() for m in matches]
    scores = bm25_scores(corpus, queries)
    model = model or load_model()
    relevance = [
        None if item.heading else model.scores(m.tokens) for item, m in zip(texts, matches, strict=True)
    ]

    proposals: dict[str, ProposalCoverage] = {}
    for pid in PAMPHLET_PROPOSALS:
        priority = int(pid[0])
        judged: list[tuple[Verdict, int]] = [
            (gate(judge(m.by_proposal[pid]), (relevance[i] or {}).get(priority, 0.0)), i)
            for i, m in enumerate(matches)
            if pid in m.by_proposal
        ]
        status = proposal_status(v for v, _ in judged)
        counted = sorted(
            (x for x in judged if x[0].status != "niet_gevonden"),
            key=lambda x: (-(x[0].status == "staat_erin"), -float(scores[pid][x[1]]), x[1]),
        )
        denied = sorted((x for x in judged if x[0].negated), key=lambda x: (-float(scores[pid][x[1]]), x[1]))
        shown = [_passage(texts[i], matches[i], v, scores[pid][i]) for v, i in counted[:MAX_PASSAGES]]
        refused = [_passage(texts[i], matches[i], v, scores[pid][i]) for v, i in denied[:MAX_DENIED]]
        proposals[pid] = ProposalCoverage(pid, status, shown + refused, _reason(status, shown, refused))
    priorities = _themes(
        roll_up(proposals), proposals, texts, matches, relevance, model, scores, vocab.alone_themes
    )
    if on_progress:
        on_progress(1.0, "Klaar")
    return AgreementAnalysis(
        pages=document.pages,
        language_ok=language.ok,
        proposals=proposals,
        priorities=priorities,
        source=document.kind,
        warnings=document.warnings,
    )

"""Read a file, find the proposals, rank the passages, decide: the whole akkoordcheck in order."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePath

from scan.content.questionbank import PAMPHLET_PROPOSALS
from scan.rules.akkoord.decision import MAX_DENIED, MAX_PASSAGES, Verdict, judge, proposal_status, roll_up
from scan.rules.akkoord.document import Document
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.language import check_language
from scan.rules.akkoord.limits import Limits
from scan.rules.akkoord.matching import Matcher, PassageMatch
from scan.rules.akkoord.passages import PassageText, split_passages
from scan.rules.akkoord.ranking import STRONG_WEIGHT, bm25_scores
from scan.rules.akkoord.result import AgreementAnalysis, Passage, ProposalCoverage
from scan.rules.akkoord.sniff import check_file
from scan.rules.akkoord.textnorm import tokenize
from scan.rules.akkoord.vocabulary import Vocabulary, vocabulary

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


def _reason(status: str, shown: list[Passage], denied: list[Passage]) -> str:
    if status == "niet_gevonden":
        if denied:
            first = denied[0]
            return f"Alleen ontkend of afgewezen ({first.where}: {', '.join(first.terms)})."
        return "Geen passage gevonden die dit voorstel belooft."
    best = shown[0]
    words = ", ".join(f"'{t}'" for t in best.terms[:6])
    if status == "staat_erin":
        return f"Gevonden op {best.where}: {words}."
    if best.hedged:
        return f"Alleen als iets om te onderzoeken of te verkennen ({best.where}: {words})."
    return f"Alleen verwante woorden, geen duidelijke belofte ({best.where}: {words})."


def analyse_document(
    document: Document, vocab: Vocabulary | None = None, on_progress: Progress | None = None
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

    queries: dict[str, list[str]] = {pid: [] for pid in PAMPHLET_PROPOSALS}
    for term in vocab.terms:
        queries[term.proposal_id].extend([term.key] * (STRONG_WEIGHT if term.tier == "strong" else 1))
    corpus = [[t.stem for t in m.tokens] + m.keys() for m in matches]
    scores = bm25_scores(corpus, queries)

    proposals: dict[str, ProposalCoverage] = {}
    for pid in PAMPHLET_PROPOSALS:
        judged: list[tuple[Verdict, int]] = [
            (judge(m.by_proposal[pid]), i) for i, m in enumerate(matches) if pid in m.by_proposal
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
    if on_progress:
        on_progress(1.0, "Klaar")
    return AgreementAnalysis(
        pages=document.pages,
        language_ok=language.ok,
        proposals=proposals,
        priorities=roll_up(proposals),
        source=document.kind,
        warnings=document.warnings,
    )

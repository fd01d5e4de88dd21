"""Find the vocabulary's terms in a passage, with the words that made each match.

For every term found we keep its token range, its character span, the words that satisfied its
sense constraint (``with``), and two flags:

* negated: a negation cue stands in the same clause, before the term ("geen referendum",
  "zonder burgerberaad") or just after it ("een burgerberaad past niet"), or a separable verb
  wraps it ("we schaffen de wijkbudgetten af"). Cues that are part of a term ("niet meedoen")
  or of an exception ("niet alleen", "zonder drempels") do not count. Terms joined by "en", "of"
  or "noch" (with at most an article between) share their negation: in "een jongerenraad of
  kinderraad richten we niet op" the cue after kinderraad denies the jongerenraad too.
* hedged: the same clause only explores ("we onderzoeken of ...").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from scan.rules.akkoord.textnorm import Token, stem
from scan.rules.akkoord.vocabulary import Pattern, Term, Tier, Vocabulary

BEFORE_WINDOW = 8  # tokens between a negation cue and the term it negates
AFTER_WINDOW = 6
PAIR_WINDOW = 12
# A parenthesis does not end a clause: "geen (raadgevende) referenda" denies the referenda.
_CLAUSE_GAP = re.compile(r"[.,;:!?\[\]\"“”•]|\n|\s[-–—]\s")
_CONNECTORS = frozenset({"en", "of", "tot"})
_COORDINATORS = frozenset({"en", "of", "noch"})
_ARTICLES = frozenset({"een", "de", "het"})

Range = tuple[int, int]  # token positions [start, end)


@dataclass(frozen=True)
class Occurrence:
    term: Term
    tokens: Range
    span: tuple[int, int]  # characters in the passage text
    context: tuple[tuple[int, int], ...]  # character spans of the words that satisfied "with"
    negated: bool
    hedged: bool

    @property
    def tier(self) -> Tier:
        return self.term.tier


@dataclass
class PassageMatch:
    text: str
    tokens: list[Token]
    by_proposal: dict[str, list[Occurrence]] = field(default_factory=dict)

    def keys(self) -> list[str]:
        """BM25 tokens for the terms found (negated ones too: the decision handles negation)."""
        return [o.term.key for items in self.by_proposal.values() for o in items]


class Matcher:
    """Precomputed lookups for one vocabulary; ``match`` is called once per passage."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._by_first_stem: dict[str, list[Term]] = defaultdict(list)
        self._affix_terms: list[Term] = []
        for term in vocab.terms:
            if term.pattern.is_affix:
                self._affix_terms.append(term)
            else:
                self._by_first_stem[term.pattern.stems[0]].append(term)

    # --- tokens -----------------------------------------------------------------------------

    def _expand_elisions(self, tokens: list[Token]) -> list[Token]:
        """ "wijk- en dorpsagenda": read "wijk-" as "wijkagenda" when that word is in the vocabulary."""
        result = list(tokens)
        for i, token in enumerate(tokens):
            if not token.elided:
                continue
            j = i + 1
            while j < len(tokens) and j <= i + 3 and tokens[j].norm in _CONNECTORS:
                j += 1
            if j >= len(tokens) or j == i + 1:
                continue
            compound = tokens[j].norm
            for k in range(3, len(compound) - 2):
                candidate = token.norm + compound[k:]
                if candidate in self.vocab.known_words:
                    result[i] = Token(token.start, token.end, candidate, stem(candidate))
                    break
        return result

    # --- pattern search ------------------------------------------------------------------------

    @staticmethod
    def find(pattern: Pattern, tokens: Sequence[Token], positions: dict[str, list[int]]) -> list[Range]:
        if pattern.is_affix:
            return [(i, i + 1) for i, t in enumerate(tokens) if pattern.matches_affix(t.norm, t.stem)]
        first = pattern.stems[0]
        size = len(pattern.stems)
        found = []
        for i in positions.get(first, ()):
            if all(i + k < len(tokens) and tokens[i + k].stem == s for k, s in enumerate(pattern.stems)):
                found.append((i, i + size))
        return found

    def _candidates(
        self, tokens: Sequence[Token], positions: dict[str, list[int]]
    ) -> list[tuple[Term, Range]]:
        found: list[tuple[Term, Range]] = []
        for i, token in enumerate(tokens):
            for term in self._by_first_stem.get(token.stem, ()):
                size = len(term.pattern.stems)
                if all(
                    i + k < len(tokens) and tokens[i + k].stem == s for k, s in enumerate(term.pattern.stems)
                ):
                    found.append((term, (i, i + size)))
            for term in self._affix_terms:
                if term.pattern.matches_affix(token.norm, token.stem):
                    found.append((term, (i, i + 1)))
        return found

    # --- clauses, negation, hedges ----------------------------------------------------------

    def _clauses(self, text: str, tokens: Sequence[Token]) -> list[int]:
        clause = 0
        ids = []
        for i, token in enumerate(tokens):
            if i and (
                _CLAUSE_GAP.search(text[tokens[i - 1].end : token.start])
                or token.stem in self.vocab.negation.clause_breaks
            ):
                clause += 1
            ids.append(clause)
        return ids

    def match(self, text: str, tokens: list[Token]) -> PassageMatch:
        tokens = self._expand_elisions(tokens)
        positions: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(tokens):
            positions[t.stem].append(i)
        result = PassageMatch(text, tokens)
        candidates = self._candidates(tokens, positions)
        if not candidates:
            return result

        memo: dict[Pattern, list[Range]] = {}

        def find(pattern: Pattern, tokens: Sequence[Token], positions: dict[str, list[int]]) -> list[Range]:
            if pattern not in memo:
                memo[pattern] = self.find(pattern, tokens, positions)
            return memo[pattern]

        excluded: dict[str, set[int]] = {}
        for pid in {term.proposal_id for term, _ in candidates}:
            excluded[pid] = {
                k
                for p in self.vocab.exclude.get(pid, ())
                for a, b in find(p, tokens, positions)
                for k in range(a, b)
            }

        accepted: list[tuple[Term, Range, tuple[tuple[int, int], ...]]] = []
        for term, (a, b) in candidates:
            blocked = excluded[term.proposal_id]
            if any(k in blocked for k in range(a, b)):
                continue
            if any(find(p, tokens, positions) for p in term.without):
                continue
            spans: list[tuple[int, int]] = []
            for group in term.with_groups:
                hits = [
                    (x, y)
                    for p in group
                    for x, y in find(p, tokens, positions)
                    if (y <= a or x >= b) and not any(k in blocked for k in range(x, y))
                ]
                if not hits:
                    break
                spans.extend((tokens[x].start, tokens[y - 1].end) for x, y in hits)
            else:
                accepted.append((term, (a, b), tuple(spans)))
        if not accepted:
            return result

        clauses = self._clauses(text, tokens)
        term_tokens = {k for _, (a, b), _ in accepted for k in range(a, b)}
        negation = self.vocab.negation
        exception_tokens = {
            k for p in negation.exceptions for a, b in find(p, tokens, positions) for k in range(a, b)
        }

        def cues(patterns: Sequence[Pattern]) -> list[Range]:
            return [
                (a, b)
                for p in patterns
                for a, b in find(p, tokens, positions)
                if not any(k in term_tokens or k in exception_tokens for k in range(a, b))
            ]

        before, after = cues(negation.before), cues(negation.after)
        pairs = [(cues([first]), cues([second])) for first, second in negation.pairs]
        hedges = cues(self.vocab.hedges)
        blockers = negation.after_blockers

        def negated(a: int, b: int) -> bool:
            clause = clauses[a]
            if any(clauses[y - 1] == clause and y <= a and a - y <= BEFORE_WINDOW for _, y in before):
                return True
            for x, _ in after:
                if (
                    clauses[x] == clause
                    and x >= b
                    and x - b <= AFTER_WINDOW
                    and not any(tokens[k].stem in blockers for k in range(b, x))
                ):
                    return True
            for firsts, seconds in pairs:
                for x, _ in firsts:
                    if clauses[x] != clause:
                        continue
                    if any(clauses[y] == clause and x < y <= x + PAIR_WINDOW for y, _ in seconds):
                        return True
            return False

        denied = {(a, b): negated(a, b) for _, (a, b), _ in accepted}
        _share_over_coordination(denied, tokens, clauses)

        by_proposal: dict[str, list[Occurrence]] = defaultdict(list)
        for term, (a, b), context in accepted:
            by_proposal[term.proposal_id].append(
                Occurrence(
                    term=term,
                    tokens=(a, b),
                    span=(tokens[a].start, tokens[b - 1].end),
                    context=context,
                    negated=denied[(a, b)],
                    hedged=any(clauses[x] == clauses[a] for x, _ in hedges),
                )
            )
        result.by_proposal = dict(by_proposal)
        return result


def _coordinated(left: Range, right: Range, tokens: Sequence[Token], clauses: Sequence[int]) -> bool:
    """``left`` and ``right`` are joined by en/of/noch, optionally followed by an article."""
    between = [t.norm for t in tokens[left[1] : right[0]]]
    return (
        clauses[left[0]] == clauses[right[0]]
        and 1 <= len(between) <= 2
        and between[0] in _COORDINATORS
        and all(w in _ARTICLES for w in between[1:])
    )


def _share_over_coordination(
    denied: dict[Range, bool], tokens: Sequence[Token], clauses: Sequence[int]
) -> None:
    """Spread negation along chains of coordinated terms ("X of Y ... niet"), in place."""
    ranges = sorted(denied)
    pairs = [
        (left, right)
        for i, left in enumerate(ranges)
        for right in ranges[i + 1 :]
        if right[0] <= left[1] + 2 and _coordinated(left, right, tokens, clauses)
    ]
    changed = bool(pairs)
    while changed:  # a chain "X, Y of Z" needs more than one pass
        changed = False
        for left, right in pairs:
            if denied[left] != denied[right]:
                denied[left] = denied[right] = True
                changed = True

"""The akkoordcheck vocabulary (``questions/akkoord.yaml``): models, validation and compiled patterns.

Content errors raise :class:`scan.base.errors.ContentError` naming the file and the field, in Dutch,
like the rest of the question bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from scan.base.errors import ContentError
from scan.content.models import ProposalId
from scan.content.questionbank import (
    AKKOORD_FILE,
    PAMPHLET_PROPOSALS,
    QUESTIONS_DIR,
    first_repeat,
    parse_content,
)
from scan.rules.akkoord.textnorm import normalise_word, stem, tokenize

VOCABULARY_PATH = QUESTIONS_DIR / AKKOORD_FILE
Tier = Literal["strong", "support"]

_TERM_CHARS = re.compile(r"^[\w\s'’*-]+$", re.UNICODE)


def _check_term(value: str) -> str:
    """A term: a word, a phrase of words, or one word with ``*`` at its start or end."""
    term = " ".join(value.split())
    if not term:
        raise ValueError("lege term")
    if not _TERM_CHARS.match(term):
        raise ValueError(f"term '{term}' bevat andere tekens dan letters, cijfers, spaties en koppeltekens")
    if "*" in term:
        if " " in term:
            raise ValueError(
                f"term '{term}': een * mag alleen in een los woord staan, niet in een woordgroep"
            )
        core = term.strip("*")
        if term.count("*") != 1 or not core or "*" in core:
            raise ValueError(f"term '{term}': zet één * aan het begin of het eind van het woord")
        if len(normalise_word(core)) < 3:
            raise ValueError(f"term '{term}': het deel naast de * moet minstens 3 letters hebben")
    elif not tokenize(term):
        raise ValueError(f"term '{term}' bevat geen woord")
    return term


TermText = Annotated[str, AfterValidator(_check_term)]
WordGroup = Annotated[list[TermText], Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TermBlock(_Strict):
    """One or more terms with an optional sense constraint."""

    words: list[TermText] = Field(min_length=1)
    with_: list[WordGroup] = Field(default_factory=list, alias="with")
    without: list[TermText] = Field(default_factory=list)


def _blocks(value: Any) -> Any:
    """Allow a plain string for a term without constraint: "burgerberaad" -> {words: [burgerberaad]}."""
    if isinstance(value, list):
        return [{"words": [item]} if isinstance(item, str) else item for item in value]
    return value


class ProposalVocabulary(_Strict):
    id: ProposalId
    strong: list[TermBlock] = Field(min_length=1)
    support: list[TermBlock] = Field(default_factory=list)
    exclude: list[TermText] = Field(default_factory=list)

    @field_validator("strong", "support", mode="before")
    @classmethod
    def _as_blocks(cls, value: Any) -> Any:
        return _blocks(value)

    @field_validator("id")
    @classmethod
    def _in_the_pamphlet(cls, value: str) -> str:
        if value not in PAMPHLET_PROPOSALS:
            raise ValueError(f"voorstel {value} bestaat niet in het pamflet")
        return value


class ThemeVocabulary(_Strict):
    """Words that show a priority is served without naming one of its proposals ("thema genoemd"):
    a participation regulation (4), an audit office (6), general democratic renewal (1)."""

    priority: int = Field(ge=1, le=8)
    strong: list[TermBlock] = Field(min_length=1)
    exclude: list[TermText] = Field(default_factory=list)
    # only in a passage where the word list finds nothing of another priority: general words
    # ("burgerparticipatie") also stand in passages about one instrument, which is then the point
    alone: bool = False

    @field_validator("strong", mode="before")
    @classmethod
    def _as_blocks(cls, value: Any) -> Any:
        return _blocks(value)


class NegationRules(_Strict):
    before: list[TermText] = Field(min_length=1)
    after: list[TermText] = Field(default_factory=list)
    pairs: list[tuple[TermText, TermText]] = Field(default_factory=list)
    exceptions: list[TermText] = Field(default_factory=list)
    clause_breaks: list[TermText] = Field(default_factory=list)
    after_blockers: list[TermText] = Field(default_factory=list)


class VocabularyFile(_Strict):
    source: str = Field(min_length=5)
    negation: NegationRules
    hedges: list[TermText] = Field(default_factory=list)
    proposals: list[ProposalVocabulary]
    themes: list[ThemeVocabulary] = Field(default_factory=list)


# --- compiled form -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """A term in the form the matcher compares: stems for words and phrases, letters for affixes."""

    text: str
    kind: Literal["word", "phrase", "prefix", "suffix"]
    stems: tuple[str, ...] = ()
    affix: str = ""
    affix_stem: str = ""

    @classmethod
    def compile(cls, text: str) -> Pattern:
        if text.endswith("*"):
            core = normalise_word(text[:-1])
            return cls(text, "prefix", affix=core, affix_stem=stem(core))
        if text.startswith("*"):
            core = normalise_word(text[1:])
            return cls(text, "suffix", affix=core, affix_stem=stem(core))
        stems = tuple(t.stem for t in tokenize(text))
        return cls(text, "word" if len(stems) == 1 else "phrase", stems=stems)

    @property
    def identity(self) -> tuple[str, ...]:
        """Equal for terms that match the same words (burgerberaad and burgerberaden)."""
        return self.stems if not self.is_affix else (self.kind, self.affix)

    @property
    def is_affix(self) -> bool:
        return self.kind in ("prefix", "suffix")

    def matches_affix(self, norm: str, token_stem: str) -> bool:
        if self.kind == "prefix":
            return norm.startswith(self.affix) and norm != self.affix
        return (norm.endswith(self.affix) or token_stem.endswith(self.affix_stem)) and norm != self.affix


THEME_SUFFIX = "thema"


def theme_id(priority: int) -> str:
    """The key under which a priority's theme words are matched: "4thema" (its first character is
    the priority, like a proposal id's)."""
    return f"{priority}{THEME_SUFFIX}"


def is_theme(key: str) -> bool:
    return key.endswith(THEME_SUFFIX)


@dataclass(frozen=True)
class Term:
    proposal_id: str  # a proposal ("4a") or a priority's theme ("4thema")
    tier: Tier
    key: str  # unique per proposal and term: the BM25 token for this term
    pattern: Pattern
    with_groups: tuple[tuple[Pattern, ...], ...]
    without: tuple[Pattern, ...]


@dataclass(frozen=True)
class Negation:
    before: tuple[Pattern, ...]
    after: tuple[Pattern, ...]
    pairs: tuple[tuple[Pattern, Pattern], ...]
    exceptions: tuple[Pattern, ...]
    clause_breaks: frozenset[str]  # stems
    after_blockers: frozenset[str]  # stems


@dataclass(frozen=True, eq=False)  # hashed by identity: one compiled matcher per loaded vocabulary
class Vocabulary:
    terms: tuple[Term, ...]
    exclude: dict[str, tuple[Pattern, ...]]  # proposal id -> patterns that never count
    negation: Negation
    hedges: tuple[Pattern, ...]
    known_words: frozenset[str]  # normalised single words of the vocabulary (to expand "wijk- en dorps...")
    source: Path
    alone_themes: frozenset[int] = frozenset()  # priorities whose theme words count only on their own

    def terms_for(self, proposal_id: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.proposal_id == proposal_id)


def _single_stems(patterns: list[str]) -> frozenset[str]:
    return frozenset(stem(normalise_word(p)) for p in patterns)


def compile_vocabulary(parsed: VocabularyFile, source: Path) -> Vocabulary:
    terms: list[Term] = []
    exclude: dict[str, tuple[Pattern, ...]] = {}
    known: set[str] = set()
    sections: list[tuple[str, list[tuple[Tier, list[TermBlock]]], list[str]]] = [
        (item.id, [("strong", item.strong), ("support", item.support)], item.exclude)
        for item in sorted(parsed.proposals, key=lambda p: PAMPHLET_PROPOSALS.index(p.id))
    ]
    sections += [
        (theme_id(item.priority), [("strong", item.strong)], item.exclude)
        for item in sorted(parsed.themes, key=lambda t: t.priority)
    ]
    for key, tiers, excluded in sections:
        exclude[key] = tuple(Pattern.compile(t) for t in excluded)
        for tier, blocks in tiers:
            for block in blocks:
                groups = tuple(tuple(Pattern.compile(w) for w in g) for g in block.with_)
                without = tuple(Pattern.compile(w) for w in block.without)
                for word in block.words:
                    pattern = Pattern.compile(word)
                    terms.append(Term(key, tier, f"{key}|{tier}|{word}", pattern, groups, without))
                    if pattern.kind == "word":
                        known.add(normalise_word(word))
    rules = parsed.negation
    negation = Negation(
        before=tuple(Pattern.compile(t) for t in rules.before),
        after=tuple(Pattern.compile(t) for t in rules.after),
        pairs=tuple((Pattern.compile(a), Pattern.compile(b)) for a, b in rules.pairs),
        exceptions=tuple(Pattern.compile(t) for t in rules.exceptions),
        clause_breaks=_single_stems(rules.clause_breaks),
        after_blockers=_single_stems(rules.after_blockers),
    )
    return Vocabulary(
        terms=tuple(terms),
        exclude=exclude,
        negation=negation,
        hedges=tuple(Pattern.compile(t) for t in parsed.hedges),
        known_words=frozenset(known),
        source=source,
        alone_themes=frozenset(t.priority for t in parsed.themes if t.alone),
    )


def load_vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    """Parse, validate and compile the vocabulary; raise ContentError naming file and field."""
    path = Path(path)
    parsed = parse_content(path, VocabularyFile)
    if (i := first_repeat(item.id for item in parsed.proposals)) is not None:
        pid = parsed.proposals[i].id
        raise ContentError(path, f"proposals[{i}] (id {pid}).id", f"voorstel {pid} komt dubbel voor")
    present = {item.id for item in parsed.proposals}
    if missing := [pid for pid in PAMPHLET_PROPOSALS if pid not in present]:
        raise ContentError(path, "proposals", f"woorden voor voorstel {missing[0]} ontbreken")
    if (i := first_repeat(theme.priority for theme in parsed.themes)) is not None:
        p = parsed.themes[i].priority
        raise ContentError(
            path, f"themes[{i}] (prioriteit {p}).priority", f"thema's van prioriteit {p} komen dubbel voor"
        )
    return compile_vocabulary(parsed, path)


@lru_cache(maxsize=4)
def vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    """The shipped vocabulary, loaded once per process."""
    return load_vocabulary(path)

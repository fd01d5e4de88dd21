"""Tokens with their character positions: lower case, no accents, Dutch Snowball stem.

Text and vocabulary go through the same functions, so a term and the words in an
agreement are compared in the same form.

Stemmer: Snowball's original Dutch algorithm (``dutch_porter`` in snowballstemmer 3), with one
addition: the -s plural after a vowel (visies, keuzes), which Snowball leaves alone. The
newer Snowball "dutch" stemmer also strips the ``ge-`` in the middle of compounds
(burgerberaad -> "burrberaad", gelote -> "lot" but geloot -> "loot"); the original keeps stems
readable and conflates the forms an agreement uses (burgerberaad/burgerberaden -> "burgerberad").

Two further repairs, both measured on real agreement text (docs/akkoordcheck.md):
* a doubled final consonant is undoubled: Snowball keeps "plann" and "stapp", so the plural of every
  -plan term (actieplannen) never met its singular (actieplan);
* a verb form ending in -d or -t (ondersteund, ondersteunt, uitgevoerd) takes the stem of its
  infinitive, from simplemma's Dutch lemma data, so participles meet the infinitive in the word list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer

STEMMER_NAME = "dutch_porter"
_STEMMER = snowballstemmer.stemmer(STEMMER_NAME)

# A number with a percent sign, or a word (letters/digits) with inner hyphens or apostrophes and
# optionally a trailing hyphen ("wijk- en dorpsagenda": an elided compound).
_TOKEN = re.compile(r"(\d+(?:[.,]\d+)?)\s?%|([^\W_]+(?:[-'’][^\W_]+)*)(-?)", re.UNICODE)
_APOSTROPHE_S = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # character offsets in the text the token came from
    end: int
    norm: str  # lower case, no accents, no hyphens: "burgerberaad"
    stem: str
    elided: bool = False  # written with a trailing hyphen: "wijk-" in "wijk- en dorpsagenda"


def fold(text: str) -> str:
    """Lower case without accents: "Ideeën" -> "ideeen", "één" -> "een"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    folded = _APOSTROPHE_S.sub("", fold(word))  # thema's -> thema, agenda's -> agenda
    return folded.replace("-", "").replace("'", "").replace("’", "")


@lru_cache(maxsize=200_000)
def stem(norm: str) -> str:
    """Snowball's stem; a plural in -s after a single a, e or o is first taken back to the singular.

    The Snowball algorithm only strips an -s after a consonant (burgers -> burger), so visies,
    keuzes, commissies and themas kept a stem of their own and missed visie, keuze, commissie
    and thema. Short words (mees, les) and -is, -us and double-vowel endings (crisis, status,
    chinees) are left alone.
    """
    if len(norm) >= 5 and norm[-1] == "s" and norm[-2] in "aeo" and norm[-3] != norm[-2]:
        norm = norm[:-1]
    if len(norm) >= 6 and norm[-1] in "dt":
        infinitive = _infinitive(norm)
        if infinitive:
            norm = infinitive
    return _undouble(_STEMMER.stemWord(norm))


_VOWELS = frozenset("aeiouy")


def _undouble(stemmed: str) -> str:
    """ "plann" -> "plan", "stapp" -> "stap": Snowball leaves a doubled consonant after -en."""
    if (
        len(stemmed) >= 4
        and stemmed[-1] == stemmed[-2]
        and stemmed[-1] not in _VOWELS
        and stemmed[-1].isalpha()
    ):
        return stemmed[:-1]
    return stemmed


def _infinitive(norm: str) -> str | None:
    """The infinitive of a verb form in -d/-t ("ondersteund" -> "ondersteunen"), else None."""
    lemma = simplemma.lemmatize(norm, lang="nl").replace("_", "")
    if lemma != norm and lemma.endswith("en") and lemma.isalpha() and len(lemma) >= 5:
        return lemma
    return None


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        if match.group(1) is not None:  # "1%" -> "1" and "procent", both covering the whole match
            number = match.group(1).replace(",", ".")
            tokens.append(Token(match.start(), match.end(), number, number))
            tokens.append(Token(match.start(), match.end(), "procent", stem("procent")))
            continue
        norm = normalise_word(match.group(2))
        if not norm:
            continue
        tokens.append(Token(match.start(), match.end(2), norm, stem(norm), elided=bool(match.group(3))))
    return tokens


def words(text: str) -> list[str]:
    """Normalised words only (for language checks and counting)."""
    return [t.norm for t in tokenize(text)]

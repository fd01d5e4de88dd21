"""Word counts for a word cloud of open answers, Dutch stop words left out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# The common Dutch function words (articles, pronouns, prepositions, conjunctions, auxiliaries and
# fillers), plus a few that every answer about this subject contains.
STOP_WORDS = frozenset(
    """
    aan al alle alleen als altijd andere ben bij bijvoorbeeld daar daarom dan dat de deze die dit doen doet
    door dus een eens en er erg ga gaan gaat geen geweest had heb hebben heeft hem het hier hij hoe hun ik
    in is ja je jij jullie kan kon kunnen maar me meer men met mij mijn moet moeten na naar nee niet niets
    nog nu of om omdat onder ons onze ook op over te tegen toch toen tot u uit uw van veel voor vooral
    waar wanneer want was wat we wel welke werd wie wij wil willen word worden wordt zal ze zelf zich zij
    zijn zo zoals zonder zou zouden graag echt heel iets iemand iedereen elke elk beter meer minder
    gemeente moet mogen mag kunnen
    """.split()  # noqa: SIM905 - a list of 130 words reads better as text
)
_WORD = re.compile(r"[a-zà-ÿ]+(?:[-'][a-zà-ÿ]+)*")


def word_counts(texts: Iterable[str], limit: int = 40) -> list[tuple[str, int]]:
    """The most used words (lower case, at least three letters, no stop words), most used first."""
    counter: Counter[str] = Counter()
    for text in texts:
        words = {w for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in STOP_WORDS}
        counter.update(words)  # a word counts once per answer: one long answer cannot dominate
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]

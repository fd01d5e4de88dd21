"""Word counts for a word cloud of open answers: what people meant, not the words every answer has.

- Stop words: the Dutch list of stopwords-iso (package ``stopwordsiso``, 413 words), plus the subject's
  own words (``SUBJECT_WORDS``: every answer about local democracy names the gemeente).
- Folded: case, accents and simple plurals and verb forms count as one word (the Dutch Snowball
  stem the akkoordcheck uses: wijk/wijken, Inspraak/inspraak, ideeën/ideeen). The cloud shows the
  form people typed most.
- Of equally used forms the shortest shows, with its accents if it has them (ideeën over ideeen).
- A word counts once per answer (one long answer cannot dominate), and with more than
  ``FEW_ANSWERS`` answers a word only shows when at least two people used it.
- A web or e-mail address is not words ("http", "www", a domain): it is left out whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from stopwordsiso import stopwords

from scan.rules.akkoord.textnorm import fold, tokenize

SUBJECT_WORDS = frozenset({"gemeente", "gemeentes", "mee"})  # "mee" (meedoen, meepraten split) says nothing
STOP_WORDS = frozenset(fold(w) for w in stopwords("nl")) | SUBJECT_WORDS
FEW_ANSWERS = 10  # above this, a word needs two people
# a link, a mail address, or a bare domain with a common ending ("inspraak.zeist.nl/wijk")
ADDRESS = re.compile(
    r"\b(?:https?://|www\.)\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|net|info|be|frl)\b\S*",
    re.IGNORECASE,
)


def _without_addresses(text: str) -> str:
    """The text with every web and e-mail address blanked (same length: the words keep their places)."""
    return ADDRESS.sub(lambda found: " " * len(found.group()), text)


def word_counts(texts: Iterable[str], limit: int = 40) -> list[tuple[str, int]]:
    """The most used words (at least three letters, no stop words, no numbers) with the number of
    answers that used them, most used first (ties alphabetically)."""
    answers = list(texts)
    people: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text in answers:
        stems = set()
        for token in tokenize(_without_addresses(text)):
            if len(token.norm) < 3 or token.norm in STOP_WORDS or not token.norm.isalpha():
                continue
            forms.setdefault(token.stem, Counter())[text[token.start : token.end].lower()] += 1
            stems.add(token.stem)
        people.update(stems)
    least = 2 if len(answers) > FEW_ANSWERS else 1
    shown = [
        (min(forms[stem].items(), key=lambda f: (-f[1], len(f[0]), f[0] == fold(f[0]), f[0]))[0], n)
        for stem, n in people.items()
        if n >= least
    ]
    return sorted(shown, key=lambda item: (-item[1], item[0]))[:limit]


def as_text(pairs: list[tuple[str, int]], limit: int = 10) -> str:
    """The cloud in words, for a screen reader and the facilitator: "wijk (12), inspraak (9), …"."""
    return ", ".join(f"{word} ({count})" for word, count in pairs[:limit])

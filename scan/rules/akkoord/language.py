"""Is this Dutch? The share of very common Dutch function words, against English and German ones.

Dutch running text has 30-45% such words; English or German text scores far lower on the Dutch
list than on its own. Short texts cannot be judged reliably and are never refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from scan.rules.akkoord.textnorm import words

_DUTCH_WORDS = (
    "de het een en van in is dat op te voor met die niet zijn we wij ook er aan om als bij door of naar "
    "dan worden wordt deze dit zich nog wel maar kan kunnen meer hun onze ons zij ze zo tot uit over "
    "moet moeten gaan gaat willen wil geen al hebben heeft werd waar wat wie hoe omdat zodat"
)
_FOREIGN_WORDS = (
    # English
    "the and of to is that for with on are be this as by not from at it or have has an which will "
    "we our their they can should would been was were its these more also into than "
    # German
    "der die das und ist nicht mit den dem des ein eine zu auf sich auch wir unsere werden wird "
    "sind für von bei nach wie oder aber"
)
DUTCH = frozenset(_DUTCH_WORDS.split())
FOREIGN = frozenset(_FOREIGN_WORDS.split()) - DUTCH
MIN_DUTCH_SHARE = 0.15
MIN_WORDS_TO_REFUSE = 80


@dataclass(frozen=True)
class LanguageCheck:
    words: int
    dutch_share: float
    foreign_share: float

    @property
    def ok(self) -> bool:
        return self.words == 0 or (
            self.dutch_share >= MIN_DUTCH_SHARE and self.dutch_share > self.foreign_share
        )

    @property
    def clearly_not_dutch(self) -> bool:
        return not self.ok and self.words >= MIN_WORDS_TO_REFUSE


def check_language(text: str, sample_words: int = 20_000) -> LanguageCheck:
    found = words(text[: sample_words * 8])[:sample_words]
    if not found:
        return LanguageCheck(0, 0.0, 0.0)
    dutch = sum(1 for w in found if w in DUTCH)
    foreign = sum(1 for w in found if w in FOREIGN)
    return LanguageCheck(len(found), dutch / len(found), foreign / len(found))

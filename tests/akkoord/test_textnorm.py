"""Word forms: the Dutch Snowball stem, plus the -s plural after a vowel that it leaves alone."""

from __future__ import annotations

import pytest

from scan.rules.akkoord import analyse_text
from scan.rules.akkoord.textnorm import normalise_word, stem


def key(word: str) -> str:
    return stem(normalise_word(word))


@pytest.mark.parametrize(
    ("one", "more"),
    [
        ("visie", "visies"),
        ("commissie", "commissies"),
        ("keuze", "keuzes"),
        ("organisatie", "organisaties"),
        ("gedragscode", "gedragscodes"),
        ("thema", "themas"),
        ("agenda", "agendas"),
        ("programma", "programma's"),
        ("burgerberaad", "burgerberaden"),  # what the Snowball stemmer already did
        ("wijk", "wijken"),
    ],
)
def test_plural_and_singular_share_a_stem(one: str, more: str) -> None:
    assert key(one) == key(more)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("raad", "gemeenteraad"),
        ("wijk", "wijkverpleging"),
        ("mee", "mees"),  # short words keep their -s
        ("crisis", "crisi"),  # only -as, -es, -os lose the s
        ("status", "statu"),
        ("chinees", "chinee"),  # not after a double vowel
    ],
)
def test_other_words_stay_apart(one: str, other: str) -> None:
    assert key(one) != key(other)


def test_a_plural_in_s_matches_the_vocabulary() -> None:
    # "democratievisie" is in the vocabulary in the singular only.
    text = "We stellen samen met inwoners twee democratievisies op, een voor de stad en een voor de dorpen."
    assert analyse_text(text).proposals["1a"].status == "staat_erin"

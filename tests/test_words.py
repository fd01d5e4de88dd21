"""A word cloud of what people meant (issue 27.3): a maintained stop-word list, case, accents and
simple plurals folded, a word counted once per answer, two people at least when there are more than
ten answers, and a text alternative. Properties over random answers (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scan.records.workshop import words
from scan.records.workshop.words import STOP_WORDS, word_counts

CONTENT = [
    "wijk",
    "wijken",
    "inspraak",
    "Inspraak",
    "besluit",
    "besluiten",
    "ideeën",
    "ideeen",
    "raad",
    "buurt",
]
FILLER = ["de", "het", "zodat", "mee", "een", "en", "meer", "gemeente", "Gemeente", "wel", "worden", "42"]
ANSWER = st.lists(st.sampled_from(CONTENT + FILLER), min_size=1, max_size=12).map(" ".join)


def _flip(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if f else c for c, f in zip(text, flips + [False] * len(text), strict=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(ANSWER, min_size=1, max_size=25), st.lists(st.booleans(), max_size=200))
def test_the_cloud_counts_people_and_meanings_not_stop_words(answers, flips) -> None:
    pairs = word_counts(answers)
    shown = dict(pairs)
    assert not any(w.lower() in STOP_WORDS or w.isdigit() for w in shown)  # no stop word, no number
    assert all(n <= len(answers) for n in shown.values())  # once per answer
    if len(answers) > words.FEW_ANSWERS:
        assert all(n >= 2 for n in shown.values())  # nobody's single word stands out
    # folding: the same stems whatever the case of the letters
    flipped = word_counts([_flip(a, flips) for a in answers])
    assert sorted(n for _, n in flipped) == sorted(n for _, n in pairs)
    assert {w.lower() for w, _ in flipped} == {w.lower() for w, _ in pairs}
    # a plural, a capital or an accent is the same word: exact counts of people
    forms = {"wijk": {"wijk", "wijken"}, "inspraak": {"inspraak", "Inspraak"}, "ideeën": {"ideeën", "ideeen"}}
    least = 2 if len(answers) > words.FEW_ANSWERS else 1
    for same in forms.values():
        n = sum(any(w in same for w in a.split()) for a in answers)
        found = [c for w, c in pairs if w in same or w.lower() in same]
        assert found == ([n] if n >= least else [])


def test_what_the_room_wrote_about() -> None:
    answers = [
        "Meer mensen mee laten praten, zodat de wijken inspraak hebben",
        "Inspraak in de wijk",
        "De gemeente moet ideeën van de buurt serieus nemen",
        "ideeen uit de buurt ophalen",
    ]
    assert word_counts(answers)[:3] == [("buurt", 2), ("ideeën", 2), ("inspraak", 2)]
    assert "zodat" not in dict(word_counts(answers)) and "mee" not in dict(word_counts(answers))
    assert "wijk" in dict(word_counts(answers)) and dict(word_counts(answers))["wijk"] == 2
    eleven = [*answers, "burgerberaad", *["de raad"] * 6]
    assert "burgerberaad" not in dict(word_counts(eleven))  # one person of eleven answers
    assert words.as_text([("wijk", 12), ("inspraak", 9)]) == "wijk (12), inspraak (9)"


def test_a_web_or_mail_address_is_no_word() -> None:
    """A walk saw "http" in the cloud, from a link someone typed."""
    texts = [
        "Meer inspraak, zie https://www.example.nl/inspraak-wijk en http://x.nl",
        "Mail ons: wijkraad@example.nl of kijk op www.wijkraad.nl voor inspraak",
        "Zie inspraak.zeist.nl/wijkbudget",  # a bare domain (the review)
    ]
    words = dict(word_counts(texts))
    assert words["inspraak"] == 2  # the words around the addresses still count
    assert not {
        "http",
        "https",
        "www",
        "example",
        "wijkraad",
        "wijk",
        "inspraak-wijk",
        "zeist",
        "wijkbudget",
    } & set(words)

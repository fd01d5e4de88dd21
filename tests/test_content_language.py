"""B1: short sentences in every text a reader sees (issue 18). Aim at 20 words; more than 25 fails."""

from __future__ import annotations

from scan.content.questionbank import QUESTIONS_DIR

from .content_text import MAX_SENTENCE_WORDS, prose_fields, sentences, word_count

FIELDS = list(prose_fields(QUESTIONS_DIR))


def test_no_sentence_longer_than_25_words() -> None:
    too_long = [
        f"{name}, {field}: {n} woorden: {sentence}"
        for name, field, text in FIELDS
        for sentence in sentences(text)
        if (n := word_count(sentence)) > MAX_SENTENCE_WORDS
    ]
    assert not too_long, "Zinnen langer dan 25 woorden (B1: liefst 20 of minder):\n" + "\n".join(too_long)


def test_every_kind_of_reader_text_is_checked(bank) -> None:
    fields = {field for _, field, _ in FIELDS}
    for q in bank.questions:
        assert {f"{q.id}.statement", f"{q.id}.help"} <= fields
        if q.levels:
            assert {f"{q.id}.levels.{n}" for n in q.levels} <= fields
    for p in bank.proposals:
        assert {f"{p.id}.summary", f"{p.id}.agreement_text"} <= fields
    for t in bank.tips:
        assert f"tip {t.id}.summary" in fields
    assert {f"{term.term}.explanation" for term in bank.glossary} <= fields


def test_sentences_and_words_are_counted_as_a_reader_would() -> None:
    text = "Dit is zin één. En dit is de tweede, met een komma – en een streepje! Kan Pol.is dit?"
    assert sentences(text) == [
        "Dit is zin één.",
        "En dit is de tweede, met een komma – en een streepje!",
        "Kan Pol.is dit?",
    ]
    assert [word_count(s) for s in sentences(text)] == [4, 11, 3]  # the dash is no word
    assert word_count("{gemeente} stelt een agenda vast.") == 5

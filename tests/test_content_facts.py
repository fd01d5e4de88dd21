"""Facts in the content match the Democratisch pamflet (issue 18). Each test names where the pamphlet says it."""

from __future__ import annotations

import re

import pytest
import yaml

from scan.content.questionbank import PROPOSALS_FILE, QUESTIONS_DIR, TIPS_FILE, texts_of
from scan.content.reference import reference


def all_text(bank) -> str:
    items = (*bank.questions, *bank.proposals, *bank.tips)
    return "\n".join(text for item in items for text in texts_of(item))


def tip_text(bank, tip_id: int) -> str:
    return "\n".join(texts_of(bank.tip(tip_id)))


def test_tip_6_facts(bank) -> None:
    text = tip_text(bank, 6)
    assert "Vier keer per jaar" in text  # committees meet on location four times a year
    assert "Participatie-startnota" in text and "participatieverslag" in text
    for word in (
        "stadsmotie",
        "burgeramendement",
        "adviescommissie van inwoners",
        "burgerberaad",
        "ambassadeurs",
    ):
        assert word in text, word
    assert "startnotitie" not in all_text(bank)
    assert "een paar keer per jaar op locatie" not in all_text(bank)


def test_tip_5_facts(bank) -> None:
    text = tip_text(bank, 5)
    assert "samen met inwoners" in text and "burgervisitatie" in text and "van buiten" in text
    assert "Elke twee jaar" in text and "hoeder van de democratie" in text


def test_every_tip_example_the_pamphlet_gives(bank) -> None:
    examples = {t.id: [(e.gemeente, e.gm_code) for e in t.examples] for t in bank.tips}
    assert examples[1] == [("Wageningen", "GM0289"), ("Tubbergen", "GM0183")]
    assert examples[5] == [("Amsterdam", "GM0363"), ("Dijk en Waard", "GM1980")]
    assert "Heerhugowaard" in bank.tip(5).examples[1].note  # the pamphlet's name, before the merger
    assert all(not examples[t] for t in (2, 3, 4, 6, 7, 8))  # the pamphlet names no municipality there
    assert all(e.note for t in bank.tips for e in t.examples)


def test_example_names_match_their_cbs_code(bank) -> None:
    # current names (so a merged municipality is shown as what it is now); Den Haag is 's-Gravenhage at CBS
    names = {code: m.name for code, m in reference().municipalities.items()} | {"GM0518": "Den Haag"}
    for item in (*bank.proposals, *bank.tips):
        for e in item.examples:
            if e.gm_code:
                assert names[e.gm_code] in e.gemeente, (e.gemeente, e.gm_code, names[e.gm_code])


def test_no_school_lessons_in_2a(bank) -> None:
    text = "\n".join([*texts_of(bank.proposal("2a")), *texts_of(bank.question("2.1"))])
    assert not re.search(r"school|les(sen)?\b", text, re.IGNORECASE)


def test_4c_is_a_conversation_not_agreements(bank) -> None:
    p = bank.proposal("4c")
    assert "gesprek" in p.summary and "gesprek" in p.agreement_text
    assert "afspraken" not in p.summary + p.agreement_text


def test_nothing_adds_an_independent_board(bank) -> None:
    assert "onafhankelijk bestuur" not in all_text(bank)


def test_3d_does_not_read_more_into_community_governance(bank) -> None:
    p = bank.proposal("3d")
    assert "volgt en ondersteunt" not in p.summary + p.agreement_text + bank.question("3.4").help
    assert "Peel en Maas" in p.summary


def test_8x_ladders_agree_on_what_each_level_means(bank) -> None:
    for qid in ("8.1", "8.2", "8.3", "8.4"):
        levels = bank.question(qid).levels
        assert levels[1].startswith("Verkend.") and "besproken" in levels[1], qid
        assert levels[2].startswith("Besloten.") and "vastgelegd" in levels[2], qid
        assert "nog niet" in levels[2], qid
        assert "verordening" not in levels[1], qid  # an adopted rule is level 2, not a conversation


def test_3_2_counts_an_existing_budget_as_decided(bank) -> None:
    levels = bank.question("3.2").levels
    assert "nog geen budget" in levels[1]
    assert "budget" in levels[2] and levels[2].startswith("Besloten.")


def test_statements_do_not_lead(bank) -> None:
    for q in bank.questions:
        if q.kind == "agreement":
            assert not re.search(r"\bechte?\b", q.statement), (q.id, q.statement)


def test_9_1_is_split_into_one_question_per_tip(bank) -> None:
    assert bank.question("9.1").retired  # kept only to read answers in old rounds
    assert "9.1" not in {q.id for q in bank.questions_for(9)}
    assert [bank.question(qid).tips for qid in ("9.6", "9.7", "9.8")] == [[1], [2], [3]]
    assert {t for q in bank.questions_for(9) for t in q.tips} == set(range(1, 9))


def test_the_pamphlet_is_not_credited_with_2_or_3_peppers(bank) -> None:
    """Issue 18.1: the pamphlet gives only 'basic step' (one pepper, the a-proposal) and 'spicier'. No
    finer grade is stored, shown or used."""
    for p in bank.proposals:
        assert "pepert" not in (p.reading_note or "") + p.summary
    data = yaml.safe_load((QUESTIONS_DIR / PROPOSALS_FILE).read_text(encoding="utf-8"))
    assert all("peppers" not in p for p in data["proposals"])
    header = [
        line
        for line in (QUESTIONS_DIR / PROPOSALS_FILE).read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]
    assert any("basisstap" in line for line in header)
    assert not [line for line in header if re.search(r"\b(2|3)\b.*pepper|pepper.*\b(2|3)\b", line)]


@pytest.mark.parametrize("tip_id", range(1, 9))
def test_tips_keep_their_place_in_the_app(tip_id: int) -> None:
    data = yaml.safe_load((QUESTIONS_DIR / TIPS_FILE).read_text(encoding="utf-8"))
    tip = next(t for t in data["tips"] if t["id"] == tip_id)
    assert tip["shown_with"]

"""The traps: negation, another sense of a word, headings without content; and the explanation."""

from __future__ import annotations

import pytest

from scan.rules.akkoord import analyse_text


def status(text: str, proposal: str) -> str:
    return analyse_text(text).proposals[proposal].status


@pytest.mark.parametrize(
    ("text", "proposal"),
    [
        ("Wij zien geen aanleiding voor een referendum over de herindeling.", "8c"),
        ("Een burgerberaad past niet bij de schaal van onze gemeente.", "2c"),
        ("We zien af van de invoering van een burgerbegroting.", "2c"),
        ("Er komt geen aparte jongerenraad; jongeren bereiken we via het jongerenwerk.", "2a"),
        ("We schaffen de wijkbudgetten af en voegen het geld toe aan het subsidiebudget.", "5d"),
        ("Een raadgevend referendum over de fusie sluiten wij uit.", "8c"),
        ("Wij gaan verder zonder burgerpanel en zonder burgervisitatie.", "6b"),
    ],
)
def test_negated_promise_is_not_found_but_shown_as_denied(text: str, proposal: str) -> None:
    coverage = analyse_text(text).proposals[proposal]
    assert coverage.status == "niet_gevonden"
    assert coverage.passages and all(p.negated for p in coverage.passages)
    assert "ontkend" in coverage.reason


def test_negation_stays_in_its_clause() -> None:
    # "geen" belongs to the first clause; the burgerberaad after "maar" is a promise.
    text = "Wij houden geen referendum over de fusie, maar organiseren een burgerberaad met gelote inwoners."
    result = analyse_text(text)
    assert result.proposals["8c"].status == "niet_gevonden"
    assert result.proposals["2c"].status == "staat_erin"


@pytest.mark.parametrize(
    ("text", "proposal"),
    [
        ("Een jongerenraad of kinderraad richten we deze periode niet op.", "2a"),
        ("Een referendum of een preferendum is voor onze gemeente niet nodig.", "8c"),
        ("Wijkbudgetten en dorpsbudgetten komen niet terug.", "5d"),
    ],
)
def test_coordinated_terms_share_their_negation(text: str, proposal: str) -> None:
    # "X of Y ... niet": the cue after Y denies X too, although "of" stops a cue from reaching back.
    coverage = analyse_text(text).proposals[proposal]
    assert coverage.status == "niet_gevonden" and all(p.negated for p in coverage.passages), text


def test_coordination_does_not_spread_over_a_negation_cue() -> None:
    # "en geen": the cue sits between the terms, so only the second one is denied.
    result = analyse_text("We organiseren een burgerberaad en geen referendum.")
    assert result.proposals["2c"].status == "staat_erin"
    assert result.proposals["8c"].status == "niet_gevonden"


def test_separable_negation_stays_in_its_clause() -> None:
    text = (
        "We schaffen de hondenbelasting af, en in elke wijk komt een wijkbudget waarover bewoners beslissen."
    )
    assert status(text, "5d") == "staat_erin"
    assert status("We schaffen de wijkbudgetten af.", "5d") == "niet_gevonden"


def test_exceptions_and_terms_with_niet_are_not_negations() -> None:
    assert status("Niet alleen de raad, ook inwoners krijgen een burgeramendement.", "8b") == "staat_erin"
    assert (
        status("Inwoners krijgen zonder drempels het recht van agendering bij de raad.", "8a") == "staat_erin"
    )


@pytest.mark.parametrize(
    "text",
    [
        "De raad stelt de kaders en controleert het college.",
        "De ondernemersraad van het centrum blijft ons aanspreekpunt.",
        "Het raadsvoorstel over de sporthal wordt na de zomer besproken, waarna de raad besluit.",
        "De adviesraad sociaal domein blijft het college adviseren over de Wmo.",
    ],
)
def test_raad_alone_is_not_a_burgerraad(text: str) -> None:
    result = analyse_text(text)
    assert all(c.status == "niet_gevonden" for c in result.proposals.values()), text


def test_wijk_inside_another_word_does_not_count() -> None:
    result = analyse_text("Wijkverpleging en de wijkagent blijven goed bereikbaar in alle wijken en dorpen.")
    assert all(c.status == "niet_gevonden" for c in result.proposals.values())


def test_loting_of_houses_is_not_sortition() -> None:
    assert status("Het loten van huurwoningen onder starters stoppen we.", "2c") == "niet_gevonden"
    assert status("Het advies komt van inwoners die door loting zijn gekozen.", "2c") == "staat_erin"


@pytest.mark.parametrize(
    "heading", ["Democratische vernieuwing", "Burgerberaad en referendum", "Jongerenraad"]
)
def test_heading_without_content_does_not_count(heading: str) -> None:
    result = analyse_text(f"{heading}\n\nWe bouwen 500 woningen en leggen een fietspad aan.")
    assert all(c.status == "niet_gevonden" and not c.passages for c in result.proposals.values())


def test_same_words_as_a_sentence_do_count() -> None:
    assert status("We organiseren een burgerberaad en een referendum.", "2c") == "staat_erin"


def test_hedged_promise_is_deels() -> None:
    coverage = analyse_text(
        "We onderzoeken of we bij de volgende verkiezingen themastemmen kunnen invoeren."
    ).proposals["8d"]
    assert coverage.status == "deels" and coverage.passages[0].hedged
    assert "onderzoeken" in coverage.reason


def test_two_support_terms_make_deels_one_does_not() -> None:
    assert status("We maken werk van signalen en klachten van inwoners.", "4a") == "deels"
    assert status("We nemen klachten serieus.", "4a") == "niet_gevonden"


def test_passage_keeps_the_words_and_their_spans() -> None:
    text = "We organiseren een burgerberaad met inwoners die door loting zijn gekozen."
    passage = analyse_text(text).proposals["2c"].passages[0]
    assert passage.text == text
    assert (
        [text[a:b] for a, b in passage.spans] == list(passage.terms) == ["burgerberaad", "inwoners", "loting"]
    )
    assert (
        passage.marked() == "We organiseren een [burgerberaad] met [inwoners] die door [loting] zijn gekozen."
    )
    assert passage.score > 0 and not passage.negated


def test_priority_roll_up() -> None:
    result = analyse_text(
        "We organiseren een burgerberaad.\n\nWe onderzoeken de mogelijkheid van een ombudsman."
    )
    assert result.priorities[2].status == "staat_erin" and result.priorities[2].found == ("2c",)
    assert result.priorities[4].status == "deels"
    assert result.priorities[1].status == "niet_gevonden"


def test_to_dict_is_json_ready() -> None:
    import json

    data = analyse_text("We richten een mediafonds op.").to_dict()
    text = json.dumps(data)
    assert (
        data["proposals"]["6a"]["status"] == "staat_erin" and data["proposals"]["6a"]["label"] == "staat erin"
    )
    assert data["priorities"]["6"]["found"] == ["6a"]
    assert '"spans": [[' in text

"""The glossary (questions/begrippen.yaml): validated, loaded into the bank, found in question texts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scan.base.errors import ContentError
from scan.content.models import GlossaryFile
from scan.content.questionbank import (
    GLOSSARY_FILE,
    NON_PRIORITY_FILES,
    QUESTIONS_DIR,
    load_bank,
    priority_files,
)

from .conftest import PROJECT

# Jargon the issue asks to explain, as it is written in our texts.
REQUIRED = [
    "doorzettingsmacht",
    "preferendum",
    "Pol.is",
    "uitdaagrecht",
    "burgerbegroting",
    "burgerberaad",
    "burgerraad",
    "burgervisitatie",
    "democratiseringsagenda",
    "ombudsfunctie",
    "participatieverordening",
    "Right to Challenge",
    "ontwerprecht",
    "buurtbesteden",
    "themastemmen",
    "burgeragendering",
    "burgeramendement",
]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scan", *args], capture_output=True, text=True, cwd=PROJECT, timeout=60
    )


@pytest.mark.parametrize("word", REQUIRED)
def test_required_jargon_is_explained(bank, word: str) -> None:
    (term,) = bank.terms_in(f"Hier staat {word} in een zin.")
    assert len(term.explanation) >= 40


def test_every_term_is_used_in_a_question_proposal_or_tip(bank) -> None:
    used = {t.term for item in (*bank.questions, *bank.proposals, *bank.tips) for t in bank.terms_for(item)}
    assert [t.term for t in bank.glossary if t.term not in used] == []


def test_terms_for_a_question_and_a_proposal(bank) -> None:
    assert [t.term for t in bank.terms_for(bank.question("4.3"))] == ["Doorzettingsmacht"]
    on_8c = {t.term for t in bank.terms_for(bank.proposal("8c"))}
    assert {"Referendum", "Preferendum", "Straatreferendum", "Pol.is"} <= on_8c
    assert "Burgeragendering" in {t.term for t in bank.terms_for(bank.question("8.1"))}
    assert "Participatie-startnota" in {t.term for t in bank.terms_for(bank.tip(6))}


def test_terms_match_whole_words_in_any_case(bank) -> None:
    assert [t.term for t in bank.terms_in("Burgerraadsleden per wijk")] == ["Burgerraadslid"]
    assert [t.term for t in bank.terms_in("een BURGERRAAD van gelote inwoners")] == ["Loting", "Burgerberaad"]
    assert [t.term for t in bank.terms_in("een straatreferendum")] == ["Straatreferendum"]
    assert bank.terms_in("Niets bijzonders hier.") == ()


def test_glossary_is_not_a_priority_file() -> None:
    assert GLOSSARY_FILE in NON_PRIORITY_FILES
    names = [p.name for p in priority_files(QUESTIONS_DIR)]
    assert GLOSSARY_FILE not in names and len(names) == 9


def test_glossary_wording_does_not_change_the_questionnaire_version(content_copy: Path, bank) -> None:
    path = content_copy / GLOSSARY_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["terms"][0]["explanation"] = "Een andere uitleg, even lang als nodig is voor de controle."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    changed = load_bank(content_copy)
    assert changed.version == bank.version
    assert changed.glossary[0].explanation.startswith("Een andere uitleg")


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _unknown_key(data):
    data["terms"][2]["uitleg"] = "typfout"


def _bad_reference(data):
    data["terms"][0]["pamphlet"] = ["Voorstel 9z"]


def _unknown_proposal(data):
    data["terms"][0]["pamphlet"] = ["Voorstel 1e"]


def _form_twice(data):
    data["terms"][1]["forms"] = ["democratiseringsagenda's"]


def _short_explanation(data):
    data["terms"][0]["explanation"] = "Te kort."


BROKEN = [
    (_unknown_key, "terms[2].uitleg", "onbekend veld"),
    (_bad_reference, "terms[0].pamphlet", "heeft niet de vorm 'Voorstel 3c' of 'Tip 6'"),
    (
        _unknown_proposal,
        "terms[0] (Democratiseringsagenda).pamphlet",
        "Voorstel 1e bestaat niet in het pamflet",
    ),
    (_form_twice, "terms", "hoort bij twee begrippen"),
    (_short_explanation, "terms[0].explanation", "tekst is te kort"),
]


@pytest.mark.parametrize(("change", "field", "message"), BROKEN, ids=[b[0].__name__ for b in BROKEN])
def test_validate_names_the_glossary_file_and_field(content_copy: Path, change, field, message) -> None:
    _edit(content_copy / GLOSSARY_FILE, change)
    result = run_cli("validate", "--questions", str(content_copy))
    assert result.returncode == 2
    assert GLOSSARY_FILE in result.stderr
    assert f"veld '{field}'" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_glossary_is_reported(content_copy: Path) -> None:
    (content_copy / GLOSSARY_FILE).unlink()
    with pytest.raises(ContentError, match=r"begrippen\.yaml.*niet gevonden"):
        load_bank(content_copy)


def test_glossary_model_forbids_unknown_keys() -> None:
    with pytest.raises(ValueError, match="extra"):
        GlossaryFile.model_validate(
            {
                "source": "x",
                "terms": [{"term": "Woord", "explanation": "Een uitleg van twintig tekens.", "x": 1}],
            }
        )

"""The shipped content is valid, complete and cross-referenced; broken content is named precisely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scan.base.errors import ContentError
from scan.content.models import MATURITY_LEVELS
from scan.content.questionbank import (
    PAMPHLET_PROPOSALS,
    PROPOSALS_FILE,
    QUESTIONS_DIR,
    TIPS_FILE,
    load_bank,
    priority_files,
)

from .conftest import run_cli

PRIORITY_FILES = priority_files(QUESTIONS_DIR)


@pytest.mark.parametrize("path", PRIORITY_FILES, ids=lambda p: p.name)
def test_every_priority_file_has_4_to_7_questions_with_full_scales(path: Path, bank) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = bank.questions_for(data["priority"]["id"])  # the questions still asked
    assert 4 <= len(questions) <= 7
    for q in questions:
        if q.kind == "maturity":
            assert sorted(q.scale) == list(MATURITY_LEVELS)
            assert all(len(text) > 10 for text in q.scale.values())
        else:
            assert sorted(q.scale) == [1, 2, 3, 4, 5]
        assert q.help and q.statement


@pytest.mark.parametrize("proposal_id", PAMPHLET_PROPOSALS)
def test_every_proposal_is_measured_by_a_factual_question(proposal_id: str, bank) -> None:
    proposal = bank.proposal(proposal_id)
    assert proposal.priority == int(proposal_id[0])
    # the pamphlet's only grading: the "a" proposal is the basic step, the rest is spicier
    assert proposal.basic == proposal_id.endswith("a")
    assert proposal.step == ("Basisstap" if proposal_id.endswith("a") else "Pittiger stap")
    measured = [bank.question(qid) for qid in proposal.questions]
    assert any(q.kind == "maturity" and "griffie" in q.roles for q in measured)


def test_eight_priorities_plus_culture_section(bank) -> None:
    assert [p.id for p in bank.core_priorities] == list(range(1, 9))
    assert bank.priority(6).name == "Macht en tegenmacht"
    culture = bank.priority(9)
    assert not culture.core and culture.name == "Bestuurscultuur"
    assert {t for q in bank.questions_for(9) for t in q.tips} == set(range(1, 9))


def test_perception_items_triangulate_every_priority(bank) -> None:
    for p in bank.core_priorities:
        kinds = {q.kind for q in bank.questions_for(p.id)}
        assert kinds == {"maturity", "agreement"}, p.name
        # one statement in the same words for raad, inwoners and partners (see tests/test_content_roles.py)
        assert any(set(q.roles) >= {"raad", "inwoners", "partners"} for q in bank.shared_statements(p.id))


def test_validate_passes_on_shipped_data() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert "29 voorstellen" in result.stdout and "342 gemeenten" in result.stdout


def test_proposals_json_lists_exactly_the_pamphlet() -> None:
    result = run_cli("proposals", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [p["id"] for p in items] == list(PAMPHLET_PROPOSALS)
    by_id = {p["id"]: p for p in items}
    for p in items:
        assert p["priority"] == int(p["id"][0])
        assert p["basic_step"] == p["id"].endswith("a") and "peppers" not in p
    assert [e["municipality"] for e in by_id["6a"]["examples"]] == ["Leiden", "Delft", "Haarlem"]
    assert [e["municipality"] for e in by_id["8a"]["examples"]] == ["Leeuwarden"]
    assert by_id["8a"]["examples"][0]["url"].startswith("https://www.gemeenteraadleeuwarden.nl")
    assert by_id["1c"]["examples"][1]["municipality"] == "Zeist"


def test_municipalities_json_has_all_342_with_groups() -> None:
    result = run_cli("municipalities", "--json")
    items = {g["gm_code"]: g for g in json.loads(result.stdout)}
    assert len(items) == 342
    assert items["GM0355"]["name"] == "Zeist"
    assert "M50" in items["GM0355"]["peer_groups"]
    assert items["GM0363"]["peer_groups"][:2] == ["G4", "grootte:250.000 inwoners of meer"]


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _drop_level(data):
    del data["questions"][1]["levels"][3]


def _unknown_proposal(data):
    data["proposals"][3]["id"] = "4f"


def _unknown_proposal_in_range(data):
    data["proposals"][2]["id"] = "1d"


def _peppers_again(data):
    data["proposals"][13]["peppers"] = 3  # a grade the pamphlet does not give


def _duplicate_question(data):
    data["questions"][2]["id"] = "3.1"


def _extra_key(data):
    data["questions"][0]["weging"] = 2


def _bad_municipality(data):
    data["proposals"][18]["examples"][0]["gm_code"] = "GM9999"


def _question_id_form(data):
    data["questions"][0]["id"] = "1.10"


def _municipality_code_form(data):
    data["proposals"][18]["examples"][0]["gm_code"] = "GM12"


def _unknown_question_ref(data):
    data["proposals"][5]["questions"] = ["2.9"]


def _bad_role(data):
    data["questions"][0]["roles"] = ["burgemeester"]


BROKEN = [
    ("prioriteit-2.yaml", _drop_level, "questions[1] (id 2.2).levels", "niveau 3 ontbreekt"),
    (PROPOSALS_FILE, _unknown_proposal, "proposals[3] (id 4f).id", "cijfer+letter"),
    (PROPOSALS_FILE, _unknown_proposal_in_range, "proposals[2] (id 1d).id", "bestaat niet in het pamflet"),
    (PROPOSALS_FILE, _peppers_again, "proposals[13] (id 5a).peppers", "onbekend veld"),
    ("prioriteit-3.yaml", _duplicate_question, "questions[2] (id 3.1).id", "komt dubbel voor"),
    ("prioriteit-5.yaml", _extra_key, "questions[0] (id 5.1).weging", "onbekend veld"),
    (PROPOSALS_FILE, _bad_municipality, "proposals[18] (id 6a).examples[0].gm_code", "GM9999 bestaat niet"),
    (
        "prioriteit-1.yaml",
        _question_id_form,
        "questions[0] (id 1.10).id",
        "vraag-id '1.10' heeft niet de vorm",
    ),
    (
        PROPOSALS_FILE,
        _municipality_code_form,
        "proposals[18] (id 6a).examples[0].gm_code",
        "'GM12' heeft niet de vorm GM####",
    ),
    (PROPOSALS_FILE, _unknown_question_ref, "proposals[5] (id 2c).questions", "onbekende vraag 2.9"),
    ("prioriteit-1.yaml", _bad_role, "questions[0] (id 1.1).roles[0]", "ongeldige waarde"),
]


@pytest.mark.parametrize(
    ("filename", "change", "field", "message"), BROKEN, ids=[b[1].__name__ for b in BROKEN]
)
def test_validate_names_file_and_field(content_copy: Path, filename, change, field, message) -> None:
    _edit(content_copy / filename, change)
    result = run_cli("validate", "--questions", str(content_copy))
    assert result.returncode == 2
    assert filename in result.stderr
    assert f"veld '{field}'" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_yaml_syntax_is_reported_with_line(content_copy: Path) -> None:
    path = content_copy / "prioriteit-4.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [oops\n", encoding="utf-8")
    result = run_cli("validate", "--questions", str(content_copy))
    assert result.returncode == 2
    assert "prioriteit-4.yaml" in result.stderr and "geen geldige YAML" in result.stderr


def test_missing_tip_file_is_reported(content_copy: Path) -> None:
    (content_copy / TIPS_FILE).unlink()
    with pytest.raises(ContentError, match=r"tips\.yaml.*niet gevonden"):
        load_bank(content_copy)


def test_missing_priority_is_reported(content_copy: Path) -> None:
    (content_copy / "prioriteit-7.yaml").unlink()
    result = run_cli("validate", "--questions", str(content_copy))
    assert result.returncode == 2 and "prioriteit 7 ontbreekt" in result.stderr


def test_bank_version_changes_with_content(content_copy: Path, bank) -> None:
    assert load_bank(content_copy).version == bank.version
    _edit(
        content_copy / "prioriteit-1.yaml",
        lambda d: d["questions"][0].update(help="Andere uitleg bij deze vraag."),
    )
    assert load_bank(content_copy).version != bank.version

"""Each role gets statements it can answer; roles are compared on shared statements only (issue 18)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scan.content.models import PERCEPTION_ROLES

from .conftest import PROJECT

FIRST_PERSON = re.compile(r"\b(ik|mij|mijn|wij|we|ons)\b", re.IGNORECASE)


def test_the_council_never_gets_a_residents_statement(bank) -> None:
    for q in bank.questions_for_role("raad"):
        assert not re.search(r"\b(ik|mij|mijn)\b", q.statement, re.IGNORECASE), (q.id, q.statement)
        assert "Mensen zoals" not in q.statement


@pytest.mark.parametrize("priority_id", range(1, 9))
def test_every_priority_has_a_shared_statement_and_one_of_the_councils_own(bank, priority_id: int) -> None:
    shared = bank.shared_statements(priority_id)
    assert shared, f"prioriteit {priority_id}: geen gedeelde stelling"
    for q in shared:
        assert q.kind == "agreement" and sorted(q.roles) == sorted(PERCEPTION_ROLES)
        # the same words must fit a council member, a resident and a partner alike
        assert not FIRST_PERSON.search(q.statement), (q.id, q.statement)
    own = [q for q in bank.questions_for(priority_id, "raad") if not q.shared]
    assert own and all(q.roles == ["raad"] and q.statement.startswith("Als raad") for q in own)
    assert all("gemeenteraad" in q.help for q in own)


def test_residents_and_partners_answer_the_shared_statements_too(bank) -> None:
    shared = {q.id for q in bank.shared_statements()}
    for role in ("inwoners", "partners"):
        mine = {q.id for q in bank.questions_for_role(role)}
        assert shared <= mine
        assert all(q.kind == "agreement" for q in bank.questions_for_role(role))


def test_factual_roles_get_no_statements(bank) -> None:
    for role in ("griffie", "college", "ambtelijk"):
        assert all(q.kind == "maturity" for q in bank.questions_for_role(role))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scan", *args], capture_output=True, text=True, cwd=PROJECT, timeout=60
    )


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _raad_with_residents(data):
    data["questions"][4]["roles"] = ["raad", "inwoners", "partners"]  # 1.5, an "ik" statement


def _shared_without_partners(data):
    data["questions"][5]["roles"] = ["raad", "inwoners"]  # 1.6


def _shared_maturity(data):
    data["questions"][0]["shared"] = True  # 1.1


def _no_shared_statement(data):
    data["questions"][4]["shared"] = False  # 3.5
    data["questions"][4]["roles"] = ["inwoners", "partners"]


BROKEN = [
    ("prioriteit-1.yaml", _raad_with_residents, "questions[4] (id 1.5).shared", "moet 'shared: true' zijn"),
    (
        "prioriteit-1.yaml",
        _shared_without_partners,
        "questions[5] (id 1.6).shared",
        "rol 'partners' ontbreekt",
    ),
    ("prioriteit-1.yaml", _shared_maturity, "questions[0] (id 1.1).shared", "alleen een stelling"),
    ("prioriteit-3.yaml", _no_shared_statement, "questions", "prioriteit 3 heeft geen gedeelde stelling"),
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

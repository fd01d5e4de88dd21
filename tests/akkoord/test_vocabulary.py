"""The vocabulary is validated like the rest of the content: errors name file and field, in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scan.base.errors import ContentError
from scan.cli import main
from scan.content.questionbank import (
    AKKOORD_FILE,
    NON_PRIORITY_FILES,
    PAMPHLET_PROPOSALS,
    QUESTIONS_DIR,
    priority_files,
)
from scan.rules.akkoord.vocabulary import VOCABULARY_PATH, is_theme, load_vocabulary, theme_id


def test_shipped_vocabulary_covers_every_proposal() -> None:
    vocab = load_vocabulary()
    proposals = {t.proposal_id for t in vocab.terms if not is_theme(t.proposal_id)}
    assert proposals == set(PAMPHLET_PROPOSALS)
    assert all(any(t.tier == "strong" for t in vocab.terms_for(pid)) for pid in PAMPHLET_PROPOSALS)
    # theme words (issue 24): a priority served without one of its proposals
    assert {t.proposal_id for t in vocab.terms if is_theme(t.proposal_id)} == {
        theme_id(p) for p in (1, 2, 4, 6, 7, 8)
    }


def test_vocabulary_file_is_not_a_priority_file() -> None:
    assert AKKOORD_FILE in NON_PRIORITY_FILES
    assert VOCABULARY_PATH not in priority_files(QUESTIONS_DIR)


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _unknown_id(data):
    data["proposals"][3]["id"] = "2f"


def _not_in_pamphlet(data):
    data["proposals"][2]["id"] = "1d"


def _missing(data):
    del data["proposals"][28]


def _duplicate(data):
    data["proposals"][1]["id"] = "1a"


def _extra_key(data):
    data["proposals"][5]["gewicht"] = 2


def _bad_star(data):
    data["proposals"][0]["strong"][0] = "wijk*budget"


def _empty_group(data):
    data["proposals"][5]["strong"][-1]["with"] = [[]]


def _no_strong(data):
    data["proposals"][4]["strong"] = []


def _bad_block_key(data):
    data["proposals"][5]["strong"][-1]["met"] = ["inwoners"]


def _no_negation(data):
    data["negation"]["before"] = []


def _theme_priority_out_of_range(data):
    data["themes"][0]["priority"] = 9


def _theme_twice(data):
    data["themes"][1]["priority"] = 1


# 2c's last strong block (a term with a sense constraint) is where the block errors are made.
_LAST_2C = len(yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))["proposals"][5]["strong"]) - 1

BROKEN = [
    (_unknown_id, "proposals[3] (id 2f).id", "cijfer+letter"),
    (_not_in_pamphlet, "proposals[2] (id 1d).id", "bestaat niet in het pamflet"),
    (_missing, "proposals", "voorstel 8d ontbreken"),
    (_duplicate, "proposals[1] (id 1a).id", "voorstel 1a komt dubbel voor"),
    (_extra_key, "proposals[5] (id 2c).gewicht", "onbekend veld"),
    (_bad_star, "proposals[0] (id 1a).strong[0].words[0]", "zet één * aan het begin of het eind"),
    (_empty_group, f"proposals[5] (id 2c).strong[{_LAST_2C}].with[0]", "te weinig items"),
    (_no_strong, "proposals[4] (id 2b).strong", "te weinig items"),
    (_bad_block_key, f"proposals[5] (id 2c).strong[{_LAST_2C}].met", "onbekend veld"),
    (_no_negation, "negation.before", "te weinig items"),
    (_theme_priority_out_of_range, "themes[0].priority", "waarde is te hoog"),
    (_theme_twice, "themes[1] (prioriteit 1).priority", "thema's van prioriteit 1 komen dubbel voor"),
]


@pytest.mark.parametrize(("change", "field", "message"), BROKEN, ids=[b[0].__name__ for b in BROKEN])
def test_broken_vocabulary_names_file_and_field(content_copy: Path, capsys, change, field, message) -> None:
    _edit(content_copy / AKKOORD_FILE, change)
    with pytest.raises(ContentError) as caught:
        load_vocabulary(content_copy / AKKOORD_FILE)
    assert caught.value.field == field and message in caught.value.message
    # The same error through `python -m scan validate`.
    assert main(["validate", "--questions", str(content_copy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and AKKOORD_FILE in err and f"veld '{field}'" in err and message in err


def test_broken_yaml_and_missing_file(content_copy: Path) -> None:
    path = content_copy / AKKOORD_FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [oops\n", encoding="utf-8")
    with pytest.raises(ContentError, match="geen geldige YAML"):
        load_vocabulary(path)
    path.unlink()
    with pytest.raises(ContentError, match="niet gevonden"):
        load_vocabulary(path)


def test_validate_reports_the_vocabulary(capsys) -> None:
    assert main(["validate"]) == 0
    assert "termen voor de akkoordcheck" in capsys.readouterr().out

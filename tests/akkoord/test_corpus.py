"""The real-text corpus: well formed, free of the reserved sources, split by municipality, and the
pamphlet's own text suggestions kept out of everything the check learns from."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scan.content.questionbank import PAMPHLET_PROPOSALS
from scan.rules.akkoord import analyse_text

from .corpus import (
    CORPUS_DIR,
    REGISTERS,
    code_of,
    is_reserved,
    load_corpus,
    pamphlet_suggestions,
    split,
)
from .fixtures import DEVELOPMENT, HOLDOUT, HOLDOUT2, LABELLED

ROOT = Path(__file__).resolve().parents[2]


def test_every_passage_is_well_formed() -> None:
    passages = load_corpus()
    assert len({p.id for p in passages}) == len(passages)
    for p in passages:
        assert p.register in REGISTERS, p.id
        assert p.source.startswith("https://") or p.source.startswith("http://"), p.id
        assert 2000 <= p.year <= 2026, p.id
        assert all(label in PAMPHLET_PROPOSALS for label in p.labels), p.id
        assert all(1 <= t <= 8 for t in p.themes), p.id
        assert not (p.trap and p.positive), f"{p.id}: a trap serves no priority"
        assert len(p.text.split()) >= 3, p.id


def test_no_reserved_municipality_or_source_is_in_the_corpus() -> None:
    reserved = [p.id for p in load_corpus() if is_reserved(p.municipality, p.code, p.source)]
    assert reserved == []


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("Rotterdam", "https://example.nl/a"),
        ("Den Haag", "https://example.nl/a"),
        ("Amersfoort", "https://example.nl/a"),  # GM0307: every code ending in 7 is reserved
        ("Veendam", "https://example.nl/a"),
        ("Leiden", "https://github.com/robbertj85/g40-coalitieakkoorden-stadslogistiek/x"),
    ],
)
def test_the_reserved_rule_catches_names_codes_and_sources(name: str, source: str) -> None:
    assert is_reserved(name, code_of(name), source)


def test_a_corpus_file_with_a_reserved_municipality_is_caught(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "sources:\n  - url: https://example.nl/akkoord\n    municipality: Zoetermeer\n    year: 2022\n"
        '    register: agreement\n    passages:\n      - text: "We richten een burgerberaad op."\n'
        "        labels: [2c]\n",
        encoding="utf-8",
    )
    passages = load_corpus.__wrapped__(tmp_path)
    assert [p.municipality for p in passages if is_reserved(p.municipality, p.code, p.source)] == [
        "Zoetermeer"
    ]


def test_no_municipality_is_in_both_splits() -> None:
    development = {p.code for p in split("development")}
    test = {p.code for p in split("test")}
    assert development and test
    assert not development & test


def test_the_corpus_has_real_positives_and_hard_negatives() -> None:
    passages = load_corpus()
    assert sum(p.positive for p in passages) >= len(passages) / 3
    assert sum(p.trap for p in passages) >= 20
    assert {p.register for p in passages} == set(REGISTERS)


def _runs(text: str, size: int = 8) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_the_pamphlets_suggestions_are_in_no_training_material() -> None:
    suggestions = set().union(*(_runs(text) for _, text in pamphlet_suggestions()))
    assert len(suggestions) > 500
    material = [
        ROOT / "questions" / "akkoord.yaml",
        ROOT / "tests" / "akkoord" / "wordlist_round1.yaml",
        LABELLED,
        DEVELOPMENT,
        HOLDOUT,
        HOLDOUT2,
        *sorted(CORPUS_DIR.glob("*.yaml")),
    ]
    for path in material:
        shared = suggestions & _runs(path.read_text(encoding="utf-8"))
        assert not shared, f"{path.name} shares eight words in a row with the pamphlet: {sorted(shared)[:2]}"


def test_a_mobility_chapter_finds_nothing() -> None:
    chapter = [p.text for p in load_corpus() if p.chapter == "mobiliteit"]
    assert len(chapter) >= 20
    result = analyse_text("\n\n".join(chapter))
    assert {p: c.status for p, c in result.priorities.items() if c.status != "niet_gevonden"} == {}


def test_the_model_file_is_what_the_training_script_makes() -> None:
    # a refit with the file's own C and threshold; CI (.ci/run) also chooses those again (--full)
    done = subprocess.run(
        [sys.executable, "tools/train_akkoord.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_threshold_word_list_is_the_one_from_before_the_development_words() -> None:
    # tools/train_akkoord.py picks the model's threshold next to this list because it never saw the
    # development passages; a word taken from them into it would make the model look unneeded again
    # (threshold 0.925 instead of about 0.5; docs/akkoordcheck.md). The list below its four comment
    # lines is questions/akkoord.yaml at commit 85ab362, byte for byte.
    import hashlib

    lines = (ROOT / "tests" / "akkoord" / "wordlist_round1.yaml").read_bytes().split(b"\n")
    body = b"\n".join(lines[4:])
    assert hashlib.sha256(body).hexdigest() == (
        "823e8e5eb76e422f0a75914089df525f1bd0f3148051ff644588f2ab864f1ba1"
    )

"""tools/second_labels.py: the blind second labelling and how agreement is counted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from .corpus import ROOT, CorpusPassage, load_corpus


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("second_labels", ROOT / "tools" / "second_labels.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["second_labels"] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _passage(
    pid: str, text: str, labels: tuple[str, ...] = (), themes: tuple[int, ...] = ()
) -> CorpusPassage:
    return CorpusPassage(
        id=pid,
        text=text,
        labels=labels,
        themes=themes,
        trap=False,
        municipality="Zundert",
        code="GM0879",
        year=2022,
        register="programme",
        source="https://example.org",
    )


def test_kappa_is_one_for_the_same_labels_and_zero_for_chance() -> None:
    assert tool.cohen_kappa([(True, True), (False, False), (True, True)]) == pytest.approx(1.0)
    # both say yes half the time, independently: observed agreement equals what chance gives
    pairs = [(True, True), (True, False), (False, True), (False, False)]
    assert tool.cohen_kappa(pairs) == pytest.approx(0.0)
    # a textbook case: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> kappa 0,4
    pairs = [(True, True)] * 20 + [(True, False)] * 5 + [(False, True)] * 10 + [(False, False)] * 15
    assert tool.cohen_kappa(pairs) == pytest.approx(0.4)


def test_agreement_counts_priorities_and_proposals_against_the_first_labeller() -> None:
    first = [
        _passage("a", "een", labels=("5d",)),
        _passage("b", "twee", themes=(1,)),
        _passage("c", "drie"),
    ]
    second = {
        "a": tool.SecondLabel("a", "", ("5d", "3b"), (), False),  # agrees on 5, adds 3
        "b": tool.SecondLabel("b", "", (), (), False),  # misses 1
        "c": tool.SecondLabel("c", "", (), (7,), False),  # adds 7
    }
    result = tool.agreement(first, second)
    assert (result.both, result.first_only, result.second_only) == (1, 1, 2)
    assert result.precision == pytest.approx(1 / 3)
    assert result.recall == pytest.approx(1 / 2)
    assert result.f1 == pytest.approx(0.4)
    assert (result.proposals_both, result.proposals_first_only, result.proposals_second_only) == (1, 0, 1)
    assert result.proposal_f1 == pytest.approx(2 / 3)


def _write(tmp_path: Path, items: list[dict[str, object]]) -> Path:
    path = tmp_path / "chunk.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True))
    return path


def _good_item() -> dict[str, object]:
    p = load_corpus()[0]
    return {"id": p.id, "sha": tool.text_sha(p.text), "labels": ["5c"], "themes": [3]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "batch99-0-0"}, "unknown passage id"),
        ({"sha": "000000000000"}, "sha does not match"),
        ({"labels": ["9z"]}, "unknown proposal"),
        ({"themes": [9]}, "outside 1-8"),
        ({"priority": 1}, "unknown fields"),
    ],
)
def test_a_second_label_file_with_an_error_is_refused_naming_it(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    known = {p.id: p for p in load_corpus()}
    item = _good_item() | change
    with pytest.raises(tool.LabelFileError, match=message):
        tool.parse_file(_write(tmp_path, [item]), known)


def test_a_passage_labelled_twice_is_refused(tmp_path: Path) -> None:
    known = {p.id: p for p in load_corpus()}
    assert tool.parse_file(_write(tmp_path, [_good_item()]), known)[0].priorities == {3, 5}
    with pytest.raises(tool.LabelFileError, match="twice"):
        tool.parse_file(_write(tmp_path, [_good_item(), _good_item()]), known)


def test_the_second_labels_in_the_repository_are_well_formed() -> None:
    second = tool.load_second()
    corpus = {p.id for p in load_corpus()}
    assert set(second) <= corpus


def _tiny_corpus(tmp_path: Path, decisions: list[dict[str, object]] | None) -> Path:
    batch = {
        "sources": [
            {
                "url": "https://example.org/programma",
                "municipality": "Zundert",
                "year": 2022,
                "register": "programme",
                "passages": [
                    {"text": "Wij willen een dorpsbudget.", "labels": ["5d"]},
                    {"text": "Op hoofdlijnen.", "labels": ["1b"]},
                ],
            }
        ]
    }
    (tmp_path / "batch01.yaml").write_text(yaml.safe_dump(batch, allow_unicode=True))
    if decisions is not None:
        (tmp_path / "adjudication").mkdir()
        (tmp_path / "adjudication" / "decisions.yaml").write_text(yaml.safe_dump(decisions))
    return tmp_path


def test_an_adjudicated_decision_replaces_the_first_labels_only_where_given(tmp_path: Path) -> None:
    decision = {"id": "batch01-0-1", "sha": tool.text_sha("Op hoofdlijnen."), "labels": [], "themes": []}
    directory = _tiny_corpus(tmp_path, [decision])
    final = {p.id: p for p in load_corpus(directory)}
    assert final["batch01-0-1"].labels == () and not final["batch01-0-1"].positive
    assert final["batch01-0-0"].labels == ("5d",)  # untouched
    first = {p.id: p for p in load_corpus(directory, adjudicated=False)}
    assert first["batch01-0-1"].labels == ("1b",)


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        ({"id": "batch01-0-1", "sha": "000000000000"}, "text changed"),
        ({"id": "batch01-9-9", "sha": "000000000000"}, "not in the corpus"),
    ],
)
def test_a_decision_for_another_text_or_passage_is_refused(
    tmp_path: Path, decision: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_corpus(_tiny_corpus(tmp_path, [decision]))

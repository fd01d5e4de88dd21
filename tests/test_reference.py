"""Reference data: real municipalities, peer groups and size classes, with honest caveats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scan.base.errors import ContentError
from scan.content.reference import BENCHMARKS_DIR, load_reference, reference, size_class_for


def test_all_342_municipalities_with_province_and_population() -> None:
    ref = reference()
    assert len(ref.municipalities) == 342
    zeist = ref.municipality("GM0355")
    assert (zeist.name, zeist.province) == ("Zeist", "Utrecht")
    assert zeist.population > 60_000
    assert ref.by_name()[0].name == "Aa en Hunze"
    assert any(m.name == "'s-Gravenhage" for m in ref.by_name()[100:140])  # sorted under G


@pytest.mark.parametrize(
    ("group", "size", "incomplete"),
    [("G4", 4, False), ("G40", 41, False), ("M50", 61, False), ("P10", 24, True)],
)
def test_named_peer_groups(group: str, size: int, incomplete: bool) -> None:
    g = reference().named_groups[group]
    assert len(g.members) == size
    assert g.incomplete is incomplete
    if incomplete:
        assert "onvolledig" in g.label.lower() and "24 van de 32" in g.note


def test_peer_groups_for_a_municipality_in_several_groups() -> None:
    ids = [g.id for g in reference().peer_groups_for("GM1894")]  # Peel en Maas: M50 and P10
    assert ids[:2] == ["M50", "P10"]
    assert ids[-2:] == ["provincie:Limburg", "alle"]


@pytest.mark.parametrize(
    ("population", "label"),
    [
        (932, "minder dan 5.000 inwoners"),
        (5_000, "5.000 tot 10.000 inwoners"),
        (49_999, "20.000 tot 50.000 inwoners"),
        (931_298, "250.000 inwoners of meer"),
    ],
)
def test_size_classes_follow_cbs_boundaries(population: int, label: str) -> None:
    assert size_class_for(population) == label


def test_size_class_groups_partition_all_municipalities() -> None:
    ref = reference()
    groups = {ref.size_class_group(code).id: ref.size_class_group(code) for code in ref.municipalities}
    assert sum(len(g.members) for g in groups.values()) == 342
    assert len(groups) == 8


def test_broken_reference_file_names_file_and_row(tmp_path: Path) -> None:
    target = tmp_path / "benchmarks"
    shutil.copytree(BENCHMARKS_DIR, target)
    path = target / "peer_groups.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("GM", "GX", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_reference(target)
    assert "peer_groups.csv" in str(err.value) and "rij 6" in str(err.value)


def test_provenance_travels_with_the_data() -> None:
    text = (BENCHMARKS_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "P10 is incomplete" in text and "reference date is not stated" in text

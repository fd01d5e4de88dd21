"""Issue 26.6: every download and command-line export carries the municipality's name in its file
name, made by one function (scan/base/filenames.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from scan.base.filenames import file_name
from scan.content.reference import reference
from scan.records.round import rounds
from scan.storage.core import Store
from scan.views import exports

from .conftest import PROJECT, run_cli

SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\.[a-z]+")


def test_every_municipality_gets_its_own_safe_name() -> None:
    names = [m.name for m in reference().by_name()]
    made = {file_name("democratiescan", name, 2026, "pdf") for name in names}
    assert len(names) == 342 and len(made) == 342  # "Bergen (NH.)" and "Bergen (L.)" stay apart
    assert all(SAFE.fullmatch(name) for name in made), [n for n in made if not SAFE.fullmatch(n)]
    assert file_name("uitnodiging", "'s-Hertogenbosch", 2026, "pdf", "raad") == (
        "uitnodiging-s-hertogenbosch-2026-raad.pdf"
    )
    assert file_name("democratiseringsagenda", "Súdwest-Fryslân", 2028, "docx") == (
        "democratiseringsagenda-sudwest-fryslan-2028.docx"
    )


def test_a_rounds_files_are_named_after_the_municipality_one_name_per_kind(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    names = {fmt: exports.file_name(rnd, fmt) for fmt in exports.FORMATS}
    assert names["pdf"] == "democratiescan-zeist-2026-rapport.pdf"
    assert names["presentation-pdf"] == "democratiescan-zeist-2026-presentatie.pdf"
    assert names["letter-docx"] == "democratiescan-zeist-2026-raadsinformatiebrief.docx"
    assert names["xlsx"] == "democratiescan-zeist-2026-gegevens.xlsx"
    assert len(set(names.values())) == len(names)  # no two kinds of file share a name


def _download_names(path: Path) -> list[tuple[int, ast.expr | None]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "download_button":
            given = next((k.value for k in node.keywords if k.arg == "file_name"), None)
            found.append((node.lineno, given))
    return found


def test_every_download_button_gets_its_name_from_the_one_function() -> None:
    seen = 0
    for path in sorted((PROJECT / "scan" / "ui").rglob("*.py")):
        for line, given in _download_names(path):
            seen += 1
            where = f"{path.relative_to(PROJECT)}:{line}"
            assert isinstance(given, ast.Call), f"{where}: file_name= must come from file_name(...)"
            called = (
                given.func.attr if isinstance(given.func, ast.Attribute) else getattr(given.func, "id", "")
            )
            assert called == "file_name", f"{where}: file_name= comes from {called}()"
    assert seen >= 6  # results, agenda, invitation, facilitator, presentation, letter


def test_the_command_line_names_the_file_as_the_download_when_given_a_folder(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    rounds.start(store, "GM0355", 2026)
    folder = tmp_path / "uit"
    folder.mkdir()
    common = ["export", "--db", str(store.path), "--municipality", "GM0355", "--year", "2026"]
    result = run_cli(*common, "--format", "csv", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["democratiescan-zeist-2026-gegevens.csv"]
    monkeypatch.chdir(tmp_path)  # no --out: this folder
    assert run_cli(*common, "--format", "json").returncode == 0
    assert (tmp_path / "democratiescan-zeist-2026-gegevens.json").is_file()

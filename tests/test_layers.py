"""Import direction: each module imports only from its own layer or the layers below it.

The layers (also in the README's code section), from the bottom up:
0 base       errors, formatting, settings, tables, rhythm
1 content    models, reference, questionbank
2 storage    storage, schema, schema_graph           (the core: no domain module)
3 rules      pure functions on content and answers   (no storage, no SQL)
4 records    the SQL of each kind of record, and what writes records
5 views      what screens, documents and exports show, assembled once
6 interfaces cli and scan/ui (the only place that imports streamlit)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import PROJECT

LAYERS: dict[str, int] = {
    "scan": 0,  # the package's __init__ (empty)
    "scan.errors": 0,
    "scan.formatting": 0,
    "scan.settings": 0,
    "scan.tables": 0,
    "scan.rhythm": 0,
    "scan.text": 0,
    "scan.word": 0,
    "scan.models": 1,
    "scan.reference": 1,
    "scan.questionbank": 1,
    "scan.storage": 2,
    "scan.schema": 2,
    "scan.schema_graph": 2,
    "scan.scoring": 3,
    "scan.benchmark": 3,
    "scan.benchmark_tables": 3,
    "scan.recommend": 3,
    "scan.voices": 3,
    "scan.trend": 3,
    "scan.summary": 3,
    "scan.agenda": 3,
    "scan.charts": 3,
    "scan.svg_charts": 3,
    "scan.throttle": 3,
    "scan.disclosure": 3,
    "scan.akkoord": 3,
    "scan.rounds": 4,
    "scan.answers": 4,
    "scan.choices": 4,
    "scan.benchmark_store": 4,
    "scan.benchmark_import": 4,
    "scan.respondents": 4,
    "scan.workshop": 4,
    "scan.agreements": 4,
    "scan.access": 4,
    "scan.releases": 4,
    "scan.sharing": 4,
    "scan.backup": 4,
    "scan.backup_rules": 4,
    "scan.demo": 4,
    "scan.national": 4,
    "scan.views": 5,
    "scan.presentation": 5,
    "scan.report": 5,
    "scan.exports": 5,
    "scan.cli": 6,
    "scan.__main__": 6,
    "scan.ui": 6,
    "scan.web": 6,  # the phone page of a workshop (starlette, no streamlit)
}
NAMES = {0: "base", 1: "content", 2: "storage", 3: "rules", 4: "records", 5: "views", 6: "interfaces"}


def _module(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int | None:
    """The layer of a module: its own entry or that of the package it is in ("scan" itself is only
    the package's own, empty __init__)."""
    if module == "scan":
        return LAYERS["scan"]
    while "." in module:
        if module in LAYERS:
            return LAYERS[module]
        module = module.rpartition(".")[0]
    return None


def imports(path: Path) -> set[str]:
    """Every module this file imports, at the top and inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}  # "from scan import rounds"
    return found


SOURCES = sorted((PROJECT / "scan").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_module_has_a_layer_and_imports_nothing_above_it(path: Path) -> None:
    module = _module(path)
    own = layer(module)
    assert own is not None, f"{module}: give it a layer in tests/test_layers.py (and the README)"
    for name in imports(path):
        if not name.startswith("scan."):
            continue
        other = layer(name)
        if other is None and name.rpartition(".")[0] in LAYERS:  # "from scan.x import function"
            continue
        assert other is None or other <= own, f"{module} ({NAMES[own]}) imports {name} ({NAMES[other]})"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_only_the_ui_imports_streamlit(path: Path) -> None:
    if _module(path).startswith("scan.ui"):
        return
    assert not any(name == "streamlit" or name.startswith("streamlit.") for name in imports(path))


def test_the_storage_core_imports_no_domain_module() -> None:
    for name in ("storage", "schema", "schema_graph"):
        scan_imports = {i for i in imports(PROJECT / "scan" / f"{name}.py") if i.startswith("scan.")}
        assert all(layer(i) is not None and layer(i) <= 2 and layer(i) != 1 for i in scan_imports), (
            scan_imports
        )


def test_the_checker_catches_an_upward_import(tmp_path: Path) -> None:
    # the rule itself: a rules module that reaches for storage is caught
    bad = tmp_path / "bad.py"
    bad.write_text("from scan import rounds\nfrom scan.storage import Store\n", encoding="utf-8")
    upward = {n for n in imports(bad) if layer(n) is not None and layer(n) > LAYERS["scan.trend"]}
    assert upward == {"scan.rounds"}

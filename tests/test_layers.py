"""Import direction: each module imports only from its own layer or the layers below it.

The layer of a module is read from its path: the folder under ``scan/`` it lives in, from the bottom
up ``base``, ``content``, ``storage``, ``rules``, ``records``, ``views``; everything else (``cli``,
``__main__``, ``scan/ui/``, ``scan/web/``) is the top layer, the interfaces. The README's code section
lists the same folders with their modules; a test below checks it against the tree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import PROJECT

FOLDERS = ("base", "content", "storage", "rules", "records", "views")
INTERFACES = len(FOLDERS)  # cli, __main__, scan/ui/, scan/web/
INTERFACE_PARTS = {"cli", "__main__", "ui", "web"}
NAMES = {**dict(enumerate(FOLDERS)), INTERFACES: "interfaces"}


def _module(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int | None:
    """The layer of a module from its path ("scan" itself is only the package's own, empty __init__)."""
    parts = module.split(".")
    if parts[0] != "scan":
        return None
    if len(parts) == 1:
        return 0
    if parts[1] in FOLDERS:
        return FOLDERS.index(parts[1])
    return INTERFACES if parts[1] in INTERFACE_PARTS else None


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
    assert own is not None, f"{module}: put it in one of the layer folders {FOLDERS} (or ui/, web/)"
    for name in imports(path):
        if not name.startswith("scan."):
            continue
        other = layer(name)
        assert other is not None and other <= own, f"{module} ({NAMES[own]}) imports {name} ({other})"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_only_the_ui_imports_streamlit(path: Path) -> None:
    if _module(path).startswith("scan.ui"):
        return
    assert not any(name == "streamlit" or name.startswith("streamlit.") for name in imports(path))


def test_the_storage_core_imports_no_domain_module() -> None:
    for path in (PROJECT / "scan" / "storage").glob("*.py"):
        scan_imports = {i for i in imports(path) if i.startswith("scan.")}
        assert all(layer(i) is not None and layer(i) <= 2 and layer(i) != 1 for i in scan_imports), (
            scan_imports
        )


def test_the_checker_catches_an_upward_import(tmp_path: Path) -> None:
    # the rule itself: a rules module that reaches for storage is caught
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from scan.records.round import rounds\nfrom scan.storage.core import Store\n", encoding="utf-8"
    )
    upward = {n for n in imports(bad) if layer(n) is not None and layer(n) > layer("scan.rules.trend")}
    assert upward == {"scan.records.round", "scan.records.round.rounds"}


def _readme_layers() -> list[tuple[str, set[str]]]:
    """The README's layer table: (folder, the modules it names), in the order of its rows."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d (?:[^|]+)\| `scan/(\w+)/` \| ([^|]+)\|", text, re.MULTILINE)
    return [(folder, set(re.findall(r"`([\w/]+)`", names))) for folder, names in rows]


def test_the_readme_lists_every_layer_folder_with_its_modules() -> None:
    listed = _readme_layers()
    assert [folder for folder, _ in listed] == list(FOLDERS)
    for folder, names in listed:
        here = PROJECT / "scan" / folder
        actual = {p.stem for p in here.glob("*.py") if p.stem != "__init__"}
        actual |= {f"{p.name}/" for p in here.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        assert names == actual, (
            f"README, layer {folder}: lists {sorted(names)}, the folder has {sorted(actual)}"
        )


def test_nothing_lies_loose_in_scan() -> None:
    loose = {p.stem for p in (PROJECT / "scan").glob("*.py")} - {"__init__", "__main__", "cli"}
    folders = {p.name for p in (PROJECT / "scan").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert not loose, f"modules outside a layer folder: {sorted(loose)}"
    assert folders <= set(FOLDERS) | INTERFACE_PARTS, sorted(folders - set(FOLDERS) - INTERFACE_PARTS)

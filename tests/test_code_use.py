"""No code that only tests keep alive: every public function and class under scan/ is used by the app
(scan/, app.py, server.py) or its tools, not only by tests. A function only a test calls is either
dead, or a copy of what the app really runs — and then the test guards the copy, not the app.

Uses are found by reading the code (ast), resolving imports: ``from scan.x import f`` then ``f()``,
``from scan import x`` then ``x.f()``, and a package's re-exports (``scan.records.workshop.f`` is
``scan.records.workshop.participation.f``). A re-export or an ``__all__`` entry is not a use.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from .conftest import PROJECT

# Used only by tests on purpose, each with why.
ONLY_TESTS = {
    f"scan.records.workshop.participation.{name}": "the single-operation form of the phone's batched operation "
    f"({name}_op, run by scan/web's writer): the same code, callable without a batch"
    for name in ("join", "answer", "vote", "open_answer")
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _app_sources() -> dict[str, tuple[Path, ast.Module]]:
    paths = [*(PROJECT / "scan").rglob("*.py"), PROJECT / "app.py", PROJECT / "server.py"]
    paths += (PROJECT / "tools").rglob("*.py")
    return {_module(p): (p, ast.parse(p.read_text(encoding="utf-8"))) for p in paths}


@functools.cache
def unused_public_names() -> frozenset[str]:
    sources = _app_sources()
    defined = {
        m: {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}
        for m, (_, tree) in sources.items()
    }
    imports: dict[str, dict[str, tuple[str, ...]]] = {}  # local name -> ("module", M) | ("name", M, n)
    for m, (path, tree) in sources.items():
        package = m if path.name == "__init__.py" else m.rpartition(".")[0]
        found: dict[str, tuple[str, ...]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found[alias.asname or alias.name] = (
                        ("module", full) if full in sources else ("name", base, alias.name)
                    )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    found[alias.asname or alias.name.split(".")[0]] = (
                        "module",
                        alias.name if alias.asname else alias.name.split(".")[0],
                    )
        imports[m] = found

    def origin(module: str, name: str, seen: frozenset = frozenset()) -> tuple[str, str] | None:
        if (module, name) in seen:
            return None
        if name in defined.get(module, ()):
            return module, name
        via = imports.get(module, {}).get(name)
        return origin(via[1], via[2], seen | {(module, name)}) if via and via[0] == "name" else None

    used = set()
    for m, (_, tree) in sources.items():
        local = imports[m]
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                via = local.get(node.id)
                hit = origin(via[1], via[2]) if via and via[0] == "name" else origin(m, node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                via = local.get(node.value.id)
                hit = origin(via[1], node.attr) if via and via[0] == "module" else None
            else:
                continue
            if hit:
                used.add(hit)
    return frozenset(
        f"{m}.{name}"
        for m, names in defined.items()
        if m.startswith("scan")
        for name in names
        if not name.startswith("_") and (m, name) not in used
    )


def test_every_public_name_under_scan_is_used_by_the_app() -> None:
    unused = unused_public_names() - set(ONLY_TESTS)
    assert unused == set(), f"used only by tests (or by nothing): {sorted(unused)}"


def test_the_exceptions_are_still_needed() -> None:
    assert set(ONLY_TESTS) <= unused_public_names(), "an exception above is used by the app now: remove it"

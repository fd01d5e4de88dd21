"""`pip install .` as a user runs it: a fresh clone of this checkout's HEAD installed (not editable)
into a fresh virtual environment, then the `democratiescan` command from another folder. Catches data
the installed package cannot find (questions, benchmarks, docs, templates), a missing entry point, and
dependencies that differ from the requirement files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import PROJECT

pytestmark = pytest.mark.e2e


def _requirements(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def test_pip_install_gives_a_working_democratiescan_command(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT), str(clone)], check=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    env.pop("DEMOCRATIESCAN_DB", None)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(clone)], check=True, env=env, timeout=900
    )
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)

    validate = run(str(venv / "bin" / "democratiescan"), "validate")
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert validate.stdout.startswith("In orde: 9 onderdelen"), validate.stdout
    usage = run(str(venv / "bin" / "democratiescan"), "--help")
    assert usage.returncode == 0 and "validate" in usage.stdout, usage.stdout + usage.stderr

    # The installed copy, not the clone, answered; its content, templates and icon are in the venv.
    where = run(
        str(venv / "bin" / "python"),
        "-c",
        "import scan, scan.content.questionbank as q, scan.views.report as r\n"
        "from scan.ui.components import accessibility_statement as a\n"
        "print(scan.__file__, q.QUESTIONS_DIR, r.TEMPLATES, a.STATEMENT.is_file(), sep='\\n')",
    )
    assert where.returncode == 0, where.stderr
    package, questions, templates, statement = where.stdout.split()
    assert "site-packages" in package and str(clone) not in package
    assert Path(questions) == venv / "share" / "democratiescan" / "questions"
    assert (Path(templates) / "report.html.j2").is_file() and statement == "True"
    assert (Path(package).parent / "ui" / "static" / "icon.png").is_file()

    # One list of dependencies: the installed metadata is what the requirement files say.
    requires = run(
        str(venv / "bin" / "python"),
        "-c",
        "import importlib.metadata as m; print(*m.requires('democratiescan'), sep='\\n')",
    )
    declared = set(requires.stdout.splitlines())
    runtime = {r for r in declared if "extra ==" not in r}
    dev = {r.split(";")[0].strip() for r in declared if 'extra == "dev"' in r}
    assert runtime == _requirements(clone / "requirements.txt")
    assert dev == _requirements(clone / "requirements-dev.txt")

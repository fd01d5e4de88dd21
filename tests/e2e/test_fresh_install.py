"""A new user's first steps, in one fresh virtual environment (one install of the app's requirements
for both, so CI pays it once):

- ``pip install .`` as a user runs it: a fresh clone of this checkout's HEAD installed (not editable),
  then the ``democratiescan`` command from another folder. Catches data the installed package cannot
  find (questions, benchmarks, docs, templates), a missing entry point, and dependencies that differ
  from the requirement files.
- The README's first command in a copy of the checkout, with that environment: only the app's
  requirements (no test packages), the demo database, the server; then the start page of a demo scan
  in Chromium. Catches a runtime import that only the test requirements happen to install.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils

from ..checkout import copy_checkout
from ..conftest import PROJECT
from .conftest import _free_port

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Fresh:
    venv: Path
    clone: Path
    env: dict[str, str]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Fresh:
    """A new virtual environment with only ``pip install <fresh clone of HEAD>`` in it."""
    root = tmp_path_factory.mktemp("fresh")
    clone = root / "clone"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT), str(clone)], check=True)
    venv = root / "venv"
    # README_PYTHON: another interpreter for the new environment (the README's list of versions was checked so)
    subprocess.run([os.environ.get("README_PYTHON", sys.executable), "-m", "venv", str(venv)], check=True)
    # PIP_NO_COMPILE: no byte-code for every file of every package ahead (a quarter of the install's
    # time); what runs is compiled when it is imported, as without it
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_COMPILE="1")
    env.pop("PYTHONPATH", None)
    env.pop("DEMOCRATIESCAN_DB", None)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(clone)], check=True, env=env, timeout=900
    )
    return Fresh(venv, clone, env)


def _requirements(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def test_pip_install_gives_a_working_democratiescan_command(fresh: Fresh, tmp_path: Path) -> None:
    venv, clone, env = fresh.venv, fresh.clone, fresh.env
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


def readme_start_command() -> str:
    """The first ``bash`` block under "Starten" in the README."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Starten", 1)[1]
    return re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()


def test_readme_start_command_works_from_a_fresh_virtual_environment(
    fresh: Fresh, tmp_path: Path, page
) -> None:
    command = readme_start_command()
    assert "pip install -r requirements.txt" in command and "streamlit run server.py" in command
    checkout = copy_checkout(PROJECT, tmp_path / "democratiescan")
    venv = fresh.venv
    port = _free_port()
    env = dict(
        fresh.env,
        PATH=f"{venv / 'bin'}:{os.environ['PATH']}",
        VIRTUAL_ENV=str(venv),
        STREAMLIT_SERVER_PORT=str(port),
        STREAMLIT_SERVER_ADDRESS="127.0.0.1",
        STREAMLIT_SERVER_HEADLESS="true",
    )
    log = (tmp_path / "start.log").open("w")
    process = subprocess.Popen(
        ["bash", "-c", command],
        cwd=checkout,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240  # apt-get, pip (from its cache), the demo database, the start
        while True:
            assert process.poll() is None, (tmp_path / "start.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the server did not answer within 240 s"
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        installed = subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
            capture_output=True,
            text=True,
        ).stdout
        assert "pytest==" not in installed  # only the app's own requirements are in this environment

        demo = sqlite_utils.Database(checkout / "data" / "demo.sqlite")
        assert demo["rounds"].count > 100  # fictitious scans for G4, G40, M50, P10 and 60 others

        page.goto(f"{url}/?gemeente=GM0355&jaar=2026")
        error = page.locator('[data-testid="stException"]')
        page.get_by_text("Zeist", exact=False).or_(error).first.wait_for()
        assert error.count() == 0, (tmp_path / "start.log").read_text()[-3000:]
        assert "Traceback" not in page.locator("body").inner_text()
        with urllib.request.urlopen(f"{url}/doe", timeout=10) as resp:  # server.py's own routes are served
            assert resp.status == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()

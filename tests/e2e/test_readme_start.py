"""The README's first command, as a new user runs it: a fresh virtual environment with only
requirements.txt (no test packages), the demo database, and the server; then the start page of a demo
scan in Chromium. Catches a runtime import that only the test requirements happen to install."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from ..conftest import PROJECT
from .conftest import _free_port

pytestmark = pytest.mark.e2e


def readme_start_command() -> str:
    """The first ``bash`` block under "Starten" in the README."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Starten", 1)[1]
    return re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()


def _copy_of_the_checkout(target: Path) -> Path:
    """The committed and changed files of this checkout (no data/, no caches), as a fresh clone has them."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in files:
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    return target


def test_readme_start_command_works_from_a_fresh_virtual_environment(tmp_path: Path, page) -> None:
    command = readme_start_command()
    assert "pip install -r requirements.txt" in command and "streamlit run server.py" in command
    checkout = _copy_of_the_checkout(tmp_path / "democratiescan")
    venv = tmp_path / "venv"
    # README_PYTHON: another interpreter for the new environment (the README's list of versions was checked so)
    subprocess.run([os.environ.get("README_PYTHON", sys.executable), "-m", "venv", str(venv)], check=True)
    port = _free_port()
    env = dict(
        os.environ,
        PATH=f"{venv / 'bin'}:{os.environ['PATH']}",
        VIRTUAL_ENV=str(venv),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        STREAMLIT_SERVER_PORT=str(port),
        STREAMLIT_SERVER_ADDRESS="127.0.0.1",
        STREAMLIT_SERVER_HEADLESS="true",
    )
    env.pop("DEMOCRATIESCAN_DB", None)
    env.pop("PYTHONPATH", None)
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

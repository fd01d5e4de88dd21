from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from scan.content.questionbank import QUESTIONS_DIR, QuestionBank, question_bank
from scan.storage.core import Store


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core for the fast tests; two per core and one more once browser tests
    are in the run. A browser test mostly waits (on the Streamlit server and Chromium, which are other
    processes): with four workers on two cores they were a third idle. Measured on 2 cores, whole suite:
    4 workers 407-412 s, 5 workers 383 s, 6 workers 410 s (and a timing test failed)."""
    cores = os.cpu_count() or 1
    fast_only = "not e2e" in (config.getoption("markexpr") or "")
    return cores if fast_only else 2 * cores + 1


PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    return question_bank()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh database file per test."""
    return Store(tmp_path / "scan.sqlite")


def clone_db(source: Path, target: Path) -> Path:
    """A copy of a database file, made with SQLite's own backup (complete even in WAL mode)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def database_once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str, fill) -> Path:
    """A database ``fill(path)`` writes once for the whole run, also when xdist runs several workers:
    they share the parent of their own temporary folders (fresh for every run), and a lock lets one of
    them fill it. What the others open is a whole copy (SQLite's backup), never a file still in WAL."""
    if worker_id == "master":  # no xdist: this process is the run
        path = tmp_path_factory.mktemp(name) / name
        fill(path)
        return path
    path = tmp_path_factory.getbasetemp().parent / name
    with (path.parent / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            work = tmp_path_factory.mktemp(name) / name
            fill(work)
            staged = clone_db(work, path.with_name(f"{name}.{worker_id}"))
            staged.rename(path)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The demo database (fictieve scans of ~190 municipalities), made once per test run."""
    from scan.records.demo import fill_demo

    return database_once(tmp_path_factory, worker_id, "demo.sqlite", lambda path: fill_demo(Store(path)))


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Store:
    """A fresh copy of the demo database for one test (cheaper than filling it again)."""
    return Store(clone_db(demo_template, tmp_path / "scan.sqlite"))


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the question bank, for tests that break it on purpose."""
    target = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, target)
    return target


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """``python -m scan ARGS`` in this process (a subprocess costs a second of imports each time);
    tests/test_cli.py runs the real ``python -m scan`` once."""
    from scan.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse exits on bad arguments and --help
            code = exc.code if isinstance(exc.code, int) else 1
    return CliResult(code, out.getvalue(), err.getvalue())

"""The warm zygote that forks the akkoordcheck's reading children: files are read by its children, a
zygote that died is replaced, without one a fresh process reads the file, and it ends with the app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scan.rules.akkoord import runner
from scan.rules.akkoord.zygote import Zygote

from .test_bad_inputs import DUTCH, _pdf


def _parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _zygote() -> Zygote:
    runner.run(DUTCH)  # starts it if this process has none yet
    zygote = Zygote._instance
    assert zygote is not None
    return zygote


def test_a_file_is_read_by_a_child_of_the_zygote(monkeypatch) -> None:
    zygote = _zygote()
    parents: list[int] = []
    start = runner._start_child

    def watched(stderr):
        process = start(stderr)
        parents.append(_parent_of(process.pid))
        return process

    monkeypatch.setattr(runner, "_start_child", watched)
    monkeypatch.setattr(runner.subprocess, "Popen", None)  # no fresh process may start
    outcome = runner.run(_pdf(2), "a.pdf")
    assert outcome.ended == "finished" and outcome.analysis.proposals["2c"].status == "staat_erin"
    assert parents == [zygote.pid]


def test_a_zygote_that_died_is_replaced() -> None:
    old = _zygote()
    os.kill(old.pid, signal.SIGKILL)
    old.process.wait()
    assert runner.run(DUTCH).ended == "finished"
    assert Zygote._instance is not None and Zygote._instance.pid != old.pid


def test_without_a_zygote_a_fresh_process_reads_the_file(monkeypatch) -> None:
    monkeypatch.setattr(Zygote, "get", classmethod(lambda cls, env: None))
    outcome = runner.run(_pdf(1), "a.pdf")
    assert outcome.ended == "finished" and outcome.analysis.proposals["2c"].status == "staat_erin"


def test_the_zygote_ends_with_the_app(tmp_path: Path) -> None:
    script = (
        "from scan.rules.akkoord import runner\n"
        "from scan.rules.akkoord.zygote import Zygote\n"
        f"assert runner.run({DUTCH!r}).ended == 'finished'\n"
        "print(Zygote._instance.pid)\n"
    )
    out = tmp_path / "out.txt"
    with out.open("w") as handle:  # a file, not a pipe: a zygote left behind would hold a pipe open
        done = subprocess.run([sys.executable, "-c", script], stdout=handle, timeout=120, cwd=runner.PROJECT)
    assert done.returncode == 0
    pid = int(out.read_text())
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if Path(f"/proc/{pid}").exists():  # a zombie is gone in all but name (its parent, init, reaps it)
        assert "Z" in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_a_request_without_its_descriptors_changes_nothing() -> None:
    zygote = _zygote()
    zygote.control.send(b"f")  # one byte and no descriptors: the zygote drops it
    assert runner.run(DUTCH).ended == "finished"
    assert zygote.process.poll() is None and Zygote._instance is zygote

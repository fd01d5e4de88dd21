"""Read an agreement in a child process with a memory and a time limit (issue 23: no upload takes the
server down). Free of Streamlit; the Akkoord page, ``scan.records.agreements`` and the CLI use it.

The readers refuse what a file says about itself (``limits``); this bounds what is left. The child
(``python -m scan.rules.akkoord.runner``) gets the bytes through a pipe and sets its own limits before it
reads them: address space (RLIMIT_AS) so that its resident memory cannot pass ``Limits.memory_mb``,
and CPU time (RLIMIT_CPU) as a backstop. The parent stops it after ``Limits.seconds`` (wall clock).
The child reports progress as JSON lines on a pipe; the parent calls ``on_progress`` with them, in
its own thread (Streamlit's progress bar must be drawn from the script's thread). Whatever happens
to the child, the parent goes on: a file that is too heavy gets a Dutch refusal that says what to do.

At most ``SLOTS`` children run at a time in one process; a further file waits its turn. On Linux the
children are forked by a warm zygote (``scan.rules.akkoord.zygote``) that has the readers, the vocabulary
and the lemma dictionary loaded, so a child starts in milliseconds; without one, a fresh process reads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath
from typing import IO, Literal

from scan.base.formatting import nl_number
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.limits import Limits
from scan.rules.akkoord.result import AgreementAnalysis
from scan.rules.akkoord.sniff import check_size
from scan.rules.akkoord.text_reader import check_length
from scan.rules.akkoord.zygote import Forked, Zygote

_LOG = logging.getLogger(__name__)
Progress = Callable[[float, str], None]
Ended = Literal["finished", "refused", "too_slow", "too_much_memory", "crashed", "busy"]
PASTED = "De geplakte tekst"
PROJECT = Path(__file__).resolve().parents[3]
MIB = 1024 * 1024
EXIT_MEMORY = 3  # the child's exit code after a MemoryError
NEAR_LIMIT = 0.8  # a child killed by a signal with at least this share of its memory limit in use
# Analyses at the same time in one process (the server, the CLI): each child may take a core and
# Limits.memory_mb of memory; a further file waits its turn, in the app at most WAIT_SECONDS.
SLOTS = max(1, min(2, os.cpu_count() or 1))
WAIT_SECONDS = 60.0
_slots = threading.BoundedSemaphore(SLOTS)
# One thread for numpy/OpenBLAS and few malloc arenas: threads reserve address space the child
# does not need, and the address space is what RLIMIT_AS counts.
_CHILD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
}
_MAX_HEADER = 64 * 1024


@dataclass(frozen=True)
class Outcome:
    """What became of one file: the analysis, or the Dutch reason it was not read; and its cost."""

    analysis: AgreementAnalysis | None
    error: str | None
    ended: Ended
    seconds: float
    peak_mib: float | None  # the child's peak resident memory; None when no child ran


def too_heavy(name: str, reason: str = "") -> str:
    """The refusal of a file (or pasted text) that hit a limit of the child process."""
    subject = PASTED if name == PASTED else f"Dit bestand ({name})"
    return (
        f"{subject} is te zwaar om te lezen{reason}. Sla alleen het deel met de afspraken op als nieuw "
        "bestand (PDF, Word of tekst) en probeer het opnieuw."
    )


BUSY = "De akkoordcheck leest nu andere bestanden. Probeer het over een minuut opnieuw."


def run(
    data: bytes | str,
    filename: str = PASTED,
    *,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
    wait: float | None = WAIT_SECONDS,
) -> Outcome:
    """Analyse a file (bytes) or pasted text (str) in a child process. Never raises AgreementError:
    the outcome says what happened. ``wait``: seconds to wait for a free slot (None: as long as it takes).
    Raises RuntimeError when the child fails by a fault of the app (its traceback is logged)."""
    limits = limits or Limits.default()
    start = time.monotonic()
    name = PASTED if isinstance(data, str) else (PurePath(filename).name or "het bestand")
    try:  # the checks that need no parsing, in this process
        if isinstance(data, str):
            check_length(data, PASTED, limits)
        else:
            check_size(data, filename, limits)
    except AgreementError as exc:
        return Outcome(None, str(exc), "refused", time.monotonic() - start, None)
    if not _slots.acquire(blocking=False):
        if on_progress:
            on_progress(0.0, "Wachten tot een ander akkoord gelezen is")
        free = _slots.acquire() if wait is None else _slots.acquire(timeout=wait)
        if not free:
            return Outcome(None, BUSY, "busy", time.monotonic() - start, None)
    try:
        return _run_child(data, filename, name, limits, on_progress, start)
    finally:
        _slots.release()


def analyse_isolated(
    data: bytes, filename: str, *, limits: Limits | None = None, on_progress: Progress | None = None
) -> AgreementAnalysis:
    """``analyse()`` in a child process: the analysis, or AgreementError with a Dutch message."""
    return _result(run(data, filename, limits=limits, on_progress=on_progress))


def analyse_text_isolated(
    text: str, *, limits: Limits | None = None, on_progress: Progress | None = None
) -> AgreementAnalysis:
    """``analyse_text()`` in a child process."""
    return _result(run(text, limits=limits, on_progress=on_progress))


def _result(outcome: Outcome) -> AgreementAnalysis:
    if outcome.analysis is None:
        raise AgreementError(outcome.error or too_heavy(PASTED))
    return outcome.analysis


def _start_child(stderr: IO[bytes]) -> subprocess.Popen | Forked:
    """A warm child forked by the zygote (milliseconds), or else a fresh process (about 0,8 s of imports
    and vocabulary)."""
    env = {**os.environ, **_CHILD_ENV}
    zygote = Zygote.get(env)
    if zygote is not None:
        try:
            return zygote.fork(stderr.fileno())
        except OSError:
            _LOG.warning("akkoordcheck: the zygote did not fork; a fresh process reads this file")
    return subprocess.Popen(
        [sys.executable, "-m", "scan.rules.akkoord.runner"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=PROJECT,
        env=env,
    )


def _feed(stdin, header: bytes, payload: bytes) -> None:
    # OSError: the child ended early (a limit, a crash); the parent sees why from its exit
    with contextlib.suppress(OSError):
        try:
            stdin.write(header)
            stdin.write(payload)
        finally:
            stdin.close()


def _run_child(
    data: bytes | str,
    filename: str,
    name: str,
    limits: Limits,
    on_progress: Progress | None,
    start: float,
) -> Outcome:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    header = {
        "filename": filename,
        "kind": "text" if isinstance(data, str) else "file",
        "size": len(payload),
        "limits": asdict(limits),
    }
    with tempfile.TemporaryFile() as stderr:
        process = _start_child(stderr)
        # the time limit is the child's: waiting for a slot or for the zygote to start does not count
        deadline = time.monotonic() + limits.seconds
        writer = threading.Thread(
            target=_feed,
            args=(process.stdin, json.dumps(header).encode() + b"\n", payload),
            name="akkoord-feed",
            daemon=True,
        )
        writer.start()
        watch = _Watch(process)
        message, timed_out = None, True
        try:
            message, timed_out = watch.messages(deadline, on_progress)
        finally:  # also after an exception (Streamlit stopped the script): no child is left behind
            code = watch.end(wait=not timed_out)
            watch.stdout.close()
            writer.join(timeout=5)
        stderr.seek(0)
        tail = stderr.read()[-4000:].decode("utf-8", "replace")
    seconds = time.monotonic() - start
    peak = watch.peak_kib / 1024 if watch.peak_kib else None
    if message is not None and "result" in message:
        return Outcome(AgreementAnalysis.from_dict(message["result"]), None, "finished", seconds, peak)
    if message is not None and "error" in message:
        return Outcome(None, message["error"], "refused", seconds, peak)
    ended = ending(code, timed_out, peak, limits.memory_mb)
    if ended == "too_slow":
        seconds_text = nl_number(limits.seconds, 0 if limits.seconds == int(limits.seconds) else 1)
        reason = f": het lezen duurde langer dan {seconds_text} seconden"
        return Outcome(None, too_heavy(name, reason), "too_slow", seconds, peak)
    if ended == "too_much_memory":
        reason = f": het lezen vroeg meer dan {nl_number(limits.memory_mb)} MB geheugen"
        return Outcome(None, too_heavy(name, reason), "too_much_memory", seconds, peak)
    if ended == "crashed":
        _LOG.warning(
            "akkoordcheck: reading %s ended by signal %s (peak %.0f MiB)\n%s", name, -code, peak or 0, tail
        )
        return Outcome(None, too_heavy(name), "crashed", seconds, peak)
    _LOG.error("akkoordcheck: reading %s failed (exit %s)\n%s", name, code, tail)
    raise RuntimeError(f"akkoordcheck child failed with exit code {code}")


def ending(code: int, timed_out: bool, peak_mib: float | None, memory_mb: float) -> str:
    """How a child that sent no result ended: "too_slow", "too_much_memory", "crashed" (a signal) or
    "failed" (an error in the code).

    Under its address-space limit, Python raises MemoryError (the child exits with EXIT_MEMORY), a C
    library that cannot allocate aborts (a signal), and an extension may fail without setting
    MemoryError (SystemError, exit 1; seen once in CI): any ending near the limit is the limit."""
    if timed_out or code == -signal.SIGXCPU:
        return "too_slow"
    near_limit = peak_mib is not None and peak_mib >= NEAR_LIMIT * memory_mb
    if code == EXIT_MEMORY or (code != 0 and near_limit):
        return "too_much_memory"
    return "crashed" if code < 0 else "failed"


class _Watch:
    """The parent's view of one child: its messages, its peak memory, its end.

    The peak is the child's own high-water mark (VmHWM): ``getrusage`` cannot give it, because
    Linux counts the parent's memory in a child's ``ru_maxrss`` from before its exec. The child sends
    it with its last message; while it runs, the parent reads it from /proc every tenth of a second
    (and just before stopping it), so a child that is stopped or crashes has a figure too.
    """

    def __init__(self, process: subprocess.Popen | Forked) -> None:
        if process.stdout is None:
            raise ValueError("the child must be started with stdout=subprocess.PIPE")
        self.process = process
        self.stdout: IO[bytes] = process.stdout
        self.peak_kib = 0
        self._status = Path(f"/proc/{process.pid}/status")

    def _sample(self) -> None:
        try:
            for line in self._status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kib = max(self.peak_kib, int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            pass  # gone, or not Linux

    def messages(self, deadline: float, on_progress: Progress | None) -> tuple[dict | None, bool]:
        """The child's last message (result or refusal) and whether time ran out; progress is passed on."""
        fd = self.stdout.fileno()
        buffer = bytearray()
        message = None
        while True:
            self._sample()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return message, True
            ready, _, _ = select.select([fd], [], [], min(remaining, 0.1))
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return message, False
            buffer += chunk
            while (end := buffer.find(b"\n")) >= 0:
                item = json.loads(bytes(buffer[:end]))
                del buffer[: end + 1]
                if "progress" in item:
                    if on_progress:
                        on_progress(float(item["progress"]), str(item["text"]))
                    continue
                self.peak_kib = max(self.peak_kib, int(item.get("peak_kib", 0)))
                message = item

    def end(self, wait: bool) -> int:
        """Stop the child if it still runs (after a last look at its memory) and return its exit code.
        ``wait``: it closed its output, so its exit is a moment away; give it a second."""
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=1.0 if wait else 0.0)
            except subprocess.TimeoutExpired:
                self._sample()
                self.process.kill()
        return self.process.wait()  # it has ended (or was just killed): no waiting


# --- the child -------------------------------------------------------------------------------------


def _limit_memory(megabytes: int) -> None:
    """Cap the address space so that what is resident now plus what can still be mapped stays within
    ``megabytes``: every new resident page needs address space first."""
    limit = megabytes * MIB
    try:
        status = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line
        )
        size = int(status["VmSize"].split()[0]) * 1024
        resident = int(status["VmRSS"].split()[0]) * 1024
        limit = size + max(0, megabytes * MIB - resident)
    except (OSError, KeyError, ValueError):
        pass  # not Linux: the address space itself is the limit
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def child() -> int:
    """The child's side: header line, bytes, then progress lines and one result or refusal line."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library that prints cannot mix into the messages
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    header = json.loads(sys.stdin.buffer.readline(_MAX_HEADER))
    limits = Limits(**header["limits"])
    cpu = int(limits.seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    # everything a reader needs is imported before the limit, so the limit is for the file alone
    from scan.rules.akkoord import analyse, analyse_text, docx_reader, pdf_reader  # noqa: F401

    payload = sys.stdin.buffer.read(min(int(header["size"]), limits.max_bytes * 4 + 1))

    def send(item: dict) -> None:
        out.write(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()

    def peak_kib() -> int:
        status = Path("/proc/self/status")
        lines = status.read_text().splitlines() if status.exists() else []
        return next((int(line.split()[1]) for line in lines if line.startswith("VmHWM:")), 0)

    def progress(fraction: float, text: str) -> None:
        send({"progress": round(fraction, 3), "text": text})

    _limit_memory(limits.memory_mb)
    try:
        if header["kind"] == "text":
            analysis = analyse_text(payload.decode("utf-8"), limits=limits)
        else:
            analysis = analyse(payload, header["filename"], limits=limits, on_progress=progress)
        send({"result": analysis.to_dict(), "peak_kib": peak_kib()})
    except AgreementError as exc:
        send({"error": str(exc), "peak_kib": peak_kib()})
    except MemoryError:
        os._exit(EXIT_MEMORY)
    except SystemError as exc:  # a C extension that could not allocate and did not say MemoryError
        if "without exception set" not in str(exc):
            raise
        os._exit(EXIT_MEMORY)
    return 0


if __name__ == "__main__":
    sys.exit(child())

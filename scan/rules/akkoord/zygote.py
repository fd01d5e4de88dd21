"""A warm parent for the akkoordcheck's reading children (Linux): started once, it imports the readers and
loads the vocabulary and the lemma dictionary, then forks one child per file. A child started this way
begins in a few milliseconds instead of the 0,8 s a fresh ``python -m scan.rules.akkoord.runner`` spends
on imports and on compiling the vocabulary; everything else stays as the runner made it (its limits are
set in the child after the fork, its messages go through the same pipes).

Protocol, on a SOCK_SEQPACKET socket pair (one message per request, so file descriptors never mix):
the app sends one byte with four descriptors (the child's stdin, stdout and stderr, and a socket for its
status). The zygote forks, sends the child's pid with a pidfd (so the app can stop it without racing a
reused pid), and when the child ends, its exit code (negative: the signal) as in ``subprocess``. The
zygote ends when the app closes its end (the app ended, also by a crash).

The app side is ``Zygote``; ``scan.rules.akkoord.runner`` falls back to a fresh process per file when
no zygote can be had (another OS, or it failed to start).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import traceback
from pathlib import Path

_LOG = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parents[3]
READY = b"warm"
START_SECONDS = 60.0  # imports on a busy machine
_CODE = struct.Struct("i")


# --- the zygote's side ------------------------------------------------------------------------------


def _warm() -> None:
    """Everything a child would otherwise load for every file."""
    from scan.rules.akkoord import analyse, analyse_text, docx_reader, pdf_reader, textnorm  # noqa: F401
    from scan.rules.akkoord.vocabulary import vocabulary

    vocabulary()
    textnorm.stem("ondersteund")  # loads the Dutch lemma dictionary (a participle looks up its infinitive)


def _child(fds: list[int], to_close: list[int]) -> None:
    """In the forked child: take the request's descriptors as 0, 1 and 2, then be the runner's child."""
    try:
        for fd in to_close:
            with contextlib.suppress(OSError):
                os.close(fd)
        stdin, stdout, stderr, status = fds
        os.close(status)
        for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
            os.dup2(fd, target)
            os.close(fd)
        from scan.rules.akkoord.runner import child

        code = child()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 1
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(code)


Running = dict[int, tuple[int, socket.socket]]  # pidfd -> (pid, the request's status socket)


def _fork(control: socket.socket, fds: list[int], running: Running) -> None:
    """One request: fork a child on its descriptors and tell the app its pid (with a pidfd)."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(
            fds,
            [
                control.fileno(),
                *(fd for pidfd, (_, sock) in running.items() for fd in (pidfd, sock.fileno())),
            ],
        )
    status = socket.socket(fileno=fds[3])
    for fd in fds[:3]:
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    with contextlib.suppress(OSError):
        socket.send_fds(status, [str(pid).encode()], [pidfd])
    running[pidfd] = (pid, status)


def _reap(pidfd: int, running: Running) -> None:
    """A child ended: collect it and send the app its exit code."""
    pid, status = running.pop(pidfd)
    _, wait_status = os.waitpid(pid, 0)
    with contextlib.suppress(OSError):
        status.send(_CODE.pack(os.waitstatus_to_exitcode(wait_status)))
    status.close()
    os.close(pidfd)


def serve(control: socket.socket) -> None:
    """Fork a child per request until the app closes ``control``."""
    running: Running = {}
    while True:
        ready, _, _ = select.select([control.fileno(), *running], [], [])
        for item in ready:
            if item != control.fileno():
                _reap(item, running)
                continue
            message, fds, _, _ = socket.recv_fds(control, 16, 4)
            if not message:
                return  # the app is gone
            if len(fds) == 4:
                _fork(control, fds, running)
            else:  # a request without its descriptors: nothing to start
                for fd in fds:
                    os.close(fd)


def main() -> int:
    control = socket.socket(fileno=int(sys.argv[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C on the server: the app closes us
    _warm()
    control.send(READY)
    serve(control)
    return 0


# --- the app's side ---------------------------------------------------------------------------------


class Forked:
    """A child forked by the zygote, with the part of ``subprocess.Popen`` the runner uses."""

    def __init__(self, pid: int, pidfd: int, status: socket.socket, stdin, stdout) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.returncode: int | None = None
        self._pidfd = pidfd
        self._status = status

    def _collect(self, timeout: float | None) -> bool:
        if self.returncode is not None:
            return True
        ready, _, _ = select.select([self._status], [], [], timeout)
        if not ready:
            return False
        data = self._status.recv(_CODE.size)
        # no code: the zygote itself ended while the child ran (it was killed); the child is gone too
        self.returncode = _CODE.unpack(data)[0] if len(data) == _CODE.size else -signal.SIGKILL
        self._status.close()
        os.close(self._pidfd)
        return True

    def poll(self) -> int | None:
        self._collect(0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self._collect(timeout):
            raise subprocess.TimeoutExpired("akkoordcheck", timeout or 0)
        return self.returncode  # type: ignore[return-value]

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)


class Zygote:
    """One warm zygote per app process, started on first use; ``None`` from ``get`` when it cannot be had."""

    _instance: Zygote | None = None
    _failed = False
    _lock = threading.Lock()

    def __init__(self, env: dict[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "scan.rules.akkoord.zygote", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                cwd=PROJECT,
                env=env,
            )
        finally:
            theirs.close()
        self.control = ours
        self._send = threading.Lock()
        ready, _, _ = select.select([ours], [], [], START_SECONDS)
        if not ready or ours.recv(16) != READY:
            self.close()
            raise OSError("the akkoordcheck zygote did not start")

    @classmethod
    def get(cls, env: dict[str, str]) -> Zygote | None:
        if not (hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")):
            return None
        with cls._lock:
            if cls._instance is not None and cls._instance.process.poll() is not None:
                _LOG.warning(
                    "akkoordcheck: the zygote ended (exit %s); starting a new one",
                    cls._instance.process.returncode,
                )
                cls._instance.close()
                cls._instance = None
            if cls._instance is None and not cls._failed:
                try:
                    cls._instance = cls(env)
                except OSError:
                    _LOG.exception("akkoordcheck: no zygote; every file starts a fresh process")
                    cls._failed = True
            return cls._instance

    @property
    def pid(self) -> int:
        return self.process.pid

    def fork(self, stderr_fd: int) -> Forked:
        """A new child reading from a new stdin pipe and writing to a new stdout pipe; OSError if the
        zygote does not answer."""
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with self._send:
                socket.send_fds(self.control, [b"f"], [stdin_r, stdout_w, stderr_fd, theirs.fileno()])
        except OSError:
            for fd in (stdin_r, stdin_w, stdout_r, stdout_w):
                os.close(fd)
            ours.close()
            raise
        finally:
            theirs.close()
        os.close(stdin_r)
        os.close(stdout_w)
        ready, _, _ = select.select([ours], [], [], START_SECONDS)
        message, fds, _, _ = socket.recv_fds(ours, 32, 1) if ready else (b"", [], 0, None)
        if not message or len(fds) != 1:
            for fd in (stdin_w, stdout_r, *fds):
                os.close(fd)
            ours.close()
            raise OSError("the akkoordcheck zygote did not fork")
        return Forked(int(message), fds[0], ours, os.fdopen(stdin_w, "wb"), os.fdopen(stdout_r, "rb"))

    def close(self) -> None:
        self.control.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    sys.exit(main())

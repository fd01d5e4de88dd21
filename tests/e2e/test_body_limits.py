"""The real server refuses an over-long request body before reading it, on every route the app adds.

A client announces 200 MiB (Content-Length) or sends a chunked body without end; the server must
answer 413 within a second and its resident memory (the peak, /proc/PID/status VmHWM after resetting
it through /proc/PID/clear_refs) may grow by less than 50 MiB. Before the limit, one such body to a
phone route raised the server to the size of the body and more.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

from .conftest import Server, start_server

pytestmark = pytest.mark.e2e

MIB = 1024 * 1024
HUGE = 200 * MIB
BLOCK = b"[" + b"1," * (MIB // 2 - 1) + b"1"  # about 1 MiB of valid-looking JSON


def _memory_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    raise AssertionError(f"{field} not in /proc/{pid}/status")


def _settle(pid: int) -> None:
    """Wait until the server's warm-up (imports in a background thread at start) is done: its memory
    stays the same for a second."""
    last, deadline = -1, time.monotonic() + 30
    while time.monotonic() < deadline:
        now = _memory_kib(pid, "VmRSS:")
        if abs(now - last) < 256:
            return
        last = now
        time.sleep(1)


def _reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM starts again from the current VmRSS


def send_huge(
    url: str, path: str, *, chunked: bool, content_type: str = "application/json"
) -> tuple[int, float]:
    """Send a 200 MiB body (announced, or chunked) as fast as the server takes it, and stop as soon
    as the server answers: (status, seconds until the status line arrived)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {HUGE}"
    head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n{framing}\r\n\r\n"
    chunk = (b"%x\r\n" % len(BLOCK)) + BLOCK + b"\r\n" if chunked else BLOCK
    start = time.monotonic()
    sock.sendall(head.encode())
    sock.setblocking(False)
    pending, sent, answer = memoryview(b""), 0, b""
    try:
        while time.monotonic() - start < 60:
            readable, writable, _ = select.select([sock], [sock] if sent < HUGE else [], [], 0.05)
            if readable:
                data = sock.recv(65536)
                answer += data
                if b"\r\n" in answer or not data:
                    break
            if writable:
                if not pending:
                    pending = memoryview(chunk)
                try:
                    n = sock.send(pending)
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    sock.setblocking(True)
                    sock.settimeout(5)
                    answer += sock.recv(65536)
                    break
                pending = pending[n:]
                sent += n
    finally:
        elapsed = time.monotonic() - start
        sock.close()
    assert answer.startswith(b"HTTP/1.1 "), f"no answer after {sent // MIB} MiB sent: {answer[:80]!r}"
    return int(answer.split()[1]), elapsed


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[Server, str]]:
    """One server for the module, with a room (its code) to send to."""
    db = tmp_path_factory.mktemp("limits") / "limits.sqlite"
    store = Store(db)
    ws, _ = workshop.create(store, rounds.start(store, "GM0355", 2026).id, ["6.1"], "Avond")
    srv = start_server(db)
    _settle(srv.process.pid)
    yield srv, ws.join_code
    srv.process.terminate()
    srv.process.wait(20)


def _small_request(url: str, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    result = response.status, response.read()
    conn.close()
    return result


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
@pytest.mark.parametrize(
    "route",
    [
        "/doe/NOTAROOM00/meedoen",  # the example: an unknown room
        "/doe/{code}/meedoen",
        "/doe/{code}/antwoord",
        "/doe/{code}",  # a GET route, posted to
        "/doe",
        "/_stcore/health",  # Streamlit's health check (the e2e tests poll it)
        "/",  # the app's page (downloads are under /media/, the same way)
    ],
)
def test_a_200_mib_body_is_refused_at_once_without_memory(served, route, chunked) -> None:
    server, code = served
    pid = server.process.pid
    path = route.format(code=code)
    _small_request(server.url, "GET", f"/doe/{code}")  # warm: first-request costs aside
    _reset_peak(pid)
    before = _memory_kib(pid, "VmRSS:")
    status, seconds = send_huge(server.url, path, chunked=chunked)
    time.sleep(0.3)  # anything still reading the body would show now
    grown_mib = (max(_memory_kib(pid, "VmHWM:"), _memory_kib(pid, "VmRSS:")) - before) / 1024
    print(
        f"{path} ({'chunked' if chunked else '200 MiB announced'}): {status} after {seconds:.3f} s, +{grown_mib:.1f} MiB"
    )
    assert status == 413
    assert seconds < 1.0
    assert grown_mib < 50


def test_a_body_within_the_limit_is_read_and_judged(served) -> None:
    server, code = served
    status, answer = _small_request(server.url, "POST", f"/doe/{code}/meedoen", b"{}")
    assert status == 200 and json.loads(answer)["ok"] is True
    # just under the phone's limit (4 KB): read, and judged on what it says (not joined: 401)
    body = json.dumps({"vraag": "6.1", "waarde": 2, "x": "a" * 4000}).encode()
    assert 4000 < len(body) <= 4096
    status, answer = _small_request(server.url, "POST", f"/doe/{code}/antwoord", body)
    assert status == 401 and "niet aangemeld" in json.loads(answer)["fout"]
    # one byte over: refused for its size, in Dutch
    status, answer = _small_request(server.url, "POST", f"/doe/{code}/antwoord", b" " * 4097)
    assert status == 413 and json.loads(answer) == {"ok": False, "fout": "Dit antwoord is te lang."}


def test_a_huge_websocket_message_is_refused_before_it_is_read(served) -> None:
    # Streamlit refuses a message over server.maxWidgetStateSize (25 MB) only after it arrived whole;
    # uvicorn took up to server.maxMessageSize (200 MB): 150 MiB cost the server 334 MiB
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    server, _ = served
    pid = server.process.pid
    stream = server.url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(stream, subprotocols=["streamlit"], open_timeout=10):
        time.sleep(1)  # warm: a new session's first costs aside
    _reset_peak(pid)
    before = _memory_kib(pid, "VmRSS:")
    start = time.monotonic()
    with (
        pytest.raises(ConnectionClosed) as closed,
        connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=10) as ws,
    ):
        ws.send(b"\0" * (100 * MIB))
        ws.recv(timeout=10)
    seconds = time.monotonic() - start
    time.sleep(0.3)
    grown_mib = (max(_memory_kib(pid, "VmHWM:"), _memory_kib(pid, "VmRSS:")) - before) / 1024
    # the server says 1009 (message too big) and closes; a client still sending may miss the close frame
    code = closed.value.rcvd.code if closed.value.rcvd else "no close frame"
    print(f"websocket, 100 MiB message: closed ({code}) after {seconds:.3f} s, +{grown_mib:.1f} MiB")
    assert code in (1009, "no close frame")
    assert grown_mib < 50
    assert _small_request(server.url, "GET", "/_stcore/health")[0] == 200  # and it serves on

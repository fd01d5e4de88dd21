"""The real server: a browser's connection is served without Nagle's algorithm (40 ms a click).

Looks at the server's own accepted socket: the test duplicates the server process's descriptor
(pidfd_getfd, Linux >= 5.6, allowed for a process of the same user) and reads its TCP_NODELAY.
"""

from __future__ import annotations

import ctypes
import os
import socket
import urllib.request

import pytest

pytestmark = pytest.mark.e2e

PIDFD_GETFD = 438  # the same number on x86_64 and aarch64 (the generic syscall table)


def _server_socket_for(pid: int, client: socket.socket) -> socket.socket:
    """The server's end of ``client``'s connection, duplicated into this process."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    try:
        for entry in os.listdir(f"/proc/{pid}/fd"):
            if not os.readlink(f"/proc/{pid}/fd/{entry}").startswith("socket:"):
                continue
            fd = libc.syscall(PIDFD_GETFD, pidfd, int(entry), 0)
            if fd < 0:
                raise OSError(ctypes.get_errno(), "pidfd_getfd")
            sock = socket.socket(fileno=fd)
            try:
                if sock.type == socket.SOCK_STREAM and sock.getpeername() == client.getsockname():
                    return sock
            except OSError:
                pass  # a listener or a closed socket: no peer
            sock.close()
    finally:
        os.close(pidfd)
    raise AssertionError("the server has no socket for this connection")


def test_the_servers_connection_to_a_browser_has_nodelay(server) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10):
        pass  # the server is up and has run its start-up (which sets TCP_NODELAY on its listener)
    with socket.create_connection((host, int(port))) as client:
        client.sendall(b"GET /_stcore/health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b"200" in client.recv(1024)  # accepted and answered: the connection is live
        theirs = _server_socket_for(server.process.pid, client)
        with theirs:
            assert theirs.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1

"""Switch off Nagle's algorithm on the server's listening sockets.

Streamlit 1.67 binds its socket itself with ``socket.socket(family)``, so the protocol number
is 0 and asyncio skips ``TCP_NODELAY`` on every accepted connection (it only sets it when
``proto == IPPROTO_TCP``; same cause as uvicorn issue #3149). A rerun sends several small
websocket frames; with Nagle on, the second one waits for the browser's delayed ACK, which
added about 40 ms to every click (measured: one-line page 44 ms -> 6 ms). Accepted sockets
inherit ``TCP_NODELAY`` from the listener on Linux, so setting it there once at start is enough.

A workaround, kept because 1.67 offers no supported way: Streamlit does not hand out the socket it
binds, and the st.App lifespan (where this runs) gets the app, not uvicorn's Server and its
``servers``. tests/test_server.py runs Streamlit's own start-up and fails loudly when this stops
setting the option on the socket Streamlit bound, or when Streamlit binds with a protocol number and
this is no longer needed; tests/e2e/test_server_sockets.py checks a real connection.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

FD_DIR = Path("/proc/self/fd")  # Linux; elsewhere this is a no-op


def _listening_tcp(sock: socket.socket) -> bool:
    return (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and sock.type == socket.SOCK_STREAM
        and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1
    )


def enable_nodelay_on_listeners() -> int:
    """Set TCP_NODELAY on every listening TCP socket of this process; returns how many."""
    if not FD_DIR.is_dir():
        return 0
    count = 0
    for entry in FD_DIR.iterdir():
        try:
            fd = int(entry.name)
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            sock = socket.socket(fileno=fd)
        except (OSError, ValueError):
            continue  # closed meanwhile, or not a socket we can wrap
        try:
            if _listening_tcp(sock):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                count += 1
        except OSError:
            continue  # a socket that refuses the option is not one we serve on
        finally:
            sock.detach()  # the descriptor belongs to the server: never close it here
    return count

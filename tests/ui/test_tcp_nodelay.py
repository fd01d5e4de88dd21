"""The server's connections must not wait on Nagle's algorithm (40 ms per click otherwise)."""

from __future__ import annotations

import socket

import pytest

from scan.ui import tcp_nodelay


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.mark.skipif(not tcp_nodelay.FD_DIR.is_dir(), reason="needs /proc (Linux)")
def test_connections_accepted_after_the_fix_have_nodelay_and_the_listener_stays_open() -> None:
    # bound the way Streamlit binds it: protocol number 0, so asyncio would not set TCP_NODELAY
    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    other = socket.socket(socket.AF_INET)  # a socket that is not listening is left alone
    try:
        assert listener.proto == 0
        assert tcp_nodelay.enable_nodelay_on_listeners() >= 1
        with socket.create_connection(listener.getsockname()) as client:
            accepted, _ = listener.accept()
            with accepted:
                assert nodelay(accepted) == 1
                client.sendall(b"ping")
                assert accepted.recv(4) == b"ping"  # the listener's descriptor was not closed
        assert nodelay(other) == 0
    finally:
        listener.close()
        other.close()

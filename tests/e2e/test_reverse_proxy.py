"""Behind a real reverse proxy (Debian's nginx): websockets and server-sent events pass, the throttle
sees each client's own address, and an X-Forwarded-For header a client sends itself changes nothing.

Addresses on the loopback stand in for hosts: nginx talks to the app from 127.0.0.2 (the trusted
proxy), clients come from 127.0.0.3 and 127.0.0.4.
"""

from __future__ import annotations

import atexit
import http.client
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scan.records import workshop
from scan.records.round import rounds
from scan.rules.throttle import ADDRESS_FACTOR, FREE_ATTEMPTS
from scan.storage.core import Store

from .conftest import _free_port, start_server
from .test_body_limits import send_huge

pytestmark = pytest.mark.e2e
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROXY_ADDRESS = "127.0.0.2"
# enough wrong codes without a session cookie to use up one address's budget
OVER_BUDGET = ADDRESS_FACTOR * (FREE_ATTEMPTS + 1) + 1

CONFIG = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {body};
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 55m;
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_bind {proxy};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_buffering off;
            proxy_read_timeout 1h;
        }}
    }}
}}
"""


def _body_dir() -> Path:
    """Where nginx keeps a request body it buffers: its workers run as another user (nobody) when
    the tests run as root, and cannot enter pytest's private temporary directories."""
    body = Path(tempfile.mkdtemp(prefix="nginx-body-"))
    body.chmod(0o777)
    atexit.register(shutil.rmtree, body, True)
    return body


def _nginx(tmp: Path, app_port: int) -> tuple[subprocess.Popen, int]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed (apt-get install -y nginx-light); .ci/run installs it")
    port = _free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        CONFIG.format(dir=tmp, body=_body_dir(), port=port, app_port=app_port, proxy=PROXY_ADDRESS),
        encoding="utf-8",
    )
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"])
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/_stcore/health")
            return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("nginx did not start")


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[str, int, Store, str]]:
    db = tmp_path / "proxy.sqlite"
    store = Store(db)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, _ = workshop.create(store, rnd.id, ["6.1"], "Avond")
    server = start_server(db, env={"DEMOCRATIESCAN_TRUSTED_PROXIES": PROXY_ADDRESS})
    app_port = int(server.url.rsplit(":", 1)[1])
    nginx, port = _nginx(tmp_path, app_port)
    try:
        yield f"http://127.0.0.1:{port}", port, store, ws.join_code
    finally:
        nginx.terminate()
        server.process.terminate()
        nginx.wait(10)
        server.process.wait(20)


def _get(port: int, path: str, source: str, headers: dict | None = None) -> tuple[int, str]:
    """One request from a given client address (no cookies: every request a new session)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


def _guess_until_throttled(port: int, source: str, spoof: bool = False) -> bool:
    for n in range(OVER_BUDGET):
        headers = {"X-Forwarded-For": f"198.51.100.{n % 250}"} if spoof else None
        _, body = _get(port, "/doe/ZZZZZZZZZZ", source, headers)
        if "Te veel verkeerde pogingen" in body:
            return True
    return False


def test_each_client_is_throttled_by_its_own_address_and_cannot_spoof_another(proxied) -> None:
    _, port, _, code = proxied
    # one client guesses wrong codes, claiming a different address every time: nginx replaces the
    # header with the real address, so the guesses all count against that one address
    assert _guess_until_throttled(port, "127.0.0.3", spoof=True)
    # another client behind the same proxy still gets in: the app saw two addresses, not the proxy's
    status, body = _get(port, f"/doe/{code}", "127.0.0.4")
    assert status == 200 and "Te veel verkeerde pogingen" not in body


def test_without_a_trusted_proxy_a_spoofed_header_is_ignored(tmp_path: Path) -> None:
    # the app on its own (no DEMOCRATIESCAN_TRUSTED_PROXIES): a client on the same machine sends
    # X-Forwarded-For itself; uvicorn would believe it from the loopback by default
    server = start_server(tmp_path / "direct.sqlite")
    port = int(server.url.rsplit(":", 1)[1])
    try:
        assert _guess_until_throttled(port, "127.0.0.1", spoof=True)
    finally:
        server.process.terminate()
        server.process.wait(20)


def test_the_app_and_a_phone_work_through_the_proxy(proxied, browser) -> None:
    url, _, _, code = proxied
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)  # Streamlit draws only over its websocket
    expect(page.get_by_role("heading", name="democratiescan")).to_be_visible()
    phone = context.new_page()
    phone.goto(f"{url}/doe/{code}")  # the phone page's state arrives as server-sent events
    expect(phone.locator("html")).to_have_attribute("lang", "nl")
    expect(phone.get_by_text("Avond")).to_be_visible()
    context.close()


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_the_proxy_refuses_a_huge_body_itself(proxied, chunked: bool) -> None:
    # the README's client_max_body_size: nginx answers 413 and the app never sees the body
    url, _, _, code = proxied
    status, seconds = send_huge(url, f"/doe/{code}/meedoen", chunked=chunked)
    assert status == 413 and seconds < 5


def test_the_proxy_passes_an_upload_of_the_largest_allowed_size(proxied, tmp_path: Path) -> None:
    # nginx's own default (1 MB) would refuse an akkoord of a few MB: the example allows 55 MB. A PUT
    # of 50 MB reaches Streamlit's upload route, which answers for itself: 403, as there is no such
    # session. It may answer before the whole body arrived and close, and nginx then reports 502 to
    # the client; either way nginx passed the body on instead of refusing it.
    _, port, _, _ = proxied
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("PUT", "/_stcore/upload_file/geen-sessie/geen-bestand", body=b"x" * (50 * 1024 * 1024))
    response = conn.getresponse()
    response.read()
    conn.close()
    log = (tmp_path / "error.log").read_text(encoding="utf-8", errors="replace")
    assert response.status in (403, 502), (response.status, response.reason)
    assert "too large body" not in log
    if response.status == 502:
        assert "upstream" in log  # the app closed the connection, not nginx refusing the body

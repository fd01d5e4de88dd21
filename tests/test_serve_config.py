"""``python -m scan serve --nginx-site``: the nginx site for a fixed installation is one Debian's nginx
accepts, with every app process in its upstream and the affinity cookie; bad options change nothing.
(tests/e2e/test_workers_behind_proxy.py runs the whole set-up.)"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _nginx_accepts(site: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n include {site};\n}}\n", encoding="utf-8"
    )
    return subprocess.run(
        [NGINX, "-t", "-c", str(main), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )


def test_the_site_for_a_fixed_nginx_is_valid_and_names_every_process(tmp_path: Path) -> None:
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed (apt-get install -y nginx-light); .ci/run installs it")
    site = tmp_path / "democratiescan.conf"
    result = run_cli(
        "serve", "--workers", "3", "--first-worker-port", "9001", "--https", "--nginx-site", str(site)
    )
    assert result.returncode == 0, result.stderr
    text = site.read_text(encoding="utf-8")
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", text) == ["9001", "9002", "9003"]
    assert "hash $dm_affinity consistent;" in text and "SameSite=Lax; Secure" in text
    assert "@@" not in text
    checked = _nginx_accepts(site, tmp_path)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("workers", ["0", "-1", "twee"])
def test_a_wrong_number_of_processes_is_refused_in_dutch(tmp_path: Path, workers: str) -> None:
    site = tmp_path / "democratiescan.conf"
    result = run_cli("serve", "--workers", workers, "--nginx-site", str(site))
    assert result.returncode == 2 and "geen positief geheel getal" in result.stderr
    assert not site.exists()

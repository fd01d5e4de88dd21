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
import random
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs

import websockets
from _common import median, p95
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scan import workshop
from scan.storage import Store
from tests.e2e.conftest import start_server


def widgets(msg: ForwardMsg) -> list:
    """Widget elements in a delta: (type, proto) for buttons and radios."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return []
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    return [(kind, getattr(element, kind))] if kind in ("button", "radio") else []


class Phone:
    """One participant's websocket session."""

    def __init__(self, url: str, code: str) -> None:
        self.url = url
        self.query = f"ws={code}"
        self.ws = None
        self.radio = None
        self.button = None
        self.page_hash = ""

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=60
        )

    async def rerun(self, widget_state=None) -> float:
        """Send one rerun and read until the script has finished; returns the seconds it took."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if widget_state is not None:
            state.widget_states.widgets.append(widget_state)
        t0 = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        self.radio = self.button = None
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "script_finished":
                if msg.script_finished in (0, 3):  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    return time.perf_counter() - t0
                if msg.script_finished == 1:  # FINISHED_WITH_COMPILE_ERROR
                    raise RuntimeError("script error")
                # 2 = finished early for a rerun (st.rerun): keep reading
            for wkind, proto in widgets(msg):
                if wkind == "button":
                    self.button = proto
                else:
                    self.radio = proto

    async def join(self) -> None:
        await self.rerun()
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=self.button.id, trigger_value=True)
        await self.rerun(state)
        if "t" not in parse_qs(self.query):
            raise RuntimeError("join failed: no token in the URL")

    async def answer(self, level: int) -> float:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        await self.rerun()  # "Vernieuwen": see the newly opened question
        if self.radio is None or self.radio.disabled:
            raise RuntimeError("question not open on this phone")
        return await self.rerun(WidgetState(id=self.radio.id, int_value=level))


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
        await p.ws.close()
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
        rnd = store.start_round("GM0355", 2026)
        questions = [q.id for q in store.bank.questions if q.kind == "maturity"][: args.questions]
        ws, secret = workshop.create(store, rnd.id, questions, "Belastingtest")
        started = start_server(db)
        server = started.process
        try:
            t0 = time.perf_counter()
            stream = started.url.replace("http://", "ws://") + "/_stcore/stream"
            sent, latencies = asyncio.run(run(args, store, stream, ws, secret))
            elapsed = time.perf_counter() - t0
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
        f"SUMMARY workshop load: {args.participants} participants, {sent - stored} lost answers, "
        f"p95 acknowledgement {p95(latencies) * 1000:.0f} ms (target <= 1000 ms), peak memory {memory:.0f} MiB (target <= 1024 MiB)"
    )


if __name__ == "__main__":
    main()

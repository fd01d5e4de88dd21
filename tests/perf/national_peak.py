"""Benchmark: a national evening against the production set-up (``python -m scan serve``: N app
processes behind Debian's nginx), on this machine, on the national test set.

Run: python tests/perf/national_peak.py [--workers 1,2] [--workshops 20] [--phones 100]
     [--griffiers 40] [--questions 16] [--capacity 2,4,8,16]

For each number of app processes (default: once with 1, once with 2), on a fresh copy of the national
test set (342 municipalities x 3 rounds, ``python -m scan national``):

- 20 workshops (each for another municipality) with 100 phones each: every phone joins, keeps the
  room's event stream open, answers every question within ``--think`` s of seeing it open, and votes
  when the voting opens (the phone page's own protocol, as tests/perf/workshop_load.py).
- 20 projectors and 20 facilitator pages: Streamlit sessions over ``/_stcore/stream`` that rerun their
  live fragment every second, as the browser does for ``st.fragment(run_every=1)``. The facilitator's
  actions (open, close, to voting) go through the domain layer from this process, as the page does
  from the server's: the processes notice them by polling the workshop's version.
- 40 griffier sessions over the Streamlit websocket, each clicking to the next scan page (start,
  questionnaire, results, comparison, recommendations, agenda, participants, roles, trend) of its own
  municipality every ``--click-every`` s (randomised); a click is "rerun sent" to "script finished".

Printed: p50/p95 griffier click, phone acknowledgement, "facilitator opens -> question on the phone";
answers sent / acknowledged / stored; CPU per core (from /proc/stat) and per process; peak memory
(sum of every process's peak RSS); and the capacity: griffiers clicking without pause (closed loop,
``--capacity`` of them at a time, 20 s each, nothing else running): clicks/s and p95 per step, and the
most clicks/s with p95 <= 300 ms. Last line: ``SUMMARY`` with JSON.

The load generator runs on the same 2 cores (it takes about one of them at the peak): the figures are
a lower bound of what the set-up does on a machine of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

import websockets
from _common import median, national_db, p95
from _stream import StreamSession
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from workshop_load import Phone, cpu_seconds, memory_mib

from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store
from scan.web.serve import Deployment
from tests.e2e.conftest import _free_port

PAGES = [
    "",
    "vragenlijst",
    "resultaten",
    "vergelijken",
    "aanbevelingen",
    "agenda",
    "deelnemers",
    "rollen",
    "trend",
]
YEAR = 2026
CAPACITY_SECONDS = 20.0


# --- phones -------------------------------------------------------------------------------------------


class VotingPhone(Phone):
    """A phone that answers (Phone) and also votes once the voting opens."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.acked = 0
        self.voted = False
        self.server_errors = 0  # 5xx answers, each sent again

    async def listen(self) -> None:
        buffer = b""
        async for chunk in self.events.chunks():
            buffer += chunk
            while b"\n\n" in buffer:
                event, buffer = buffer.split(b"\n\n", 1)
                if not event.startswith(b"event: stand"):
                    continue
                state = json.loads(event.split(b"data: ", 1)[1])
                question = state.get("vraag")
                if question and question["stand"] == "open" and question["id"] not in self.seen:
                    self.seen[question["id"]] = time.perf_counter()
                    self.tasks.append(asyncio.create_task(self.answer(question)))
                if state.get("stemmen") and not self.voted:
                    self.voted = True
                    self.tasks.append(asyncio.create_task(self.vote(state["stemmen"])))

    async def answer(self, question: dict) -> None:
        await asyncio.sleep(self.rng.uniform(0, self.think))
        value = self.rng.choice([v for v, _ in question["opties"]])
        self.sent += 1
        if await self.post("antwoord", {"vraag": question["id"], "waarde": value}):
            self.acked += 1

    async def post(self, what: str, data: dict) -> bool:
        """As the phone page does (scan/web/page.py): a server error is sent again after 1, 2, 4 s;
        the acknowledgement time runs from the first try, as the person waits."""
        body = json.dumps(data).encode()
        t0 = time.perf_counter()
        for attempt in range(5):
            status, _, reply, _ = await self.api.request(
                "POST", f"/doe/{self.code}/{what}", body, (f"Cookie: {self.cookie}",)
            )
            if status < 500:
                break
            self.server_errors += 1
            await asyncio.sleep(2**attempt)
        self.acks.append(time.perf_counter() - t0)
        if status != 200:
            self.refused.append(f"{status} {reply.decode()[:200]}")
        return status == 200

    async def vote(self, ballot: dict) -> None:
        await asyncio.sleep(self.rng.uniform(0, self.think))
        options = [pid for pid, _ in ballot["opties"]]
        await self.post("stem", {"keuze": self.rng.sample(options, min(len(options), ballot["max"]))})


# --- Streamlit sessions -------------------------------------------------------------------------------


class LiveSession(StreamSession):
    """A page with ``st.fragment(run_every=...)``: the browser reruns the fragment on a timer
    (ForwardMsg ``auto_rerun``); so does this, for as long as it runs."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.timers: dict[str, float] = {}  # fragment id -> interval (s)
        self.runs: list[float] = []
        self.failed = 0

    async def rerun_fragment(self, fragment_id: str) -> float:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.page_name = self.page_name
        state.fragment_id = fragment_id
        state.is_auto_rerun = True
        t0 = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        await self._until_finished()
        return time.perf_counter() - t0

    async def _until_finished(self) -> None:
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "auto_rerun":
                self.timers[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "script_finished" and msg.script_finished in (0, 3):
                return

    async def first(self) -> None:
        """The first view, noting which fragments want a timer."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_name = self.page_name
        await self.ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.timers[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "script_finished" and msg.script_finished in (0, 3):
                return

    async def live(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if not self.timers:
                await asyncio.sleep(1)
                continue
            fragment, interval = next(iter(self.timers.items()))
            await asyncio.sleep(interval)
            try:
                self.runs.append(await self.rerun_fragment(fragment))
            except (websockets.ConnectionClosed, OSError):
                self.failed += 1
                return


async def griffier(url: str, gm: str, every: float, stop: asyncio.Event, clicks: list, rng: random.Random):
    """One griffier clicking from page to page of the own round; ``every`` 0: no pause (capacity)."""
    session = StreamSession(url, query=f"gemeente={gm}&jaar={YEAR}", page="")
    await session.connect()
    try:
        await session.rerun()
        index = rng.randrange(len(PAGES))
        while not stop.is_set():
            if every:
                await asyncio.sleep(rng.uniform(0.5 * every, 1.5 * every))
            index = (index + 1) % len(PAGES)
            session.page_name, session.page_hash = PAGES[index], ""
            session.query = f"gemeente={gm}&jaar={YEAR}"
            took = await session.rerun()
            if session.exceptions:
                raise RuntimeError(f"{PAGES[index]} for {gm}: {session.exceptions[0][:200]}")
            clicks.append((time.perf_counter(), took))
    finally:
        await session.close()


# --- machine figures ----------------------------------------------------------------------------------


def core_times() -> list[tuple[int, int]]:
    """(busy, total) jiffies per core."""
    found = []
    with open("/proc/stat") as stat:
        for line in stat:
            if line.startswith("cpu") and line[3].isdigit():
                values = [int(v) for v in line.split()[1:]]
                idle = values[3] + values[4]
                found.append((sum(values) - idle, sum(values)))
    return found


def core_use(before: list, after: list) -> list[float]:
    return [100 * (b2 - b1) / max(1, t2 - t1) for (b1, t1), (b2, t2) in zip(before, after, strict=True)]


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as found:
            return [int(p) for p in found.read().split()]
    except OSError:
        return []


def process_cpu(deployment: Deployment) -> dict[str, float]:
    pids = deployment.pids()
    nginx = pids["nginx"] + [c for p in pids["nginx"] for c in children(p)]
    return {
        "app": sum(cpu_seconds(p) for p in pids["app"]),
        "nginx": sum(cpu_seconds(p) for p in nginx),
        "generator": cpu_seconds(os.getpid()),
    }


def peak_memory(deployment: Deployment) -> float:
    pids = deployment.pids()
    every = pids["app"] + pids["nginx"] + [c for p in pids["nginx"] for c in children(p)]
    return sum(memory_mib(p, "VmHWM:") for p in every)


# --- one run ------------------------------------------------------------------------------------------


def prepare(db: Path, args) -> tuple[list, list[str]]:
    """Copy of the national set with the workshops; returns [(workshop, pin, gm)], griffier municipalities."""
    source = sqlite3.connect(national_db())
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()
    store = Store(db)
    codes = sorted(reference().municipalities)
    rng = random.Random(28)
    chosen = rng.sample(codes, args.workshops + args.griffiers)
    bank = question_bank()
    maturity = [q.id for q in bank.questions if q.kind == "maturity"]
    proposals = [p.id for p in bank.proposals][:6]
    made = []
    for gm in chosen[: args.workshops]:
        rnd = rounds.start(store, gm, YEAR + 1)  # the national set's rounds are closed: a new one
        ws, pin = workshop.create(store, rnd.id, rng.sample(maturity, args.questions), f"Raadsavond {gm}")
        workshop.set_vote_options(store, ws.id, pin, proposals, 3)
        made.append((ws, pin, gm))
    return made, chosen[args.workshops :]


async def drive(store: Store, ws, pin: str, phones: list[VotingPhone], think: float, shown: list) -> None:
    """The facilitator's evening: every question open until all phones answered, then the voting."""
    for index, qid in enumerate(ws.question_ids):
        await asyncio.sleep(random.uniform(0.5, 2.0))  # the facilitator talks a little first
        await asyncio.to_thread(workshop.set_status, store, ws.id, pin, qid, "open")
        opened = time.perf_counter()
        deadline = opened + think + 30
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
            if sum(len(p.tasks) for p in phones) >= (index + 1) * len(phones) and all(
                t.done() for p in phones for t in p.tasks
            ):
                break
        shown += [p.seen[qid] - opened for p in phones if qid in p.seen]
        await asyncio.to_thread(workshop.set_status, store, ws.id, pin, qid, "closed")
    await asyncio.to_thread(workshop.set_phase, store, ws.id, pin, "voting")
    deadline = time.perf_counter() + think + 30
    while time.perf_counter() < deadline and not all(
        p.voted and all(t.done() for t in p.tasks) for p in phones
    ):
        await asyncio.sleep(0.1)


async def evening(args, deployment: Deployment, store: Store, made: list, griffier_gms: list[str]) -> dict:
    host, port = deployment.address, deployment.port
    rng = random.Random(1)
    rooms = []
    sem = asyncio.Semaphore(100)
    for ws, pin, gm in made:
        phones = [
            VotingPhone(host, port, ws.join_code, args.think, random.Random(rng.random()))
            for _ in range(args.phones)
        ]
        rooms.append((ws, pin, gm, phones))

    async def join(phone: VotingPhone) -> None:
        async with sem:
            await phone.join()

    t0 = time.perf_counter()
    await asyncio.gather(*(join(p) for _, _, _, phones in rooms for p in phones))
    print(
        f"  {args.workshops * args.phones} phones joined and listening in {time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    listeners = [asyncio.create_task(p.listen()) for _, _, _, phones in rooms for p in phones]

    stop = asyncio.Event()
    live: list[LiveSession] = []
    for ws, _, _, _ in rooms:  # open the installation: no login needed (the national set has no passwords)
        for page, query in (("projectie", f"projectie={ws.ref}"), ("leiden", f"workshop={ws.ref}")):
            session = LiveSession(deployment.url, query=query, page=page)
            await session.connect()
            await session.first()
            live.append(session)
    live_tasks = [asyncio.create_task(s.live(stop)) for s in live]
    print(
        f"  {len(live)} projector and facilitator pages open, fragments every {[*live[0].timers.values()]} s",
        flush=True,
    )

    clicks: list = []
    griffiers = [
        asyncio.create_task(griffier(deployment.url, gm, args.click_every, stop, clicks, random.Random(i)))
        for i, gm in enumerate(griffier_gms)
    ]
    shown: list[float] = []
    before_cores, before_cpu, t_start = core_times(), process_cpu(deployment), time.perf_counter()
    await asyncio.gather(*(drive(store, ws, pin, phones, args.think, shown) for ws, pin, _, phones in rooms))
    wall = time.perf_counter() - t_start
    cores, cpu = core_use(before_cores, core_times()), process_cpu(deployment)
    stop.set()
    for task in griffiers:
        try:
            await task
        except (websockets.ConnectionClosed, OSError) as exc:
            print(f"  a griffier session ended: {exc!r}")
    for task in live_tasks:
        task.cancel()
    for session in live:
        await session.close()
    for task in listeners:
        task.cancel()
    all_phones = [p for _, _, _, phones in rooms for p in phones]
    for p in all_phones:
        p.api.close()
        p.events.close()
    stored = {
        ws.id: store.db.execute(
            "SELECT COUNT(*) FROM workshop_answers JOIN workshop_participants p ON p.id = participant_id "
            "WHERE p.workshop_id = ?",
            [ws.id],
        ).fetchone()[0]
        for ws, _, _, _ in rooms
    }
    acked = {ws.id: sum(p.acked for p in phones) for ws, _, _, phones in rooms}
    in_window = [took for at, took in clicks if at - t_start <= wall]
    return {
        "seconds": wall,
        "clicks": in_window,
        "clicks_per_s": len(in_window) / wall,
        "acks": [a for p in all_phones for a in p.acks],
        "shown": shown,
        "sent": sum(p.sent for p in all_phones),
        "acknowledged": sum(acked.values()),
        "stored": sum(stored.values()),
        "lost": sum(max(0, acked[w] - stored[w]) for w in acked),
        "refused": [r for p in all_phones for r in p.refused][:3],
        "server_errors": sum(p.server_errors for p in all_phones),
        "votes": sum(1 for p in all_phones if p.voted),
        "live_runs": [r for s in live for r in s.runs],
        "live_failed": sum(s.failed for s in live),
        "cores": cores,
        "cpu": {k: (cpu[k] - before_cpu[k]) / wall * 100 for k in cpu},
    }


async def capacity(deployment: Deployment, gms: list[str], steps: list[int]) -> list[dict]:
    """Griffiers clicking without pause, ``n`` at a time: clicks/s and p95 per step."""
    found = []
    for n in steps:
        stop, clicks = asyncio.Event(), []
        tasks = [
            asyncio.create_task(
                griffier(deployment.url, gms[i % len(gms)], 0, stop, clicks, random.Random(i))
            )
            for i in range(n)
        ]
        await asyncio.sleep(3)  # every session past its first view
        start, cpu0 = time.perf_counter(), process_cpu(deployment)
        count0 = len(clicks)
        await asyncio.sleep(CAPACITY_SECONDS)
        measured = [took for _, took in clicks[count0:]]
        cpu1, wall = process_cpu(deployment), time.perf_counter() - start
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        step = {
            "griffiers": n,
            "clicks_per_s": len(measured) / wall,
            "p95_ms": p95(measured) * 1000,
            "app_cpu_pct": (cpu1["app"] - cpu0["app"]) / wall * 100,  # of one core, all app processes
            "generator_cpu_pct": (cpu1["generator"] - cpu0["generator"]) / wall * 100,
        }
        # what one core of the app does, whatever share of the machine it got (a shared machine)
        step["clicks_per_core_s"] = step["clicks_per_s"] / max(step["app_cpu_pct"] / 100, 1e-9)
        found.append(step)
        print(
            f"  capacity: {n} griffiers without pause: {step['clicks_per_s']:.1f} clicks/s, p95 {step['p95_ms']:.0f} ms "
            f"(app processes {step['app_cpu_pct']:.0f} %, load generator {step['generator_cpu_pct']:.0f} % of one core; "
            f"{step['clicks_per_core_s']:.0f} clicks per second of app CPU)",
            flush=True,
        )
    return found


def run(workers: int, args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "peak.sqlite"
        made, griffier_gms = prepare(db, args)
        deployment = Deployment(
            db,
            workers=workers,
            port=_free_port(),
            worker_ports=[_free_port() for _ in range(workers)],
            quiet=True,
        )
        deployment.start()
        try:
            store = Store(db)
            result = asyncio.run(evening(args, deployment, store, made, griffier_gms))
            result["peak_mib"] = peak_memory(deployment)
            result["capacity"] = (
                asyncio.run(capacity(deployment, griffier_gms, args.capacity)) if args.capacity else []
            )
        finally:
            deployment.stop()
    return result


def report(workers: int, r: dict) -> dict:
    clicks, acks, shown = r["clicks"], r["acks"], r["shown"]
    fit = [s["clicks_per_s"] for s in r["capacity"] if s["p95_ms"] <= 300]
    figures = {
        "workers": workers,
        "seconds": round(r["seconds"]),
        "griffier_clicks": len(clicks),
        "click_p50_ms": round(median(clicks) * 1000),
        "click_p95_ms": round(p95(clicks) * 1000),
        "ack_p50_ms": round(median(acks) * 1000),
        "ack_p95_ms": round(p95(acks) * 1000),
        "open_to_phone_p50_ms": round(median(shown) * 1000),
        "open_to_phone_p95_ms": round(p95(shown) * 1000),
        "answers_sent": r["sent"],
        "answers_acknowledged": r["acknowledged"],
        "answers_stored": r["stored"],
        "acknowledged_lost": r["lost"],
        "phones_voted": r["votes"],
        "server_errors_sent_again": r["server_errors"],
        "live_fragment_p95_ms": round(p95(r["live_runs"]) * 1000) if r["live_runs"] else None,
        "cpu_per_core_pct": [round(c) for c in r["cores"]],
        "cpu_pct_of_one_core": {k: round(v) for k, v in r["cpu"].items()},
        "peak_memory_mib": round(r["peak_mib"]),
        "capacity_steps": [{k: round(v, 1) for k, v in s.items()} for s in r["capacity"]],
        "capacity_clicks_per_s_at_p95_300ms": round(max(fit), 1) if fit else None,
    }
    print(f"--- {workers} app process(es), {figures['seconds']} s of evening")
    print(
        f"griffier click: p50 {figures['click_p50_ms']} ms, p95 {figures['click_p95_ms']} ms ({len(clicks)} clicks)"
    )
    print(f"phone acknowledgement: p50 {figures['ack_p50_ms']} ms, p95 {figures['ack_p95_ms']} ms")
    print(
        f"facilitator opens -> question on the phone: p50 {figures['open_to_phone_p50_ms']} ms, "
        f"p95 {figures['open_to_phone_p95_ms']} ms"
    )
    print(
        f"answers sent {r['sent']}, acknowledged {r['acknowledged']}, stored {r['stored']}, "
        f"acknowledged but lost {r['lost']}; {r['votes']} phones voted; {r['server_errors']} server errors "
        f"(sent again, as the phone page does); refusals: {r['refused'] or 'none'}"
    )
    print(
        f"projector/facilitator fragment reruns: p95 {figures['live_fragment_p95_ms']} ms, {r['live_failed']} sessions lost"
    )
    print(
        f"CPU per core: {figures['cpu_per_core_pct']} %; per process kind (% of one core): {figures['cpu_pct_of_one_core']}"
    )
    print(f"peak memory (sum of the peaks of the app processes and nginx): {figures['peak_memory_mib']} MiB")
    print(f"capacity (griffier clicks/s with p95 <= 300 ms): {figures['capacity_clicks_per_s_at_p95_300ms']}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", default="1,2", help="numbers of app processes to measure, e.g. 1,2")
    parser.add_argument("--workshops", type=int, default=20)
    parser.add_argument("--phones", type=int, default=100, help="phones per workshop")
    parser.add_argument("--griffiers", type=int, default=40)
    parser.add_argument("--questions", type=int, default=16, help="questions per workshop")
    parser.add_argument("--think", type=float, default=5.0, help="a phone answers within this many seconds")
    parser.add_argument("--click-every", type=float, default=4.0, help="a griffier clicks every ~this many s")
    parser.add_argument(
        "--capacity", default="2,4,8,16", help="griffiers without pause per capacity step ('' = none)"
    )
    args = parser.parse_args()
    args.capacity = [int(n) for n in args.capacity.split(",") if n]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = 4 * args.workshops * args.phones + 2048
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, need)), hard))
    national_db()
    results = []
    for workers in [int(n) for n in args.workers.split(",")]:
        print(f"=== {workers} app process(es) ===", flush=True)
        results.append(report(workers, run(workers, args)))
    summary = {"runs": results}
    if len(results) == 2 and all(r["capacity_clicks_per_s_at_p95_300ms"] for r in results):
        summary["capacity_ratio"] = round(
            results[1]["capacity_clicks_per_s_at_p95_300ms"]
            / results[0]["capacity_clicks_per_s_at_p95_300ms"],
            2,
        )
    print("SUMMARY " + json.dumps(summary, separators=(",", ":")))


if __name__ == "__main__":
    main()

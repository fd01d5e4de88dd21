"""Benchmark: N phones in one workshop against the real server, over the phone page's own protocol.

Run: python tests/perf/workshop_load.py [--participants 1000] [--questions 10] [--think 2] [--idle 600]
     [--askers 20] [--upvotes 3]

Every simulated phone does what the phone page's script does (scan/web/page.py): POST
/doe/CODE/meedoen (the cookie), one server-sent event stream GET /doe/CODE/stroom, and POST
/doe/CODE/antwoord for each question. The facilitator opens and closes the questions through the
domain layer from this process, as the facilitator's page does from the server's: the server
notices the change by polling the workshop's version, like every other change. Each phone answers
within ``--think`` seconds of *seeing* the question open. Printed: answers sent and stored (must be
equal), p50/p95 acknowledgement (request to "ok" after the commit), p95 from "open" (committed) to
the question showing on a phone (its event arriving), server CPU per answer, peak memory, a phone's
first load in bytes, and with ``--idle`` the server's CPU and memory while every phone sits connected.

Then the questions from the room (Q&A, unless ``--askers 0``): the facilitator opens them, ``--askers``
phones each send a question (POST /doe/CODE/zaalvraag), the facilitator approves them all, and every
phone, once the list shows on it, upvotes up to ``--upvotes`` of them, each within ``--think`` seconds
of the one before (POST /doe/CODE/steun), and one phone in ten takes one upvote back. Printed the same way: upvotes
sent and stored (must be equal), p50/p95 acknowledgement, approval -> list on a phone, server CPU
per upvote request.

With ``--timer`` (default on) the last question is closed by its countdown, not by the facilitator: it
starts with ``--think`` + 2 s left (a 30-second timer started earlier), no facilitator page is open, and
the server's hub closes it at zero. Printed: zero -> "closed" on a phone (p50/p95 over all phones), and
that the answers given before zero were all stored.

A minimal HTTP/1.1 client on asyncio streams keeps the load generator light (it shares the 2 cores).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from _common import median, p95

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store
from tests.e2e.conftest import start_server


class Http:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def send(self, method: str, path: str, body: bytes = b"", headers: tuple[str, ...] = ()) -> None:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", *headers]
        if body or method == "POST":
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    async def head(self) -> tuple[int, dict[str, str], int]:
        status = int((await self.reader.readline()).split()[1])
        headers: dict[str, str] = {}
        size = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            size += len(line)
            name, _, value = line.decode("latin-1").partition(":")
            headers.setdefault(name.strip().lower(), value.strip())
        return status, headers, size

    async def request(self, method: str, path: str, body: bytes = b"", headers: tuple[str, ...] = ()):
        """Like a browser: a kept-alive connection the server closed meanwhile (uvicorn closes idle
        ones after 5 s) is opened again and the request sent once more (answers are upserts)."""
        try:
            self.send(method, path, body, headers)
            status, found, size = await self.head()
        except (ConnectionError, IndexError, asyncio.IncompleteReadError):
            self.close()
            await self.open()
            self.send(method, path, body, headers)
            status, found, size = await self.head()
        if "content-length" in found:
            data = await self.reader.readexactly(int(found["content-length"]))
        else:  # chunked
            data = b""
            while (length := int((await self.reader.readline()).strip(), 16)) > 0:
                data += await self.reader.readexactly(length)
                await self.reader.readline()
            await self.reader.readline()
        return status, found, data, size + len(data)

    async def chunks(self):
        """The body of a chunked (streaming) response, chunk by chunk."""
        while (length := int((await self.reader.readline()).strip(), 16)) > 0:
            yield await self.reader.readexactly(length)
            await self.reader.readline()

    def close(self) -> None:
        if self.writer:
            self.writer.close()


class Phone:
    def __init__(
        self, host: str, port: int, code: str, think: float, rng: random.Random, upvotes: int = 0
    ) -> None:
        self.api, self.events = Http(host, port), Http(host, port)
        self.code, self.think, self.rng, self.upvotes = code, think, rng, upvotes
        self.qa_acks: list[float] = []  # upvotes and their undos
        self.qa_sent = 0
        self.upvoted: set[int] = set()  # what this phone's upvotes should leave stored
        self.asked: set[int] = set()  # its own questions: no upvote button for those on a phone
        self.cookie = ""
        self.seen: dict[str, float] = {}  # question id -> when it showed as open here
        self.acks: list[float] = []
        self.sent = 0
        self.refused: list[str] = []
        self.tasks: list[asyncio.Task] = []

    async def join(self) -> None:
        await self.api.open()
        status, headers, data, _ = await self.api.request("POST", f"/doe/{self.code}/meedoen", b"{}")
        if status != 200:
            raise RuntimeError(f"join failed: {status} {data[:200]}")
        self.cookie = headers["set-cookie"].split(";", 1)[0]
        await self.events.open()
        self.events.send("GET", f"/doe/{self.code}/stroom", headers=(f"Cookie: {self.cookie}",))
        status, _, _ = await self.events.head()
        if status != 200:
            raise RuntimeError(f"stream failed: {status}")

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
                if question and question["stand"] == "closed" and "dicht:" + question["id"] not in self.seen:
                    self.seen["dicht:" + question["id"]] = time.perf_counter()  # a countdown closed it
                if question and question["stand"] == "open" and question["id"] not in self.seen:
                    self.seen[question["id"]] = time.perf_counter()
                    self.tasks.append(asyncio.create_task(self.answer(question)))
                room = state.get("zaal")
                if room and room["vragen"] and "zaal" not in self.seen:  # the approved questions arrived
                    self.seen["zaal"] = time.perf_counter()
                    if self.upvotes:
                        listed = [q[0] for q in room["vragen"] if q[0] not in self.asked]
                        self.tasks.append(asyncio.create_task(self.upvote(listed)))

    async def answer(self, question: dict) -> None:
        await asyncio.sleep(self.rng.uniform(0, self.think))
        value = self.rng.choice([v for v, _ in question["opties"]])
        body = json.dumps({"vraag": question["id"], "waarde": value}).encode()
        self.sent += 1
        t0 = time.perf_counter()  # a reconnect counts in the acknowledgement time, as on a phone
        status, _, data, _ = await self.api.request(
            "POST", f"/doe/{self.code}/antwoord", body, (f"Cookie: {self.cookie}",)
        )
        self.acks.append(time.perf_counter() - t0)
        if status != 200:
            self.refused.append(data.decode()[:200])

    async def post(self, path: str, data: dict) -> tuple[int, bytes, float]:
        t0 = time.perf_counter()
        status, _, body, _ = await self.api.request(
            "POST", f"/doe/{self.code}/{path}", json.dumps(data).encode(), (f"Cookie: {self.cookie}",)
        )
        return status, body, time.perf_counter() - t0

    async def upvote(self, questions: list[int]) -> None:
        """Upvote a few of the listed questions, as a person reading the list: each upvote within
        ``think`` seconds of the one before (as each answer comes within ``think`` seconds of its
        question); one phone in ten takes one upvote back (the button pressed again)."""
        chosen = self.rng.sample(questions, min(self.upvotes, len(questions)))
        steps = [(q, True) for q in chosen]
        if chosen and self.rng.random() < 0.1:
            steps.append((chosen[0], False))
        for question, on in steps:
            await asyncio.sleep(self.rng.uniform(0, self.think))
            self.qa_sent += 1
            status, body, took = await self.post("steun", {"vraag": question, "aan": on})
            self.qa_acks.append(took)
            if status != 200:
                self.refused.append(body.decode()[:200])
            elif on:
                self.upvoted.add(question)
            else:
                self.upvoted.discard(question)


async def room_questions(args, store: Store, ws, pin: str, phones: list[Phone], pid: int) -> dict:
    """The Q&A part: ask, approve, upvote (see the module's docstring)."""
    workshop.set_questions_open(store, ws.id, pin, True)
    asks = []
    for phone in phones[: args.askers]:
        status, body, took = await phone.post(
            "zaalvraag", {"tekst": f"Wat doet de raad met vraag {len(asks) + 1}?"}
        )
        if status != 200:
            raise RuntimeError(f"asking failed: {status} {body[:200]!r}")
        phone.asked.add(json.loads(body)["vraag"]["id"])
        asks.append(took)
    ids = [q.id for q in workshop.room_questions(store, ws.id)]
    await asyncio.sleep(1)  # the phones have the room's state after "open" (an empty list)
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    workshop.moderate_questions(store, ws.id, pin, ids, "goedgekeurd")
    approved = time.perf_counter()
    deadline = approved + args.think + 60
    while time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
        if all("zaal" in p.seen for p in phones) and not [t for p in phones for t in p.tasks if not t.done()]:
            break
    return {
        "asks": asks,
        "sent": sum(p.qa_sent for p in phones),
        "expected": sum(len(p.upvoted) for p in phones),
        "acks": [a for p in phones for a in p.qa_acks],
        "shown": [p.seen["zaal"] - approved for p in phones if "zaal" in p.seen],
        "cpu": cpu_seconds(pid) - cpu0,
        "wall": time.perf_counter() - t0,
    }


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mib(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


async def first_load(host: str, port: int, code: str) -> tuple[int, int]:
    """Bytes a new phone receives on its first visit (gzip, as browsers ask), and the number of requests."""
    http = Http(host, port)
    await http.open()
    _, _, _, page = await http.request("GET", f"/doe/{code}", headers=("Accept-Encoding: gzip, deflate",))
    _, headers, _, join = await http.request("POST", f"/doe/{code}/meedoen", b"{}")
    http.close()
    stream = Http(host, port)
    await stream.open()
    stream.send("GET", f"/doe/{code}/stroom", headers=(f"Cookie: {headers['set-cookie'].split(';')[0]}",))
    _, _, head = await stream.head()
    first = len(await stream.chunks().__anext__())
    stream.close()
    return page + join + head + first, 3


async def run(args, store: Store, url: str, ws, pin: str, pid: int) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    rng = random.Random(1)
    phones = [
        Phone(host, port, ws.join_code, args.think, random.Random(rng.random()), args.upvotes)
        for _ in range(args.participants)
    ]
    sem = asyncio.Semaphore(100)  # a room scanning the QR code: many at once, not all in the same millisecond

    async def start(phone: Phone) -> None:
        async with sem:
            await phone.join()

    t0 = time.perf_counter()
    await asyncio.gather(*(start(p) for p in phones))
    print(f"{len(phones)} phones joined and listening in {time.perf_counter() - t0:.1f} s", flush=True)
    listeners = [asyncio.create_task(p.listen()) for p in phones]
    shown: list[float] = []
    cpu0, t_questions = cpu_seconds(pid), time.perf_counter()
    closed_lag: list[float] = []
    for index, qid in enumerate(ws.question_ids):
        counted_down = args.timer and index == len(ws.question_ids) - 1
        if counted_down:  # a 30-second countdown with think + 2 s left: the hub closes it at zero
            started = time.time() - 30 + args.think + 2
            ends = workshop.start_timer(
                store, ws.id, pin, qid, 30, False, clock=lambda started=started: started
            ).ends_at
            zero = time.perf_counter() + (ends - time.time())
        else:
            workshop.set_status(store, ws.id, pin, qid, "open")
        opened = time.perf_counter()
        deadline = opened + args.think + 30
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
            if all(qid in p.seen for p in phones) and sum(len(p.tasks) for p in phones) == (index + 1) * len(
                phones
            ):
                pending = [t for p in phones for t in p.tasks if not t.done()]
                if not pending:
                    break
        shown += [p.seen[qid] - opened for p in phones if qid in p.seen]
        if counted_down:
            while time.perf_counter() < zero + 30 and not all("dicht:" + qid in p.seen for p in phones):
                await asyncio.sleep(0.05)
            closed_lag = [p.seen["dicht:" + qid] - zero for p in phones if "dicht:" + qid in p.seen]
            print(
                f"countdown: closed at zero on {len(closed_lag)} of {len(phones)} phones, "
                f"status {workshop.statuses(store, ws.id)[qid]}",
                flush=True,
            )
        else:
            workshop.set_status(store, ws.id, pin, qid, "closed")
        stored = workshop.tally(store, ws.id, qid).answered
        acks = [a for p in phones for a in p.acks]
        print(
            f"question {index + 1}: shown on {sum(qid in p.seen for p in phones)} phones, {stored} answers stored; "
            f"so far p95 ack {p95(acks) * 1000:.0f} ms, p95 open->shown {p95(shown) * 1000:.0f} ms",
            flush=True,
        )
    question_cpu = cpu_seconds(pid) - cpu0
    question_time = time.perf_counter() - t_questions
    qa = await room_questions(args, store, ws, pin, phones, pid) if args.askers else None
    result = {
        "sent": sum(p.sent for p in phones),
        "refused": [r for p in phones for r in p.refused],
        "acks": [a for p in phones for a in p.acks],
        "shown": shown,
        "cpu": question_cpu,
        "wall": question_time,
        "load": await first_load(host, port, ws.join_code),
        "qa": qa,
        "closed_lag": closed_lag,
    }
    if args.idle:
        samples = []
        cpu_start, t_start = cpu_seconds(pid), time.perf_counter()
        rss_start = memory_mib(pid, "VmRSS:")
        while time.perf_counter() - t_start < args.idle:
            await asyncio.sleep(min(30, args.idle))
            samples.append((time.perf_counter() - t_start, memory_mib(pid, "VmRSS:")))
            print(f"idle {samples[-1][0]:.0f} s: server RSS {samples[-1][1]:.0f} MiB", flush=True)
        result["idle"] = (
            (cpu_seconds(pid) - cpu_start) / (time.perf_counter() - t_start) * 100,
            rss_start,
            samples,
            sum(1 for t in listeners if not t.done()),
        )
    for task in listeners:
        task.cancel()
    for p in phones:
        p.api.close()
        p.events.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument(
        "--think", type=float, default=2.0, help="each phone answers within this many seconds"
    )
    parser.add_argument("--idle", type=float, default=0, help="then keep every phone connected this long (s)")
    parser.add_argument(
        "--askers", type=int, default=20, help="phones that send a question from the room (0: no Q&A)"
    )
    parser.add_argument("--upvotes", type=int, default=3, help="questions each phone upvotes")
    parser.add_argument(
        "--timer",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the last question closes by its countdown (the hub), not by the facilitator",
    )
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.participants + 1024)), hard))

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.sqlite"
        store = Store(db)
        rnd = rounds.start(store, "GM0355", 2026)
        questions = [q.id for q in question_bank().questions if q.kind == "maturity"][: args.questions]
        ws, pin = workshop.create(store, rnd.id, questions, "Belastingtest")
        started = start_server(db)
        pid = started.process.pid
        try:
            result = asyncio.run(run(args, store, started.url, ws, pin, pid))
            stored = store.db.execute("SELECT COUNT(*) FROM workshop_answers").fetchone()[0]
            stored_votes = store.db.execute("SELECT COUNT(*) FROM workshop_room_votes").fetchone()[0]
            peak = memory_mib(pid, "VmHWM:")
        finally:
            started.process.terminate()
            started.process.wait(timeout=30)
    acks, shown = result["acks"], result["shown"]
    lost = result["sent"] - stored
    per_answer = result["cpu"] / max(result["sent"], 1) * 1000
    print(
        f"answers sent: {result['sent']}, stored: {stored}, lost: {lost}, refused: {len(result['refused'])}"
    )
    if result["refused"]:
        print("  first refusal:", result["refused"][0])
    print(
        f"acknowledgement: p50 {median(acks) * 1000:.0f} ms, p95 {p95(acks) * 1000:.0f} ms, max {max(acks) * 1000:.0f} ms"
    )
    print(f"open -> shown on a phone: p50 {median(shown) * 1000:.0f} ms, p95 {p95(shown) * 1000:.0f} ms")
    print(
        f"server CPU during the questions: {result['cpu']:.1f} s in {result['wall']:.0f} s = {per_answer:.2f} ms per answer "
        "(everything: joins excluded, events to every phone, answers, the facilitator's changes)"
    )
    print(f"server peak memory: {peak:.0f} MiB")
    print(f"a phone's first load: {result['load'][0] / 1024:.1f} KB in {result['load'][1]} requests")
    summary = (
        f"SUMMARY workshop load: {args.participants} phones, answers within {args.think:g} s, {lost} lost, "
        f"p95 ack {p95(acks) * 1000:.0f} ms, p95 open->shown {p95(shown) * 1000:.0f} ms, "
        f"{per_answer:.2f} ms server CPU per answer, peak {peak:.0f} MiB, first load {result['load'][0] / 1024:.1f} KB"
    )
    if result["closed_lag"]:
        lag = result["closed_lag"]
        print(
            f"countdown at zero -> closed on a phone: p50 {median(lag) * 1000:.0f} ms, p95 {p95(lag) * 1000:.0f} ms, "
            f"max {max(lag) * 1000:.0f} ms ({len(lag)} of {args.participants} phones)"
        )
        summary += f", p95 timer zero->closed {p95(lag) * 1000:.0f} ms"
    if result["qa"] is not None:
        qa = result["qa"]
        qa_lost = qa["expected"] - stored_votes
        per_upvote = qa["cpu"] / max(qa["sent"], 1) * 1000
        print(
            f"questions from the room: {len(qa['asks'])} asked (p95 ack {p95(qa['asks']) * 1000:.0f} ms) and approved; "
            f"upvote requests sent: {qa['sent']}, upvotes that should be stored: {qa['expected']}, stored: {stored_votes}, "
            f"lost: {qa_lost}"
        )
        print(
            f"upvote acknowledgement: p50 {median(qa['acks']) * 1000:.0f} ms, p95 {p95(qa['acks']) * 1000:.0f} ms, "
            f"max {max(qa['acks']) * 1000:.0f} ms"
        )
        print(
            f"approved -> list on a phone: p50 {median(qa['shown']) * 1000:.0f} ms, p95 {p95(qa['shown']) * 1000:.0f} ms "
            f"({len(qa['shown'])} phones)"
        )
        print(
            f"server CPU during the upvotes: {qa['cpu']:.1f} s in {qa['wall']:.0f} s = {per_upvote:.2f} ms per upvote request "
            "(the approval's event to every phone included)"
        )
        summary += (
            f"; Q&A: {qa['sent']} upvote requests, {qa_lost} lost, p95 ack {p95(qa['acks']) * 1000:.0f} ms, "
            f"p95 approved->shown {p95(qa['shown']) * 1000:.0f} ms, {per_upvote:.2f} ms server CPU per upvote"
        )
    if "idle" in result:
        cpu_pct, rss_start, samples, connected = result["idle"]
        print(
            f"idle: {connected} phones connected for {samples[-1][0]:.0f} s: server CPU {cpu_pct:.1f} % of one core, "
            f"RSS {rss_start:.0f} -> {samples[-1][1]:.0f} MiB"
        )
        summary += f", idle CPU {cpu_pct:.1f} %, idle RSS {rss_start:.0f} -> {samples[-1][1]:.0f} MiB"
    print(summary)


if __name__ == "__main__":
    main()

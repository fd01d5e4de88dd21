"""One client guessing room codes cannot lock a room out: a joined phone on the same address (one
Wi-Fi) keeps saving its answers while the guesser is slowed down.

Measured, not timed: the attacker sends wrong codes without cookies for 30 s (as fast as the
server answers), while a joined phone answers once a second; the test prints both figures.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from scan.records import workshop
from scan.records.round import rounds
from scan.storage.core import Store

from .conftest import start_server

pytestmark = pytest.mark.e2e
ATTACK_SECONDS = 30
ANSWERS = 29


def _connection(url: str) -> http.client.HTTPConnection:
    host, port = url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=30)


def _post(conn: http.client.HTTPConnection, path: str, body: dict, cookie: str = "") -> tuple[int, dict, str]:
    headers = {"Content-Type": "application/json"} | ({"Cookie": cookie} if cookie else {})
    conn.request("POST", path, body=json.dumps(body).encode(), headers=headers)
    response = conn.getresponse()
    return response.status, json.loads(response.read()), response.getheader("Set-Cookie") or ""


def _attack(url: str, stop: threading.Event, outcomes: Counter) -> None:
    """Wrong room codes, no cookies (every request a new session), one after another."""
    conn = _connection(url)
    n = 0
    while not stop.is_set():
        n += 1
        wrong = f"ZZZZZ{n % 100000:05d}".replace("0", "A").replace("1", "B")  # well-formed, unknown
        method, path = ("GET", f"/doe/{wrong}") if n % 2 else ("POST", f"/doe/{wrong}/antwoord")
        body = json.dumps({"vraag": "6.1", "waarde": 3}).encode() if method == "POST" else None
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        if "Te veel verkeerde pogingen" in text:
            outcomes["afgeremd"] += 1
        elif "kennen we niet" in text:
            outcomes["gecontroleerd"] += 1
        else:
            outcomes[f"anders {response.status}"] += 1
    conn.close()


def test_a_joined_phone_keeps_answering_while_another_client_guesses_codes(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    store = Store(db)
    ws, pin = workshop.create(store, rounds.start(store, "GM0355", 2026).id, ["6.1"], "Avond")
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    server = start_server(db)
    try:
        phone = _connection(server.url)
        status, joined, cookie = _post(phone, f"/doe/{ws.join_code}/meedoen", {})
        assert status == 200 and joined["ok"], joined
        token = cookie.split(";", 1)[0]  # dm_t=...

        stop, outcomes = threading.Event(), Counter()
        attacker = threading.Thread(target=_attack, args=(server.url, stop, outcomes))
        attacker.start()
        saved, refusals = 0, Counter()
        started = time.monotonic()
        try:
            time.sleep(1)  # the attacker has used up the address's budget by now
            for n in range(ANSWERS):
                status, answer, _ = _post(
                    phone, f"/doe/{ws.join_code}/antwoord", {"vraag": "6.1", "waarde": n % 5}, token
                )
                if answer.get("ok"):
                    saved += 1
                else:
                    refusals[f"{status} {answer.get('fout')}"] += 1
                time.sleep(max(0.0, started + 1 + (n + 1) - time.monotonic()))
            time.sleep(max(0.0, started + ATTACK_SECONDS - time.monotonic()))
        finally:
            stop.set()
            attacker.join(60)
        print(
            f"\njoined phone: {saved} of {ANSWERS} answers saved {dict(refusals)}; attacker in "
            f"{ATTACK_SECONDS} s: {sum(outcomes.values())} requests, {outcomes['gecontroleerd']} codes "
            f"checked, {outcomes['afgeremd']} refused to wait ({dict(outcomes)})"
        )
        assert saved >= ANSWERS - 1, refusals
        # the token lets a phone past the throttle for its own room only, not for guessing others
        phone.request("GET", "/doe/ZZZZZZZZZZ", headers={"Cookie": token})
        response = phone.getresponse()
        assert "Te veel verkeerde pogingen" in response.read().decode()
        assert workshop.mine(store, ws.id, token.split("=", 1)[1])["antwoorden"]["6.1"] == (ANSWERS - 1) % 5
        # the attacker is slowed: after the address's budget, a code is checked only every few seconds
        assert outcomes["afgeremd"] > 10 * outcomes["gecontroleerd"]
        assert outcomes["gecontroleerd"] <= 60
    finally:
        server.process.terminate()
        server.process.wait(20)

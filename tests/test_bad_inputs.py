"""Every input path refuses bad input with a clear Dutch message and leaves the database unchanged.

Each case runs against the same prepared database; its full content (every row of every table)
is compared before and after.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scan.base.errors import ScanError
from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.records import access, workshop
from scan.records.backup import backup_bytes, restore
from scan.records.benchmark_import import parse_benchmark
from scan.records.round import answers as answer_store
from scan.records.round import choices, respondents, rounds
from scan.records.round.sharing import create_share_link, round_for_token
from scan.storage.core import Store
from scan.storage.schema_graph import data_tables

from .conftest import PROJECT, run_cli


def fingerprint(store: Store) -> dict[str, list]:
    return {
        t: sorted(map(tuple, store.db.execute(f'SELECT * FROM "{t}"').fetchall()), key=repr)
        for t in data_tables(store.db)
    }


class World:
    """A database with one of everything, plus the secrets needed to reach it."""

    def __init__(self, path: Path) -> None:
        self.store = store = Store(path)
        self.rnd = rounds.start(store, "GM0355", 2026)
        self.closed = rounds.start(store, "GM0355", 2024)
        answer_store.save(store, self.rnd.id, "1.1", 2)
        _, self.code = respondents.create_invite(store, self.rnd.id, "raad")
        revoked, self.revoked_code = respondents.create_invite(store, self.rnd.id, "inwoners")
        respondents.revoke_invite(store, self.rnd.id, revoked.id)
        _, self.token = respondents.join(store, self.code)
        _, other = respondents.create_invite(store, self.rnd.id, "college")
        self.other_code = other
        self.ws, self.secret = workshop.create(store, self.rnd.id, ["6.1", "8.1"], "Avond")
        _, self.wtoken = workshop.join(store, self.ws.join_code)
        workshop.set_status(store, self.ws.id, self.secret, "6.1", "closed")
        rounds.close(store, self.closed.id)
        self.share = create_share_link(store, self.rnd.id)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return World(tmp_path_factory.mktemp("bad") / "world.sqlite")


S = Store  # short alias for the lambdas below
DOMAIN: list[tuple[str, Callable[[World], object], str]] = [
    ("answer above scale", lambda w: answer_store.save(w.store, w.rnd.id, "1.1", 5), "geen geldig antwoord"),
    ("answer below scale", lambda w: answer_store.save(w.store, w.rnd.id, "1.1", -1), "geen geldig antwoord"),
    ("answer as text", lambda w: answer_store.save(w.store, w.rnd.id, "1.1", "3"), "geen geldig antwoord"),
    (
        "answer as boolean",
        lambda w: answer_store.save(w.store, w.rnd.id, "1.1", True),
        "geen geldig antwoord",
    ),
    (
        "answer and weet niet",
        lambda w: answer_store.save(w.store, w.rnd.id, "1.1", 2, dont_know=True),
        "niet allebei",
    ),
    ("unknown question", lambda w: answer_store.save(w.store, w.rnd.id, "9.9", 2), "bestaat niet"),
    ("question for another role", lambda w: answer_store.save(w.store, w.rnd.id, "1.5", 3), "niet bedoeld"),
    (
        "comment too long",
        lambda w: answer_store.save_comment(w.store, w.rnd.id, "1.1", "x" * 2001),
        "hoogstens 2.000",
    ),
    ("closed round", lambda w: answer_store.save(w.store, w.closed.id, "1.1", 2), "gesloten"),
    ("unknown round", lambda w: answer_store.save(w.store, 9999, "1.1", 2), "bestaat niet"),
    ("unknown municipality", lambda w: rounds.start(w.store, "GM9999", 2026), "bestaat niet"),
    ("year out of range", lambda w: rounds.start(w.store, "GM0355", 1850), "Kies een jaar"),
    ("second round same year", lambda w: rounds.start(w.store, "GM0355", 2026), "Er is al een scan"),
    ("wrong respondent code", lambda w: respondents.join(w.store, "ABCDEFGHJKLM"), "kennen we niet"),
    ("revoked respondent code", lambda w: respondents.join(w.store, w.revoked_code), "ingetrokken"),
    (
        "token with another code",
        lambda w: respondents.answer(w.store, w.other_code, w.token, "1.1", 2),
        "hoort niet bij",
    ),
    (
        "council answers college item",
        lambda w: respondents.answer(w.store, w.code, w.token, "1.1", 2),
        "niet bedoeld",
    ),
    (
        "invite unknown role",
        lambda w: respondents.create_invite(w.store, w.rnd.id, "wethouder"),
        "Onbekende rol",
    ),
    ("wrong workshop code", lambda w: workshop.join(w.store, "ZZZZZZZZZZ"), "kennen we niet"),
    (
        "answer closed workshop question",
        lambda w: workshop.answer(w.store, w.ws.id, w.wtoken, "6.1", 3),
        "gesloten",
    ),
    ("vote before voting", lambda w: workshop.vote(w.store, w.ws.id, w.wtoken, ["6a"]), "wacht tot"),
    (
        "facilitator without pin",
        lambda w: workshop.set_status(w.store, w.ws.id, "", "8.1", "revealed"),
        "Alleen de begeleider",
    ),
    (
        "participant token as pin",
        lambda w: workshop.set_phase(w.store, w.ws.id, w.wtoken, "ended"),
        "Alleen de begeleider",
    ),
    ("workshop without questions", lambda w: workshop.create(w.store, w.rnd.id, []), "minstens één vraag"),
    (
        "agenda for unchosen proposal",
        lambda w: choices.save_agenda_field(w.store, w.rnd.id, "6a", goal="x"),
        "niet gekozen",
    ),
    (
        "unknown proposal choice",
        lambda w: choices.set_status(w.store, w.rnd.id, "6a", "misschien"),
        "Onbekende keuze",
    ),
    ("unknown proposal", lambda w: choices.set_status(w.store, w.rnd.id, "9z", "kiezen"), "bestaat niet"),
    ("short password", lambda w: access.set_password(w.store, "GM0355", "kort"), "minstens 10"),
    ("wrong presentation link", lambda w: round_for_token(w.store, "verzonnen"), "werkt niet"),
    ("restore into a filled database", lambda w: restore(w.store, backup_bytes(w.store)), "niet leeg"),
    ("restore a truncated backup", lambda w: restore(w.store, backup_bytes(w.store)[:200]), "afgekapt"),
    ("restore a foreign gzip", lambda w: restore(w.store, gzip.compress(b"[1, 2]")), "geen back-up"),
    (
        "benchmark with semicolons",
        lambda w: parse_benchmark(b"gemeente_code;jaar;onderdeel;waarde\n", question_bank(), reference()),
        "komma",
    ),
    (
        "benchmark in latin-1",
        lambda w: parse_benchmark(
            "gemeente_code,jaar,onderdeel,waarde\nGM0355,2026,1.1,2 é".encode("latin-1"),
            question_bank(),
            reference(),
        ),
        "UTF-8",
    ),
]


@pytest.mark.parametrize(("name", "action", "message"), DOMAIN, ids=[d[0] for d in DOMAIN])
def test_domain_refuses_and_changes_nothing(world: World, name, action, message) -> None:
    before = fingerprint(world.store)
    with pytest.raises(ScanError, match=message):
        action(world)
    assert fingerprint(world.store) == before


CLI = [
    (
        ["export", "--municipality", "GM9999", "--year", "2026", "--format", "pdf", "--out", "x"],
        "onbekende gemeentecode",
    ),
    (
        ["export", "--municipality", "GM0355", "--year", "twintig", "--format", "pdf", "--out", "x"],
        "geen jaar",
    ),
    (
        ["export", "--municipality", "GM0355", "--year", "2026", "--format", "exe", "--out", "x"],
        "ongeldige opdracht",
    ),
    (["export", "--municipality", "GM0355", "--year", "2030", "--format", "csv", "--out", "x"], "geen scan"),
    (["import-benchmark", "/bestaat/niet.csv"], "niet lezen"),
    (["restore", "/bestaat/niet.gz"], "niet lezen"),
    (["onzin"], "ongeldige opdracht"),
]


@pytest.mark.parametrize(
    ("args", "message"), CLI, ids=[" ".join(c[0][:2]) + f"-{i}" for i, c in enumerate(CLI)]
)
def test_cli_refuses_and_changes_nothing(world: World, tmp_path: Path, args, message) -> None:
    before = fingerprint(world.store)
    full = [*args, "--db", str(world.store.path)] if args[0] not in ("onzin",) else args
    result = run_cli(*full)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert fingerprint(world.store) == before


URLS = [
    ({"gemeente": "GM9999", "jaar": "2026"}, "warning", "niet bestaat"),
    ({"gemeente": "GM0355", "jaar": "<script>"}, "warning", "geen geldig jaar"),
    ({"gemeente": "GM0355", "jaar": "2031"}, "warning", "nog geen scan"),
    ({"gemeente": "GM0355", "jaar": "26"}, "warning", "geen geldig jaar"),
    ({"code": "' OR 1=1 --"}, "error", "kennen we niet"),
    ({"ws": "../../etc/passwd"}, "error", "kennen we niet"),
    ({"presentatie": "x" * 500}, "error", "werkt niet"),
    ({"gemeente": "GM0355", "jaar": "²⁰²⁶"}, "warning", "geen geldig jaar"),  # isdigit() is True for these
    (
        {"gemeente": "GM0355", "jaar": "9" * 5000},
        "warning",
        "geen geldig jaar",
    ),  # int() refuses 4,300+ digits
]


@pytest.mark.parametrize("slide", ["²", "9" * 5000, "-1", "abc"])
def test_a_crafted_slide_number_opens_the_first_slide(world: World, monkeypatch, slide) -> None:
    monkeypatch.setenv("DEMOCRATIESCAN_DB", str(world.store.path))
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    at.query_params["presentatie"] = world.share
    at.query_params["dia"] = slide
    at.run()
    assert not at.exception and not at.error


@pytest.mark.parametrize(
    ("query", "kind", "message"), URLS, ids=[next(iter(u[0].values()))[:12] for u in URLS]
)
def test_crafted_urls_get_a_message_and_change_nothing(
    world: World, monkeypatch, query, kind, message
) -> None:
    monkeypatch.setenv("DEMOCRATIESCAN_DB", str(world.store.path))
    before = fingerprint(world.store)
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert message in getattr(at, kind)[0].value
    assert fingerprint(world.store) == before

"""Vragen uit de zaal (scan/records/workshop/qa.py and the phone's routes in scan/web/phone.py):
questions wait for approval, one upvote per participant per question (undo allowed), counts only
from five upvoters, the facilitator's PIN for every moderation, and bad input from a phone gets a
Dutch refusal and writes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from scan.base.errors import ScanError
from scan.records import workshop
from scan.records.round import rounds
from scan.records.workshop import WorkshopError, export
from scan.records.workshop.qa import MAX_QUESTIONS_PER_PERSON, phone_list
from scan.storage.core import Store
from scan.web import phone


def _run(store: Store, operation):
    (result,) = workshop.run_batch(store, [operation])
    if isinstance(result, ScanError):
        raise result
    return result


def _ask(store: Store, ws, token: str, text: str) -> int:
    return _run(store, workshop.ask_op(ws.id, token, text))["vraag"]["id"]


def _upvote(store: Store, ws, token: str, question_id: int, on: bool = True) -> None:
    _run(store, workshop.upvote_op(ws.id, token, question_id, on))


def _workshop(store: Store):
    rnd = rounds.for_municipality(store, "GM0355") or [rounds.start(store, "GM0355", 2026)]
    ws, pin = workshop.create(store, rnd[0].id, ["6.1"], "Raadsavond")
    workshop.set_questions_open(store, ws.id, pin, True)
    return ws, pin


def _people(store: Store, ws, n: int) -> list[str]:
    return [workshop.join(store, ws.join_code)[1] for _ in range(n)]


@pytest.fixture
def live(store: Store):
    ws, pin = _workshop(store)
    return store, ws, pin


def _rows(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_a_question_reaches_others_only_once_approved(live) -> None:
    store, ws, pin = live
    asker, other = _people(store, ws, 2)
    qid = _ask(store, ws, asker, "Wat doet de raad met  onze inbreng? <b>echt</b>")
    assert workshop.room_state(store, ws.id)["zaal"]["vragen"] == []  # waits for the facilitator
    assert workshop.outcome(store, ws.id).asked == ()
    mine = workshop.mine(store, ws.id, asker)
    assert mine["vragen"] == [
        {"id": qid, "tekst": "Wat doet de raad met onze inbreng? <b>echt</b>", "stand": "nieuw"}
    ]
    assert workshop.mine(store, ws.id, other)["vragen"] == []  # anonymous: nobody else sees who asked
    with pytest.raises(WorkshopError, match="niet in de lijst"):
        _upvote(store, ws, other, qid)  # not approved yet

    version = workshop.get(store, ws.id).version
    workshop.moderate_questions(store, ws.id, pin, [qid], "goedgekeurd")
    assert workshop.get(store, ws.id).version > version  # phones follow the list
    assert workshop.room_state(store, ws.id)["zaal"]["vragen"] == [
        [qid, "Wat doet de raad met onze inbreng? <b>echt</b>", False]
    ]
    _upvote(store, ws, other, qid)
    workshop.moderate_questions(store, ws.id, pin, [qid], "beantwoord")
    assert workshop.room_state(store, ws.id)["zaal"]["vragen"][0][2] is True
    with pytest.raises(WorkshopError, match="al beantwoord"):
        _upvote(store, ws, asker, qid)
    _upvote(store, ws, other, qid, on=False)  # taking an upvote back still works
    assert [q.votes for q in workshop.room_questions(store, ws.id)] == [0]
    workshop.moderate_questions(store, ws.id, pin, [qid], "verborgen")
    assert workshop.room_state(store, ws.id)["zaal"]["vragen"] == []
    assert workshop.outcome(store, ws.id).asked == ()
    workshop.moderate_questions(store, ws.id, pin, [qid], "goedgekeurd")  # undone: back in the list
    assert [a.text for a in workshop.outcome(store, ws.id).asked] == [
        "Wat doet de raad met onze inbreng? <b>echt</b>"
    ]


def test_counts_and_ranking_only_from_five_upvoters(live) -> None:
    store, ws, pin = live
    people = _people(store, ws, 6)
    first = _ask(store, ws, people[0], "Eerste vraag aan het panel")
    second = _ask(store, ws, people[1], "Tweede vraag aan het panel")
    workshop.moderate_questions(store, ws.id, pin, [first, second], "goedgekeurd")
    for token in people[1:5]:  # people[0] asked it: the asker cannot upvote it
        _upvote(store, ws, token, first)
    room = workshop.board(store, ws.id)
    assert room.voters == 4 and not room.counted
    assert [q.id for q in room.questions] == [second, first]  # newest first: says nothing about upvotes
    assert [room.count(q) for q in room.questions] == [None, None]
    assert [a.votes for a in workshop.outcome(store, ws.id).asked] == [None, None]

    _upvote(store, ws, people[5], second)  # the fifth upvoter
    room = workshop.board(store, ws.id)
    assert room.voters == 5 and room.counted
    assert [(q.id, room.count(q)) for q in room.questions] == [(first, 4), (second, 1)]
    result = workshop.outcome(store, ws.id)
    assert [(a.votes, a.answered) for a in result.asked] == [
        (4, False),
        (1, False),
    ] and result.asked_voters == 5


def test_nobody_upvotes_their_own_question(live) -> None:
    """The walk of issue 27: a phone could upvote its own question, so an asker counted twice. The
    write refuses it (the phone shows "Uw vraag" instead of the button); the counting rule stays:
    counts from five participants who upvoted anything."""
    store, ws, pin = live
    people = _people(store, ws, 6)
    asked = [_ask(store, ws, token, f"Vraag van deelnemer {i}") for i, token in enumerate(people)]
    workshop.moderate_questions(store, ws.id, pin, asked, "goedgekeurd")
    for i, token in enumerate(people):
        with pytest.raises(WorkshopError, match="Dit is uw eigen vraag: die kunt u niet steunen"):
            _upvote(store, ws, token, asked[i])
        _upvote(store, ws, token, asked[i], on=False)  # taking back what is not there changes nothing
    assert _rows(store, "workshop_room_votes") == 0 and workshop.mine(store, ws.id, people[0])["steun"] == []
    for i, token in enumerate(people[:5]):  # each upvotes the next one's question
        _upvote(store, ws, token, asked[i + 1])
    room = workshop.board(store, ws.id)
    assert room.voters == 5 and room.counted
    assert {q.id: room.count(q) for q in room.questions} == {
        asked[0]: 0,
        **{qid: 1 for qid in asked[1:]},
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actions=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2), st.booleans()), min_size=1, max_size=40)
)
def test_one_upvote_per_participant_per_question(store: Store, actions) -> None:
    ws, pin = _workshop(store)
    people = _people(store, ws, 6)
    questions = [_ask(store, ws, people[i], f"Vraag nummer {i} uit de zaal") for i in range(3)]
    workshop.moderate_questions(store, ws.id, pin, questions, "goedgekeurd")
    expected: dict[tuple[int, int], bool] = {}
    for person, question, on in actions:  # upvote, upvote again, undo, undo again: in any order
        if person == question and on:  # people[i] asked questions[i]: never an upvote of one's own
            with pytest.raises(WorkshopError, match="uw eigen vraag"):
                _upvote(store, ws, people[person], questions[question], on)
            continue
        _upvote(store, ws, people[person], questions[question], on)
        expected[(person, question)] = on
    counts = {q.id: q.votes for q in workshop.room_questions(store, ws.id)}
    for index, qid in enumerate(questions):
        assert counts[qid] == sum(on for (_, q), on in expected.items() if q == index)
    upvoters = {person for (person, _), on in expected.items() if on}
    room = workshop.board(store, ws.id)
    assert room.voters == len(upvoters) and room.counted == (len(upvoters) >= 5)
    for index, token in enumerate(people):
        assert sorted(workshop.mine(store, ws.id, token)["steun"]) == sorted(
            questions[q] for (p, q), on in expected.items() if p == index and on
        )


def test_phones_are_refused_when_closed_ended_or_over_the_limit(live) -> None:
    store, ws, pin = live
    token, other = _people(store, ws, 2)
    for i in range(MAX_QUESTIONS_PER_PERSON):
        _ask(store, ws, token, f"Vraag {i} van dezelfde persoon")
    with pytest.raises(WorkshopError, match=f"al {MAX_QUESTIONS_PER_PERSON} vragen"):
        _ask(store, ws, token, "Nog een vraag van dezelfde persoon")
    for bad, message in (
        ("", "Schrijf eerst uw vraag"),
        ("x" * 201, "te lang"),
        (12, "als tekst"),
        ("a\x00b c", "stuurteken"),
    ):
        with pytest.raises(ScanError, match=message):
            _ask(store, ws, other, bad)
    workshop.set_questions_open(store, ws.id, pin, False)
    with pytest.raises(WorkshopError, match="niet opengezet"):
        _ask(store, ws, other, "Een vraag terwijl het dicht is")
    assert phone_list(store, ws.id) is None and workshop.room_state(store, ws.id)["zaal"] is None
    workshop.set_questions_open(store, ws.id, pin, True)
    workshop.set_phase(store, ws.id, pin, "ended")
    with pytest.raises(WorkshopError, match="afgelopen"):
        _ask(store, ws, other, "Een vraag na afloop")
    with pytest.raises(WorkshopError, match="afgelopen"):
        workshop.set_questions_open(store, ws.id, pin, True)
    assert workshop.room_state(store, ws.id)["zaal"] is None
    assert _rows(store, "workshop_room_questions") == MAX_QUESTIONS_PER_PERSON


def test_moderation_needs_the_pin_and_this_workshops_questions(live) -> None:
    store, ws, pin = live
    (token,) = _people(store, ws, 1)
    qid = _ask(store, ws, token, "Een vraag voor het panel")
    other, other_pin = _workshop(store)
    for action in (
        lambda p: workshop.moderate_questions(store, ws.id, p, [qid], "goedgekeurd"),
        lambda p: workshop.set_questions_open(store, ws.id, p, False),
        lambda p: workshop.set_questions_on_screen(store, ws.id, p, True),
    ):
        with pytest.raises(WorkshopError, match="pincode"):
            action("ZZZZZZ")
    with pytest.raises(WorkshopError, match="hoort niet bij deze workshop"):
        workshop.moderate_questions(store, other.id, other_pin, [qid], "goedgekeurd")
    with pytest.raises(WorkshopError, match="Onbekende keuze"):
        workshop.moderate_questions(store, ws.id, pin, [qid], "nieuw")
    assert [q.status for q in workshop.room_questions(store, ws.id)] == ["nieuw"]
    assert workshop.board(store, ws.id).open and not workshop.board(store, ws.id).on_screen


def test_going_to_the_vote_takes_the_questions_off_the_projector(live) -> None:
    """The walk of issue 27: with the room's questions on screen, "Naar het stemmen" left the projector
    on those questions, so the room never saw the ballot nor "0 van 8 deelnemers hebben gestemd"."""
    from scan.views.workshops import projector_view

    store, ws, pin = live
    workshop.set_questions_on_screen(store, ws.id, pin, True)
    assert projector_view(store, ws.id).board is not None
    workshop.set_phase(store, ws.id, pin, "voting")
    assert not workshop.board(store, ws.id).on_screen
    assert projector_view(store, ws.id).board is None
    workshop.set_questions_on_screen(store, ws.id, pin, True)  # the facilitator may still put them back
    assert projector_view(store, ws.id).board is not None


def test_the_export_lists_approved_questions_with_their_n(live) -> None:
    store, ws, pin = live
    people = _people(store, ws, 6)
    shown = _ask(store, ws, people[0], '=HYPERLINK("http://x") waarom zo laat?')
    _ask(store, ws, people[1], "Een vraag die nooit is goedgekeurd")
    workshop.moderate_questions(store, ws.id, pin, [shown], "goedgekeurd")
    for token in people[1:]:
        _upvote(store, ws, token, shown)
    rows = [
        r for r in csv.reader(io.StringIO(export.to_csv(store, ws.id).decode("utf-8-sig")), delimiter=";")
    ]
    asked = [r for r in rows if r[1] == "vraag uit de zaal"]
    assert asked == [
        [
            "Raadsavond",
            "vraag uit de zaal",
            "",
            '\'=HYPERLINK("http://x") waarom zo laat?',
            "nog open",
            "5",
            "",
            "5",
        ]
    ]


def test_deleting_the_round_deletes_its_questions_and_upvotes(live) -> None:
    store, ws, pin = live
    asker, other = _people(store, ws, 2)
    qid = _ask(store, ws, asker, "Een vraag die met de ronde verdwijnt")
    workshop.moderate_questions(store, ws.id, pin, [qid], "goedgekeurd")
    _upvote(store, ws, other, qid)
    rounds.delete(store, ws.round_id)
    assert _rows(store, "workshop_room_questions") == 0 and _rows(store, "workshop_room_votes") == 0


# --- the phone's routes ----------------------------------------------------------------------------


@pytest.fixture
def client(store: Store, monkeypatch):
    monkeypatch.setenv("DEMOCRATIESCAN_DB", str(Path(store.path)))
    with TestClient(Starlette(routes=phone.ROUTES)) as http:
        yield http


def _joined(client: TestClient, ws) -> None:
    response = client.post(f"/doe/{ws.join_code}/meedoen", json={})
    assert response.status_code == 200 and response.json()["mijn"]["vragen"] == []


def test_a_phone_asks_and_upvotes_over_its_routes(live, client) -> None:
    store, ws, pin = live
    _joined(client, ws)
    response = client.post(f"/doe/{ws.join_code}/zaalvraag", json={"tekst": "Wie beslist er over de wijk?"})
    assert response.status_code == 200 and response.json()["vraag"]["stand"] == "nieuw"
    qid = response.json()["vraag"]["id"]
    workshop.moderate_questions(store, ws.id, pin, [qid], "goedgekeurd")
    response = client.post(f"/doe/{ws.join_code}/steun", json={"vraag": qid, "aan": True})
    assert response.status_code == 409 and "uw eigen vraag" in response.json()["fout"]
    assert [q.votes for q in workshop.room_questions(store, ws.id)] == [0]
    other = TestClient(client.app)  # a second phone, with its own cookie
    assert other.post(f"/doe/{ws.join_code}/meedoen", json={}).status_code == 200
    for on in (True, True, False, True):
        response = other.post(f"/doe/{ws.join_code}/steun", json={"vraag": qid, "aan": on})
        assert response.json() == {"ok": True, "steun": on}
    assert [q.votes for q in workshop.room_questions(store, ws.id)] == [1]


@pytest.mark.parametrize(
    ("route", "body", "message"),
    [
        ("zaalvraag", {"tekst": ""}, "Schrijf eerst uw vraag"),
        ("zaalvraag", {"tekst": ["een", "lijst"]}, "als tekst"),
        ("zaalvraag", {}, "als tekst"),
        ("zaalvraag", {"tekst": "x" * 300}, "te lang"),
        ("zaalvraag", {"tekst": "verborgen \u202e tekst"}, "stuurteken"),
        ("steun", {"vraag": "1", "aan": True}, "niet in de lijst"),
        ("steun", {"vraag": True, "aan": True}, "niet in de lijst"),
        ("steun", {"vraag": 999999, "aan": True}, "niet in de lijst"),
        ("steun", {"vraag": 2**70, "aan": True}, "niet in de lijst"),
        ("steun", {"vraag": "APPROVED", "aan": "ja"}, "Tik op de knop"),
    ],
)
def test_bad_input_from_a_phone_gets_a_dutch_refusal_and_writes_nothing(
    live, client, route, body, message
) -> None:
    store, ws, pin = live
    _joined(client, ws)
    other = _people(store, ws, 1)[0]
    approved = _ask(store, ws, other, "Een goedgekeurde vraag")
    workshop.moderate_questions(store, ws.id, pin, [approved], "goedgekeurd")
    if body.get("vraag") == "APPROVED":
        body = {**body, "vraag": approved}
    before = (_rows(store, "workshop_room_questions"), _rows(store, "workshop_room_votes"))
    response = client.post(f"/doe/{ws.join_code}/{route}", json=body)
    assert response.status_code == 409
    assert response.json()["ok"] is False and message in response.json()["fout"]
    assert (_rows(store, "workshop_room_questions"), _rows(store, "workshop_room_votes")) == before


def test_a_phone_that_did_not_join_or_sends_no_json_writes_nothing(live, client) -> None:
    store, ws, _ = live
    response = client.post(f"/doe/{ws.join_code}/zaalvraag", json={"tekst": "Een vraag zonder aanmelden"})
    assert response.status_code == 401 and "niet aangemeld" in response.json()["fout"]
    response = client.post(
        f"/doe/{ws.join_code}/zaalvraag", content=b"tekst=hallo", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 409 and "pagina van de workshop" in response.json()["fout"]
    assert _rows(store, "workshop_room_questions") == 0

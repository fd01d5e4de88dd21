"""scan/views/: a document's view is assembled once, from one read snapshot, and published in one named
step; the exports are functions of that view."""

from __future__ import annotations

import json

import pytest

from scan.content.questionbank import question_bank
from scan.records.round import choices, releases, respondents
from scan.storage.core import Store
from scan.views import exports, presentation, report
from scan.views import round as round_views

from . import council


@pytest.fixture
def rnd(store: Store):
    council.share_peers(store, 2026, demo=False)
    found = council.own_round(store, previous=False)
    council.add_roles(store, found, "raad", n=5)
    return found


def test_a_documents_view_reads_one_snapshot(store: Store, rnd, monkeypatch) -> None:
    # another session chooses a proposal while the view is half assembled: the view's statuses (read
    # first) and its agenda (read later) must still agree, as both come from one snapshot
    other = Store(store.path)
    real = choices.statuses
    calls = []
    fresh = next(p for p in ("1a", "1b", "3a", "3b", "4a", "5a", "7a") if p not in real(store, rnd.id))

    def statuses_then_someone_writes(s, round_id):
        found = real(s, round_id)
        if not calls:
            choices.set_status(other, round_id, fresh, "kiezen")
        calls.append(1)
        return found

    monkeypatch.setattr(choices, "statuses", statuses_then_someone_writes)
    view = round_views.round_view(store, rnd)
    assert len(calls) >= 2  # read twice: for the view and for its agenda
    assert fresh not in view.statuses
    assert fresh not in {item.proposal.id for item in view.agenda.items}
    assert fresh in real(store, rnd.id)  # the write itself went through


def test_figures_are_published_in_one_step_after_the_snapshot(store: Store, rnd, monkeypatch) -> None:
    published = []
    real_publish = releases.publish

    def spy(s, publication):
        published.append(len(publication.entries))
        assert not s.db.conn.in_transaction  # publishing is not part of the read snapshot
        return real_publish(s, publication)

    monkeypatch.setattr(releases, "publish", spy)
    round_views.round_view(store, rnd)
    assert len(published) == 1 and published[0] > 0  # published at the first attempt
    rows = store.db.execute(
        "SELECT count(*) FROM releases WHERE scope = ?", [f"round:{rnd.id}:roles"]
    ).fetchone()
    assert rows[0] > 0  # the roles' figures were remembered by the publish step


def test_a_view_is_assembled_again_when_someone_published_in_between(store: Store, rnd, monkeypatch) -> None:
    attempts = []
    real_publish = releases.publish

    def first_refused(s, publication):
        attempts.append(1)
        return False if len(attempts) == 1 else real_publish(s, publication)

    monkeypatch.setattr(releases, "publish", first_refused)
    view = round_views.round_view(store, rnd)
    assert len(attempts) == 2 and view.roles.results


def test_publish_refuses_when_a_decision_changed_under_the_lock(store: Store) -> None:
    people = frozenset(f"p{i}" for i in range(6))
    publication = releases.Publication()
    with store.read():
        releases.resolve(store, "test", {"f": people}, publication=publication)
    releases.resolve(store, "test", {"f": people - {"p0"}})  # another session publishes five of them
    assert releases.publish(store, publication) is False  # six would now be one away from five
    history = store.db.execute("SELECT history FROM releases WHERE scope = 'test'").fetchone()[0]
    assert json.loads(history) == [sorted(people - {"p0"})]


def test_exports_are_functions_of_the_view(store: Store, rnd, monkeypatch) -> None:
    view = round_views.round_view(store, rnd)

    def no_store(*args, **kwargs):
        raise AssertionError("an export read the store after the view was assembled")

    monkeypatch.setattr(Store, "db", property(no_store))
    for write in (exports.to_xlsx, exports.to_csv, exports.to_json):
        assert write(view)
    assert presentation.from_view(view).screens  # the presentation (screens and PDF) and the letter too
    assert report.letter_docx(report.letter_data(view))
    payload = json.loads(exports.to_json(view))
    assert {a["role"] for a in payload["answers"]} >= {"griffie (zelfscan)", "Gemeenteraad"}


def test_the_export_and_the_screens_view_agree(store: Store, rnd) -> None:
    view = round_views.round_view(store, rnd)
    assert json.loads(exports.export(store, rnd, "json")) == json.loads(exports.to_json(view))
    n = sum(1 for p in respondents.counted(store, rnd.id) if p.role == "raad")
    shown = {row[0] for row in view.respondent_answers if row[1] == "Gemeenteraad"}
    assert len(shown) == n == 5


def test_the_step_plan_follows_the_round(store: Store, bank) -> None:
    from scan.records.round import rounds
    from scan.views import plan

    nothing = plan.steps(store, bank, None, 2026)
    assert plan.current(nothing) == 0 and nothing[0].status == "nog niet"
    rnd = rounds.start(store, "GM0355", 2026)
    started = plan.steps(store, bank, rnd, 2026)
    assert started[0].done and plan.current(started) == 1
    assert started[1].status.startswith("bezig: 0 van ")
    done = plan.steps(store, bank, council.own_round(store, 2028, previous=False), 2028)
    assert done[1].done and done[1].status.startswith("klaar: alle ")


def test_the_projector_view_follows_the_workshop(store: Store, rnd) -> None:
    from scan.records import workshop
    from scan.views.workshops import projector_view

    ws, secret = workshop.create(store, rnd.id, ["1.1"], title="Avond")
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(6)]
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    asking = projector_view(store, ws.id)
    assert asking.question == "1.1" and asking.number == 1 and asking.tally is not None
    assert asking.tally.status == "open" and asking.tally.counts is None
    for n, token in enumerate(tokens):
        workshop.answer(store, ws.id, token, "1.1", n % 3 + 1)
    workshop.set_status(store, ws.id, secret, "1.1", "closed")
    workshop.set_status(store, ws.id, secret, "1.1", "revealed")
    shown = projector_view(store, ws.id)
    assert shown.tally is not None and shown.tally.counts is not None and shown.tally.answered == 6
    workshop.set_phase(store, ws.id, secret, "voting")
    voting = projector_view(store, ws.id)
    assert voting.question is None and voting.participants == 6 and voting.voters == 0
    assert [pid for pid, _ in voting.choices] == list(ws.choice_list(question_bank()))
    for token in tokens[:4]:
        workshop.vote(store, ws.id, token, ["2a"])
    workshop.set_phase(store, ws.id, secret, "ended")
    assert projector_view(store, ws.id).results is None  # four voters: the ranking is not published

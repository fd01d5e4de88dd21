"""Invited respondents: codes per role, anonymity, revocation, closing, per-role figures and trends."""

from __future__ import annotations

import pytest

from scan.base.errors import InvalidAnswer, ScanError
from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import respondents, rounds
from scan.records.round.respondents import InvalidCode
from scan.rules.trend import deltas
from scan.storage.core import Store
from scan.views import self_scan as scan_views

BANK = question_bank()


@pytest.fixture
def rnd(store: Store):
    return rounds.start(store, "GM0355", 2026)


def test_codes_are_long_random_and_stored_only_as_hash(store: Store, rnd) -> None:
    codes = {respondents.create_invite(store, rnd.id, "raad")[1] for _ in range(20)}
    assert len(codes) == 20 and all(len(c) >= 10 for c in codes)
    stored = " ".join(str(v) for row in store.db.execute("SELECT * FROM invites").fetchall() for v in row)
    assert not any(c in stored for c in codes)


def test_raad_code_cannot_answer_college_questions(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.6", 4)  # a statement for the council (shared with residents)
    before = store.counts()
    with pytest.raises(InvalidAnswer, match="niet bedoeld voor de rol gemeenteraad"):
        respondents.answer(store, code, token, "1.1", 3)  # a factual item for griffie/college
    assert store.counts() == before


def test_wrong_and_revoked_codes_are_refused(store: Store, rnd) -> None:
    invite, code = respondents.create_invite(store, rnd.id, "inwoners")
    with pytest.raises(InvalidCode, match="kennen we niet"):
        respondents.join(store, "AAAAAAAAAAAA")
    respondents.revoke_invite(store, rnd.id, invite.id)
    before = store.counts()
    with pytest.raises(InvalidCode, match="ingetrokken"):
        respondents.join(store, code)
    assert store.counts() == before


def test_a_token_only_works_with_its_own_code(store: Store, rnd) -> None:
    _, raad = respondents.create_invite(store, rnd.id, "raad")
    _, college = respondents.create_invite(store, rnd.id, "college")
    _, token = respondents.join(store, raad)
    with pytest.raises(InvalidCode, match="hoort niet bij deze code"):
        respondents.answer(store, college, token, "1.1", 3)


def test_closing_a_round_refuses_later_submissions_and_stores_nothing(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "2.5", 3)
    rounds.close(store, rnd.id)
    before = store.db.execute("SELECT * FROM answers").fetchall()
    with pytest.raises(InvalidCode, match="gesloten"):
        respondents.answer(store, code, token, "2.5", 5)
    with pytest.raises(ScanError, match="gesloten"):
        answer_store.save(store, rnd.id, "1.1", 2)
    assert store.db.execute("SELECT * FROM answers").fetchall() == before


def test_sent_answers_are_final(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.6", 4)
    respondents.finish(store, code, token)
    with pytest.raises(ScanError, match="al verstuurd"):
        respondents.answer(store, code, token, "1.6", 2)
    me = respondents.resume(store, code, token)
    assert me.finished and answer_store.of(store, me.round_id, me.id)["1.6"].value == 4


def test_sending_without_a_single_answer_is_refused_and_changes_nothing(store: Store, rnd) -> None:
    """A respondent who pressed Klaar with every question open was counted as taking part ("8 van de 35
    raadsleden deden mee") while the table said n = 6, and "Klaar" outnumbered "Begonnen"."""
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.6", None)  # chosen, then cleared: still nothing answered
    with pytest.raises(ScanError, match="nog geen enkele vraag beantwoord"):
        respondents.finish(store, code, token)
    assert not respondents.resume(store, code, token).finished
    (raad,) = respondents.response_overview(store, rnd.id)
    assert raad.finished == 0
    respondents.answer(store, code, token, "1.6", None, dont_know=True)  # "weet niet" is an answer
    respondents.finish(store, code, token)
    assert respondents.resume(store, code, token).finished


def test_an_empty_sending_from_before_the_rule_is_not_counted_as_taking_part(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "raad")
    respondents.join(store, code)
    with store.write() as db:  # sent with nothing answered, as an older version allowed
        db.execute("UPDATE respondents SET finished_at = '2026-11-01T10:00:00' WHERE round_id = ?", [rnd.id])
    (raad,) = respondents.response_overview(store, rnd.id)
    assert raad.finished == 0


def test_response_overview_counts_started_and_finished(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, t1 = respondents.join(store, code)
    _, t2 = respondents.join(store, code)
    respondents.join(store, code)  # opened the link, answered nothing
    respondents.answer(store, code, t1, "1.6", 4)
    respondents.answer(store, code, t2, "1.6", 2)
    respondents.finish(store, code, t1)
    (raad,) = respondents.response_overview(store, rnd.id)
    assert (raad.role, raad.started, raad.finished, raad.active_codes) == ("raad", 2, 1, 1)


def test_trend_deltas_over_three_rounds(store: Store) -> None:
    levels = {2022: 1, 2024: 2, 2026: 4}
    ids = {}
    for year, level in levels.items():
        r = rounds.start(store, "GM0080", year)
        ids[year] = r.id
        for q in BANK.questions_for(6, "griffie"):
            answer_store.save(store, r.id, q.id, level)
    answer_store.save(store, ids[2026], "6.4", 1)  # one step back on 6.4 in 2026
    found = scan_views.trend(store, scan_views.self_scan(store, rounds.by_id(store, ids[2026])))
    history = found.history
    assert [h.round.year for h in history] == [2022, 2024, 2026]
    assert found.previous.round.year == 2024
    # 2022: all 1 -> 25; 2024: all 2 -> 50; 2026: 4, 4, 4, 1 -> (100 * 3 + 25) / 4 = 81.25
    assert [h.score.by_id(6).score for h in history] == [25, 50, 81.25]
    assert deltas(history[0].score, history[1].score)[6] == 25
    assert deltas(history[1].score, history[2].score)[6] == 31  # as shown: 81 − 50 (issue 26.2)
    assert deltas(history[1].score, history[2].score)[1] is None
    changes = {c.question_id: (c.before, c.after) for c in found.changes}
    assert changes == {"6.1": (2, 4), "6.2": (2, 4), "6.3": (2, 4), "6.4": (2, 1)}


def test_copy_forward_takes_the_previous_factual_answers(store: Store) -> None:
    old = rounds.start(store, "GM0080", 2024)
    answer_store.save(store, old.id, "3.1", 3)
    answer_store.save_comment(store, old.id, "3.1", "loket sinds 2023")
    answer_store.save(store, old.id, "3.2", None, dont_know=True)
    new = rounds.start(store, "GM0080", 2026)
    answer_store.copy_forward(store, old.id, new.id)
    copied = answer_store.of(store, new.id)
    assert copied["3.1"].value == 3 and copied["3.1"].comment == "loket sinds 2023"
    assert copied["3.2"].dont_know
    with pytest.raises(ScanError, match="lege ronde"):
        answer_store.copy_forward(store, old.id, new.id)


def test_many_respondents_answering_at_once_lose_nothing(store: Store, rnd) -> None:
    import threading

    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    questions = [q.id for q in BANK.questions_for_role("inwoners")]
    errors: list[Exception] = []
    start = threading.Barrier(40)

    def respondent(n: int) -> None:
        try:
            _, token = respondents.join(store, code)
            start.wait()
            for i, qid in enumerate(questions):
                respondents.answer(store, code, token, qid, 1 + (n + i) % 5)
            respondents.finish(store, code, token)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=respondent, args=(n,)) for n in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    (overview,) = respondents.response_overview(store, rnd.id)
    assert (overview.started, overview.finished) == (40, 40)
    stored = sum(len(r.answers) for r in respondents.counted(store, rnd.id))  # all 40 pressed "Klaar"
    assert stored == 40 * len(questions)


# --- decisions inside the write (issue 23.9) --------------------------------------------------------


def test_a_code_revoked_while_an_answer_is_on_its_way_refuses_it(store: Store) -> None:
    from .held_write import race

    rnd = rounds.start(store, "GM0355", 2026)
    inv, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    outcome = race(
        store.path,
        [("UPDATE invites SET revoked_at = 'nu' WHERE id = ?", [inv.id])],
        lambda: respondents.answer(store, code, token, "1.6", 4),
    )
    assert isinstance(outcome, ScanError) and "ingetrokken" in str(outcome), outcome
    assert (
        store.db.execute(
            "SELECT COUNT(*) FROM answers WHERE value IS NOT NULL AND question_id = '1.6'"
        ).fetchone()[0]
        == 0
    )


@pytest.mark.parametrize("action", ["join", "finish"])
def test_a_code_revoked_meanwhile_refuses_joining_and_sending(store: Store, action: str) -> None:
    from .held_write import race

    rnd = rounds.start(store, "GM0355", 2026)
    inv, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    before = store.counts()["respondents"]
    write = {
        "join": lambda: respondents.join(store, code),
        "finish": lambda: respondents.finish(store, code, token),
    }[action]
    outcome = race(store.path, [("UPDATE invites SET revoked_at = 'nu' WHERE id = ?", [inv.id])], write)
    assert isinstance(outcome, ScanError) and "ingetrokken" in str(outcome), outcome
    assert store.counts()["respondents"] == before
    assert (
        store.db.execute("SELECT COUNT(*) FROM respondents WHERE finished_at IS NOT NULL").fetchone()[0] == 0
    )

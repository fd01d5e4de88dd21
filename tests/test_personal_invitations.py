"""Response "n van N" and personal invitations (issue 26.9): one respondent per personal code at most,
a closing date decided inside each write, expected sizes per role (the council's seats from the Kiesraad
data), and the list to mail-merge."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scan.base.errors import InvalidAnswer, ScanError
from scan.content.reference import reference
from scan.records.round import respondents, rounds
from scan.records.round.respondents import InvalidCode
from scan.storage.core import Store
from scan.views import presentation, response
from scan.views import round as round_views
from scan.views.report import report_data

from . import council

ROOT = "https://scan.example.nl"


@pytest.fixture
def rnd(store: Store):
    return rounds.start(store, "GM0355", 2026)


def _respondents(store: Store, role: str) -> int:
    return store.db.execute(
        "SELECT COUNT(*) FROM respondents WHERE role = ? AND kind = 'invited'", [role]
    ).fetchone()[0]


def test_a_personal_code_starts_once_and_its_own_link_resumes(store: Store, rnd) -> None:
    codes = respondents.create_personal_invites(store, rnd.id, "raad", 3)
    assert len(set(codes)) == 3 and all(len(c) == respondents.CODE_LENGTH for c in codes)
    stored = " ".join(str(v) for row in store.db.execute("SELECT * FROM invites").fetchall() for v in row)
    assert not any(c in stored for c in codes)  # only hashes, like the role codes
    me, token = respondents.join(store, codes[0])
    before = store.counts()
    with pytest.raises(InvalidCode, match="al gebruikt"):
        respondents.join(store, codes[0])  # a second start: another browser, or whoever holds the list
    assert store.counts() == before
    assert respondents.resume(store, codes[0], token).id == me.id  # the link with the token resumes
    respondents.answer(store, codes[0], token, "1.6", 4)
    respondents.finish(store, codes[0], token)
    with pytest.raises(InvalidCode, match="al gebruikt"):
        respondents.join(store, codes[0])
    respondents.join(store, codes[1])  # the other codes are untouched
    invites = respondents.invites_for(store, rnd.id)
    assert [(i.personal, i.used) for i in invites] == [(True, True), (True, True), (True, False)]
    (raad,) = respondents.response_overview(store, rnd.id)
    assert (raad.personal_codes, raad.personal_used, raad.finished) == (3, 2, 1)


def test_the_schema_refuses_a_second_respondent_for_a_personal_code(store: Store, rnd) -> None:
    # whatever writer forgets the check in join: the trigger keeps n honest
    (code,) = respondents.create_personal_invites(store, rnd.id, "raad", 1)
    respondents.join(store, code)
    (invite,) = respondents.invites_for(store, rnd.id)
    with pytest.raises(sqlite3.IntegrityError, match="personal invite already used"), store.write() as db:
        db.execute(
            "INSERT INTO respondents (round_id, role, kind, invite_id, created_at) "
            "VALUES (?, 'raad', 'invited', ?, 'nu')",
            [rnd.id, invite.id],
        )
    assert _respondents(store, "raad") == 1


def test_a_shared_code_still_lets_many_people_answer(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "inwoners")
    for _ in range(3):
        respondents.join(store, code)
    assert _respondents(store, "inwoners") == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    made=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    attempts=st.lists(
        st.tuples(st.integers(0, 11), st.sampled_from(["join", "finish", "revoke"])), max_size=30
    ),
)
def test_n_never_exceeds_the_personal_codes_of_a_role(tmp_path_factory, made, attempts) -> None:
    store = Store(tmp_path_factory.mktemp("n") / "scan.sqlite")
    rnd = rounds.start(store, "GM0355", 2026)
    codes = [c for count in made for c in respondents.create_personal_invites(store, rnd.id, "raad", count)]
    tokens: dict[str, str] = {}
    for index, action in attempts:
        code = codes[index % len(codes)]
        try:
            if action == "join":
                tokens[code] = respondents.join(store, code)[1]
            elif action == "finish" and code in tokens:
                respondents.finish(store, code, tokens[code])
            elif action == "revoke":
                invite = respondents.invites_for(store, rnd.id)[index % len(codes)]
                respondents.revoke_invite(store, rnd.id, invite.id)
        except ScanError:
            pass
    (raad,) = respondents.response_overview(store, rnd.id)
    assert _respondents(store, "raad") == len(tokens) <= len(codes) == raad.personal_codes
    assert raad.finished <= raad.started + raad.finished and raad.finished <= len(codes)
    line = next(x for x in response.response(store, rnd).lines if x.role == "raad")
    assert line.personal_used == len(tokens) <= line.personal_codes


def _past(store: Store, rnd) -> None:
    # the closing date passed: set_respond_until refuses a past day, time moves on by itself
    with store.write() as db:
        db.execute(
            "UPDATE rounds SET respond_until = ? WHERE id = ?",
            [(rounds.today() - timedelta(1)).isoformat(), rnd.id],
        )


def test_after_the_closing_date_nobody_starts_answers_or_sends(store: Store, rnd) -> None:
    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    respondents.answer(store, code, token, "1.6", 4)
    rounds.set_respond_until(store, rnd.id, rounds.today())  # today still counts
    respondents.answer(store, code, token, "2.6", 4)
    _past(store, rnd)
    before = store.counts()
    for write in (
        lambda: respondents.join(store, code),
        lambda: respondents.answer(store, code, token, "3.5", 2),
        lambda: respondents.finish(store, code, token),
    ):
        with pytest.raises(ScanError, match="stond open tot en met"):
            write()
    assert store.counts() == before
    assert not store.db.execute("SELECT 1 FROM respondents WHERE finished_at IS NOT NULL").fetchone()
    rounds.set_respond_until(store, rnd.id, None)  # the griffier reopens it
    respondents.finish(store, code, token)


def test_the_closing_date_is_decided_inside_the_answers_write(store: Store, rnd) -> None:
    from .held_write import race

    _, code = respondents.create_invite(store, rnd.id, "raad")
    _, token = respondents.join(store, code)
    yesterday = (rounds.today() - timedelta(1)).isoformat()
    outcome = race(
        store.path,
        [("UPDATE rounds SET respond_until = ? WHERE id = ?", [yesterday, rnd.id])],
        lambda: respondents.answer(store, code, token, "1.6", 4),
    )
    assert isinstance(outcome, InvalidAnswer) and "stond open" in str(outcome), outcome
    assert not store.db.execute("SELECT 1 FROM answers WHERE question_id = '1.6'").fetchone()


def test_a_closing_date_in_the_past_or_far_ahead_is_refused(store: Store, rnd) -> None:
    for bad in (rounds.today() - timedelta(1), rounds.today() + timedelta(400)):
        with pytest.raises(ScanError, match="Kies een datum"):
            rounds.set_respond_until(store, rnd.id, bad)
    assert rounds.by_id(store, rnd.id).respond_until is None
    later = rounds.today() + timedelta(14)
    assert rounds.set_respond_until(store, rnd.id, later).respond_until == later.isoformat()
    rounds.close(store, rnd.id)
    with pytest.raises(ScanError, match="gesloten"):
        rounds.set_respond_until(store, rnd.id, None)


def test_the_councils_size_comes_from_the_kiesraad_unless_the_griffier_types_one(store: Store, rnd) -> None:
    seats = reference().council_seats("GM0355", 2026)
    assert seats == 33  # Zeist, GR2026 in benchmarks/gr_uitslag_totalen_per_gemeente.csv
    assert reference().council_seats("GM0355", 2017) is None
    codes = respondents.create_personal_invites(store, rnd.id, "raad", 2)
    _, token = respondents.join(store, codes[0])
    respondents.answer(store, codes[0], token, "1.6", 4)
    respondents.finish(store, codes[0], token)
    (line,) = response.response(store, rnd).lines
    assert (line.expected, line.source) == (33, response.KIESRAAD)
    assert line.sentence == "1 van de 33 raadsleden deed mee (3%)"
    respondents.set_expected(store, rnd.id, "raad", 35)  # with duo-raadsleden
    respondents.set_expected(store, rnd.id, "inwoners", 1200)
    lines = {x.role: x for x in response.response(store, rnd).lines}
    assert lines["raad"].of_expected == "1 van 35" and lines["raad"].source == response.GRIFFIER
    assert lines["inwoners"].sentence == "0 van de 1.200 inwoners deden mee (0%)"
    respondents.set_expected(store, rnd.id, "raad", 1)  # said "1 van de 1 raadsleden"
    assert response.response(store, rnd).lines[0].sentence == "1 van de 1 raadslid deed mee (100%)"
    respondents.set_expected(store, rnd.id, "raad", None)
    assert response.response(store, rnd).lines[0].expected == 33


@pytest.mark.parametrize("bad", [0, -3, 2.5, "27", True, 10**7])
def test_a_bad_expected_size_is_refused_in_dutch(store: Store, rnd, bad) -> None:
    before = store.counts()
    with pytest.raises(ScanError, match="heel aantal"):
        respondents.set_expected(store, rnd.id, "inwoners", bad)
    assert store.counts() == before


@pytest.mark.parametrize("bad", [0, 501, 2.0, None, True])
def test_a_bad_number_of_personal_codes_makes_none(store: Store, rnd, bad) -> None:
    with pytest.raises(ScanError, match="aantal persoonlijke codes"):
        respondents.create_personal_invites(store, rnd.id, "raad", bad)
    assert respondents.invites_for(store, rnd.id) == []


def test_the_mail_merge_list_has_a_row_per_code_with_dutch_headers(store: Store, rnd) -> None:
    codes = respondents.create_personal_invites(store, rnd.id, "raad", 3)
    data = response.personal_codes_csv("raad", codes, ROOT)
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nummer", "Rol", "Code", "Link"]
    assert rows[1:] == [[str(i), "gemeenteraad", c, f"{ROOT}/?code={c}"] for i, c in enumerate(codes, 1)]
    text = response.mail_merge_text("Zeist", 2026, "raad", date(2026, 12, 31), ROOT)
    assert "«Link»" in text and "«Code»" in text and "31 december 2026" in text


def test_the_shared_code_invitation_and_its_pdf_name_the_closing_date(store: Store, rnd) -> None:
    """The personal-code mailing and the reminder named it; the invitation for a shared code did not."""
    from scan.content.questionbank import question_bank
    from scan.ui.components import invitation

    inv = invitation.make(
        question_bank(), "Zeist", 2026, "inwoners", "ABCD2345EFGH", ROOT, date(2026, 12, 20)
    )
    assert "U kunt meedoen tot en met 20 december 2026." in invitation.text(inv)
    assert "20 december 2026" in invitation.printable_html(inv)
    without = invitation.make(question_bank(), "Zeist", 2026, "inwoners", "ABCD2345EFGH", ROOT)
    assert "tot en met" not in invitation.text(without)


def test_the_reminder_names_the_closing_date(store: Store, rnd) -> None:
    text = response.reminder_text("Zeist", 2026, "inwoners", date(2027, 1, 15))
    assert text.startswith("Beste inwoner,") and "sluit na 15 januari 2027" in text
    assert "Klaar" in text and "De griffie van Zeist" in text


def test_the_report_and_the_slides_show_the_response(store: Store) -> None:
    rnd = council.own_round(store, previous=False)
    council.add_roles(store, rnd, "raad", n=5)
    rnd = rounds.set_respond_until(store, rnd.id, rounds.today() + timedelta(7))
    view = round_views.round_view(store, rnd)
    sentence = "5 van de 33 raadsleden deden mee (15%)"
    assert view.response.sentences == [sentence]
    roles = report_data(view).roles
    # a report of a round still open speaks of the closing date ahead, after it in the past tense
    assert roles.response == [sentence] and roles.until.startswith("Deelnemers kunnen antwoorden tot en met")
    later = report_data(view, today=rounds.today() + timedelta(8)).roles
    assert later.until.startswith("Deelnemers konden antwoorden tot en met")
    rounds.close(store, rnd.id)  # closed before its date: nobody can answer any more (the review)
    closed = report_data(round_views.round_view(store, rounds.by_id(store, rnd.id))).roles
    assert closed.until.startswith("Deelnemers konden antwoorden tot en met")
    deck = presentation.build(store, rnd)
    assert deck.roles is not None and deck.role_pages[0].response == f"Respons: {sentence}."
    assert sentence in presentation.to_html(deck, current=len(deck.slides) + 1)


def test_n_stays_on_one_line_in_the_report_and_the_slides(store: Store) -> None:
    from scan.views.report import to_html

    rnd = council.own_round(store, previous=False)
    council.add_roles(store, rnd, "raad", n=5)
    council.add_roles(store, rnd, "inwoners", n=2)
    view = round_views.round_view(store, rnd)
    for html in (to_html(report_data(view)), presentation.to_html(presentation.build(store, rnd))):
        assert "(n\u00a0=\u00a02)" in html and "(n\u00a0=\u00a05)" in html
        assert "(n = " not in html

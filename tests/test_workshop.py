"""Workshop rules: forward-only questions, exact counts, n >= 5 per figure, the facilitator's vote list,
open answers only after approval, PIN required, outcomes and export."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from scan.base.errors import ScanError
from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import rounds
from scan.records.workshop import WorkshopError, export
from scan.records.workshop.words import word_counts
from scan.storage.core import Store
from scan.views import self_scan as scan_views

from .held_write import race


@pytest.fixture
def live(store: Store):
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, workshop.short_set(question_bank()), "Raadsavond")
    return store, rnd, ws, pin


def _answers(store, ws, qid, values) -> list[str]:
    tokens = []
    for value in values:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, qid, value, dont_know=value is None)
        tokens.append(token)
    return tokens


def test_short_sets_fit_the_audience(store: Store) -> None:
    bank = question_bank()
    assert workshop.short_set(bank) == ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1"]
    residents = workshop.short_set(bank, "inwoners")
    assert len(residents) == 8 and all(bank.question(q).kind == "agreement" for q in residents)
    rnd = rounds.start(store, "GM0355", 2026)
    with pytest.raises(WorkshopError, match="inwoners krijgen de stellingen"):
        workshop.create(store, rnd.id, ["1.1"], "Wijkavond", "inwoners")
    ws, _ = workshop.create(store, rnd.id, residents, "Wijkavond", "inwoners")
    assert workshop.room_state(store, ws.id)["vraag"]["opties"][0] == [1, "1 · Helemaal oneens"]


def test_pin_is_short_readable_again_and_replaceable(live) -> None:
    store, _, ws, pin = live
    assert len(pin) == workshop.PIN_LENGTH and set(pin) <= set(workshop.JOIN_ALPHABET)
    assert workshop.facilitator_pin(store, ws.id) == pin
    workshop.check_facilitator(store, ws.id, workshop.format_pin(pin).lower())  # "abc def" typed works
    fresh = workshop.new_pin(store, ws.id)
    with pytest.raises(WorkshopError, match="Alleen de begeleider"):
        workshop.check_facilitator(store, ws.id, pin)
    workshop.check_facilitator(store, ws.id, fresh)


@pytest.mark.parametrize("ref", ["1", "99999999999999999999999999999", "' OR 1=1 --", "", None, "a" * 500])
def test_unknown_or_forged_refs_get_a_dutch_message(live, ref) -> None:
    store, _, _, _ = live
    with pytest.raises(WorkshopError, match="bestaat niet"):
        workshop.by_ref(store, ref)


def test_refs_are_random_not_consecutive(live) -> None:
    store, rnd, ws, _ = live
    other, _ = workshop.create(store, rnd.id, ["1.1"], "Tweede")
    assert ws.ref != other.ref and not ws.ref.isdigit() and len(ws.ref) >= 16
    assert workshop.by_ref(store, other.ref).id == other.id


def test_answers_only_while_open_and_changeable_until_closed(live) -> None:
    store, _, ws, pin = live
    _, token = workshop.join(store, ws.join_code.lower())
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.answer(store, ws.id, token, "1.1", 2)  # not opened yet
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    workshop.answer(store, ws.id, token, "1.1", 2)
    workshop.answer(store, ws.id, token, "1.1", 3)  # changed while open
    assert workshop.mine(store, ws.id, token)["antwoorden"]["1.1"] == 3
    workshop.set_status(store, ws.id, pin, "1.1", "closed")
    before = store.db.execute("SELECT * FROM workshop_answers").fetchall()
    with pytest.raises(WorkshopError, match="Deze vraag is gesloten"):
        workshop.answer(store, ws.id, token, "1.1", 4)
    assert store.db.execute("SELECT * FROM workshop_answers").fetchall() == before


def test_moving_on_closes_the_open_question(live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    (token,) = _answers(store, ws, "1.1", [2])
    workshop.go_to(store, ws.id, pin, 1)
    assert workshop.statuses(store, ws.id)["1.1"] == "closed"
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.answer(store, ws.id, token, "1.1", 3)
    assert workshop.room_state(store, ws.id)["vraag"]["id"] == "2.1"


def test_opening_a_question_shows_it_and_closes_any_other(live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    workshop.set_status(store, ws.id, pin, "3.1", "open")
    assert workshop.statuses(store, ws.id)["1.1"] == "closed"
    assert workshop.get(store, ws.id).current_question == "3.1"


def test_every_change_moves_the_version_phones_follow(live) -> None:
    store, _, ws, pin = live
    versions = [workshop.get(store, ws.id).version]
    for step in (
        lambda: workshop.set_status(store, ws.id, pin, "1.1", "open"),
        lambda: workshop.set_status(store, ws.id, pin, "1.1", "closed"),
        lambda: workshop.go_to(store, ws.id, pin, 1),
        lambda: workshop.add_open_question(store, ws.id, pin, "Wat moet beter?"),
        lambda: workshop.set_phase(store, ws.id, pin, "voting"),
    ):
        step()
        versions.append(workshop.get(store, ws.id).version)
    assert versions == sorted(set(versions))


def test_a_revealed_figure_cannot_be_compared_with_one_more_answer(live) -> None:
    """Issue 15.4: reveal, reopen, a sixth person answers, reveal again -> the difference would be that
    person's answer. Every route to a second, different published figure is refused."""
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    _answers(store, ws, "6.1", [0, 2, 2, 4, 4])
    workshop.set_status(store, ws.id, pin, "6.1", "revealed")
    first = workshop.tally(store, ws.id, "6.1").counts
    assert first == {0: 1, 1: 0, 2: 2, 3: 0, 4: 2, "weet_niet": 0}
    for status in ("open", "closed", "hidden"):
        with pytest.raises(WorkshopError, match=r"niet opnieuw open|kan niet terug"):
            workshop.set_status(store, ws.id, pin, "6.1", status)
    workshop.go_to(store, ws.id, pin, 5)  # back to the question via the navigation: still revealed
    _, sixth = workshop.join(store, ws.join_code)
    with pytest.raises(WorkshopError, match="gesloten"):
        workshop.answer(store, ws.id, sixth, "6.1", 3)
    assert workshop.tally(store, ws.id, "6.1").counts == first


def test_closed_question_does_not_reopen_after_the_private_preview(live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    _answers(store, ws, "6.1", [1, 1, 2, 3, 4])
    assert workshop.preview(store, ws.id, "6.1").counts is None  # not while answers come in
    workshop.set_status(store, ws.id, pin, "6.1", "closed")
    assert workshop.preview(store, ws.id, "6.1").counts[1] == 2
    assert workshop.tally(store, ws.id, "6.1").counts is None  # the room has not seen it
    with pytest.raises(WorkshopError, match="niet opnieuw open"):
        workshop.set_status(store, ws.id, pin, "6.1", "open")


def test_reveal_shows_exact_counts_only_from_five(live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    _answers(store, ws, "6.1", [0, 2, 2, None])
    workshop.join(store, ws.join_code)  # joined, did not answer
    workshop.set_status(store, ws.id, pin, "6.1", "revealed")
    t = workshop.tally(store, ws.id, "6.1")
    assert (t.participants, t.answered, t.counts) == (5, 4, None)  # 4 answers: withheld


def test_dot_voting_uses_the_facilitators_list_and_refuses_forgeries(live) -> None:
    store, _, ws, pin = live
    a, b = (workshop.join(store, ws.join_code)[1] for _ in range(2))
    workshop.set_vote_options(store, ws.id, pin, ["6a", "8a", "3b", "1a"], 2)
    with pytest.raises(WorkshopError, match="wacht tot de begeleider"):
        workshop.vote(store, ws.id, a, ["6a"])
    workshop.set_phase(store, ws.id, pin, "voting")
    with pytest.raises(WorkshopError, match="hoogstens 2 voorstellen kiezen"):
        workshop.vote(store, ws.id, a, ["6a", "8a", "3b"])
    with pytest.raises(WorkshopError, match="staat niet op de lijst"):
        workshop.vote(store, ws.id, a, ["2a"])
    for forged in ("6a", [1, 2], {"x": 1}, None):
        with pytest.raises(WorkshopError, match="Kies voorstellen uit de lijst"):
            workshop.vote(store, ws.id, a, forged)
    workshop.vote(store, ws.id, a, ["6a", "8a"])
    workshop.vote(store, ws.id, a, ["6a"])  # changing replaces, never adds
    workshop.vote(store, ws.id, b, ["8a", "8a"])  # a double dot counts once
    assert workshop.vote_results(store, ws.id) == [("6a", 1), ("8a", 1)]
    with pytest.raises(WorkshopError, match="ligt nu vast"):
        workshop.set_vote_options(store, ws.id, pin, ["6a", "2a"], 1)


def test_vote_ranking_is_published_only_when_ended_and_from_five_voters(live) -> None:
    store, _, ws, pin = live
    workshop.set_phase(store, ws.id, pin, "voting")
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(5)]
    for token in tokens[:4]:
        workshop.vote(store, ws.id, token, ["6a"])
    workshop.vote(store, ws.id, tokens[4], ["8a"])
    assert workshop.published_vote_results(store, ws.id) is None  # still voting
    workshop.set_phase(store, ws.id, pin, "ended")
    assert workshop.published_vote_results(store, ws.id) == [("6a", 4), ("8a", 1)]
    with pytest.raises(WorkshopError, match="afgelopen"):
        workshop.set_phase(store, ws.id, pin, "voting")  # no second, different ranking
    with pytest.raises(WorkshopError, match="wacht tot"):
        workshop.vote(store, ws.id, tokens[0], ["8a"])


def test_an_ended_workshop_can_be_viewed_again_without_reopening(live) -> None:
    store, _, ws, pin = live
    workshop.set_phase(store, ws.id, pin, "ended")
    assert workshop.get(store, ws.id).current_question is None
    workshop.review(store, ws.id, pin, 2)
    again = workshop.get(store, ws.id)
    assert (again.phase, again.current_question) == ("ended", "3.1")
    with pytest.raises(WorkshopError, match="afgelopen"):
        workshop.set_status(store, ws.id, pin, "3.1", "open")
    with pytest.raises(WorkshopError, match="afgelopen"):
        workshop.join(store, ws.join_code)


@pytest.mark.parametrize("pin", ["", "fout", None, "AAAAAA"])
def test_facilitator_actions_need_the_pin(live, pin) -> None:
    store, _, ws, _ = live
    _, participant_token = workshop.join(store, ws.join_code)
    for bad in (pin, participant_token, ws.join_code):
        with pytest.raises(WorkshopError, match="Alleen de begeleider"):
            workshop.set_status(store, ws.id, bad, "1.1", "revealed")
        with pytest.raises(WorkshopError, match="Alleen de begeleider"):
            workshop.set_phase(store, ws.id, bad, "ended")
        with pytest.raises(WorkshopError, match="Alleen de begeleider"):
            workshop.add_open_question(store, ws.id, bad, "Wat moet beter?")
    assert workshop.statuses(store, ws.id)["1.1"] == "hidden"


@pytest.mark.parametrize("code", ["ZZZZZZZZZZ", "", "ABC", "A" * 9])
def test_wrong_join_code_is_refused(store: Store, code) -> None:
    with pytest.raises(WorkshopError, match="kennen we niet"):
        workshop.join(store, code)


def test_open_answers_need_approval_and_can_go_to_the_agenda(live) -> None:
    store, rnd, ws, pin = live
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter in onze lokale democratie?")
    assert qid == "o1" and workshop.get(store, ws.id).question_ids[-1] == "o1"
    workshop.set_status(store, ws.id, pin, qid, "open")
    _, a = workshop.join(store, ws.join_code)
    _, b = workshop.join(store, ws.join_code)
    workshop.open_answer(store, ws.id, a, qid, "  Meer   inspraak in de wijk ")
    workshop.open_answer(store, ws.id, b, qid, "![t](http://x/t.png) <script>")
    with pytest.raises(ScanError, match="te lang"):
        workshop.open_answer(store, ws.id, b, qid, "x" * 281)
    with pytest.raises(WorkshopError, match="open vraag hoort niet"):
        workshop.open_answer(store, ws.id, b, "1.1", "tekst")
    with pytest.raises(WorkshopError, match="hoort niet bij deze workshop"):
        workshop.answer(store, ws.id, a, qid, 1)
    found = workshop.open_answers(store, ws.id, qid)
    assert [x.text for x in found] == ["Meer inspraak in de wijk", "![t](http://x/t.png) <script>"]
    workshop.set_status(store, ws.id, pin, qid, "revealed")
    assert workshop.published_open_answers(store, ws.id, qid) == []  # nothing unapproved
    workshop.moderate(store, ws.id, pin, [found[0].id], "goedgekeurd")
    workshop.moderate(store, ws.id, pin, [found[1].id], "afgewezen")
    assert workshop.published_open_answers(store, ws.id, qid) == ["Meer inspraak in de wijk"]
    with pytest.raises(WorkshopError, match="goedgekeurd"):
        workshop.set_for_agenda(store, ws.id, pin, found[1].id, True)
    workshop.set_for_agenda(store, ws.id, pin, found[0].id, True)
    assert workshop.agenda_inputs(store, rnd.id) == [
        workshop.AgendaInput(
            "Raadsavond", "Wat moet beter in onze lokale democratie?", "Meer inspraak in de wijk"
        )
    ]
    assert workshop.mine(store, ws.id, a)["open"] == {"o1": ["Meer inspraak in de wijk"]}


def test_pinned_answers_are_approved_ones_and_a_rejection_lets_go(live) -> None:
    # the projector shows the pinned answers only while any is pinned (issue 27.1)
    store, _, ws, pin = live
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.set_status(store, ws.id, pin, qid, "open")
    for text in ("eerste", "tweede", "derde"):
        _, token = workshop.join(store, ws.join_code)
        workshop.open_answer(store, ws.id, token, qid, text)
    first, second, third = workshop.open_answers(store, ws.id, qid)
    with pytest.raises(WorkshopError, match="Alleen een goedgekeurd antwoord"):
        workshop.set_pinned(store, ws.id, pin, first.id, True)
    workshop.moderate(store, ws.id, pin, [first.id, second.id, third.id], "goedgekeurd")
    workshop.set_pinned(store, ws.id, pin, third.id, True)
    workshop.set_pinned(store, ws.id, pin, first.id, True)
    assert workshop.pinned_open_answers(store, ws.id, qid) == ["eerste", "derde"]
    workshop.set_pinned(store, ws.id, pin, first.id, False)
    workshop.moderate(store, ws.id, pin, [third.id], "afgewezen")
    assert workshop.pinned_open_answers(store, ws.id, qid) == []


def test_moderation_refuses_answers_of_another_workshop(live) -> None:
    store, rnd, ws, pin = live
    other, other_pin = workshop.create(store, rnd.id, ["1.1"], "Ander")
    qid = workshop.add_open_question(store, other.id, other_pin, "Wat moet beter?")
    workshop.set_status(store, other.id, other_pin, qid, "open")
    _, t = workshop.join(store, other.join_code)
    workshop.open_answer(store, other.id, t, qid, "geheim")
    (answer,) = workshop.open_answers(store, other.id)
    with pytest.raises(WorkshopError, match="hoort niet bij deze workshop"):
        workshop.moderate(store, ws.id, pin, [answer.id], "goedgekeurd")


def test_word_cloud_leaves_out_dutch_stop_words() -> None:
    counts = dict(word_counts(["Meer inspraak voor de wijk", "De wijk moet meer inspraak", "inspraak!"]))
    assert counts == {"inspraak": 3, "wijk": 2}


def test_a_batch_keeps_every_good_answer_when_one_is_refused(live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(3)]
    results = workshop.run_batch(
        store,
        [
            workshop.answer_op(ws.id, tokens[0], "1.1", 2),
            workshop.answer_op(ws.id, tokens[1], "1.1", 9),  # out of range
            workshop.answer_op(ws.id, "verzonnen", "1.1", 1),  # not joined
            workshop.answer_op(ws.id, tokens[2], "1.1", None, True),
        ],
    )
    assert results[0] is None and results[3] is None
    assert isinstance(results[1], ScanError) and isinstance(results[2], WorkshopError)
    assert workshop.tally(store, ws.id, "1.1").answered == 2


def test_workshop_answers_join_the_round_once_as_their_own_group(live) -> None:
    store, rnd, ws, pin = live
    workshop.set_status(store, ws.id, pin, "2.1", "open")
    _answers(store, ws, "2.1", [1, 2, 3, 4, 4])
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.set_status(store, ws.id, pin, qid, "open")
    workshop.open_answer(store, ws.id, workshop.join(store, ws.join_code)[1], qid, "Meer uitleg")
    before = rounds.by_id(store, rnd.id).version
    assert workshop.add_to_round(store, ws.id, pin) == 5
    # the round's version moves on, so cached result pages show the workshop's answers
    assert rounds.by_id(store, rnd.id).version != before
    with pytest.raises(WorkshopError, match="al toegevoegd"):
        workshop.add_to_round(store, ws.id, pin)
    results = scan_views.roles(store, scan_views.self_scan(store, rounds.by_id(store, rnd.id))).results
    assert results["workshop"].respondents == 5
    assert results["workshop"].means[2] == pytest.approx((25 + 50 + 75 + 100 + 100) / 5)


def test_revealing_moves_the_rounds_version(live) -> None:
    """Agenda, presentation and report caches key on the round's version: a published workshop figure
    must move it."""
    store, rnd, ws, pin = live
    before = rounds.by_id(store, rnd.id).version
    workshop.set_status(store, ws.id, pin, "1.1", "revealed")
    assert rounds.by_id(store, rnd.id).version > before


def _finished(store, rnd, pin, ws):
    workshop.set_status(store, ws.id, pin, "6.1", "open")
    tokens = _answers(store, ws, "6.1", [1, 1, 3, 4, None, 2])
    workshop.set_status(store, ws.id, pin, "6.1", "revealed")
    workshop.set_status(store, ws.id, pin, "8.1", "open")
    _answers(store, ws, "8.1", [1, 2])
    workshop.set_status(store, ws.id, pin, "8.1", "revealed")  # 2 answers: never published
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.set_status(store, ws.id, pin, qid, "open")
    workshop.open_answer(store, ws.id, tokens[0], qid, '=HYPERLINK("http://x")')
    workshop.open_answer(store, ws.id, tokens[1], qid, "niet goedgekeurd")
    first = workshop.open_answers(store, ws.id, qid)[0]
    workshop.moderate(store, ws.id, pin, [first.id], "goedgekeurd")
    workshop.set_status(store, ws.id, pin, qid, "revealed")
    workshop.set_vote_options(store, ws.id, pin, ["3a", "6a", "8a"], 3)
    workshop.set_phase(store, ws.id, pin, "voting")
    for token, picks in zip(tokens, [["3a"], ["3a", "6a"], ["3a"], ["6a"], ["3a"], ["8a"]], strict=True):
        workshop.vote(store, ws.id, token, picks)
    workshop.set_phase(store, ws.id, pin, "ended")


def test_outcomes_hold_published_figures_only_each_with_its_n(live) -> None:
    store, rnd, ws, pin = live
    _finished(store, rnd, pin, ws)
    (result,) = workshop.outcomes(store, rnd.id)
    by_id = {q.question_id: q for q in result.questions}
    assert by_id["6.1"].n == 6 and dict(by_id["6.1"].distribution)["1 · Verkend"] == 2
    assert by_id["8.1"].n == 2 and by_id["8.1"].distribution is None
    assert by_id["1.1"].distribution is None  # never revealed
    assert by_id["o1"].open_answers == ('=HYPERLINK("http://x")',)
    assert result.votes == (("3a", 4), ("6a", 2), ("8a", 1)) and result.voters == 6
    assert workshop.proposal_votes(workshop.outcomes(store, rnd.id))["3a"] == [("Raadsavond", 4, 6)]


def test_export_is_aggregated_with_n_and_spreadsheet_safe(live) -> None:
    store, rnd, ws, pin = live
    _finished(store, rnd, pin, ws)
    text = export.to_csv(store, ws.id).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0] == export.HEADER
    six = [row for row in table if row[2] == "6.1"]
    assert (
        six[1] == ["Raadsavond", "vraag", "6.1", six[1][3], "1 · Verkend", "2", "33", "6"] and len(six) == 6
    )
    assert any("te weinig antwoorden (n = 2" in row[4] for row in table if row[2] == "8.1")
    assert not any("niet goedgekeurd" in cell for row in table for cell in row)
    cells = [cell for row in table for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells and not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert [
        "Raadsavond",
        "stemming",
        "",
        "stemmers die dit kozen (samen 7 stippen)",
        "3a " + question_bank().proposal("3a").title,
        "4",
        "67",  # 4 of the 6 voters chose it (not 4 of the 7 dots)
        "6",
    ] in table
    sheet = load_workbook(io.BytesIO(export.to_xlsx(store, ws.id))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert '\'=HYPERLINK("http://x")' in values and not any(v.startswith("=") for v in values)


@pytest.mark.parametrize("value", ["=1+1", "+31", "-x", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(value) -> None:
    assert export.safe_cell(value) == "'" + value
    assert export.safe_cell(3) == 3 and export.safe_cell("gewoon") == "gewoon"


def test_a_participant_token_names_its_own_room_only(live) -> None:
    # the phone page lets a joined phone past the code throttle by its token: only for its own room
    store, rnd, ws, _ = live
    other, _ = workshop.create(store, rnd.id, ["6.1"], "Andere avond")
    _, token = workshop.join(store, ws.join_code)
    assert workshop.joined_room(store, token).join_code == ws.join_code
    assert workshop.joined_room(store, token).join_code != other.join_code
    for forged in ("", None, "x" * 24, token[:-1], token + "x", "a" * 5000):
        assert workshop.joined_room(store, forged) is None


# --- locking the room to new joins (issue 23, point 4) -------------------------------------------


def test_a_locked_room_takes_no_new_participants_and_keeps_the_joined_ones(live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    _, early = workshop.join(store, ws.join_code)
    version = workshop.get(store, ws.id).version
    with pytest.raises(WorkshopError, match="Alleen de begeleider"):
        workshop.set_joining(store, ws.id, "FOUT00", False)
    workshop.set_joining(store, ws.id, pin, False)
    assert not workshop.joining_open(store, ws.id)
    assert workshop.get(store, ws.id).version > version  # phones follow the version
    with pytest.raises(WorkshopError, match="Aanmelden is gesloten") as refused:
        workshop.join(store, ws.join_code)
    assert "begeleider" in str(refused.value)
    assert workshop.participants(store, ws.id) == 1  # nothing half written
    workshop.answer(store, ws.id, early, "1.1", 3)  # who is in, keeps answering
    assert workshop.mine(store, ws.id, early)["antwoorden"]["1.1"] == 3
    workshop.set_joining(store, ws.id, pin, True)  # someone came late: open it again
    workshop.join(store, ws.join_code)
    assert workshop.participants(store, ws.id) == 2


def test_the_lock_is_checked_inside_the_join(live) -> None:
    # the facilitator locks the room while a join waits for the write lock: the join sees the lock
    store, _, ws, _ = live
    locking = [("UPDATE workshops SET joins_locked = 1 WHERE id = ?", [ws.id])]
    outcome = race(store.path, locking, lambda: workshop.join(store, ws.join_code))
    assert isinstance(outcome, WorkshopError) and "Aanmelden is gesloten" in str(outcome)
    assert workshop.participants(store, ws.id) == 0


def test_the_lock_survives_a_restart_of_the_server(live) -> None:
    store, _, ws, pin = live
    workshop.set_joining(store, ws.id, pin, False)
    assert not workshop.joining_open(Store(store.path), ws.id)  # in the database, not in memory


# --- decisions inside the write (issue 23.9) --------------------------------------------------------


def test_a_workshop_another_facilitator_ends_meanwhile_is_not_reopened(live) -> None:
    # "Volgende vraag" here while another facilitator presses "Afsluiten": the phase that decides is
    # the one inside this write, so the workshop stays ended (and only looks back at the question)
    from .held_write import race

    store, _, ws, pin = live
    outcome = race(
        store.path,
        [("UPDATE workshops SET phase = 'ended', reviewing = 0 WHERE id = ?", [ws.id])],
        lambda: workshop.go_to(store, ws.id, pin, 1),
    )
    assert not isinstance(outcome, Exception), outcome
    after = workshop.get(store, ws.id)
    assert after.phase == "ended" and after.reviewing


def _facilitator_actions(store, ws, pin):
    """Every action of a facilitator, each a write that the PIN decides."""
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    _, token = workshop.join(store, ws.join_code)
    open_q = workshop.add_open_question(store, ws.id, pin, "Wat moet er beter?")
    workshop.set_status(store, ws.id, pin, open_q, "open")
    workshop.open_answer(store, ws.id, token, open_q, "Meer inspraak")
    answer_id = workshop.open_answers(store, ws.id, open_q)[0].id
    workshop.moderate(store, ws.id, pin, [answer_id], "goedgekeurd")
    return {
        "set_status": lambda p: workshop.set_status(store, ws.id, p, "1.1", "closed"),
        "go_to": lambda p: workshop.go_to(store, ws.id, p, 2),
        "set_phase": lambda p: workshop.set_phase(store, ws.id, p, "voting"),
        "add_open_question": lambda p: workshop.add_open_question(store, ws.id, p, "Nog een vraag?"),
        "set_vote_options": lambda p: workshop.set_vote_options(store, ws.id, p, ["1a", "2a"], 1),
        "moderate": lambda p: workshop.moderate(store, ws.id, p, [answer_id], "afgewezen"),
        "set_for_agenda": lambda p: workshop.set_for_agenda(store, ws.id, p, answer_id, True),
        "set_pinned": lambda p: workshop.set_pinned(store, ws.id, p, answer_id, True),
        "add_to_round": lambda p: workshop.add_to_round(store, ws.id, p),
    }


@pytest.mark.parametrize(
    "action",
    [
        "set_status",
        "go_to",
        "set_phase",
        "add_open_question",
        "set_vote_options",
        "moderate",
        "set_for_agenda",
        "set_pinned",
        "add_to_round",
        "review",
    ],
)
def test_a_pin_replaced_meanwhile_is_refused_by_every_action(live, action: str) -> None:
    # the griffier makes a new PIN (the old one leaked) while a facilitator's click waits for the lock:
    # the PIN is checked inside the click's own write, so the old PIN changes nothing
    from .held_write import race

    store, _, ws, pin = live
    actions = _facilitator_actions(store, ws, pin)
    if action == "review":
        workshop.set_phase(store, ws.id, pin, "ended")
        actions["review"] = lambda p: workshop.review(store, ws.id, p, 0)
    before = workshop.get(store, ws.id)
    hashes = __import__("hashlib").sha256(b"NEWPIN").hexdigest()
    outcome = race(
        store.path,
        [("UPDATE workshops SET pin = 'NEWPIN', facilitator_hash = ? WHERE id = ?", [hashes, ws.id])],
        lambda: actions[action](pin),
    )
    assert isinstance(outcome, WorkshopError) and "Alleen de begeleider" in str(outcome), outcome
    assert workshop.get(store, ws.id).version == before.version + 0  # nothing written (the PIN change aside)


def test_moderation_undoes_and_acts_only_on_what_the_screen_showed(live) -> None:
    # issue 27.4: an approval can be taken back, a rejection too; a click changes only the answers still
    # as the facilitator saw them (another facilitator's decision meanwhile stands)
    store, rnd, ws, pin = live
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.set_status(store, ws.id, pin, qid, "open")
    for text in ("eerste", "tweede", "derde"):
        workshop.open_answer(store, ws.id, workshop.join(store, ws.join_code)[1], qid, text)
    first, second, third = workshop.open_answers(store, ws.id, qid)
    assert workshop.moderate(store, ws.id, pin, [first.id], "goedgekeurd", "nieuw") == 1
    workshop.set_for_agenda(store, ws.id, pin, first.id, True)
    workshop.set_pinned(store, ws.id, pin, first.id, True)
    workshop.set_status(store, ws.id, pin, qid, "revealed")
    assert workshop.published_open_answers(store, ws.id, qid) == ["eerste"]

    assert workshop.moderate(store, ws.id, pin, [first.id], "nieuw", "goedgekeurd") == 1
    back = workshop.open_answers(store, ws.id, qid)[0]
    assert (back.status, back.for_agenda, back.pinned) == ("nieuw", False, False)
    assert workshop.published_open_answers(store, ws.id, qid) == []
    assert workshop.agenda_inputs(store, rnd.id) == []

    workshop.moderate(store, ws.id, pin, [second.id], "afgewezen", "nieuw")
    assert workshop.moderate(store, ws.id, pin, [second.id], "nieuw", "afgewezen") == 1
    # the screen showed all three unread; meanwhile another facilitator rejected the third
    workshop.moderate(store, ws.id, pin, [third.id], "afgewezen")
    assert workshop.moderate(store, ws.id, pin, [first.id, second.id, third.id], "goedgekeurd", "nieuw") == 2
    assert [a.status for a in workshop.open_answers(store, ws.id, qid)] == [
        "goedgekeurd",
        "goedgekeurd",
        "afgewezen",
    ]
    with pytest.raises(WorkshopError, match="Onbekende keuze"):
        workshop.moderate(store, ws.id, pin, [first.id], "goedgekeurd", "weg")


def test_one_dot_each_is_said_in_the_singular(live) -> None:
    """ "U kunt hoogstens 1 voorstellen kiezen" was the message with one dot each."""
    store, _, ws, pin = live
    _, token = workshop.join(store, ws.join_code)
    workshop.set_vote_options(store, ws.id, pin, ["6a", "8a"], 1)
    workshop.set_phase(store, ws.id, pin, "voting")
    with pytest.raises(WorkshopError, match=r"^U kunt hoogstens 1 voorstel kiezen\.$"):
        workshop.vote(store, ws.id, token, ["6a", "8a"])

"""AppTest: the facilitator's and projector's pages (access, live counts, next step, literal text), and
the presentation has no inputs."""

from __future__ import annotations

import re

import pytest

from scan.content.questionbank import question_bank
from scan.records import access, workshop
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.records.round.sharing import create_share_link, revoke_all
from scan.rules.throttle import THROTTLE
from scan.storage.core import Store
from scan.web.joins import JOINS

WIDGETS = (
    "button",
    "checkbox",
    "color_picker",
    "date_input",
    "multiselect",
    "number_input",
    "radio",
    "select_slider",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
)
TITLE = "Raadsavond ![t](http://127.0.0.1:9/track.png) [klik](http://127.0.0.1:9/) <b>vet</b>"


@pytest.fixture
def live(db_path):
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, pin = workshop.create(store, rnd.id, workshop.short_set(question_bank()), TITLE)
    THROTTLE._records.clear()
    JOINS._sources.clear()  # tests share the process-wide join watch (workshop ids repeat per database)
    return store, rnd, ws, pin


@pytest.fixture
def locked(live):
    store = live[0]
    access.set_password(store, "GM0355", "wachtwoord-zeist")
    access.set_password(store, "GM0080", "wachtwoord-leeuwarden")
    return live


def _everything(at) -> str:
    return " ".join(str(e.proto) for e in at.main)


def _facilitator(new_session, ws):
    at = new_session(workshop=ws.ref)
    return at.switch_page("scan/ui/pages/facilitate.py").run()


def _projector(new_session, ws):
    return new_session(projectie=ws.ref)


def _pin_login(at, pin: str):
    field = next(t for t in at.text_input if t.key and t.key.startswith("werkplaats_pin_invoer_"))
    field.input(pin)
    next(b for b in at.button if b.label == "Inloggen met pincode").click().run()
    return at


@pytest.mark.parametrize("page", ["facilitate", "projector", "workshops", "results", "participants"])
def test_old_participant_link_never_opens_other_pages(new_session, live, page) -> None:
    _, _, ws, _ = live
    at = new_session(ws=ws.join_code, workshop=ws.ref, gemeente="GM0355", jaar="2026")
    with pytest.raises(ValueError, match=r"Known pages: \['[^,]*workshop_join\.py'\]"):
        at.switch_page(f"scan/ui/pages/{page}.py")
    assert at.get("link_button")[0].proto.url == f"/doe/{ws.join_code}"


@pytest.mark.parametrize("opener", [_facilitator, _projector])
def test_locked_workshop_pages_show_nothing_without_login(new_session, locked, opener) -> None:
    """Issue 15.1: no title, join code, QR code, counts or results before a griffier login or the PIN."""
    store, _, ws, pin = locked
    workshop.set_status(store, ws.id, pin, "1.1", "revealed")
    at = opener(new_session, ws)
    text = _everything(at)
    assert not at.exception
    assert ws.join_code not in text and workshop.format_code(ws.join_code) not in text
    assert "data:image/png" not in text and "deelnemers hebben geantwoord" not in text
    assert not [b for b in at.button if b.key and b.key.startswith("leiden_")]
    assert "Pincode van de begeleider" in text and "Zeist" in text  # says which workshop it is for


@pytest.mark.parametrize("opener", [_facilitator, _projector])
def test_another_municipalitys_griffier_cannot_open_it(new_session, locked, opener) -> None:
    _, _, ws, _ = locked
    at = opener(new_session, ws)
    at.text_input(key="toegang_wachtwoord_GM0355").input("wachtwoord-leeuwarden")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert ws.join_code not in _everything(at) and "Dit wachtwoord klopt niet" in at.error[0].value


def test_griffier_leads_without_pin_and_sees_it_to_pass_on(new_session, locked) -> None:
    store, _, ws, pin = locked
    at = _facilitator(new_session, ws)
    at.text_input(key="toegang_wachtwoord_GM0355").input("wachtwoord-zeist")
    next(b for b in at.button if b.label == "Inloggen").click().run()
    assert workshop.format_pin(pin) in _everything(at)
    at.button(key="leiden_open").click().run()
    assert workshop.statuses(store, ws.id)["1.1"] == "open"


def test_facilitator_with_pin_and_the_next_step_is_the_primary_button(new_session, locked) -> None:
    store, _, ws, pin = locked
    at = _pin_login(_facilitator(new_session, ws), "fout12")
    assert "Alleen de begeleider" in at.error[0].value
    at = _pin_login(at, workshop.format_pin(pin).lower())
    assert workshop.format_pin(pin) not in _everything(at)  # the PIN is the griffier's to hand out
    assert at.button(key="leiden_open").proto.type == "primary"
    at.button(key="leiden_open").click().run()
    assert at.button(key="leiden_sluit").proto.type == "primary"
    at.button(key="leiden_sluit").click().run()  # asks first: closing cannot be undone
    assert workshop.statuses(store, ws.id)["1.1"] == "open"
    assert "niet meer open" in at.warning[0].value
    at.button(key="leiden_ja_sluit").click().run()
    assert workshop.statuses(store, ws.id)["1.1"] == "closed"
    at.button(key="leiden_toon").click().run()
    at.button(key="leiden_ja_toon").click().run()
    assert workshop.statuses(store, ws.id)["1.1"] == "revealed"
    assert at.button(key="leiden_volgende").proto.type == "primary"


def test_facilitator_counts_follow_without_a_tap(new_session, live) -> None:
    store, _, ws, _ = live
    at = _facilitator(new_session, ws)
    at.button(key="leiden_open").click().run()
    for value in [1, 2, 3]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "1.1", value)
    at.run()  # what the fragment's timer does every second in the browser
    assert "3 van 3" in " ".join(m.value for m in at.markdown)


def test_projector_shows_exact_counts_and_percentages_after_reveal(new_session, live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    for value in [1, 1, 3, 4, 4]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "1.1", value)
    at = _projector(new_session, ws)
    assert "5 van 5 deelnemers hebben geantwoord" in _everything(at) and "(40%)" not in _everything(at)
    assert "data:image/png;base64," in _everything(at) and f"/doe/{ws.join_code}" in _everything(at)
    workshop.set_status(store, ws.id, pin, "1.1", "revealed")
    at.run()
    text = _everything(at)
    assert "1 · Verkend" in text and "2 (40%)" in text and "Percentage van de 5 antwoorden (n = 5)" in text
    # the walk of issue 27: the QR code gives way to the results (the room has joined by then) ...
    assert "data:image/png" not in text and workshop.format_code(ws.join_code) not in text
    assert '<div class="pj breed">' in " ".join(h.proto.body for h in at.html)  # the whole width
    workshop.go_to(store, ws.id, pin, 1)
    at.run()
    text = _everything(at)  # ... and comes back with the next question
    assert "data:image/png;base64," in text and workshop.format_code(ws.join_code) in text


def test_projector_gives_a_vote_as_a_share_of_the_voters(new_session, live) -> None:
    # 7 voters, 13 dots: "5 (71%)" is 5 of the 7 voters, and the caption says so (issue 27.2)
    store, _, ws, pin = live
    workshop.set_vote_options(store, ws.id, pin, ["3a", "6a", "8a"], 3)
    workshop.set_phase(store, ws.id, pin, "voting")
    picks = [["3a", "6a", "8a"], ["3a", "6a"], ["3a", "6a"], ["3a", "6a"], ["3a", "6a"], ["8a"], ["8a"]]
    for chosen in picks:
        _, token = workshop.join(store, ws.join_code)
        workshop.vote(store, ws.id, token, chosen)
    workshop.set_phase(store, ws.id, pin, "ended")
    text = _everything(_projector(new_session, ws))
    assert text.count("5 (71%)") == 2 and "3 (43%)" in text  # a tie shows a tie
    assert "percentage van alle 7 stemmers (n = 7; samen 13 stippen)" in text


def test_projector_withholds_a_distribution_of_fewer_than_five(new_session, live) -> None:
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    for value in [1, 3, 4]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "1.1", value)
    workshop.set_status(store, ws.id, pin, "1.1", "revealed")
    text = _everything(_projector(new_session, ws))
    assert "te weinig antwoorden (n = 3)" in text and "Verkend" not in text


def test_typed_text_is_shown_literally_everywhere(new_session, live) -> None:
    """Issue 15.9: a title with Markdown or HTML is never an image, a link or bold text."""
    _, _, ws, _ = live
    for at in (_projector(new_session, ws), _facilitator(new_session, ws)):
        htmls = " ".join(h.proto.body for h in at.html)
        assert "![t](http://127.0.0.1:9/track.png)" in htmls and "&lt;b&gt;vet&lt;/b&gt;" in htmls
        assert '<img src="http://' not in htmls and "<a " not in htmls
        assert not any("track.png" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "query",
    [
        {"workshop": "99999999999999999999999999999999"},
        {"workshop": "1"},
        {"workshop": "../../etc/passwd"},
        {"workshop": ""},
    ],
)
def test_forged_workshop_values_get_a_dutch_message(new_session, live, query) -> None:
    at = new_session(**query)
    at.switch_page("scan/ui/pages/facilitate.py").run()
    assert not at.exception
    assert (at.warning and "bestaat niet" in at.warning[0].value) or "Workshops" in at.info[0].value
    old = new_session(**query)
    old.switch_page("scan/ui/pages/projector.py").run()
    assert not old.exception and "data:image" not in _everything(old)


def test_workshops_page_makes_a_residents_workshop_with_the_suggested_vote_list(new_session, live) -> None:
    store, rnd, _, _ = live
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/workshops.py").run()
    at.radio(key="workshops_publiek").set_value("inwoners").run()
    at.button(key="workshops_maak").click().run()
    made = workshop.for_round(store, rnd.id)[-1]
    assert made.audience is workshop.Audience.INWONERS
    assert all(question_bank().question(q).kind == "agreement" for q in made.question_ids)
    assert made.vote_options and len(made.vote_options) >= 2
    assert workshop.format_pin(workshop.facilitator_pin(store, made.id)) in _everything(at)
    assert "fase: vragen" in _everything(at) and "questions" not in " ".join(m.value for m in at.markdown)


def _widgets(at) -> list:
    return [w for kind in WIDGETS for w in at.get(kind)]


def test_presentation_has_no_input_widgets(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "6.1", 1)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/presentation.py").run()
    assert "Democratiescan Zeist 2026" in re.sub(r"<[^>]+>", "", at.get("html")[0].proto.body)
    assert [b.label for b in at.button] == ["Presenteren zonder menu"]  # the griffier's only control
    token = create_share_link(store, rnd.id)
    for slide in range(0, 12):
        viewer = new_session(presentatie=token, dia=str(slide))
        assert not viewer.exception and _widgets(viewer) == [] and not viewer.button
        assert not [b for b in viewer.get("page_link")]
    six = new_session(presentatie=token, dia="6").get("html")[0].proto.body
    shown = six.split('id="dia-6"')[1].split("</section>")[0]
    assert "<h2>6. Macht en tegenmacht</h2>" in shown and " hidden" not in shown.split(">")[0]
    assert "Richt een fonds op voor lokale journalistiek" in shown and "6a" not in shown  # words, no codes


def test_revoked_or_wrong_share_link_is_refused(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    token = create_share_link(store, rnd.id)
    revoke_all(store, rnd.id)
    revoked = new_session(presentatie=token).error[0].value
    assert "werkt niet" in revoked
    # the same words for a made-up link: whoever guesses learns nothing from the difference (issue 23.11)
    assert new_session(presentatie="verzonnen").error[0].value == revoked


def test_facilitator_sees_who_joined_and_closes_the_room(new_session, live) -> None:
    store, _, ws, _ = live
    JOINS._sources.clear()
    at = _facilitator(new_session, ws)
    assert "0 aangemeld" in _everything(at) and "aanmelden open" in _everything(at)
    for _ in range(3):
        workshop.join(store, ws.join_code)
    at.run()  # the fragment's timer
    assert "3 aangemeld" in _everything(at)
    assert not at.warning
    at.button(key="leiden_aanmelden").click().run()
    assert not workshop.joining_open(store, ws.id)
    assert "aanmelden gesloten" in _everything(at) and at.button(key="leiden_aanmelden").label.startswith(
        "Aanmelden weer openzetten"
    )
    with pytest.raises(workshop.WorkshopError, match="Aanmelden is gesloten"):
        workshop.join(store, ws.join_code)
    at.button(key="leiden_aanmelden").click().run()
    assert workshop.joining_open(store, ws.id)


def test_facilitator_is_warned_when_one_address_joins_more_than_a_room(new_session, live) -> None:
    _, _, ws, _ = live
    JOINS._sources.clear()
    for _ in range(1000):  # what the phone page records: a script joining a thousand times
        JOINS.joined(ws.id, "203.0.113.7")
    JOINS.joined(ws.id + 1, "198.51.100.1")  # another workshop's joins are not this one's
    at = _facilitator(new_session, ws)
    (warning,) = at.warning
    assert "vanaf één internetadres kwamen minstens 1.000 aanmeldingen binnen een minuut" in warning.value
    assert "(1.000 in totaal)" in warning.value and "Stop het aanmelden" in warning.value
    JOINS._sources.clear()


def _statuses(store, ws, qid) -> list[str]:
    return [a.status for a in workshop.open_answers(store, ws.id, qid)]


def test_approve_all_takes_only_the_cards_on_screen_and_each_step_undoes(new_session, live) -> None:
    """Issue 27.4: "Alle N goedkeuren" approves the N cards the facilitator read; an answer that came
    in after them stays unread. An approval can be taken back, a rejected answer brought back."""
    store, _, ws, pin = live
    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.go_to(store, ws.id, pin, len(ws.question_ids))
    workshop.set_status(store, ws.id, pin, qid, "open")

    def send(text: str) -> None:
        workshop.open_answer(store, ws.id, workshop.join(store, ws.join_code)[1], qid, text)

    send("eerste")
    send("tweede")
    at = _facilitator(new_session, ws)
    assert at.button(key="leiden_alles_goed").label == "Alle 2 goedkeuren"
    send("derde")
    at.run()  # what the fragment's timer does every second in the browser
    assert at.button(key="leiden_alles_goed").label == "Alle 2 goedkeuren"
    assert any("Net binnengekomen (1)" in m.value for m in at.markdown)
    at.button(key="leiden_alles_goed").click().run()
    assert _statuses(store, ws, qid) == ["goedgekeurd", "goedgekeurd", "nieuw"]

    first, _, third = workshop.open_answers(store, ws.id, qid)
    at.button(key=f"leiden_intrekken_{first.id}").click().run()
    assert _statuses(store, ws, qid) == ["nieuw", "goedgekeurd", "nieuw"]
    assert at.button(key=f"leiden_goed_{first.id}").label == "Goedkeuren"  # waits for a decision again
    at.button(key=f"leiden_af_{third.id}").click().run()
    assert _statuses(store, ws, qid) == ["nieuw", "goedgekeurd", "afgewezen"]
    assert [e.label for e in at.expander if e.label.startswith("Afgewezen")] == ["Afgewezen (1)"]
    at.button(key=f"leiden_terugzetten_{third.id}").click().run()
    assert _statuses(store, ws, qid) == ["nieuw", "goedgekeurd", "nieuw"]

    # answers that came in later can join the cards on screen: then "Alle N" covers them too, and only them
    send("vierde")
    send("vijfde")
    at.run()
    assert at.button(key="leiden_alles_goed").label == "Alle 2 goedkeuren"  # first and third
    assert at.button(key=f"leiden_erbij_{qid}").label == "Bij de antwoorden hierboven zetten (2)"
    at.button(key=f"leiden_erbij_{qid}").click().run()
    send("zesde")
    at.run()
    assert at.button(key="leiden_alles_goed").label == "Alle 4 goedkeuren"
    at.button(key="leiden_alles_goed").click().run()
    assert _statuses(store, ws, qid) == ["goedgekeurd"] * 5 + ["nieuw"]
    assert not at.exception


def test_a_timer_counts_down_on_both_pages_and_any_page_closes_it_at_zero(new_session, live) -> None:
    """Issue 27.7: the facilitator starts a countdown (2 minutes, then show the outcome); the facilitator
    and the projector show the time left; at zero the question closes by itself, here with only a
    projector open (no phone, no facilitator page)."""
    import re
    import time

    store, _, ws, pin = live
    at = _facilitator(new_session, ws)
    at.radio(key="leiden_timer_1.1").set_value(120)
    at.checkbox(key="leiden_timer_toon_1.1").check()
    at.button(key="leiden_timer_start_1.1").click().run()
    running = workshop.timer(store, ws.id, "1.1")
    assert running is not None and running.reveal and 115 <= running.ends_at - time.time() <= 120
    assert workshop.statuses(store, ws.id)["1.1"] == "open"
    assert any(re.search(r"Timer: nog [12]:\d\d", m.value) for m in at.markdown)
    shown = " ".join(h.proto.body for h in _projector(new_session, ws).html)
    assert re.search(r'<p class="timer[^"]*" role="timer">Nog [12]:\d\d</p>', shown)

    workshop.start_timer(store, ws.id, pin, "1.1", 30, True, clock=lambda: time.time() - 31)
    _projector(new_session, ws)
    assert workshop.statuses(store, ws.id)["1.1"] == "revealed"


def test_a_note_is_on_the_facilitator_page_and_never_on_the_projector(new_session, live) -> None:
    """Issue 27.7: speaker notes are written and read on the facilitator's page only."""
    store, _, ws, pin = live
    workshop.set_note(store, ws.id, pin, "1.1", "Vraag door: NOTITIE-ALLEEN-VOOR-U")
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    at = _facilitator(new_session, ws)
    assert "NOTITIE-ALLEEN-VOOR-U" in " ".join(h.proto.body for h in at.html)
    at.text_area(key="leiden_notitie_2.1").input("Wie was er niet?")
    next(b for b in at.button if b.label == "Notities bewaren").click().run()
    assert workshop.notes(store, ws.id)["2.1"] == "Wie was er niet?"
    workshop.set_status(store, ws.id, pin, "1.1", "revealed")
    shown = _everything(_projector(new_session, ws))
    assert "Uitkomst" in shown and "NOTITIE-ALLEEN-VOOR-U" not in shown


def test_the_ended_page_says_which_room_questions_were_answered(new_session, live) -> None:
    """The walk of issue 27: after the end the facilitator's page listed the room's questions without
    saying which ones the panel answered. Each shows its state, and its text as typed (no markup)."""
    from scan.ui.components import literal

    store, _, ws, pin = live
    workshop.set_questions_open(store, ws.id, pin, True)
    asked = {}
    for text in (
        "Wanneer hoort de raad dit terug?",
        "<b>Wie</b> beslist over [de wijk](http://127.0.0.1:9/)?",
    ):
        (result,) = workshop.run_batch(
            store, [workshop.ask_op(ws.id, workshop.join(store, ws.join_code)[1], text)]
        )
        asked[text] = result["vraag"]["id"]
    answered, still_open = asked
    workshop.moderate_questions(store, ws.id, pin, list(asked.values()), "goedgekeurd")
    workshop.moderate_questions(store, ws.id, pin, [asked[answered]], "beantwoord")
    workshop.set_phase(store, ws.id, pin, "ended")
    at = _facilitator(new_session, ws)
    shown = " ".join(h.proto.body for h in at.html)
    assert not at.exception
    assert f"{literal.html(answered)} · beantwoord</p>" in shown
    assert f"{literal.html(still_open)} · nog open</p>" in shown and "<b>Wie</b>" not in shown
    assert "2 vragen goedgekeurd, waarvan 1 beantwoord." in " ".join(m.value for m in at.markdown)


def test_one_participant_is_counted_in_the_singular(new_session, live) -> None:
    """ "1 van 1 deelnemers hebben geantwoord", "hoogstens 1 voorstellen", "(1 stippen)" and "1 wachten
    op u" stood on the facilitator's page and the projector."""
    store, _, ws, pin = live
    workshop.set_status(store, ws.id, pin, "1.1", "open")
    _, token = workshop.join(store, ws.join_code)
    workshop.answer(store, ws.id, token, "1.1", 2)
    lead = _facilitator(new_session, ws)
    assert "**1 van 1 deelnemer heeft geantwoord**" in " ".join(m.value for m in lead.markdown)
    assert "1 van 1 deelnemer heeft geantwoord" in _everything(_projector(new_session, ws))

    qid = workshop.add_open_question(store, ws.id, pin, "Wat moet beter?")
    workshop.go_to(store, ws.id, pin, len(ws.question_ids))
    workshop.set_status(store, ws.id, pin, qid, "open")
    workshop.open_answer(store, ws.id, token, qid, "Uitleg")
    assert "**Open antwoorden**: 1 wacht op u," in " ".join(m.value for m in lead.run().markdown)
    assert "1 van 1 persoon heeft een antwoord gestuurd" in _everything(_projector(new_session, ws))

    workshop.set_vote_options(store, ws.id, pin, ["3a", "6a"], 1)
    workshop.set_phase(store, ws.id, pin, "voting")
    workshop.vote(store, ws.id, token, ["6a"])
    text = _everything(_projector(new_session, ws))
    assert "Kies op uw telefoon hoogstens 1 voorstel<" in text and "1 van 1 deelnemer heeft gestemd" in text
    said = " ".join(m.value for m in lead.run().markdown)
    assert "**1 van 1 deelnemer heeft gestemd** (1 stip)." in said


def test_a_workshop_of_one_question_says_so_in_the_singular(new_session, live) -> None:
    """The workshops page said "1 vragen · raad …" for a workshop on one question."""
    store, rnd, _, _ = live
    workshop.create(store, rnd.id, ["1.1"], "Eén vraag")
    at = new_session(gemeente="GM0355", jaar="2026")
    text = " ".join(m.value for m in at.switch_page("scan/ui/pages/workshops.py").run().markdown)
    assert "· 1 vraag ·" in text and f"· {len(workshop.short_set(question_bank()))} vragen ·" in text

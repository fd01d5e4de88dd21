"""AppTest: the recommendations page opens on the most urgent priority and shows one priority's cards."""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import rounds
from scan.rules.recommend import suggest
from scan.rules.scoring import score_scan
from scan.storage.core import Store


def _card_titles(at) -> list[str]:
    return [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**Voorstel ")]


def test_cards_follow_the_chosen_priority_and_the_step_filter(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    for q in question_bank().questions_for_role("griffie"):
        answer_store.save(store, rnd.id, q.id, 4)  # everything in place ...
    for q in question_bank().questions_for(2, "griffie"):
        answer_store.save(store, rnd.id, q.id, 2)  # ... except inclusion, half-way (priority 2)
    for q in question_bank().questions_for(5, "griffie"):
        answer_store.save(store, rnd.id, q.id, 0)  # ... and area-based work, not at all (priority 5)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/recommendations.py").run()
    assert not at.exception

    answers = answer_store.of(store, rnd.id)
    expected = suggest(question_bank(), answers, score_scan(question_bank(), answers), {})
    assert expected[0].proposal.priority == 5
    choice = at.selectbox(key="aanbevelingen_prioriteit")
    assert choice.options[0].startswith("2.") and choice.value == 5  # the most urgent, not the first listed
    titles = _card_titles(at)
    assert titles and all(t.startswith("Voorstel 5") for t in titles)
    assert titles[0].startswith("Voorstel 5a")  # its basic step comes first while the basics are missing

    choice.set_value(2).run()
    assert all(t.startswith("Voorstel 2") for t in _card_titles(at))

    at.selectbox(key="aanbevelingen_prioriteit").set_value(5).run()
    at.radio(key="aanbevelingen_stap").set_value("basis").run()
    assert [t.split(":")[0] for t in _card_titles(at)] == ["Voorstel 5a"]  # only the basic step
    at.radio(key="aanbevelingen_stap").set_value("pittig").run()
    assert "Voorstel 5a" not in [t.split(":")[0] for t in _card_titles(at)] and _card_titles(at)
    # no grade the pamphlet does not give, and no emoji that renders as an empty box without a font
    shown = " ".join(m.value for m in at.markdown)
    assert "🌶" not in shown and "pepertjes)" not in shown
    assert ":orange-badge[:material/local_fire_department: Pittiger stap]" in shown


def test_top_five_marks_chosen_and_promised_proposals_and_saves_visibly(new_session, db_path) -> None:
    from scan.records import agreements

    from .. import council

    store = Store(db_path)
    rnd = council.own_round(store, previous=False)  # 2a, 6a and 8b chosen
    council.add_agreement(store, rnd, confirm=("2a",), reject=())
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/recommendations.py").run()
    assert not at.exception
    top = next(m.value for m in at.markdown if m.value.startswith("1. **"))
    lines = top.split("\n")
    items = [line for line in lines if line[:3] in {f"{n}. " for n in range(1, 6)}]
    assert len(items) == 5
    marked = {item.split("**")[1].split(" ")[0] for item in items if "Al gekozen" in item}
    assert marked == {"2a"}  # chosen (2a, 6a, 8b) and among the five: only 2a
    for item in items:
        pid = item.split("**")[1].split(" ")[0]
        assert ("Al gekozen" in item) == (pid in council.CHOSEN), item
        assert ("Staat in het akkoord" in item) == (pid == "2a"), item
    # the card of a confirmed promise: the badge, the promise beside the answers, the quote literally
    at.selectbox(key="aanbevelingen_prioriteit").set_value(2).run()
    card = next(m.value for m in at.markdown if m.value.startswith("**Voorstel 2a"))
    assert "Staat in het akkoord" in card and "Het akkoord belooft dit (alinea 2)" in card
    assert "Wij richten een kinderraad" in card
    assert agreements.judgements(store, rnd.id)["2a"].judgement == "bevestigd"
    # a choice is saved and says so
    at.radio(key=f"voorstel_status_{rnd.id}_2b").set_value("niet_voor_ons").run()
    assert any("Opgeslagen: voorstel 2b staat op ‘Niet voor ons’." in c.value for c in at.caption)


def test_a_choice_someone_else_changed_meanwhile_is_not_overwritten(new_session, db_path) -> None:
    from scan.content.models import ProposalStatus
    from scan.records.round import choices

    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/recommendations.py").run()
    at.selectbox(key="aanbevelingen_prioriteit").set_value(6).run()
    radio = at.radio(key=f"voorstel_status_{rnd.id}_6a")
    assert radio.value == "geen"
    # another griffier marks 6a as done while this screen still shows "no choice"
    choices.set_status(store, rnd.id, "6a", ProposalStatus.DONE)
    radio.set_value("kiezen").run()
    assert not at.exception
    assert choices.statuses(store, rnd.id) == {"6a": ProposalStatus.DONE}  # theirs stays
    assert [w.value for w in at.warning] == [
        "Iemand anders heeft de keuze voor voorstel 6a intussen veranderd in ‘Al gedaan’. Uw keuze is niet bewaard."
    ]
    # the screen now shows their choice (under "marked"); a choice made on it is saved
    marked = at.radio(key=f"voorstel_status_{rnd.id}_6a")
    assert marked.value == "al_gedaan"
    marked.set_value("kiezen").run()
    assert choices.statuses(store, rnd.id) == {"6a": ProposalStatus.CHOSEN} and not at.warning


def test_workshop_outcomes_show_on_the_cards_and_the_agenda(new_session, db_path) -> None:
    from scan.records.round import choices

    from .. import council

    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_workshop(store, rnd, people=6)  # the title holds Markdown and HTML: shown literally
    choices.set_status(store, rnd.id, "2a", "kiezen")
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/recommendations.py").run()
    at.selectbox(key="aanbevelingen_prioriteit").set_value(2).run()
    card = next(m.value for m in at.markdown if m.value.startswith("**Voorstel 2a"))
    assert "*Workshops:* 6 stippen in de workshop ‘Raadsavond \\<b\\>Vet\\</b\\>" in card
    assert "\\!\\[t\\]\\(http\u2060\\://x/track\\.png\\)" in card  # an image in a title never loads
    at.selectbox(key="aanbevelingen_prioriteit").set_value(1).run()
    card = next(m.value for m in at.markdown if m.value.startswith("**Voorstel 1a"))
    assert (
        "In de workshop ‘Raadsavond" in card
        and "over ‘Er is een democratiseringsagenda" in card
        and "\\(6 antwoorden\\)" in card
    )

    at.switch_page("scan/ui/pages/agenda.py").run()
    about = next(m.value for m in at.markdown if m.value.startswith("**Workshops:**"))
    assert "6 stippen in de workshop ‘Raadsavond \\<b\\>Vet\\</b\\>" in about

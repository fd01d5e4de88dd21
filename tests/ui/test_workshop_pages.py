"""AppTest: workshop participant, facilitator and projector pages; the presentation has no inputs."""

from __future__ import annotations

import pytest

from scan import answers as answer_store
from scan import rounds, workshop
from scan.questionbank import question_bank
from scan.sharing import create_share_link, revoke_all
from scan.storage import Store

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


@pytest.fixture
def live(db_path):
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    ws, secret = workshop.create(store, rnd.id, workshop.short_set(question_bank()), "Raadsavond")
    return store, rnd, ws, secret


@pytest.mark.parametrize("page", ["facilitate", "projector", "workshops", "results", "participants"])
def test_participant_link_never_opens_other_pages(new_session, live, page) -> None:
    _, _, ws, _ = live
    at = new_session(ws=ws.join_code, workshop=str(ws.id), gemeente="GM0355", jaar="2026")
    with pytest.raises(ValueError, match=r"Known pages: \['[^,]*workshop_join\.py'\]"):
        at.switch_page(f"scan/ui/pages/{page}.py")
    assert not [b for b in at.button if b.key and b.key.startswith("begeleider_")]


def test_participant_answers_changes_and_is_refused_after_close(new_session, live) -> None:
    store, _, ws, secret = live
    at = new_session(ws=ws.join_code)
    at.button(key="ws_meedoen").click().run()
    radio = at.radio(key="ws_antwoord_1.1")
    assert radio.disabled  # not opened yet
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    at.button(key="ws_vernieuw").click().run()
    at.radio(key="ws_antwoord_1.1").set_value(2).run()
    at.radio(key="ws_antwoord_1.1").set_value(3).run()
    assert workshop.tally(store, ws.id, "1.1").answered == 1
    workshop.set_status(store, ws.id, secret, "1.1", "closed")
    at.button(key="ws_vernieuw").click().run()
    assert at.radio(key="ws_antwoord_1.1").disabled
    assert "gesloten" in at.info[0].value


def test_facilitator_page_needs_the_pin(new_session, live) -> None:
    store, _, ws, secret = live
    at = new_session(workshop=str(ws.id))
    at.switch_page("scan/ui/pages/facilitate.py").run()
    assert not [b for b in at.button if b.key == "begeleider_open"]
    at.text_input(key="begeleider_pin_invoer").input(ws.join_code)
    at.button[0].click().run()  # the form's submit button
    assert "Alleen de begeleider" in at.error[0].value
    at.text_input(key="begeleider_pin_invoer").input(secret)
    at.button[0].click().run()
    at.button(key="begeleider_open").click().run()
    assert workshop.statuses(store, ws.id)["1.1"] == "open"


def test_projector_shows_exact_counts_after_reveal(new_session, live) -> None:
    store, _, ws, secret = live
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    for value in [1, 1, 3, 4, 4]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "1.1", value)
    at = new_session(workshop=str(ws.id))
    at.switch_page("scan/ui/pages/projector.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert "5 van 5 deelnemers hebben geantwoord" in text and "Weet niet:" not in text
    workshop.set_status(store, ws.id, secret, "1.1", "revealed")
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert (
        "1 · Verkend: 2" in text
        and "3 · In uitvoering: 1" in text
        and "4 · Verankerd en geëvalueerd: 2" in text
    )
    assert "Weet niet: 0" in text


def test_projector_withholds_a_distribution_of_fewer_than_five(new_session, live) -> None:
    store, _, ws, secret = live
    workshop.set_status(store, ws.id, secret, "1.1", "open")
    for value in [1, 3, 4]:
        _, token = workshop.join(store, ws.join_code)
        workshop.answer(store, ws.id, token, "1.1", value)
    workshop.set_status(store, ws.id, secret, "1.1", "revealed")
    assert workshop.tally(store, ws.id, "1.1").counts is None
    at = new_session(workshop=str(ws.id))
    at.switch_page("scan/ui/pages/projector.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert "te weinig antwoorden (n = 3)" in text and "Verkend:" not in text


def _widgets(at) -> list:
    return [w for kind in WIDGETS for w in at.get(kind)]


def test_presentation_has_no_input_widgets(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "6.1", 1)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/presentation.py").run()
    assert "Democratiescan Zeist 2026" in at.get("html")[0].proto.body
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
    assert "ingetrokken" in new_session(presentatie=token).error[0].value
    assert "werkt niet" in new_session(presentatie="verzonnen").error[0].value

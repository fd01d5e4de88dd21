"""AppTest, issue 26.8: the agenda page of a new round looks back on the previous agenda and carries its
open items over with one click; own items, a status with why, dated notes; stale statuses refused."""

from __future__ import annotations

from datetime import date

from scan.records.round import choices, follow_up, rounds
from scan.rules.agenda import own_key
from scan.storage.core import Store

from ..council import TYPED


def _shown(elements) -> list[str]:
    """What Markdown shows of escaped messages (typed text in them is escaped, so it stays text)."""
    return [e.value.replace("\\", "") for e in elements]


def _two_rounds(db_path):
    store = Store(db_path)
    earlier = rounds.start(store, "GM0355", 2024)
    for pid in ("2a", "6a"):
        choices.set_status(store, earlier.id, pid, "kiezen")
    own = follow_up.add_own_item(store, earlier.id, f"Wijkbudgetten {TYPED}", owner="Wethouder")
    follow_up.set_status(store, earlier.id, "2a", "klaar")
    follow_up.set_status(store, earlier.id, own_key(own), "loopt")
    follow_up.add_note(store, earlier.id, own_key(own), date(2025, 6, 1), f"Wijk 1 {TYPED}")
    rounds.close(store, earlier.id)
    rnd = rounds.start(store, "GM0355", 2026)
    return store, earlier, rnd, own


def test_the_new_round_looks_back_and_carries_the_open_items_once(new_session, db_path) -> None:
    store, _, rnd, own = _two_rounds(db_path)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/agenda.py").run()
    assert not at.exception and not at.error
    assert "Wat deden we met de agenda van 2024?" in [h.value for h in at.subheader]
    assert any("3 punten: 1 loopt, 1 klaar, 1 nog niet gestart." in m.value for m in at.markdown)
    # typed text in an expander's label and the notes: shown as text
    labels = [e.label for e in at.expander]
    shown = [label.replace("\\", "") for label in labels]  # what Markdown shows of the escaped label
    assert any("Eigen punt: Wijkbudgetten" in label and "Loopt · 1 notitie" in label for label in shown)
    assert any("\\<b\\>Vet\\</b\\>" in label for label in labels)  # markup escaped: shown as text
    carry = at.button(key=f"agenda_overnemen_{rnd.id}")
    assert carry.label == "Neem de open punten over in de agenda van 2026 (2)"
    carry.click().run()
    assert not at.exception and not at.error
    assert any("2 punten staan nu op de agenda hieronder." in s for s in _shown(at.success))
    assert choices.statuses(store, rnd.id) == {"6a": "kiezen"}
    (carried,) = follow_up.own_items(store, rnd.id)
    assert carried.carried_from == own and carried.owner == "Wethouder"
    assert f"agenda_overnemen_{rnd.id}" not in [b.key for b in at.button]  # no second carry
    assert any("Overgenomen op" in c.value for c in at.caption)
    # the carried own item is on this round's agenda, editable, with its status carried along
    assert at.text_input(key=f"agenda_{rnd.id}_{own_key(carried.id)}_title").value == f"Wijkbudgetten {TYPED}"
    assert at.radio(key=f"voortgang_{rnd.id}_{own_key(carried.id)}_stand").value == "loopt"


def test_own_items_status_and_notes_on_the_page(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/agenda.py").run()
    # an own item without a title is refused; what was typed stays
    at.text_input(key=f"agenda_nieuw_{rnd.id}_budget").input("€ 30.000")
    at.button(key=f"agenda_nieuw_knop_{rnd.id}").click().run()
    assert any("titel" in e for e in _shown(at.error)) and follow_up.own_items(store, rnd.id) == []
    assert at.text_input(key=f"agenda_nieuw_{rnd.id}_budget").value == "€ 30.000"
    at.text_input(key=f"agenda_nieuw_{rnd.id}_title").input("Wijkbudgetten")
    at.button(key=f"agenda_nieuw_knop_{rnd.id}").click().run()
    assert not at.exception and not at.error
    (own,) = follow_up.own_items(store, rnd.id)
    assert (own.title, own.budget) == ("Wijkbudgetten", "€ 30.000")
    key = own_key(own.id)
    assert at.text_input(key=f"agenda_{rnd.id}_{key}_budget").value == "€ 30.000"

    # gestopt needs a reason; then it is saved
    at.radio(key=f"voortgang_{rnd.id}_{key}_stand").set_value("gestopt")
    at.button(key=f"voortgang_{rnd.id}_{key}_bewaar_stand").click().run()
    assert any("waarom" in e for e in _shown(at.error)) and follow_up.progress(store, rnd.id) == {}
    at.text_input(key=f"voortgang_{rnd.id}_{key}_waarom").input("Geen geld")
    at.button(key=f"voortgang_{rnd.id}_{key}_bewaar_stand").click().run()
    assert follow_up.progress(store, rnd.id)[key].line == "Gestopt: Geen geld"

    # someone else changes the status meanwhile: this screen's change is refused and shows theirs
    follow_up.set_status(store, rnd.id, key, "loopt")
    at.radio(key=f"voortgang_{rnd.id}_{key}_stand").set_value("klaar")
    at.button(key=f"voortgang_{rnd.id}_{key}_bewaar_stand").click().run()
    assert any("intussen veranderd in ‘loopt’" in w for w in _shown(at.warning))
    assert follow_up.progress(store, rnd.id)[key].status.value == "loopt"
    assert at.radio(key=f"voortgang_{rnd.id}_{key}_stand").value == "loopt"

    # a dated note, shown as text
    at.text_input(key=f"voortgang_{rnd.id}_{key}_notitie").input(f"Eerste wijk {TYPED}")
    at.button(key=f"voortgang_{rnd.id}_{key}_bewaar_notitie").click().run()
    (note,) = follow_up.progress(store, rnd.id)[key].notes
    assert note.text == f"Eerste wijk {TYPED}" and note.noted_on == date.today()
    assert at.text_input(key=f"voortgang_{rnd.id}_{key}_notitie").value == ""

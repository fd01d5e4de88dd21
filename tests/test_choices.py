"""Proposal choices and agenda fields: validated, and decided inside their own transaction."""

from __future__ import annotations

import pytest

from scan.base.errors import ScanError
from scan.content.models import ProposalStatus
from scan.records.round import choices, rounds
from scan.storage.core import Store

from .held_write import race


def test_statuses_are_an_enum_with_labels(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    choices.set_status(store, rnd.id, "6a", ProposalStatus.CHOSEN)
    choices.set_status(store, rnd.id, "6b", "al_gedaan")
    found = choices.statuses(store, rnd.id)
    assert found == {"6a": ProposalStatus.CHOSEN, "6b": ProposalStatus.DONE}
    assert [s.label for s in found.values()] == ["Kiezen", "Al gedaan"]
    assert found["6b"].excludes and not found["6a"].excludes
    choices.set_status(store, rnd.id, "6b", None)
    assert "6b" not in choices.statuses(store, rnd.id)


@pytest.mark.parametrize(
    ("pid", "status", "message"), [("9z", "kiezen", "bestaat niet"), ("6a", "ja", "Onbekende keuze")]
)
def test_bad_choices_are_refused(store: Store, pid, status, message) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    with pytest.raises(ScanError, match=message):
        choices.set_status(store, rnd.id, pid, status)
    assert choices.statuses(store, rnd.id) == {}


def test_agenda_fields_only_for_chosen_proposals(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    with pytest.raises(ScanError, match="niet gekozen"):
        choices.save_agenda_field(store, rnd.id, "6a", goal="Fonds")
    choices.set_status(store, rnd.id, "6a", "kiezen")
    choices.save_agenda_field(store, rnd.id, "6a", goal="Fonds")
    choices.save_agenda_field(store, rnd.id, "6a", owner="Griffie")
    edits = choices.agenda_edits(store, rnd.id)["6a"]
    assert (edits["goal"], edits["owner"]) == ("Fonds", "Griffie")
    with pytest.raises(ScanError, match="Onbekend veld"):
        choices.save_agenda_field(store, rnd.id, "6a", colour="rood")


def test_an_agenda_edit_for_a_proposal_unchosen_meanwhile_is_refused(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    choices.set_status(store, rnd.id, "6a", "kiezen")
    outcome = race(
        store.path,
        [("DELETE FROM proposal_status WHERE round_id = ? AND proposal_id = '6a'", [rnd.id])],
        lambda: choices.save_agenda_field(store, rnd.id, "6a", goal="Fonds"),
    )
    assert isinstance(outcome, ScanError) and "niet gekozen" in str(outcome)
    assert choices.agenda_edits(store, rnd.id) == {}


def test_choices_cannot_change_in_a_closed_round(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    rounds.close(store, rnd.id)
    with pytest.raises(ScanError, match="gesloten"):
        choices.set_status(store, rnd.id, "6a", "kiezen")


def test_agenda_and_choice_edits_on_a_stale_screen_are_refused(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    choices.set_status(store, rnd.id, "6a", "kiezen", expected=None)
    with pytest.raises(choices.StaleChoice, match="intussen veranderd in ‘Kiezen’"):
        choices.set_status(store, rnd.id, "6a", "niet_voor_ons", expected=None)
    choices.save_agenda_field(store, rnd.id, "6a", expected={"goal": None}, goal="Fonds vanaf 2027")
    with pytest.raises(choices.StaleChoice, match="Fonds vanaf 2027"):
        choices.save_agenda_field(store, rnd.id, "6a", expected={"goal": None}, goal="Iets anders")
    assert choices.agenda_edits(store, rnd.id)["6a"]["goal"] == "Fonds vanaf 2027"
    assert choices.statuses(store, rnd.id)["6a"] == ProposalStatus.CHOSEN

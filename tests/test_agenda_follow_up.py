"""Issue 26.8: the agenda is followed up. Own items with owner, planning and budget; a status per item
(gestart, loopt, klaar, gestopt with why) and dated notes; the next round shows what happened with the
previous agenda and carries its open items forward once; the report has a section on it."""

from __future__ import annotations

import io
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scan.base.errors import ScanError
from scan.content.questionbank import question_bank
from scan.records.round import choices, follow_up, rounds
from scan.records.round.choices import StaleChoice
from scan.rules.agenda import ItemStatus, own_key, to_plain_text
from scan.storage.core import Store
from scan.views import agenda as agenda_views
from scan.views import plan
from scan.views import round as round_views
from scan.views.report import report_data, to_docx, to_html

from .council import TYPED


def _round(store: Store, year: int = 2024, chosen: tuple[str, ...] = ("2a", "6a")) -> rounds.Round:
    rnd = rounds.start(store, "GM0355", year)
    for pid in chosen:
        choices.set_status(store, rnd.id, pid, "kiezen")
    return rnd


# --- own items ------------------------------------------------------------------------------------


def test_an_own_item_has_owner_planning_and_budget_and_shows_in_the_agenda(store: Store) -> None:
    rnd = _round(store)
    item_id = follow_up.add_own_item(
        store,
        rnd.id,
        "Wijkbudgetten",
        goal="Drie wijken beslissen zelf",
        owner="Wethouder",
        timeline="2025",
        budget="€ 30.000",
    )
    (own,) = follow_up.own_items(store, rnd.id)
    assert (own.id, own.title, own.budget) == (item_id, "Wijkbudgetten", "€ 30.000")
    items = agenda_views.agenda(store, rnd).items
    assert [i.key for i in items] == ["2a", "6a", own_key(item_id)]
    last = items[-1]
    assert last.heading == "Eigen punt: Wijkbudgetten" and last.text == ""
    assert ("Budget", "€ 30.000") in last.fields
    text = to_plain_text(items, "Zeist", 2024, date(2024, 5, 1))
    assert "Eigen punt: Wijkbudgetten\nDoel: Drie wijken beslissen zelf\nEigenaar: Wethouder\n" in text
    assert "Budget: € 30.000" in text


def test_own_items_refuse_what_the_app_would_never_store(store: Store) -> None:
    rnd = _round(store)
    before = store.counts()
    for title, fields, message in [
        ("   ", {}, "titel"),
        ("x" * 201, {}, "hoogstens 200"),
        ("Punt", {"goal": "a\x00b"}, "stuurteken"),
        ("Punt", {"colour": "rood"}, "Onbekend veld"),
    ]:
        with pytest.raises(ScanError, match=message):
            follow_up.add_own_item(store, rnd.id, title, **fields)
    rounds.close(store, rnd.id)
    with pytest.raises(ScanError, match="gesloten"):
        follow_up.add_own_item(store, rnd.id, "Punt")
    assert store.counts() == before


def test_an_own_item_edit_on_a_stale_screen_is_refused(store: Store) -> None:
    rnd = _round(store)
    item_id = follow_up.add_own_item(store, rnd.id, "Wijkbudgetten", budget="€ 10.000")
    follow_up.save_own_field(store, rnd.id, item_id, expected={"budget": "€ 10.000"}, budget="€ 20.000")
    with pytest.raises(StaleChoice, match=r"‘€ 20\.000’\. Uw tekst is niet bewaard: ‘€ 5\.000’"):
        follow_up.save_own_field(store, rnd.id, item_id, expected={"budget": "€ 10.000"}, budget="€ 5.000")
    assert follow_up.own_items(store, rnd.id)[0].budget == "€ 20.000"


def test_deleting_an_own_item_takes_its_status_and_notes_along(store: Store) -> None:
    rnd = _round(store)
    item_id = follow_up.add_own_item(store, rnd.id, "Wijkbudgetten")
    follow_up.set_status(store, rnd.id, own_key(item_id), "loopt")
    follow_up.add_note(store, rnd.id, own_key(item_id), date(2024, 3, 1), "Eerste wijk gestart")
    follow_up.delete_own_item(store, rnd.id, item_id)
    counts = store.counts()
    assert counts["agenda_own_items"] == counts["agenda_follow_up"] == counts["agenda_notes"] == 0
    with pytest.raises(ScanError, match="niet \\(meer\\) op de agenda"):
        follow_up.set_status(store, rnd.id, own_key(item_id), "loopt")


# --- status and notes ------------------------------------------------------------------------------


def test_a_status_per_item_and_gestopt_needs_a_reason(store: Store) -> None:
    rnd = _round(store)
    for status in ItemStatus:
        follow_up.set_status(store, rnd.id, "2a", status, "geen geld" if status is ItemStatus.STOPPED else "")
        assert follow_up.progress(store, rnd.id)["2a"].status is status
    assert follow_up.progress(store, rnd.id)["2a"].line == "Gestopt: geen geld"
    before = store.counts(), follow_up.progress(store, rnd.id)
    with pytest.raises(ScanError, match="waarom"):
        follow_up.set_status(store, rnd.id, "6a", "gestopt", "   ")
    with pytest.raises(ScanError, match="Onbekende stand"):
        follow_up.set_status(store, rnd.id, "6a", "half")
    with pytest.raises(ScanError, match="niet op de agenda"):
        follow_up.set_status(store, rnd.id, "1a", "loopt")  # not chosen in this round
    with pytest.raises(ScanError, match="bestaat niet"):
        follow_up.set_status(store, rnd.id, "eigen-x", "loopt")
    assert (store.counts(), follow_up.progress(store, rnd.id)) == before
    follow_up.set_status(store, rnd.id, "2a", None)  # back to "nog niet gestart"
    assert "2a" not in follow_up.progress(store, rnd.id)


def test_a_status_change_on_a_stale_screen_is_refused(store: Store) -> None:
    rnd = _round(store)
    follow_up.set_status(store, rnd.id, "2a", "loopt", expected=(None, ""))
    with pytest.raises(StaleChoice, match="intussen veranderd in ‘loopt’"):
        follow_up.set_status(store, rnd.id, "2a", "klaar", expected=(None, ""))
    assert follow_up.progress(store, rnd.id)["2a"].status is ItemStatus.RUNNING
    follow_up.set_status(store, rnd.id, "2a", "klaar", expected=("loopt", ""))
    assert follow_up.progress(store, rnd.id)["2a"].status is ItemStatus.DONE


def test_following_up_goes_on_after_the_round_closed(store: Store) -> None:
    rnd = _round(store)
    rounds.close(store, rnd.id)
    follow_up.set_status(store, rnd.id, "2a", "gestart")
    follow_up.add_note(store, rnd.id, "2a", date(2025, 1, 10), "Burgerberaad voorbereid")
    assert follow_up.progress(store, rnd.id)["2a"].notes[0].line == "10 januari 2025: Burgerberaad voorbereid"


def test_notes_are_dated_in_the_past_and_kept_in_date_order(store: Store) -> None:
    rnd = _round(store)
    follow_up.add_note(store, rnd.id, "2a", date(2025, 3, 1), "Tweede")
    follow_up.add_note(store, rnd.id, "2a", date(2024, 11, 1), TYPED)
    assert [n.text for n in follow_up.progress(store, rnd.id)["2a"].notes] == [TYPED, "Tweede"]
    before = store.counts()
    with pytest.raises(ScanError, match="vandaag of eerder"):
        follow_up.add_note(store, rnd.id, "2a", date.today() + timedelta(days=1), "Later")
    with pytest.raises(ScanError, match="Schrijf eerst op"):
        follow_up.add_note(store, rnd.id, "2a", date(2025, 3, 1), "  \n ")
    assert store.counts() == before


# --- the next round: what happened, and carrying the open items ---------------------------------------


def test_the_next_round_shows_what_happened_with_the_previous_agenda(store: Store) -> None:
    earlier = _round(store, 2024, ("2a", "6a", "8b"))
    own = follow_up.add_own_item(store, earlier.id, f"Wijkbudgetten {TYPED}")
    follow_up.set_status(store, earlier.id, "2a", "klaar")
    follow_up.set_status(store, earlier.id, "6a", "gestopt", "Geen lokale krant meer")
    follow_up.set_status(store, earlier.id, own_key(own), "loopt")
    follow_up.add_note(store, earlier.id, own_key(own), date(2025, 6, 1), f"Wijk 1 {TYPED}")
    rnd = rounds.start(store, "GM0355", 2026)
    previous = agenda_views.agenda(store, rnd).previous
    assert previous is not None and previous.heading == "Wat deden we met de agenda van 2024?"
    assert previous.summary == "4 punten: 1 loopt, 1 klaar, 1 gestopt, 1 nog niet gestart."
    assert [i.key for i in previous.open_items] == ["8b", own_key(own)]
    assert previous.carry is None
    step = plan.steps(store, question_bank(), rnd, 2026)[1]
    assert step.title == "Wat deden we met de agenda van 2024?" and step.optional and not step.done
    assert step.status == "2 van 4 punten staan nog open, nog niet overgenomen"
    # no previous round, or an empty previous agenda: nothing to look back on
    assert agenda_views.agenda(store, earlier).previous is None
    assert plan.steps(store, question_bank(), earlier, 2024)[1].title == "De zelfscan invullen"


def test_a_previous_agenda_of_one_item_is_counted_in_the_singular(store: Store) -> None:
    """The plan said "1 van 1 punten staan nog open" and "alle 1 punten klaar of gestopt"."""
    earlier = _round(store, 2024, ("2a",))
    rnd = rounds.start(store, "GM0355", 2026)

    def status() -> str:
        return plan.steps(store, question_bank(), rnd, 2026)[1].status

    assert agenda_views.agenda(store, rnd).previous.summary == "1 punt: 1 nog niet gestart."
    assert status() == "1 van 1 punt staat nog open, nog niet overgenomen"
    follow_up.set_status(store, earlier.id, "2a", "klaar")
    assert status() == "1 punt klaar of gestopt"


def test_a_previous_agenda_all_done_says_all(store: Store) -> None:
    # "alle 2 punten klaar of gestopt": nothing of the previous agenda is left open (the sweep had dropped "alle")
    earlier = _round(store, 2024, ("2a", "3b"))
    rnd = rounds.start(store, "GM0355", 2026)
    for pid in ("2a", "3b"):
        follow_up.set_status(store, earlier.id, pid, "klaar")
    assert plan.steps(store, question_bank(), rnd, 2026)[1].status == "alle 2 punten klaar of gestopt"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    proposals=st.lists(st.sampled_from([None, *ItemStatus]), min_size=0, max_size=4),
    own=st.lists(st.sampled_from([None, *ItemStatus]), min_size=0, max_size=3),
)
def test_carrying_forward_takes_exactly_the_open_items_once(proposals, own) -> None:
    """Whatever the statuses, the open items (no status, gestart, loopt) come over with their status,
    klaar and gestopt stay behind, and a second click carries nothing twice."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "scan.sqlite")
        pids = ["1a", "2a", "6a", "8b"][: len(proposals)]
        earlier = _round(store, 2024, tuple(pids))
        statuses = dict(zip(pids, proposals, strict=True))
        for n, status in enumerate(own):
            statuses[own_key(follow_up.add_own_item(store, earlier.id, f"Punt {n}", budget=str(n)))] = status
        for key, status in statuses.items():
            follow_up.set_status(store, earlier.id, key, status, "reden")
        rnd = rounds.start(store, "GM0355", 2026)
        count = follow_up.carry_forward(store, rnd.id)
        is_open = {key for key, status in statuses.items() if status is None or status.is_open}
        items = agenda_views.agenda(store, rnd).items
        assert count == len(items) == len(is_open)
        assert {i.key for i in items if i.proposal} == {k for k in is_open if not k.startswith("eigen-")}
        titles = {f"Punt {n}" for n, s in enumerate(own) if s is None or s.is_open}
        assert {i.title for i in items if i.own} == titles
        assert all(i.own.carried_from is not None for i in items if i.own)
        carried_status = {i.title: i.progress.status for i in items}
        old_titles = {i.key: i.title for i in agenda_views.agenda(store, earlier).items}
        assert carried_status == {old_titles[key]: statuses[key] for key in is_open}
        before = store.counts()
        with pytest.raises(ScanError, match="al overgenomen"):
            follow_up.carry_forward(store, rnd.id)
        assert store.counts() == before
        assert follow_up.carried(store, rnd.id).items == count


def test_carrying_forward_keeps_the_new_round_s_own_decisions(store: Store) -> None:
    earlier = _round(store, 2024, ("2a", "6a"))
    choices.save_agenda_field(store, earlier.id, "2a", goal="Burgerberaad over wonen", owner="Raad")
    rnd = _round(store, 2026, ())
    choices.set_status(store, rnd.id, "6a", "niet_voor_ons")
    assert follow_up.carry_forward(store, rnd.id) == 1
    assert choices.statuses(store, rnd.id) == {"2a": "kiezen", "6a": "niet_voor_ons"}
    assert choices.agenda_edits(store, rnd.id)["2a"]["goal"] == "Burgerberaad over wonen"


def test_carrying_needs_a_previous_round_and_an_open_one(store: Store) -> None:
    first = _round(store, 2024, ())
    before = store.counts()
    with pytest.raises(ScanError, match="geen eerdere scanronde"):
        follow_up.carry_forward(store, first.id)
    later = _round(store, 2026, ())
    rounds.close(store, later.id)
    with pytest.raises(ScanError, match="gesloten"):
        follow_up.carry_forward(store, later.id)
    assert store.counts()["agenda_carries"] == before["agenda_carries"] == 0


def test_following_up_the_old_agenda_moves_the_new_round_s_version(store: Store) -> None:
    """The next round's screens show the old agenda's status: a cached view of it must be redrawn."""
    earlier = _round(store, 2024, ("2a",))
    rnd = rounds.start(store, "GM0355", 2026)
    other = rounds.start(store, "GM0080", 2026)
    before, other_before = rounds.by_id(store, rnd.id).version, rounds.by_id(store, other.id).version
    follow_up.set_status(store, earlier.id, "2a", "loopt")
    assert rounds.by_id(store, rnd.id).version != before
    assert rounds.by_id(store, other.id).version == other_before  # another municipality: untouched


# --- the report's section -------------------------------------------------------------------------------


def test_the_report_tells_what_happened_with_the_previous_agenda(store: Store) -> None:
    earlier = _round(store, 2024, ("2a",))
    own = follow_up.add_own_item(store, earlier.id, f"Wijkbudgetten {TYPED}")
    follow_up.set_status(store, earlier.id, "2a", "gestopt", f"Geen geld {TYPED}")
    follow_up.add_note(store, earlier.id, own_key(own), date(2025, 6, 1), f"Wijk 1 {TYPED}")
    rnd = rounds.start(store, "GM0355", 2026)
    follow_up.carry_forward(store, rnd.id)
    data = report_data(round_views.round_view(store, rnd), today=date(2026, 5, 1))
    html = to_html(data)
    section = html[html.index('id="h-vorige-agenda"') : html.index('id="h-agenda"')]
    assert "Wat deden we met de agenda van 2024?" in section
    assert "Gestopt: Geen geld &lt;b&gt;Vet&lt;/b&gt;" in section and "<b>Vet</b>" not in html  # as text
    assert "1 juni 2025: Wijk 1" in section and "1 open punt is meegenomen" in section
    doc = Document(io.BytesIO(to_docx(data)))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Wat deden we met de agenda van 2024?" in headings
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Punt")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    title = question_bank().proposal("2a").title
    assert rows[0] == [f"{title} (voorstel 2a)", f"Gestopt: Geen geld {TYPED}", "–"]
    assert rows[1] == [
        f"Wijkbudgetten {TYPED} (eigen punt)",
        "Nog niet gestart",
        f"1 juni 2025: Wijk 1 {TYPED}",
    ]
    # the carried item is on this round's agenda, in the report too
    assert "Wijkbudgetten &lt;b&gt;Vet&lt;/b&gt;" in html[html.index('id="h-agenda"') :]

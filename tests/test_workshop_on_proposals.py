"""Issue 16.6: what the round's workshops published shows on the proposals and the agenda, assembled
once in scan/views.py: the dots per proposal and the distributions of the questions that measure it,
only figures over at least five people (the workshop domain's own rule)."""

from __future__ import annotations

import re
from datetime import date

from scan.content.questionbank import question_bank
from scan.records.round import choices, rounds
from scan.rules.agenda import to_plain_text
from scan.storage.core import Store
from scan.views import agenda as agenda_views
from scan.views import workshops as workshop_views

from . import council

TITLE = "Raadsavond"


def test_votes_and_distributions_reach_the_proposals_they_are_about(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_workshop(store, rnd, people=6, title=TITLE)
    says = workshop_views.workshop_says(workshop_views.workshop_outcomes(store, rnd))
    assert says["2a"].votes == ((TITLE, 6, 6),) and says["6a"].votes == ((TITLE, 3, 6),)
    # 1.1 was revealed: its distribution belongs to 1a, which it measures; 2.1 was never shown
    (spread,) = says["1a"].spreads
    assert spread[:3] == (TITLE, question_bank().question("1.1").statement.rstrip("."), 6)
    assert sum(n for _, n in spread[3]) == 6
    assert says["2a"].spreads == () and set(says) == {"1a", "2a", "6a"}
    assert says["2a"].lines == ["6 stippen in de workshop ‘Raadsavond’ (6 deelnemers stemden)"]
    # in the question's own words and the levels' names: no "Vraag 1.1", no "1 · " (issue 26.6)
    line = says["1a"].lines[0]
    assert line.startswith(
        f"In de workshop ‘Raadsavond’ over ‘{question_bank().question('1.1').statement.rstrip('.')}’ (6 antwoorden): "
    )
    assert not re.search(r"Vraag \d|\d · |niveau \d", line), line


def test_fewer_than_five_people_publish_nothing(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_workshop(store, rnd, people=4, title=TITLE)
    assert workshop_views.workshop_says(workshop_views.workshop_outcomes(store, rnd)) == {}
    choices.set_status(store, rnd.id, "2a", "kiezen")
    (item,) = agenda_views.agenda(store, rnd).items
    assert item.workshop_lines == []


def test_the_agenda_and_its_downloads_carry_the_workshop_lines(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_workshop(store, rnd, people=6, title=TITLE)
    for pid in ("1a", "2a"):
        choices.set_status(store, rnd.id, pid, "kiezen")
    agenda = agenda_views.agenda(store, rnd)
    lines = {item.proposal.id: item.workshop_lines for item in agenda.items}
    assert lines["2a"] == ["6 stippen in de workshop ‘Raadsavond’ (6 deelnemers stemden)"]
    assert lines["1a"][0].startswith("In de workshop ‘Raadsavond’ over ‘Er is een democratiseringsagenda")
    text = to_plain_text(agenda.items, "Zeist", 2026, date(2026, 5, 1))
    assert "\nWorkshop: 6 stippen in de workshop ‘Raadsavond’ (6 deelnemers stemden)\n" in text

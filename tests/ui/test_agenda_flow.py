"""AppTest: choose three proposals, edit the agenda, come back, download it as .docx."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from scan.base.errors import ScanError
from scan.base.formatting import nl_date
from scan.records.round import answers as answer_store
from scan.records.round import choices, rounds
from scan.storage.core import Store

CHOSEN = ["1a", "6a", "8b"]


def test_agenda_round_trip(new_session, db_path, downloads) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    answer_store.save(store, rnd.id, "6.1", 0)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/recommendations.py").run()
    assert not at.exception
    for pid in [*CHOSEN, "6b"]:
        # the cards show one priority at a time
        at.selectbox(key="aanbevelingen_prioriteit").set_value(int(pid[0])).run()
        choice = "al_gedaan" if pid == "6b" else "kiezen"
        at.radio(key=f"voorstel_status_{rnd.id}_{pid}").set_value(choice).run()
    assert choices.statuses(store, rnd.id) == {
        "1a": "kiezen",
        "6a": "kiezen",
        "8b": "kiezen",
        "6b": "al_gedaan",
    }

    at.switch_page("scan/ui/pages/agenda.py").run()
    assert not at.exception
    assert at.text_area(key=f"agenda_{rnd.id}_6a_text").value.startswith(
        "Zeist richt een fonds op voor lokale journalistiek"
    )
    # the goal says what the answers ask for, not the proposal's title again
    goal = at.text_area(key=f"agenda_{rnd.id}_6a_goal").value
    assert goal.startswith("Vraag 6.1 naar niveau 3 (nu niveau 0): ") and "Richt een fonds op" not in goal
    at.text_area(key=f"agenda_{rnd.id}_6a_goal").input("Een mediafonds vanaf 2027").run()
    assert any(c.value.endswith("Opgeslagen: Doel van voorstel 6a.") for c in at.caption)
    at.text_input(key=f"agenda_{rnd.id}_8b_owner").input("Raadscommissie Bestuur").run()

    again = new_session(gemeente="GM0355", jaar="2026")  # reload: a fresh session on the same database
    again.switch_page("scan/ui/pages/agenda.py").run()
    assert again.text_area(key=f"agenda_{rnd.id}_6a_goal").value == "Een mediafonds vanaf 2027"
    assert again.text_input(key=f"agenda_{rnd.id}_8b_owner").value == "Raadscommissie Bestuur"
    assert [b.proto.label for b in again.get("download_button")] == [
        "Download als Word (.docx)",
        "Download als Markdown",
    ]

    # what the download button hands out
    doc = Document(io.BytesIO(downloads["democratiseringsagenda-zeist-2026.docx"]))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "Democratiseringsagenda Zeist" in text
    for pid in CHOSEN:
        assert f"Voorstel {pid}:" in text
    assert "Voorstel 6b" not in text
    assert "Een mediafonds vanaf 2027" in text and nl_date(date.today()) in text
    markdown = downloads["democratiseringsagenda-zeist-2026.md"].decode("utf-8")
    assert markdown.count("## Voorstel ") == 3


def test_agenda_refuses_edits_to_unchosen_proposals(db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    before = store.counts()
    with pytest.raises(ScanError, match="niet gekozen"):
        choices.save_agenda_field(store, rnd.id, "6a", goal="x")
    assert store.counts() == before
    choices.set_status(store, rnd.id, "6a", "kiezen")
    before = store.counts()
    with pytest.raises(ScanError, match="Onbekend veld"):
        choices.save_agenda_field(store, rnd.id, "6a", budget="1000")
    with pytest.raises(ScanError, match="Onbekende keuze"):
        choices.set_status(store, rnd.id, "6a", "misschien")
    assert store.counts() == before


def _agenda_with_6a(new_session, db_path):
    """A round with proposal 6a chosen, and its agenda page open."""
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    choices.set_status(store, rnd.id, "6a", "kiezen")
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/agenda.py").run()
    return store, rnd, at


def test_an_agenda_field_someone_else_changed_keeps_both_texts(new_session, db_path) -> None:
    store, rnd, at = _agenda_with_6a(new_session, db_path)
    key = f"agenda_{rnd.id}_6a_goal"
    # another griffier saves a goal while this screen still shows the suggestion
    choices.save_agenda_field(store, rnd.id, "6a", goal="Fonds per 2027, met de provincie")
    at.text_area(key=key).input("Mediafonds in de begroting van 2028").run()
    assert not at.exception and not at.error
    assert choices.agenda_edits(store, rnd.id)["6a"]["goal"] == "Fonds per 2027, met de provincie"
    (warning,) = at.warning
    shown = warning.value.replace("\\", "")  # typed text is shown literally: Markdown escaped
    assert "intussen veranderd in: ‘Fonds per 2027, met de provincie’" in shown
    assert "Uw tekst is niet bewaard: ‘Mediafonds in de begroting van 2028’" in shown  # nothing typed is lost
    assert at.text_area(key=key).value == "Fonds per 2027, met de provincie"  # the field shows theirs
    assert not any("Opgeslagen" in c.value for c in at.caption)

    # keep one's own text after all, knowingly
    at.button(key=f"agenda_mijn_{rnd.id}_6a_goal").click().run()
    assert choices.agenda_edits(store, rnd.id)["6a"]["goal"] == "Mediafonds in de begroting van 2028"
    assert at.text_area(key=key).value == "Mediafonds in de begroting van 2028" and not at.warning
    assert any("Opgeslagen: Doel van voorstel 6a." in c.value for c in at.caption)

    # or keep theirs: the own text is dropped, nothing is written
    choices.save_agenda_field(store, rnd.id, "6a", goal="Toch per 2027")
    at.text_area(key=key).input("Nog eens anders").run()
    assert at.warning and at.text_area(key=key).value == "Toch per 2027"
    at.button(key=f"agenda_hunne_{rnd.id}_6a_goal").click().run()
    assert not at.warning and choices.agenda_edits(store, rnd.id)["6a"]["goal"] == "Toch per 2027"


def test_a_change_by_someone_else_shows_up_on_the_next_run(new_session, db_path) -> None:
    store, rnd, at = _agenda_with_6a(new_session, db_path)
    choices.save_agenda_field(store, rnd.id, "6a", owner="Griffie en raad")
    at.run()
    assert at.text_input(key=f"agenda_{rnd.id}_6a_owner").value == "Griffie en raad"

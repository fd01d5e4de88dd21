"""AppTest (issue 26.9): personal codes as a list to mail-merge, the closing date, the reminder, response
"n van N" on Deelnemers and Rollen, and the respondent page refusing a used personal code."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from scan.content.questionbank import question_bank
from scan.records.round import respondents, rounds
from scan.storage.core import Store

from .tables import markdown_tables


def _participants(new_session, db_path):
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/participants.py").run()
    return store, rnd, at


def _response_table(at):
    return next(t for t in markdown_tables(at) if "Respons" in t.columns)


def test_personal_codes_come_as_a_list_to_mail_merge(new_session, db_path, downloads) -> None:
    store, _, at = _participants(new_session, db_path)
    at.selectbox(key="deelnemers_rol").set_value("raad").run()
    at.number_input(key="deelnemers_aantal_persoonlijk").set_value(3).run()
    at.button(key="deelnemers_maak_persoonlijk").click().run()
    assert not at.exception and not at.error
    assert any(m.value.startswith("**3 persoonlijke codes voor gemeenteraad**") for m in at.markdown)
    (name,) = [n for n in downloads if n.startswith("persoonlijke-codes-")]
    assert name == "persoonlijke-codes-zeist-2026-raad.csv"
    rows = list(csv.reader(io.StringIO(downloads[name].decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nummer", "Rol", "Code", "Link"] and len(rows) == 4
    template = next(c.value for c in at.code if "«Link»" in c.value)
    assert template.startswith("Beste raadsleden,") and "«Code»" in template
    respondents.join(store, rows[1][2])  # a code from the list works, once
    at.run()
    table = _response_table(at)
    raad = table[table["Rol"] == "Gemeenteraad"].iloc[0]
    # no one sent yet; the council's size is its 33 seats (Kiesraad) as long as the griffier types none
    assert (raad["Begonnen"], raad["Klaar"], raad["Respons"]) == ("0", "0", "0 van 33")
    assert raad["Persoonlijke codes gebruikt"] == "1 van 3"
    assert any("persoonlijk, gebruikt" in m.value for m in at.markdown)


def test_a_bad_number_of_personal_codes_is_refused_on_the_page(new_session, db_path) -> None:
    store, rnd, at = _participants(new_session, db_path)
    at.button(key="deelnemers_maak_persoonlijk").click().run()  # no number typed
    assert "aantal persoonlijke codes" in at.error[0].value
    assert respondents.invites_for(store, rnd.id) == []


def test_expected_sizes_closing_date_and_reminder(new_session, db_path) -> None:
    store, rnd, at = _participants(new_session, db_path)
    assert at.number_input(key="deelnemers_verwacht_raad").value is None
    at.number_input(key="deelnemers_verwacht_inwoners").set_value(1200)
    at.button(key="FormSubmitter:deelnemers_verwacht-Aantallen opslaan").click().run()
    assert respondents.expected_sizes(store, rnd.id) == {"inwoners": 1200}
    respondents.create_invite(store, rnd.id, "inwoners")
    at.run()
    table = _response_table(at)
    assert table[table["Rol"] == "Inwoners"].iloc[0]["Respons"] == "0 van 1.200"

    last = rounds.today() + timedelta(days=10)
    at.date_input(key="deelnemers_sluitdatum").set_value(last).run()
    at.button(key="deelnemers_sluitdatum_opslaan").click().run()
    assert rounds.by_id(store, rnd.id).respond_until == last.isoformat()
    at.selectbox(key="deelnemers_herinnering_rol").set_value("inwoners").run()
    reminder = next(c.value for c in at.code if "herinnering" in c.value)
    assert reminder.startswith("Beste inwoner,") and "sluit na" in reminder
    assert any("Daarna sluit de vragenlijst vanzelf" in m.value for m in at.markdown)
    at.button(key="deelnemers_sluitdatum_weg").click().run()
    assert rounds.by_id(store, rnd.id).respond_until is None


def test_the_roles_page_says_how_many_took_part(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    codes = respondents.create_personal_invites(store, rnd.id, "raad", 6)
    for code in codes[:5]:
        _, token = respondents.join(store, code)
        for q in question_bank().questions_for_role("raad"):
            respondents.answer(store, code, token, q.id, 4)
        respondents.finish(store, code, token)
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/voices.py").run()
    assert not at.exception
    assert any("Wie deden mee?** 5 van de 33 raadsleden deden mee (15%)." in m.value for m in at.markdown)


def test_a_used_personal_code_is_refused_without_its_link(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    (code,) = respondents.create_personal_invites(store, rnd.id, "raad", 1)
    first = new_session(code=code)
    first.button(key="deelnemer_begin").click().run()
    token = first.query_params["r"]
    token = token[0] if isinstance(token, list) else token
    assert not first.error
    before = store.counts()
    again = new_session(code=code)  # another browser, or the griffier who holds the list
    assert "al gebruikt" in again.error[0].value
    assert not again.button and store.counts() == before
    resumed = new_session(code=code, r=token)  # the link the respondent started with goes on
    assert not resumed.error and resumed.radio


def test_after_the_closing_date_the_page_says_so(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "raad")
    with store.write() as db:
        yesterday = (rounds.today() - timedelta(days=1)).isoformat()
        db.execute("UPDATE rounds SET respond_until = ? WHERE id = ?", [yesterday, rnd.id])
    at = new_session(code=code)
    assert "stond open tot en met" in at.error[0].value


def test_one_personal_code_is_named_in_the_singular(new_session, db_path) -> None:
    """The page said "1 persoonlijke codes voor inwoners"."""
    _, _, at = _participants(new_session, db_path)
    at.selectbox(key="deelnemers_rol").set_value("inwoners").run()
    at.number_input(key="deelnemers_aantal_persoonlijk").set_value(1).run()
    at.button(key="deelnemers_maak_persoonlijk").click().run()
    assert any(m.value.startswith("**1 persoonlijke code voor inwoners**") for m in at.markdown)

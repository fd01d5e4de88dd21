"""AppTest: the griffier's path (start page, the year, Deelnemers), the respondent's code page, hard
words per question, tips with their examples, and the accessibility statement."""

from __future__ import annotations

import json
from datetime import date

import pytest

from scan.base.rhythm import suggested_year
from scan.content.models import ProposalStatus
from scan.content.questionbank import question_bank
from scan.records.round import answers as answer_store
from scan.records.round import choices, respondents, rounds
from scan.storage.core import Store

BANK = question_bank()


def _text(at) -> str:
    return " ".join(str(e.proto) for e in at.main)


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_start_page_shows_the_path_before_any_choice(new_session) -> None:
    at = new_session()
    text = _markdown(at)
    for step in (
        "Scanronde starten",
        "De zelfscan invullen",
        "Anderen uitnodigen",
        "Een workshop houden",
        "Resultaten bekijken en vergelijken",
        "Voorstellen kiezen",
        "De agenda maken",
        "Naar de raad",
    ):
        assert f"**{step}**" in text, step
    assert "30–45 minuten" in text
    assert "college, ambtenaren, gemeenteraad, inwoners en maatschappelijke partners" in text
    assert "hier bent u nu" in text.split("**Scanronde starten**")[1].split("\n")[0]
    # the facts as they are: the Thorbecke2024 editors within the VNG project; tip 7 names a scan as one way
    assert "redactie van Thorbecke2024, een project binnen de VNG" in text
    assert "van de VNG (Thorbecke2024)" not in text


def test_a_link_to_a_municipality_without_a_scan_offers_the_first(new_session, db_path) -> None:
    rounds.start(Store(db_path), "GM0355", 2026)  # another municipality has a scan
    at = new_session(gemeente="GM0096")
    assert not at.warning and not at.exception
    assert at.selectbox(key="start_gemeente").value == "GM0096"
    assert "Vlieland heeft nog geen scan" in at.info[0].value
    assert not [b for b in at.button if b.key == "start_verder"]  # nothing of Zeist
    assert "Zeist 2026" not in _text(at)
    at.button(key="start_nieuw").click().run()
    assert at.title[0].value.startswith("Vragenlijst: Vlieland")


def test_a_link_with_a_year_without_a_scan_stays_with_the_municipality(new_session, db_path) -> None:
    at = new_session(gemeente="GM0096", jaar="2030")
    assert "nog geen scan van Vlieland voor 2030" in at.warning[0].value
    assert at.selectbox(key="start_gemeente").value == "GM0096"


def test_the_suggested_year_follows_each_municipality(new_session, db_path) -> None:
    store = Store(db_path)
    this_year = date.today().year
    busy = suggested_year(this_year, [])
    rounds.start(store, "GM0310", busy)  # De Bilt already has this rhythm year's scan
    at = new_session()
    at.selectbox(key="start_gemeente").set_value("GM0310").run()
    assert at.number_input(key="start_jaar_GM0310").value == busy + 2
    at.selectbox(key="start_gemeente").set_value("GM0096").run()  # then Vlieland: its own suggestion
    assert at.number_input(key="start_jaar_GM0096").value == busy
    assert not at.warning
    at.number_input(key="start_jaar_GM0096").set_value(busy + 2).run()
    assert f"Let op: {busy} heeft nog geen scan" in at.warning[0].value  # one click would skip it
    at.selectbox(key="start_gemeente").set_value("GM0310").run()
    assert at.number_input(key="start_jaar_GM0310").value == busy + 2


def test_the_plan_marks_where_the_griffier_is_and_leads_there(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0080", 2026)
    answer_store.save(store, rnd.id, "1.1", 2)
    at = new_session(gemeente="GM0080", jaar="2026")
    text = _markdown(at)
    line = next(li for li in text.split("\n") if "**De zelfscan invullen**" in li)
    assert "hier bent u nu" in line
    total = len(BANK.questions_for_role("griffie"))
    assert f"bezig: 1 van {total} vragen beantwoord" in text
    at.button(key="start_stap").click().run()
    assert at.title[0].value == "Vragenlijst: Leeuwarden 2026"

    for q in BANK.questions_for_role("griffie"):
        answer_store.save(store, rnd.id, q.id, 3)
    choices.set_status(store, rnd.id, "1a", ProposalStatus.CHOSEN)
    at = new_session(gemeente="GM0080", jaar="2026")
    line = next(li for li in _markdown(at).split("\n") if "**De agenda maken**" in li)
    assert "hier bent u nu" in line
    at.button(key="start_stap").click().run()
    assert at.title[0].value == "Democratiseringsagenda: Leeuwarden 2026"


def test_tip_7_with_the_rhythm_on_the_start_page(new_session, db_path) -> None:
    at = new_session()
    at.selectbox(key="start_gemeente").set_value("GM0355").run()
    labels = [e.label for e in at.expander]
    assert "Tip 7 uit het pamflet: Organiseer vaste reflectie op de staat van de democratie" in labels
    assert "een van de manieren" in " ".join(c.value for c in at.caption)


def _participants(new_session, db_path, gm: str = "GM0355", year: int = 2026):
    store = Store(db_path)
    rnd = rounds.start(store, gm, year)
    at = new_session(gemeente=gm, jaar=str(year))
    at.switch_page("scan/ui/pages/participants.py").run()
    return store, rnd, at


def test_a_new_code_comes_with_an_invitation(new_session, db_path, downloads) -> None:
    store, _, at = _participants(new_session, db_path)
    assert "Codes van deze ronde" not in _markdown(at)  # no empty heading
    at.selectbox(key="deelnemers_rol").set_value("raad").run()
    at.button(key="deelnemers_maak").click().run()
    letter = at.code[0].value
    assert letter.startswith("Beste raadsleden,")
    code = letter.split("?code=")[1].split()[0]
    assert len(code) == respondents.CODE_LENGTH
    assert "/?meedoen" in letter and " ".join([code[:4], code[4:8], code[8:]]) in letter
    assert "16 stellingen" in letter and "anoniem" in letter and "De griffie van Zeist" in letter
    qr = [h.proto.body for h in at.get("html") if "QR-code met de link" in h.proto.body]
    assert qr and "data:image/png;base64," in qr[0]
    respondents.join(store, code)  # the code in the letter works

    # it stays while the griffier does something else on the page, and a second one comes on top
    at.selectbox(key="deelnemers_rol").set_value("inwoners").run()
    at.button(key="deelnemers_maak").click().run()
    letters = [c.value for c in at.code if "?code=" in c.value]  # (the reminder is a text block too)
    assert [c.split(",")[0] for c in letters] == ["Beste inwoner", "Beste raadsleden"]
    assert "Codes van deze ronde" in _markdown(at)
    at.button(key="deelnemers_verberg").click().run()
    assert not [c for c in at.code if "?code=" in c.value]


def test_the_invitation_pdf(db_path) -> None:
    import pikepdf

    from scan.ui.components import invitation

    inv = invitation.make(BANK, "Zeist", 2026, "inwoners", "ABCDEFGHJKLM", "https://scan.example.nl")
    pdf = invitation.pdf(inv)
    with pikepdf.open(__import__("io").BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        assert str(doc.Root.Lang) == "nl"
        assert "/StructTreeRoot" in doc.Root  # tagged (PDF/UA-1)
    assert "<script" not in invitation.printable_html(inv)
    text = invitation.text(inv)
    assert "https://scan.example.nl/?code=ABCDEFGHJKLM" in text and "ABCD EFGH JKLM" in text
    assert "12 stellingen" in text


def test_the_destructive_action_comes_last_and_needs_the_name_and_year(new_session, db_path) -> None:
    store, rnd, at = _participants(new_session, db_path, "GM0310", 2026)
    headers = [h.value for h in at.subheader]
    assert headers[-2:] == ["Ronde sluiten", "Ronde verwijderen"]
    field = at.text_input(key=f"deelnemers_verwijder_{rnd.id}")
    assert field.label == "Typ ter bevestiging: De Bilt 2026"
    assert at.button(key="deelnemers_verwijder").disabled
    field.input("2026").run()
    assert at.button(key="deelnemers_verwijder").disabled
    assert rounds.by_id(store, rnd.id)
    at.text_input(key=f"deelnemers_verwijder_{rnd.id}").input("De Bilt  2026").run()
    at.button(key="deelnemers_verwijder").click().run()
    assert rounds.get(store, "GM0310", 2026) is None
    # back on the start page, with the same municipality and a word about what happened
    assert at.title[0].value == "democratiescan"
    assert at.selectbox(key="start_gemeente").value == "GM0310"
    assert "De scan De Bilt 2026 is verwijderd" in at.success[0].value


def _meedoen(new_session):
    return new_session(meedoen="")


def test_a_wrong_code_goes_back_to_typing_a_code(new_session, db_path) -> None:
    at = _meedoen(new_session)
    at.text_input(key="deelnemer_code_invoer").input("ABCD-EFGH-JKLM")
    at.button[0].click().run()
    assert "kennen we niet" in at.error[0].value
    at.button(key="deelnemer_andere_code").click().run()
    assert "meedoen" in at.query_params and "code" not in at.query_params
    assert at.title[0].value == "Doe mee met de democratiescan"
    assert at.text_input(key="deelnemer_code_invoer")
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("scan/ui/pages/start.py")  # no griffier page in this mode


@pytest.mark.parametrize("typed", ["ABCDEFGHJ", "ABCDEFGHJKLMN", "AB"])
def test_a_code_of_another_length_is_not_valid(new_session, db_path, typed) -> None:
    before = Store(db_path).counts()
    at = _meedoen(new_session)
    at.text_input(key="deelnemer_code_invoer").input(typed)
    at.button[0].click().run()
    assert "Dit is geen geldige code" in at.error[0].value
    assert "code" not in at.query_params and "ws" not in at.query_params
    assert Store(db_path).counts() == before


def test_a_workshop_code_goes_straight_to_the_workshop(new_session, db_path) -> None:
    at = _meedoen(new_session)
    at.text_input(key="deelnemer_code_invoer").input("abcde fghjk")
    at.button[0].click().run()
    scripts = [h.proto.body for h in at.get("html")]
    assert f"window.location.replace({json.dumps('/doe/ABCDEFGHJK')})" in " ".join(scripts)
    assert at.get("link_button")[0].proto.url == "/doe/ABCDEFGHJK"  # if scripts are off


def _questionnaire(new_session, db_path):
    """The questionnaire of a new round, and a way to open one of its sections."""
    rnd = rounds.start(Store(db_path), "GM0080", 2026)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page("scan/ui/pages/questionnaire.py").run()
    return at, lambda n: at.selectbox(key=f"vragenlijst_onderdeel_{rnd.id}").set_value(n).run()


def test_hard_words_per_question_for_the_griffier(new_session, db_path) -> None:
    at, section = _questionnaire(new_session, db_path)
    section(4)
    labels = [e.label for e in at.expander]
    assert "Uitleg bij moeilijke woorden: Doorzettingsmacht" in labels
    assert "**Doorzettingsmacht**: De bevoegdheid" in _markdown(at)
    assert "begrippen" in [p.proto.page for p in at.get("page_link")]  # the page Begrippen
    section(8)
    assert any("Pol.is" in label and "Preferendum" in label for label in (e.label for e in at.expander))
    section(3)
    assert any("Uitdaagrecht" in e.label for e in at.expander)


def test_the_tips_of_bestuurscultuur_questions_with_their_examples(new_session, db_path) -> None:
    at, section = _questionnaire(new_session, db_path)
    section(9)
    labels = [e.label for e in at.expander]
    for q in BANK.questions_for(9, "griffie"):
        for tip in q.tips:
            assert f"Tip {tip} uit het pamflet: {BANK.tip(tip).title}" in labels
    text = _markdown(at)
    assert "**Wageningen**" in text and "**Tubbergen**" in text  # tip 1 with question 9.6
    assert "**Amsterdam**" in text and "**Dijk en Waard**" in text and "Heerhugowaard" in text  # tip 5


def test_hard_words_on_the_respondents_page(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    _, code = respondents.create_invite(store, rnd.id, "college")
    at = new_session(code=code)
    at.button(key="deelnemer_begin").click().run()
    labels = [e.label for e in at.expander]
    assert "Uitleg bij moeilijke woorden: Doorzettingsmacht" in labels
    assert "Begrippenlijst: alle moeilijke woorden uitgelegd" in labels
    assert "Toegankelijkheid: wat we testen en wat nog niet werkt" in labels
    assert not at.get("page_link")  # respondents have one page: no link to another
    # the explanation is text under the statement, not a tooltip
    q = BANK.question("1.1")
    assert q.help in [c.value for c in at.caption]
    assert not at.radio(key="deelnemer_1.1").help


@pytest.mark.parametrize(
    ("page", "tips", "names"),
    [
        ("results", [5, 6], ["Amsterdam", "Dijk en Waard", "Heerhugowaard"]),
        ("agenda", [1, 2, 3, 4, 5, 8], ["Wageningen", "Tubbergen", "Amsterdam", "Dijk en Waard"]),
    ],
)
def test_tips_with_their_examples_where_they_appear(new_session, db_path, page, tips, names) -> None:
    rounds.start(Store(db_path), "GM0080", 2026)
    at = new_session(gemeente="GM0080", jaar="2026")
    at.switch_page(f"scan/ui/pages/{page}.py").run()
    labels = [e.label for e in at.expander if e.label.startswith("Tip ")]
    assert labels == [f"Tip {t} uit het pamflet: {BANK.tip(t).title}" for t in tips]
    text = _markdown(at)
    for name in names:
        assert name in text, name


def test_accessibility_statement_from_the_privacy_page(new_session, db_path) -> None:
    at = new_session()
    at.switch_page("scan/ui/pages/privacy.py").run()
    link = next(p for p in at.get("page_link") if p.proto.page == "toegankelijkheid")
    assert link.proto.label == "Toegankelijkheidsverklaring"
    at.switch_page("scan/ui/pages/accessibility.py").run()
    assert at.title[0].value.startswith("Toegankelijkheidsverklaring")
    text = _markdown(at)
    for part in ("Wat we testen, en hoe", "Meetresultaten en bekende problemen", "Nog niet getest"):
        assert part in text


def test_glossary_page_lists_every_term(new_session, db_path) -> None:
    at = new_session()
    at.switch_page("scan/ui/pages/glossary.py").run()
    text = _markdown(at)
    for term in BANK.glossary:
        assert f"**{term.term}**: {term.explanation}" in text
    assert "*(In het pamflet: Voorstel 8c.)*" in text  # Pol.is

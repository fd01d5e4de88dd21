"""AppTest: the Akkoord page (issue 19): paste an agreement, see per priority and proposal what it says
with the passages marked and escaped, judge the matches, share; bad input gives a Dutch message."""

from __future__ import annotations

import gc
import re

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFile

from scan.content.questionbank import question_bank
from scan.records import agreements
from scan.records.round import rounds
from scan.rules.akkoord import analyse_text
from scan.rules.akkoord.coverage import Judgement
from scan.storage.core import Store
from scan.ui.components.passages import marked, proposal_block

from .. import council
from ..akkoord.test_bad_inputs import CASES, ENGLISH, _encrypted_pdf, _pdf


def _page(new_session):
    at = new_session(gemeente="GM0355", jaar="2026")
    at.switch_page("scan/ui/pages/akkoord.py").run()
    assert not at.exception
    return at


def _html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def test_paste_read_judge_and_share(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = _page(new_session)
    assert [s.value for s in at.subheader] == ["Akkoord lezen"]
    assert any("hoogstens 300 pagina's en 50 MB" in c.value for c in at.caption)
    at.text_area(key="akkoord_tekst").input(council.AGREEMENT)
    at.button(key="akkoord_plakken").click().run()
    assert not at.exception and not at.error
    assert agreements.get(store, rnd.id) is not None
    assert any("Bij 3 van de 29 voorstellen vond de app een passage" in m.value for m in at.markdown)
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert "| 2. Inclusieve democratie | staat erin: 2a, 2c | niet bevestigd |" in overview
    # the page opens at the first priority with a match to judge
    assert at.selectbox(key="akkoord_prioriteit").value == 2

    at.selectbox(key="akkoord_prioriteit").set_value(2).run()
    html = _html(at)
    # document text stays text: the markup of the agreement escaped, only the matching words marked
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html and "<b>Vet</b>" not in html
    assert "<mark>burgerberaad</mark>" in html
    # a proposal the agreement does not name: what an agreement could say, with the municipality's name
    assert "Wat een akkoord zou kunnen zeggen" in html and "Zeist maakt een plan" in html
    radio = at.radio(key=f"akkoord_oordeel_{rnd.id}_2a")
    assert radio.options == ["Nog niet beoordeeld", "Klopt", "Klopt niet"]
    radio.set_value("0").run()
    assert agreements.judgements(store, rnd.id)["2a"].judgement is Judgement.CONFIRMED
    assert any("Opgeslagen: uw oordeel over voorstel 2a." in c.value for c in at.caption)
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert "| 2. Inclusieve democratie | staat erin: 2a, 2c | staat erin: 2a |" in overview
    at.radio(key=f"akkoord_oordeel_{rnd.id}_2c").set_value("nee").run()
    assert agreements.judgements(store, rnd.id)["2c"].judgement is Judgement.REJECTED

    at.toggle(key=f"akkoord_delen_{rnd.id}").set_value(True).run()
    assert agreements.get(store, rnd.id).shared


def test_bad_paste_gives_a_dutch_message_and_stores_nothing(new_session, db_path) -> None:
    store = Store(db_path)
    rounds.start(store, "GM0355", 2026)
    before = store.counts()
    at = _page(new_session)
    at.text_area(key="akkoord_tekst").input(ENGLISH)
    at.button(key="akkoord_plakken").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Dit document lijkt niet in het Nederlands geschreven. De akkoordcheck zoekt naar Nederlandse "
        "woorden en kan dit document daarom niet beoordelen."
    ]
    assert store.counts() == before
    assert at.text_area(key="akkoord_tekst").value == ENGLISH  # the text stays for another try
    at.text_area(key="akkoord_tekst").input("")
    at.button(key="akkoord_plakken").click().run()
    assert "Er is geen tekst geplakt" in at.error[0].value and store.counts() == before


def test_a_closed_round_shows_the_agreement_read_only(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_agreement(store, rnd, confirm=("2a",), reject=())
    rounds.close(store, rnd.id)
    at = _page(new_session)
    assert not [s for s in at.subheader if s.value == "Akkoord lezen"]
    assert not [b for b in at.button if b.key == "akkoord_plakken"]
    at.selectbox(key="akkoord_prioriteit").set_value(2).run()
    assert at.radio(key=f"akkoord_oordeel_{rnd.id}_2a").disabled
    assert at.radio(key=f"akkoord_oordeel_{rnd.id}_2a").value == "0"


def test_marked_passages_escape_everything_but_the_marks() -> None:
    text = 'We organiseren een burgerberaad <img src=x onerror=alert(1)> & [klik](http://x/) "ja".'
    analysis = analyse_text(text + " Met gelote inwoners.")
    coverage = analysis.proposals["2c"]
    html = marked(coverage.passages[0])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<mark>") == len(coverage.passages[0].spans) and "&amp;" in html
    block = proposal_block(question_bank().proposal("2c"), coverage, "Zeist <b>x</b>", None)
    assert "<img" not in block and "onerror=alert(1)&gt;" in block
    # nothing found: the app's own suggestion, escaped too
    block = proposal_block(question_bank().proposal("8a"), analysis.proposals["8a"], "Zeist <b>x</b>", None)
    assert "Zeist &lt;b&gt;x&lt;/b&gt;" in block and "<b>" not in block


def _upload(at, name: str, data: bytes, mime: str = "application/octet-stream"):
    (uploader,) = at.file_uploader
    assert uploader.label.startswith("Het akkoord als PDF")
    uploader.set_value((name, data, mime)).run()
    assert not at.exception
    return at


def test_upload_a_pdf_reads_it_and_forgets_the_file(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = _upload(_page(new_session), "akkoord.pdf", _pdf(3), "application/pdf")
    found = agreements.get(store, rnd.id)
    assert found is not None and found.filename == "akkoord.pdf" and found.pages == 3
    assert [s.value for s in at.success] == ["Het akkoord is gelezen. Beoordeel hieronder wat de app vond."]
    assert any("**Gelezen:** akkoord\\.pdf (PDF, 3 pagina's)" in m.value for m in at.markdown)
    # the page reran with a fresh uploader: the file is gone from the session
    assert all(u.value is None for u in at.file_uploader)
    # only the analysis is kept, never the document's bytes
    row = store.db.execute("SELECT * FROM agreements WHERE round_id = ?", [rnd.id]).fetchone()
    assert not any(isinstance(v, bytes) for v in row)


@pytest.mark.parametrize(("filename", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_files_give_a_dutch_message_and_store_nothing(
    new_session, db_path, tmp_path, filename, make, message
) -> None:
    store = Store(db_path)
    rounds.start(store, "GM0355", 2026)
    before = store.counts()
    at = _upload(_page(new_session), filename, make(tmp_path))
    assert [e.value for e in at.error] and message in at.error[0].value
    assert not at.success and not at.exception
    assert store.counts() == before
    assert [s.value for s in at.subheader] == ["Akkoord lezen"]  # try again: the form is there
    assert all(u.value is None for u in at.file_uploader)


def test_the_uploaded_bytes_are_not_kept_after_reading(new_session, db_path, monkeypatch) -> None:
    """Issue 23, point 6: a refused upload of 50 MB stayed in the server for the rest of the session (the
    uploader's value in the session state held a copy of its bytes, and so did Streamlit's store of
    uploads); four uploads in one tab raised the server by 240 MB."""
    removed: list[str] = []
    remove = MemoryUploadedFileManager.remove_file

    def recorded(self, session_id: str, file_id: str) -> None:
        removed.append(file_id)
        remove(self, session_id=session_id, file_id=file_id)

    monkeypatch.setattr(MemoryUploadedFileManager, "remove_file", recorded)
    rounds.start(Store(db_path), "GM0355", 2026)
    at = _upload(_page(new_session), "beveiligd.pdf", _encrypted_pdf(), "application/pdf")
    assert [e.value for e in at.error] and "beveiligd met een wachtwoord" in at.error[0].value
    assert len(removed) == 1  # dropped from Streamlit's store of uploads
    gc.collect()
    held = [o for o in gc.get_objects() if isinstance(o, UploadedFile) and o.name == "beveiligd.pdf"]
    assert held == []  # and from the session state


def test_a_reader_failing_gives_a_dutch_message_not_a_traceback(new_session, db_path, monkeypatch) -> None:
    store = Store(db_path)
    rounds.start(store, "GM0355", 2026)

    def broken(*args, **kwargs):  # as the runner does when its child fails by a fault of the app
        raise RuntimeError("akkoordcheck child failed with exit code 1")

    monkeypatch.setattr(agreements, "analyse_isolated", broken)
    at = _upload(_page(new_session), "akkoord.pdf", _pdf(1))
    assert [e.value for e in at.error] == [
        "Het lezen lukte niet door een fout in de app. Probeer het nog eens, of plak de tekst van het akkoord."
    ]
    assert agreements.get(store, rounds.get(store, "GM0355", 2026).id) is None


def test_a_decision_someone_else_made_meanwhile_is_not_overwritten(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_agreement(store, rnd, confirm=(), reject=())
    at = _page(new_session)
    assert at.radio(key=f"akkoord_oordeel_{rnd.id}_2c").value == "nog"
    agreements.judge(store, rnd.id, "2c", Judgement.CONFIRMED)  # another griffier, meanwhile
    at.radio(key=f"akkoord_oordeel_{rnd.id}_2c").set_value("nee").run()
    assert not at.exception
    assert agreements.judgements(store, rnd.id)["2c"].judgement is Judgement.CONFIRMED  # theirs stays
    assert [w.value for w in at.warning] == [
        "Iemand anders heeft voorstel 2c intussen beoordeeld: ‘Klopt (passage 1)’. Uw oordeel is niet bewaard."
    ]
    assert at.radio(key=f"akkoord_oordeel_{rnd.id}_2c").value == "0"  # the screen shows their decision
    at.radio(key=f"akkoord_oordeel_{rnd.id}_2c").set_value("nee").run()  # now knowingly
    assert agreements.judgements(store, rnd.id)["2c"].judgement is Judgement.REJECTED and not at.warning


def test_a_file_name_is_shown_as_text(new_session, db_path) -> None:
    store = Store(db_path)
    rounds.start(store, "GM0355", 2026)
    at = _upload(_page(new_session), "[klik](mailto:x) ![t](data:x) <b>.pdf", _pdf(1))
    line = next(m.value for m in at.markdown if m.value.startswith("**Gelezen:**"))
    assert "\\[klik\\]\\(mailto\\:x\\) \\!\\[t\\]\\(data\\:x\\) \\<b\\>\\.pdf (PDF, 1 pagina)" in line


def test_peers_agreements_are_counted_from_five_sharing_municipalities(new_session, db_path) -> None:
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    council.add_agreement(store, rnd, confirm=(), reject=())
    council.share_agreements(store, council.PEERS[:4])
    at = _page(new_session)
    assert any(
        "vanaf 5 gemeenten die hun akkoord delen" in c.value and "nu 4." in c.value for c in at.caption
    )
    assert "met een gedeeld akkoord" not in _html(at)

    council.share_agreements(store, council.PEERS[4:5])
    at = _page(new_session)
    assert not any("vanaf 5 gemeenten die hun akkoord delen" in c.value for c in at.caption)
    html = _html(at)
    # the round's comparison group: Zeist's own network, where the five sharing peers are members
    assert (
        "De M50 (middelgrote gemeenten): 5 van de 5 gemeenten met een gedeeld akkoord noemen dit voorstel."
        in html
    )
    assert "De M50 (middelgrote gemeenten): 0 van de 5 gemeenten met een gedeeld" in html  # 2a: named by none


def test_a_theme_is_judged_like_a_proposal_and_counts_for_its_priority(new_session, db_path) -> None:
    # issue 24: "thema genoemd" (a priority served without one of its proposals) is confirmed or
    # rejected on the page; confirmed, the priority counts as "thema genoemd"
    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    four = question_bank().priority(4).name
    at = _page(new_session)
    at.text_area(key="akkoord_tekst").input(council.THEMED_AGREEMENT)
    at.button(key="akkoord_plakken").click().run()
    assert not at.exception and not at.error
    assert any("Bij 1 prioriteit noemt het akkoord het thema zonder voorstel" in m.value for m in at.markdown)
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert f"| 4. {four} | thema genoemd | niet bevestigd |" in overview

    at.selectbox(key="akkoord_prioriteit").set_value(4).run()
    assert any(m.value.startswith("**Thema genoemd.**") for m in at.markdown)
    # the passage as text (escaped for Markdown), with its place
    assert any(m.value.startswith("*Alinea 7:* Er komt een participatieverordening") for m in at.markdown)
    radio = at.radio(key=f"akkoord_oordeel_{rnd.id}_P4")
    assert radio.label == "Uw oordeel over het thema van prioriteit 4"
    assert radio.options == ["Nog niet beoordeeld", "Klopt", "Klopt niet"]
    radio.set_value("0").run()
    assert not at.exception
    assert agreements.judgements(store, rnd.id)["P4"].judgement is Judgement.CONFIRMED
    assert any("Opgeslagen: uw oordeel over het thema van prioriteit 4." in c.value for c in at.caption)
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert f"| 4. {four} | thema genoemd | thema genoemd |" in overview
    at.radio(key=f"akkoord_oordeel_{rnd.id}_P4").set_value("nee").run()
    assert agreements.judgements(store, rnd.id)["P4"].judgement is Judgement.REJECTED
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert f"| 4. {four} | thema genoemd | niet bevestigd |" in overview


def test_the_table_and_the_card_give_a_proposal_the_same_state(new_session, db_path) -> None:
    """Issue 26.7: 2a found partly and 2c outright read "deels: 2a; staat erin: 2c" in the table, as on
    the cards, before and after the griffier confirms them; a priority without a passage: "niet gevonden"."""
    from ..test_agreement_wording import PARTLY

    store = Store(db_path)
    rnd = rounds.start(store, "GM0355", 2026)
    at = _page(new_session)
    at.text_area(key="akkoord_tekst").input(PARTLY)
    at.button(key="akkoord_plakken").click().run()
    assert not at.exception and not at.error
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert "| 2. Inclusieve democratie | deels: 2a; staat erin: 2c | niet bevestigd |" in overview
    assert "| 1. Herstel van vertrouwen | niet gevonden | niet gevonden |" in overview
    at.selectbox(key="akkoord_prioriteit").set_value(2).run()
    html = _html(at)
    assert re.search(r"<h4>2a [^<]*<span class=\"akk-status akk-deels\">deels</span>", html)
    assert re.search(r"<h4>2c [^<]*<span class=\"akk-status akk-staat_erin\">staat erin</span>", html)
    for pid in ("2a", "2c"):
        at.radio(key=f"akkoord_oordeel_{rnd.id}_{pid}").set_value("0").run()
    overview = next(m.value for m in at.markdown if m.value.startswith("| Prioriteit"))
    assert "| 2. Inclusieve democratie | deels: 2a; staat erin: 2c | deels: 2a; staat erin: 2c |" in overview


def test_one_maybe_relevant_passage_is_counted_in_the_singular(new_session, db_path) -> None:
    rounds.start(Store(db_path), "GM0355", 2026)
    at = _page(new_session)
    text = (
        "Coalitieakkoord 2026-2030\n\nWe richten een kinderraad op die de gemeenteraad gevraagd en "
        "ongevraagd advies geeft.\n\nWe bouwen 400 woningen, waarvan een derde sociale huur."
    )
    at.text_area(key="akkoord_tekst").input(text)
    at.button(key="akkoord_plakken").click().run()
    at.selectbox(key="akkoord_prioriteit").set_value(2).run()
    assert [e.label for e in at.expander if e.label.startswith("Misschien")] == [
        "Misschien relevant (1 passage)"
    ]

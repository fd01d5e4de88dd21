"""The akkoordcheck of a round (issue 19): stored with the round, judged by the griffier, only confirmed
matches count; bad input stores nothing; checks inside the write; peer counts under the disclosure rule."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from scan.base.errors import NotFound, ScanError
from scan.content.questionbank import question_bank
from scan.content.reference import PeerGroup
from scan.records import agreements
from scan.records.round import rounds
from scan.rules.akkoord import AgreementError, analyse_text
from scan.rules.akkoord.coverage import Judgement, candidates, priority_status, promises, quote
from scan.storage.core import Store
from scan.views import agreement as agreement_views
from scan.views import exports, presentation
from scan.views import round as round_views
from scan.views.report import report_data, to_docx, to_html
from scan.views.round import round_view

from . import council
from .akkoord.test_bad_inputs import CASES, _pdf
from .held_write import race


def _rows(store: Store) -> dict[str, int]:
    return store.counts()


# Set-ups read our own texts in-process (isolated=False: no child process, a second less each); the test
# below reads through the child, as the app does, and checks it gives the same analysis.


def test_pasted_text_is_stored_with_the_round_and_read_back_whole(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    stored = agreements.read_pasted(store, rnd.id, council.AGREEMENT)
    assert stored.analysis == analyse_text(council.AGREEMENT)  # the analysis round-trips exactly
    again = agreements.get(store, rnd.id)
    assert again == stored and again.source == "text" and again.described == "de geplakte tekst"
    assert {pid for pid, c in again.analysis.proposals.items() if c.status == "staat_erin"} == {
        "2a",
        "2c",
        "6a",
    }
    assert again.current_words and not again.shared
    # the document itself is not kept: only the passages the check shows (its heading is never one)
    row = store.db.execute("SELECT * FROM agreements").fetchone()
    assert "Samen aan de slag: coalitieakkoord 2026-2030" not in str(row)


@pytest.mark.parametrize(("filename", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_its_dutch_message_and_stores_nothing(
    store: Store, tmp_path: Path, filename: str, make, message: str
) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(
        store, rnd.id, council.AGREEMENT, isolated=False
    )  # an earlier agreement stays as it was
    agreements.judge(store, rnd.id, "2a", "bevestigd")
    before, version = _rows(store), rounds.by_id(store, rnd.id).version
    with pytest.raises(AgreementError) as caught:
        agreements.read_file(store, rnd.id, make(tmp_path), filename)
    assert message in str(caught.value)
    assert _rows(store) == before and rounds.by_id(store, rnd.id).version == version
    assert agreements.judgements(store, rnd.id)["2a"].judgement is Judgement.CONFIRMED


def test_empty_paste_is_refused(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    before = _rows(store)
    for text in ("", "   \n\n ", None):
        with pytest.raises(AgreementError, match=r"geen tekst geplakt|bevat geen tekst"):
            agreements.read_pasted(store, rnd.id, text)
    assert _rows(store) == before


def test_the_griffier_confirms_rejects_and_undoes(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    agreements.judge(store, rnd.id, "2a", Judgement.CONFIRMED)
    agreements.judge(store, rnd.id, "2c", "afgewezen")
    judged = agreements.judgements(store, rnd.id)
    assert judged["2a"].judgement is Judgement.CONFIRMED and judged["2c"].judgement is Judgement.REJECTED
    agreements.judge(store, rnd.id, "2c", None)
    assert "2c" not in agreements.judgements(store, rnd.id)


@pytest.mark.parametrize(
    ("pid", "judgement", "passage", "error", "message"),
    [
        ("9z", "bevestigd", 0, ScanError, "bestaat niet"),
        ("2a", "misschien", 0, ScanError, "Onbekende beoordeling"),
        ("8c", "bevestigd", 0, ScanError, "niets te beoordelen"),  # only a denial was found
        ("4a", "afgewezen", 0, ScanError, "niets te beoordelen"),  # nothing found at all
        ("2a", "bevestigd", 3, ScanError, "gevonden passages"),
        ("2a", "bevestigd", -1, ScanError, "gevonden passages"),
        ("2a", "bevestigd", True, ScanError, "gevonden passages"),
    ],
)
def test_bad_judgements_are_refused_and_change_nothing(
    store: Store, pid: str, judgement: str, passage, error, message: str
) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    before = _rows(store)
    with pytest.raises(error, match=message):
        agreements.judge(store, rnd.id, pid, judgement, passage)
    assert _rows(store) == before


def test_no_agreement_or_a_closed_round_refuses(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    with pytest.raises(NotFound, match="nog geen akkoord"):
        agreements.judge(store, rnd.id, "2a", "bevestigd")
    with pytest.raises(NotFound, match="nog geen akkoord"):
        agreements.set_shared(store, rnd.id, True)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    rounds.close(store, rnd.id)
    before = _rows(store)
    with pytest.raises(ScanError, match="gesloten"):
        agreements.judge(store, rnd.id, "2a", "bevestigd")
    with pytest.raises(ScanError, match="gesloten"):
        agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    with pytest.raises(ScanError, match="gesloten"):
        agreements.remove(store, rnd.id)
    assert _rows(store) == before
    agreements.set_shared(store, rnd.id, True)  # sharing is a choice, not data: allowed when closed
    assert agreements.get(store, rnd.id).shared


def test_the_open_round_check_runs_inside_the_write(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    closing = [("UPDATE rounds SET status = 'closed' WHERE id = ?", [rnd.id])]
    outcome = race(store.path, closing, lambda: agreements.judge(store, rnd.id, "2a", "bevestigd"))
    assert isinstance(outcome, ScanError) and "gesloten" in str(outcome)
    assert agreements.judgements(store, rnd.id) == {}


def test_a_decision_made_meanwhile_is_refused_inside_the_write(store: Store) -> None:
    from scan.records.round.choices import StaleChoice

    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    # the screen showed "not judged"; another griffier confirms 2a while this write waits for the lock
    confirming = [
        (
            "INSERT INTO agreement_decisions (round_id, proposal_id, decision, passage, updated_at) "
            "VALUES (?, '2a', 'bevestigd', 0, 'nu')",
            [rnd.id],
        )
    ]
    outcome = race(
        store.path, confirming, lambda: agreements.judge(store, rnd.id, "2a", "afgewezen", expected=None)
    )
    assert isinstance(outcome, StaleChoice) and "‘Klopt (passage 1)’" in str(outcome)
    assert outcome.current.judgement is Judgement.CONFIRMED
    assert agreements.judgements(store, rnd.id)["2a"].judgement is Judgement.CONFIRMED
    # with what is stored now as the expectation, the decision is saved
    agreements.judge(store, rnd.id, "2a", "afgewezen", expected=outcome.current)
    assert agreements.judgements(store, rnd.id)["2a"].judgement is Judgement.REJECTED
    # another passage counts as another decision; undecided expects None
    with pytest.raises(StaleChoice, match="‘Klopt niet’"):
        agreements.judge(store, rnd.id, "2a", None, expected=None)


def test_reading_again_replaces_the_agreement_and_its_decisions_but_keeps_sharing(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    agreements.judge(store, rnd.id, "2a", "bevestigd")
    agreements.set_shared(store, rnd.id, True)
    agreements.read_pasted(
        store, rnd.id, "We organiseren een burgerberaad met gelote inwoners over het klimaat."
    )
    found = agreements.get(store, rnd.id)
    assert agreements.judgements(store, rnd.id) == {} and found.shared
    assert found.analysis.proposals["2a"].status == "niet_gevonden"
    agreements.remove(store, rnd.id)
    assert agreements.get(store, rnd.id) is None


def test_what_a_view_shows_moves_the_round_version_and_sharing_does_not(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    seen = [rounds.by_id(store, rnd.id).version]
    shared = [agreements.version(store)]

    def step(action) -> None:
        action()
        seen.append(rounds.by_id(store, rnd.id).version)
        shared.append(agreements.version(store))

    step(lambda: agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False))
    step(lambda: agreements.judge(store, rnd.id, "2a", "bevestigd"))
    step(lambda: agreements.judge(store, rnd.id, "2a", "afgewezen"))
    step(lambda: agreements.judge(store, rnd.id, "2a", None))
    assert len(set(seen)) == 5 and len(set(shared)) == 5  # every step: a new version of each
    step(lambda: agreements.set_shared(store, rnd.id, True))
    assert seen[-1] == seen[-2] and shared[-1] > shared[-2]  # peers' figures may change, the round's not
    step(lambda: rounds.close(store, rnd.id))
    assert shared[-1] > shared[-2]  # a shared round that closes counts for peers from now on


def test_deleting_the_round_deletes_its_agreement(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    other = rounds.start(store, "GM0014", 2026)
    for r in (rnd, other):
        agreements.read_pasted(store, r.id, council.AGREEMENT, isolated=False)
        agreements.judge(store, r.id, "2a", "bevestigd")
    rounds.delete(store, rnd.id)
    assert store.db.execute("SELECT DISTINCT round_id FROM agreements").fetchall() == [(other.id,)]
    assert store.db.execute("SELECT DISTINCT round_id FROM agreement_decisions").fetchall() == [(other.id,)]


# --- what counts ---------------------------------------------------------------------------------


def test_only_confirmed_matches_count_with_the_passage_the_griffier_chose() -> None:
    text = (
        "We organiseren een burgerberaad met gelote inwoners over het klimaat.\n\n"
        "Een tweede burgerberaad, ook met gelote inwoners, gaat over de zorg."
    )
    analysis = analyse_text(text)
    options = candidates(analysis.proposals["2c"])
    assert len(options) == 2
    judged = {
        "2c": agreements.Judged("2c", Judgement.CONFIRMED, 1),
        "2a": agreements.Judged("2a", Judgement.CONFIRMED, 0),  # nothing found for 2a: nothing to count
    }
    found = promises(analysis, judged)
    assert set(found) == {"2c"} and found["2c"].passage == options[1]
    assert promises(analysis, {"2c": agreements.Judged("2c", Judgement.REJECTED, 0)}) == {}
    assert priority_status(["2a", "2b", "2c"], found, None, found=True) == "staat_erin"
    assert priority_status(["1a", "1b"], found, None, found=True) == "niet_bevestigd"
    assert priority_status(["1a", "1b"], found, None, found=False) == "niet_gevonden"


def test_a_long_passage_is_quoted_around_its_marked_word() -> None:
    words = "samen met de wijkraden, de dorpsraden, de scholen, de sportclubs en de ondernemers"
    analysis = analyse_text(
        f"De gemeente werkt {words}, en ook {words}, en verder {words}, aan een burgerberaad met gelote "
        f"inwoners over het klimaat, {words}, en natuurlijk {words}."
    )
    passage = candidates(analysis.proposals["2c"])[0]
    short = quote(passage)
    assert len(short) <= 330 and "burgerberaad" in short and short.startswith("…")


def test_the_views_and_documents_show_only_confirmed_matches(store: Store) -> None:
    rnd = council.own_round(store, previous=False)
    council.add_agreement(store, rnd, confirm=("2a", "2c"), reject=("6a",))
    view = round_views.round_view(store, rounds.by_id(store, rnd.id))
    a = view.agreement
    assert (a.found, a.confirmed, a.rejected, a.open) == (3, 2, 1, 0)
    assert set(a.promised) == {"2a", "2c"}
    by_priority = {p.priority_id: p for p in a.priorities}
    assert by_priority[2].label == "staat erin" and by_priority[6].label == "niet bevestigd"
    # the agenda is pre-filled with the quote and place of a confirmed promise (2a chosen; 6a rejected)
    items = {i.proposal.id: i for i in view.agenda.items}
    assert items["2a"].promise_line.startswith("Alinea 2: “Wij richten een kinderraad")
    assert items["6a"].promise is None
    # the recommendation of a confirmed proposal sets the promise beside the answers
    suggestion = next(s for s in view.suggestions.items if s.proposal.id == "2c")
    assert suggestion.promise is not None and suggestion.practice.startswith(
        "Het akkoord belooft dit (alinea 3)"
    )


# --- peers ----------------------------------------------------------------------------------------

PEERS = ["GM0109", "GM0163", "GM0166", "GM0177", "GM0203", "GM0222", "GM0226"]
GROUP = PeerGroup("test", "De testgroep", frozenset([*PEERS, "GM0355"]))


def _share(store: Store, code: str, confirm: tuple[str, ...], year: int = 2026, close: bool = True) -> int:
    rnd = rounds.start(store, code, year)
    agreements.read_pasted(store, rnd.id, council.AGREEMENT, isolated=False)
    for pid in confirm:
        agreements.judge(store, rnd.id, pid, "bevestigd")
    agreements.set_shared(store, rnd.id, True)
    if close:
        rounds.close(store, rnd.id)
    return rnd.id


def test_peer_counts_name_a_proposal_from_five_sharing_municipalities(store: Store) -> None:
    own = rounds.start(store, "GM0355", 2026)
    for code in PEERS[:4]:
        _share(store, code, ("2c",))
    _share(store, PEERS[4], ("2a",), close=False)  # shared but still open: not final, not counted
    _share(store, PEERS[5], ("2c",), year=2022)  # another council term: not counted
    peers = agreement_views.agreement_peers(store, own, GROUP)
    assert not peers.mentions["2c"].enough and peers.mentions["2c"].n == 4
    assert peers.mentions["2c"].text == "Akkoorden van de testgroep: te weinig gedeelde akkoorden (n = 4)."
    rounds.close(store, rounds.get(store, PEERS[4], 2026).id)
    peers = agreement_views.agreement_peers(store, own, GROUP)
    assert peers.sharing == 5
    assert peers.mentions["2c"].text == (
        "De testgroep: 4 van de 5 gemeenten met een gedeeld akkoord noemen dit voorstel."
    )
    assert (peers.mentions["2a"].named, peers.mentions["6a"].named) == (1, 0)


def test_peer_counts_never_differ_by_one_municipality(store: Store) -> None:
    own = rounds.start(store, "GM0355", 2026)
    for code in PEERS[:5]:
        _share(store, code, ("2c",))
    assert agreement_views.agreement_peers(store, own, GROUP).mentions["2c"].named == 5
    # a sixth shares: the figure waits for four more newcomers rather than move by one
    _share(store, PEERS[5], ())
    mention = agreement_views.agreement_peers(store, own, GROUP).mentions["2c"]
    assert (mention.named, mention.n) == (5, 5)
    # one of the published five stops sharing: the figure is withheld, not recomputed without it
    agreements.set_shared(store, rounds.get(store, PEERS[0], 2026).id, False)
    mention = agreement_views.agreement_peers(store, own, GROUP).mentions["2c"]
    assert mention.updating and not mention.enough and "wordt bijgewerkt" in mention.text


def test_two_groups_one_sharing_municipality_apart_never_both_publish(store: Store) -> None:
    # Issue 23.1: five share an agreement without 2c, a sixth (another group only) names it; the
    # smaller group's view and the larger one's must not differ by that one municipality.
    own = rounds.start(store, "GM0355", 2026)
    for code in PEERS[:5]:
        _share(store, code, ("2a",))
    _share(store, PEERS[5], ("2c",))
    small = PeerGroup("klein", "De kleine groep", frozenset([*PEERS[:5], "GM0355"]))
    large = PeerGroup("groot", "De grote groep", frozenset([*PEERS[:6], "GM0355"]))
    assert agreement_views.agreement_peers(store, own, small).mentions["2c"].named == 0
    mention = agreement_views.agreement_peers(store, own, large).mentions["2c"]
    assert not (mention.enough and mention.named == 1)  # the sixth's agreement is not read off
    assert mention.n in (5, 6) and (not mention.enough or mention.n == 5)


# --- "thema genoemd" (issue 24): confirmed like a proposal, counted for its priority ----------------


def test_a_theme_is_confirmed_like_a_proposal_and_counts_for_its_priority(store: Store) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.THEMED_AGREEMENT, isolated=False)
    view = agreement_views.agreement_view(store, rnd)
    by_priority = {p.priority_id: p for p in view.priorities}
    assert view.themes_found == 1 and view.themes == {} and by_priority[4].label == "niet bevestigd"

    agreements.judge(store, rnd.id, "P4", Judgement.CONFIRMED, 0)
    view = agreement_views.agreement_view(store, rnd)
    four = {p.priority_id: p for p in view.priorities}[4]
    assert four.status == "thema_genoemd" and four.label == "thema genoemd"
    assert four.promised == [] and four.theme.passage.text == council.THEME_PASSAGE
    assert four.theme.quote == council.THEME_PASSAGE and four.theme.where == "alinea 7"
    # a theme is no proposal: the proposal counts, the agenda and the peers never see it
    assert set(view.promised) == set() and (view.found, view.confirmed) == (3, 0)
    # a confirmed proposal of the priority goes before its theme
    agreements.judge(store, rnd.id, "2a", Judgement.CONFIRMED)
    view = agreement_views.agreement_view(store, rnd)
    assert priority_status(["2a", "2b", "2c"], view.promised, four.theme, found=True) == "staat_erin"
    assert priority_status(["2a", "2b", "2c"], {}, four.theme, found=True) == "thema_genoemd"

    agreements.judge(store, rnd.id, "P4", "afgewezen")
    view = agreement_views.agreement_view(store, rnd)
    assert {p.priority_id: p for p in view.priorities}[4].label == "niet bevestigd"
    assert view.themes_rejected == 1 and view.themes == {}
    agreements.judge(store, rnd.id, "P4", None)
    assert "P4" not in agreements.judgements(store, rnd.id)


@pytest.mark.parametrize(
    ("key", "passage", "message"),
    [
        ("P9", 0, "bestaat niet"),
        ("P0", 0, "bestaat niet"),
        ("p4", 0, "bestaat niet"),
        (
            "P3",
            0,
            "vond niets voor het thema van prioriteit 3",
        ),
        ("P4", 1, "gevonden passages"),
    ],
)
def test_bad_theme_judgements_are_refused_and_change_nothing(
    store: Store, key: str, passage: int, message: str
) -> None:
    rnd = rounds.start(store, "GM0355", 2026)
    agreements.read_pasted(store, rnd.id, council.THEMED_AGREEMENT, isolated=False)
    before = _rows(store)
    with pytest.raises(ScanError, match=message):
        agreements.judge(store, rnd.id, key, "bevestigd", passage)
    assert _rows(store) == before


def test_a_confirmed_theme_is_not_shared_as_a_proposal(store: Store) -> None:
    for code in PEERS[:5]:
        rnd = rounds.start(store, code, 2026)
        agreements.read_pasted(store, rnd.id, council.THEMED_AGREEMENT, isolated=False)
        agreements.judge(store, rnd.id, "P4", "bevestigd")
        agreements.judge(store, rnd.id, "2c", "bevestigd")
        agreements.set_shared(store, rnd.id, True)
        rounds.close(store, rnd.id)
    shared = agreements.shared_coverage(store, 2026)
    assert all(named == frozenset({"2c"}) for named in shared.named.values())


def test_the_documents_name_a_confirmed_theme_apart_from_the_proposals(store: Store) -> None:
    rnd = council.own_round(store, previous=False)
    agreements.read_pasted(store, rnd.id, council.THEMED_AGREEMENT, isolated=False)
    agreements.judge(store, rnd.id, "2a", "bevestigd")
    agreements.judge(store, rnd.id, "P4", "bevestigd")
    rnd = rounds.by_id(store, rnd.id)
    report = report_data(round_view(store, rnd)).agreement
    four = next(p for p in report.priorities if p.name == question_bank().priority(4).name)
    assert four.status == "thema genoemd" and four.promises == []
    assert four.theme.quote == council.THEME_PASSAGE
    assert four.confirmed_words == ["thema genoemd (alinea 7), geen voorstel"]
    assert "Bij 1 prioriteit noemt het akkoord het thema" in report.intro
    slide = presentation.agreement_slide(agreement_views.agreement_view(store, rnd), question_bank())
    row = next(r for r in slide.rows if r.name == question_bank().priority(4).name)
    assert (row.status, row.promised, row.theme) == ("thema genoemd", [], "alinea 7")
    frame = exports.agreement_priorities_frame(round_views.round_view(store, rnd))
    four_row = frame[frame["prioriteit"] == 4].iloc[0]
    assert (
        four_row["akkoord_gevonden"] == "thema genoemd" and four_row["akkoord_na_oordeel"] == "thema genoemd"
    )
    assert (four_row["thema_oordeel"], four_row["thema_waar"]) == ("Klopt", "alinea 7")
    assert four_row["thema_citaat"] == council.THEME_PASSAGE
    two_row = frame[frame["prioriteit"] == 2].iloc[0]
    assert two_row["akkoord_na_oordeel"] == "staat erin" and two_row["thema_oordeel"] == ""
    # as the reader sees them: the report in HTML and Word, the presentation
    data = report_data(round_view(store, rnd))
    html = to_html(data)
    assert "thema genoemd (alinea 7), geen voorstel" in html
    assert "Thema genoemd, zonder een van de voorstellen, alinea 7:" in html
    words = "\n".join(p.text for p in Document(io.BytesIO(to_docx(data))).paragraphs)
    assert (
        "Thema genoemd, zonder een van de voorstellen, alinea 7:" in words and council.THEME_PASSAGE in words
    )
    deck = presentation.to_html(presentation.build(store, rnd))
    assert "Thema genoemd, geen voorstel (alinea 7)" in deck


@pytest.mark.parametrize(("pages", "said"), [(1, "akkoord.pdf, 1 pagina"), (2, "akkoord.pdf, 2 pagina's")])
def test_the_report_counts_the_agreements_pages_in_the_right_number(
    store: Store, pages: int, said: str
) -> None:
    """The report and the presentation said "akkoord.pdf, 1 pagina's"."""
    rnd = rounds.start(store, "GM0355", 2026)
    found = agreements.read_file(store, rnd.id, _pdf(pages), "akkoord.pdf")
    assert found.described == said
    assert f"De akkoordcheck las {said} en vond" in report_data(round_view(store, rnd)).agreement.intro

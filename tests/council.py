"""Rounds a council document is made of, for the report and presentation tests: a real or fictieve
(demo) municipality, real or fictieve peers, typed text with special characters, roles and workshops."""

from __future__ import annotations

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import answers as answer_store
from scan.records.round import choices, respondents, rounds
from scan.records.round.rounds import Round
from scan.rules.scoring import Answer
from scan.storage.core import Store

OWN = "GM0355"  # Zeist, member of the M50
PEERS = ["GM0109", "GM0163", "GM0166", "GM0177", "GM0203", "GM0222"]  # six other M50 municipalities
CHOSEN = ["2a", "6a", "8b"]
# typed by a user: markup, a Markdown image and link, quotes and an ampersand must stay literal text
TYPED = '<b>Vet</b> & "quote" ![t](http://x/track.png) [link](http://x/)'


def share_peers(store: Store, year: int, *, demo: bool, value: int = 3) -> None:
    """Six M50 municipalities share a scan with every benchmark question at ``value``."""
    bank = question_bank()
    for code in PEERS:
        rnd = rounds.start(store, code, year, is_demo=demo)
        answer_store.save_bulk(
            store,
            rnd.id,
            [Answer(q.id, value) for q in bank.benchmark_questions],
        )
        rounds.set_share_benchmark(store, rnd.id, True)
        rounds.close(store, rnd.id)  # only closed rounds count in the benchmark


def own_round(store: Store, year: int = 2026, *, demo: bool = False, previous: bool = True) -> Round:
    """The municipality's own scan: every self-scan question answered (one "weet niet"), a toelichting
    with special characters, three chosen proposals with an edited agenda, and a round two years before."""
    bank = question_bank()
    if previous:
        earlier = rounds.start(store, OWN, year - 2, is_demo=demo)
        for q in bank.questions_for_role("griffie"):
            answer_store.save(store, earlier.id, q.id, 1)
    rnd = rounds.start(store, OWN, year, is_demo=demo)
    for i, q in enumerate(bank.questions_for_role("griffie")):
        if q.id == "6.2":
            answer_store.save(store, rnd.id, q.id, None, dont_know=True)
        else:
            answer_store.save(store, rnd.id, q.id, (i % 4) + 1 if q.id != "1.1" else 4)
    answer_store.save_comment(store, rnd.id, "1.1", f"Toelichting griffie: {TYPED}")
    for pid in CHOSEN:
        choices.set_status(store, rnd.id, pid, "kiezen")
    choices.save_agenda_field(
        store, rnd.id, "2a", goal=f"Doel {TYPED}", owner="Griffie", timeline="Vóór de zomer"
    )
    return rounds.by_id(store, rnd.id)


def add_roles(store: Store, rnd: Round, role: str = "raad", n: int = 5, value: int = 5) -> None:
    """``n`` respondents of ``role`` who agree with every statement (value 5 of 1-5)."""
    bank = question_bank()
    _invite, code = respondents.create_invite(store, rnd.id, role)
    for _ in range(n):
        _, token = respondents.join(store, code)
        for q in bank.questions_for_role(role):
            respondents.answer(store, code, token, q.id, value)
        respondents.finish(store, code, token)  # only sent answers count


def add_workshop(store: Store, rnd: Round, people: int = 6, title: str = f"Raadsavond {TYPED}") -> None:
    """A workshop on two questions: the first revealed (published), the second never shown; a vote."""
    ws, secret = workshop.create(store, rnd.id, ["1.1", "2.1"], title=title)
    tokens = [workshop.join(store, ws.join_code)[1] for _ in range(people)]
    for qid in ("1.1", "2.1"):
        workshop.set_status(store, ws.id, secret, qid, "open")
        for n, token in enumerate(tokens):
            workshop.answer(store, ws.id, token, qid, n % 3 + 1)
        workshop.set_status(store, ws.id, secret, qid, "closed")
    workshop.set_status(store, ws.id, secret, "1.1", "revealed")
    workshop.set_phase(store, ws.id, secret, "voting")
    for n, token in enumerate(tokens):
        workshop.vote(store, ws.id, token, ["2a", "6a"] if n % 2 else ["2a"])
    workshop.set_phase(store, ws.id, secret, "ended")  # the vote is published once the workshop ends


# An agreement (pasted text): promises for 2a, 2c and 6a, a referendum refused, and document text with
# markup, a Markdown image and link that must stay literal text wherever a passage is shown.
AGREEMENT = f"""Samen aan de slag: coalitieakkoord 2026-2030

Wij richten een kinderraad en een jongerenraad op. Die adviseren de gemeenteraad gevraagd en ongevraagd over alles wat kinderen en jongeren raakt.

In deze raadsperiode organiseren we een burgerberaad met gelote inwoners over de energietransitie. {TYPED}

We stellen een mediafonds in om de lokale journalistiek te steunen, zodat een onafhankelijke lokale omroep en krant het bestuur kunnen blijven volgen.

We gaan geen referendum houden over het nieuwe gemeentehuis.

Verder bouwen we woningen, onderhouden we de wegen en zorgen we voor een schone buitenruimte in alle wijken en dorpen van onze gemeente."""


# The same agreement with a passage that serves priority 4 without naming one of its proposals
# (issue 24: "thema genoemd", found by the word list's theme words).
THEME_PASSAGE = (
    "Er komt een participatieverordening, zodat inwoners vooraf weten wanneer en hoe zij kunnen meepraten."
)
THEMED_AGREEMENT = f"{AGREEMENT}\n\n{THEME_PASSAGE}"


def add_agreement(store: Store, rnd: Round, confirm=("2a", "2c"), reject=("6a",)) -> None:
    """Read the agreement with the round; the griffier confirms ``confirm`` and rejects ``reject``."""
    from scan.records import agreements

    agreements.read_pasted(store, rnd.id, AGREEMENT, isolated=False)  # our own text: no child process
    for pid in confirm:
        agreements.judge(store, rnd.id, pid, "bevestigd")
    for pid in reject:
        agreements.judge(store, rnd.id, pid, "afgewezen")


def share_agreements(store: Store, codes: list[str], named: str = "2c") -> None:
    """Each of ``codes`` reads the agreement, confirms ``named``, shares and closes its 2026 round
    (only closed rounds count, like the benchmark)."""
    from scan.records import agreements

    for code in codes:
        peer = rounds.start(store, code, 2026)
        agreements.read_pasted(store, peer.id, AGREEMENT, isolated=False)
        agreements.judge(store, peer.id, named, "bevestigd")
        agreements.set_shared(store, peer.id, True)
        rounds.close(store, peer.id)

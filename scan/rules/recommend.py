"""Which proposals from the pamphlet fit this municipality's gaps, and why (pure functions).

Rules (the ranking rests on the answers; the pamphlet's only grading is "basisstap" for the "a"
proposal and "pittiger" for the rest, so nothing here depends on a finer grade or on letter order):
- A proposal's gap is the average distance to level 4 of the questions that measure it
  (level 0 = gap 1, level 4 = gap 0). A proposal whose questions are all at level 4 is
  already in place and is not suggested; neither is one marked "al gedaan" or "niet voor ons".
- Within a priority, when its basic step (the "a" proposal) is not yet in place (any of its
  questions below level 3, or unanswered), the basic step comes first. When the basics are in
  place, the spicier proposals come first (the larger gap first) and the basic step last.
- Across priorities, weaker priorities come first (weight: 0.6 × weakness + 0.3 × gap). Peers
  that already have a proposal in place (all its questions at level 3 or higher) raise it a
  little (+ 0.1 × their share), and the reason says how many — only when at least five peers
  have data. A proposal the griffier confirmed in the agreement rises a little too (+ 0.1): the
  council promised it; the reason sets the promise beside the answers.
- The top five (``top``) spreads over the priorities: one proposal per priority first. A second one
  of a priority comes in only when the answers say so: its priority scores at least SPREAD_POINTS
  lower than the priority it would push out. A third never, unless no other priority has a
  proposal left. Each such exception says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scan.base.formatting import nl_number, nl_part_of, shown_difference
from scan.content.models import Proposal, ProposalStatus
from scan.content.questionbank import QuestionBank
from scan.content.reference import PeerGroup
from scan.rules.akkoord.coverage import Promise
from scan.rules.answer_words import NOT_YET, in_sentence
from scan.rules.benchmark import MinimumN, PeerData
from scan.rules.disclosure import Decision, Shown, contributor_of, fingerprint
from scan.rules.scoring import Answer, ScanScore, points

IN_PLACE_LEVEL = 3
UNANSWERED_GAP = 0.75  # unknown counts as a likely gap, but below a confirmed "niet aan de orde"
PROMISE_WEIGHT = 0.1  # a confirmed promise in the agreement raises a proposal as much as all peers having it
SPREAD_POINTS = 20  # a second proposal of a priority enters the top five only if it is this much weaker
TOP = 5


@dataclass(frozen=True)
class PeerAdoption(MinimumN):
    in_place: int
    n: int
    group_label: str
    updating: bool = False

    @property
    def share(self) -> float:
        return self.in_place / self.n if self.enough else 0.0

    @property
    def text(self) -> str:
        if not self.enough:
            return f"Vergelijking met {self.group_label}: {self.message}."
        members = f"{_members(self.group_label)} met gegevens"  # the group is many, also when n is 1
        return (
            f"{nl_part_of(self.in_place, self.n, (members, members), ('heeft', 'hebben'), the=True)} dit al "
            f"(niveau {IN_PLACE_LEVEL} of hoger)."
        )


def _members(label: str) -> str:
    """The group's municipalities inside a sentence: "gemeenten van 20.000 tot 50.000 inwoners (circa)",
    "gemeenten in de M50 (middelgrote gemeenten)", never "gemeenten in Gemeenten met …"."""
    if label.startswith("Gemeenten met "):
        return "gemeenten van " + label.removeprefix("Gemeenten met ")
    if label == "Alle gemeenten":
        return "gemeenten"
    if label.startswith("Provincie "):
        return "gemeenten in de provincie " + label.removeprefix("Provincie ")
    if ":" in label:
        short, _, rest = label.partition(":")
        return f"gemeenten in de {short.strip()} ({rest.strip()})"
    return f"gemeenten in {label}"


def _measured_by(bank: QuestionBank, proposal: Proposal) -> list[str]:
    return [q for q in proposal.questions if bank.question(q).kind == "maturity"]


def adoption_candidates(
    bank: QuestionBank, data: PeerData, group: PeerGroup, own_code: str
) -> dict[str, frozenset[str]]:
    """Per proposal (figure ``A<id>``): the peers with every question of it answered, fingerprinted."""
    peers = data.peers(group, own_code)
    values = data.question_values[data.question_values["gm_code"].isin(peers)]
    wide = values.pivot_table(index="gm_code", columns="question_id", values="value", aggfunc="first")
    result: dict[str, frozenset[str]] = {}
    for proposal in bank.proposals:
        columns = _measured_by(bank, proposal)
        if wide.empty or not set(columns) <= set(wide.columns):
            result[f"A{proposal.id}"] = frozenset()
            continue
        complete = wide[columns].dropna()
        result[f"A{proposal.id}"] = frozenset(
            fingerprint(str(code), [int(v) for v in row]) for code, row in complete.iterrows()
        )
    return result


def peer_adoption(
    bank: QuestionBank, data: PeerData, group: PeerGroup, decisions: Mapping[str, Decision]
) -> dict[str, PeerAdoption]:
    """Per proposal: how many of the published peers have all its questions at level 3 or higher."""
    values = data.question_values
    result = {}
    for proposal in bank.proposals:
        decision = decisions[f"A{proposal.id}"]
        if decision.members is None:
            result[proposal.id] = PeerAdoption(
                0, decision.candidates, group.label, decision.state is Shown.UPDATING
            )
            continue
        members = {contributor_of(k) for k in decision.members}
        columns = _measured_by(bank, proposal)
        mine = values[values["gm_code"].isin(members) & values["question_id"].isin(columns)]
        lowest = mine.groupby("gm_code")["value"].min()
        result[proposal.id] = PeerAdoption(int((lowest >= IN_PLACE_LEVEL).sum()), len(members), group.label)
    return result


@dataclass(frozen=True)
class Suggestion:
    proposal: Proposal
    gap: float
    tier: int  # 0 = the step to take now in this priority, 1 = later, 2 = basics already in place
    weight: float  # higher = more urgent across priorities
    reasons: tuple[str, ...]
    peers: PeerAdoption | None = None
    priority_score: float | None = None  # the score of the proposal's priority (0-100)
    promise: Promise | None = None  # confirmed in the agreement (akkoordcheck)
    practice: str = ""  # the promise beside the answers, in one sentence ("" when not promised)

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def _gap(proposal: Proposal, bank: QuestionBank, answers: Mapping[str, Answer]) -> float:
    """0 (all questions at the top level) to 1 (all at the bottom): 1 - points / 100 (scoring rule 1),
    averaged; unanswered counts as UNANSWERED_GAP."""
    gaps = [
        1 - points(bank.question(q), value) / 100
        for q in proposal.questions
        if q in answers and (value := answers[q].value) is not None and bank.question(q).kind == "maturity"
    ]
    if not gaps:
        return UNANSWERED_GAP
    return sum(gaps) / len(gaps)


def _basics_in_place(bank: QuestionBank, priority_id: int, answers: Mapping[str, Answer]) -> bool:
    basic = bank.proposal(f"{priority_id}a")
    return all(
        q in answers and (value := answers[q].value) is not None and value >= IN_PLACE_LEVEL
        for q in basic.questions
    )


def _level_phrase(bank: QuestionBank, qid: str, answers: Mapping[str, Answer]) -> str:
    """ "vraag 2.3 staat op niveau 0 (niet aan de orde)", "vraag 2.3 is nog niet beantwoord"."""
    answer = answers.get(qid)
    question = bank.question(qid)
    if answer is None or answer.value is None:
        state = (
            f"beantwoord met ‘{in_sentence(question, answer)}’"
            if answer is not None and answer.dont_know
            else NOT_YET
        )
        return f"vraag {qid} is {state}"
    label = question.scale[answer.value].split(".")[0]
    return f"vraag {qid} staat op niveau {answer.value} ({label.lower()})"


def _level_sentence(bank: QuestionBank, qid: str, answers: Mapping[str, Answer]) -> str:
    phrase = _level_phrase(bank, qid, answers)
    return phrase[0].upper() + phrase[1:] + "."


def _lagging(bank: QuestionBank, proposal: Proposal, answers: Mapping[str, Answer]) -> list[str]:
    """The questions of a proposal below "in uitvoering" (or without a value)."""
    return [
        q
        for q in _measured_by(bank, proposal)
        if q not in answers or (value := answers[q].value) is None or value < IN_PLACE_LEVEL
    ]


def promise_in_practice(
    bank: QuestionBank, proposal: Proposal, promise: Promise, answers: Mapping[str, Answer]
) -> str:
    """The gap between promise and practice in one sentence: "Het akkoord belooft dit (pagina 12);
    vraag 2.3 staat op niveau 0 (niet aan de orde)." Only the questions that lag are named."""
    what = "belooft dit deels" if promise.partly else "belooft dit"
    measured = _measured_by(bank, proposal)
    lagging = _lagging(bank, proposal, answers)
    if not lagging:
        return (
            f"Het akkoord {what} ({promise.where}); in de praktijk staat het al: "
            f"{'de vraag' if len(measured) == 1 else 'alle vragen'} op niveau {IN_PLACE_LEVEL} of hoger."
        )
    phrases = [_level_phrase(bank, q, answers) for q in lagging]
    listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " en " + phrases[-1]
    return f"Het akkoord {what} ({promise.where}); {listed}."


def suggest(
    bank: QuestionBank,
    answers: Mapping[str, Answer],
    score: ScanScore,
    statuses: Mapping[str, ProposalStatus] | None = None,
    adoption: Mapping[str, PeerAdoption] | None = None,
    promised: Mapping[str, Promise] | None = None,
) -> list[Suggestion]:
    """All suggestions, most urgent first. Use ``by_priority`` for the per-priority lists and ``top``
    for the five to start with."""
    statuses = statuses or {}
    adoption = adoption or {}
    promised = promised or {}
    suggestions = []
    for priority in bank.core_priorities:
        ps = score.by_id(priority.id)
        weakness = (100 - ps.score) / 100 if ps.score is not None else 0.5
        basics = _basics_in_place(bank, priority.id, answers)
        for proposal in bank.proposals_for(priority.id):
            status = statuses.get(proposal.id)
            if status is not None and ProposalStatus(status).excludes:
                continue
            gap = _gap(proposal, bank, answers)
            if gap == 0:
                continue  # every question at level 4: in place already
            # basic step: now (0) until it stands, then last (2); spicier: after the basics (1), then now (0)
            tier = {(True, False): 0, (True, True): 2, (False, False): 1, (False, True): 0}[
                (proposal.basic, basics)
            ]
            reasons = []
            if ps.score is None:
                reasons.append(f"{priority.name} heeft nog geen score.")
            else:
                reasons.append(f"{priority.name} scoort {nl_number(ps.score)} van 100.")
            if proposal.basic and not basics:
                reasons.append(
                    "Dit is de basisstap van deze prioriteit: de stap die volgens het pamflet geen gemeente kan overslaan."
                )
            elif not proposal.basic and basics:
                reasons.append(
                    f"De basis staat al (voorstel {priority.id}a op niveau {IN_PLACE_LEVEL} of hoger); "
                    "dit is een pittiger vervolgstap."
                )
            elif not proposal.basic:
                reasons.append(f"Eerst de basisstap {priority.id}a; dit is een pittiger vervolg.")
            promise = promised.get(proposal.id)
            practice = promise_in_practice(bank, proposal, promise, answers) if promise else ""
            # a question the promise sentence names is not said twice
            named = set(_lagging(bank, proposal, answers)) if promise else set()
            reasons.extend(_level_sentence(bank, q, answers) for q in proposal.questions if q not in named)
            peers = adoption.get(proposal.id)
            if peers is not None:
                reasons.append(peers.text)
            if practice:
                reasons.append(practice)
            weight = (
                0.6 * weakness
                + 0.3 * gap
                + 0.1 * (peers.share if peers else 0)
                + (PROMISE_WEIGHT if promise else 0)
            )
            suggestions.append(
                Suggestion(proposal, gap, tier, weight, tuple(reasons), peers, ps.score, promise, practice)
            )
    return sorted(suggestions, key=lambda s: (s.tier, -s.weight, s.proposal.id))


def by_priority(suggestions: list[Suggestion]) -> dict[int, list[Suggestion]]:
    """Per priority in the order of the rules above (tier, then urgency: the gap, peers, a promise)."""
    result: dict[int, list[Suggestion]] = {}
    for s in sorted(suggestions, key=lambda s: (s.proposal.priority, s.tier, -s.weight, s.proposal.id)):
        result.setdefault(s.proposal.priority, []).append(s)
    return result


def with_step(suggestions: list[Suggestion], basic: bool | None) -> list[Suggestion]:
    """Only basic steps (True), only spicier ones (False), or all (None)."""
    return [s for s in suggestions if basic is None or s.proposal.basic == basic]


@dataclass(frozen=True)
class Pick:
    suggestion: Suggestion
    why: str = ""  # set when this pick breaks the spread (a second proposal of one priority)


def top(suggestions: list[Suggestion], n: int = TOP) -> list[Pick]:
    """The ``n`` to start with, spread over the priorities (see the rules above)."""
    picks: list[Pick] = []
    rest = list(suggestions)  # most urgent first
    taken: dict[int, int] = {}
    while rest and len(picks) < n:
        fresh = next((s for s in rest if s.proposal.priority not in taken), None)
        # a second proposal of a priority, never a third (unless nothing else is left)
        again = next((s for s in rest if taken.get(s.proposal.priority) == 1), None)
        pick, why = fresh, ""
        if fresh is None:
            pick = rest[0]
            why = "De andere prioriteiten hebben geen voorstel meer dat past; daarom nog een uit deze."
        elif (
            again is not None
            and again.priority_score is not None
            and fresh.priority_score is not None
            and (shown_difference(fresh.priority_score, again.priority_score) or 0.0) >= SPREAD_POINTS
        ):
            pick = again
            why = (
                f"Nog een voorstel uit deze prioriteit: die scoort {nl_number(again.priority_score)}, "
                f"{nl_number(shown_difference(fresh.priority_score, again.priority_score))} punten lager dan de volgende "
                f"prioriteit met een voorstel ({nl_number(fresh.priority_score)})."
            )
        assert pick is not None
        picks.append(Pick(pick, why))
        taken[pick.proposal.priority] = taken.get(pick.proposal.priority, 0) + 1
        rest.remove(pick)
    return picks

"""Which proposals from the pamphlet fit this municipality's gaps, and why (pure functions).

Rules:
- A proposal's gap is the average distance to level 4 of the questions that measure it
  (level 0 = gap 1, level 4 = gap 0). A proposal whose questions are all at level 4 is
  already in place and is not suggested; neither is one marked "al gedaan" or "niet voor ons".
- Within a priority, when its basic step (the "a" proposal) is not yet in place (any of its
  questions below level 3, or unanswered), the basic step comes first. When the basics are in
  place, the spicier proposals come first (fewest peppers first) and the basic step last.
- Across priorities, weaker priorities come first. Peers that already have a proposal in
  place (all its questions at level 3 or higher) raise it a little, and the reason says how
  many — only when at least five peers have data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scan.benchmark import MinimumN, PeerData
from scan.disclosure import Decision, Shown, contributor_of, fingerprint
from scan.formatting import nl_number
from scan.models import Proposal, ProposalStatus
from scan.questionbank import QuestionBank
from scan.reference import PeerGroup
from scan.scoring import Answer, ScanScore, points

IN_PLACE_LEVEL = 3
UNANSWERED_GAP = 0.75  # unknown counts as a likely gap, but below a confirmed "niet aan de orde"


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
        return (
            f"{self.in_place} van de {self.n} gemeenten in {self.group_label} met gegevens hebben dit al "
            f"(niveau {IN_PLACE_LEVEL} of hoger)."
        )


def _measured_by(bank: QuestionBank, proposal: Proposal) -> list[str]:
    return [q for q in proposal.questions if bank.question(q).kind == "maturity"]


def adoption_candidates(
    bank: QuestionBank, data: PeerData, group: PeerGroup, own_code: str
) -> dict[str, frozenset[str]]:
    """Per proposal (figure ``A<id>``): the peers with every question of it answered, fingerprinted."""
    peers = data.peers(group, own_code)
    values = data.question_values[data.question_values["gm_code"].isin(peers)]
    wide = values.pivot_table(index="gm_code", columns="question_id", values="value", aggfunc="first")
    result = {}
    for proposal in bank.proposals:
        columns = _measured_by(bank, proposal)
        if wide.empty or not set(columns) <= set(wide.columns):
            result[f"A{proposal.id}"] = frozenset()
            continue
        complete = wide[columns].dropna()
        result[f"A{proposal.id}"] = frozenset(
            fingerprint(code, [int(v) for v in row]) for code, row in complete.iterrows()
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

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)


def _gap(proposal: Proposal, bank: QuestionBank, answers: Mapping[str, Answer]) -> float:
    """0 (all questions at the top level) to 1 (all at the bottom): 1 - points / 100 (scoring rule 1),
    averaged; unanswered counts as UNANSWERED_GAP."""
    gaps = [
        1 - points(bank.question(q), answers[q].value) / 100
        for q in proposal.questions
        if q in answers and answers[q].value is not None and bank.question(q).kind == "maturity"
    ]
    if not gaps:
        return UNANSWERED_GAP
    return sum(gaps) / len(gaps)


def _basics_in_place(bank: QuestionBank, priority_id: int, answers: Mapping[str, Answer]) -> bool:
    basic = bank.proposal(f"{priority_id}a")
    return all(
        q in answers and answers[q].value is not None and answers[q].value >= IN_PLACE_LEVEL
        for q in basic.questions
    )


def _level_sentence(bank: QuestionBank, qid: str, answers: Mapping[str, Answer]) -> str:
    answer = answers.get(qid)
    question = bank.question(qid)
    if answer is None or answer.value is None:
        state = "weet niet" if answer is not None and answer.dont_know else "nog niet beantwoord"
        return f"Vraag {qid} is {state}."
    label = question.scale[answer.value].split(".")[0]
    return f"Vraag {qid} staat op niveau {answer.value} ({label.lower()})."


def suggest(
    bank: QuestionBank,
    answers: Mapping[str, Answer],
    score: ScanScore,
    statuses: Mapping[str, ProposalStatus] | None = None,
    adoption: Mapping[str, PeerAdoption] | None = None,
) -> list[Suggestion]:
    """All suggestions, most urgent first. Use ``by_priority`` for the per-priority lists."""
    statuses = statuses or {}
    adoption = adoption or {}
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
            is_basic = proposal.letter == "a"
            # basic step: now (0) until it stands, then last (2); spicier: after the basics (1), then now (0)
            tier = {(True, False): 0, (True, True): 2, (False, False): 1, (False, True): 0}[
                (is_basic, basics)
            ]
            reasons = []
            if ps.score is None:
                reasons.append(f"{priority.name} heeft nog geen score.")
            else:
                reasons.append(f"{priority.name} scoort {nl_number(ps.score)} van 100.")
            if is_basic and not basics:
                reasons.append("Dit is de basisstap voor dit onderdeel (één pepertje).")
            elif not is_basic and basics:
                reasons.append(
                    f"De basis staat al (voorstel {priority.id}a op niveau {IN_PLACE_LEVEL} of hoger); "
                    f"dit is een volgende stap ({proposal.peppers} pepertjes)."
                )
            elif not is_basic:
                reasons.append(
                    f"Eerst de basisstap {priority.id}a; dit is een pittiger vervolg ({proposal.peppers} pepertjes)."
                )
            reasons.extend(_level_sentence(bank, q, answers) for q in proposal.questions)
            peers = adoption.get(proposal.id)
            if peers is not None:
                reasons.append(peers.text)
            weight = (
                0.6 * weakness + 0.3 * gap + 0.1 * (peers.share if peers else 0) - 0.05 * proposal.peppers
            )
            suggestions.append(Suggestion(proposal, gap, tier, weight, tuple(reasons), peers))
    return sorted(suggestions, key=lambda s: (s.tier, -s.weight, s.proposal.id))


def by_priority(suggestions: list[Suggestion]) -> dict[int, list[Suggestion]]:
    """Per priority in the order of the rules above (tier, then basics-first or peppers, then urgency)."""
    result: dict[int, list[Suggestion]] = {}
    for s in sorted(
        suggestions,
        key=lambda s: (
            s.proposal.priority,
            s.tier,
            s.proposal.peppers if s.tier == 0 else 0,
            -s.weight,
            s.proposal.id,
        ),
    ):
        result.setdefault(s.proposal.priority, []).append(s)
    return result


def with_peppers(suggestions: list[Suggestion], peppers: set[int] | frozenset[int]) -> list[Suggestion]:
    """Only the suggestions with one of these pepper counts (the page shows one priority at a time)."""
    return [s for s in suggestions if s.proposal.peppers in peppers]

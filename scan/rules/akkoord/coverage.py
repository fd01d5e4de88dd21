"""What counts once the griffier has looked: confirmed matches, and how many peers' agreements name
a proposal (pure functions; the records are in scan/records/agreements.py, the assembly in scan/views.py).

Rules:
- The akkoordcheck only proposes. A proposal counts as "in the agreement" only when the griffier
  confirmed it, with the passage that shows it. A rejected or not yet judged match counts nowhere.
- A priority is "staat erin" when one of its proposals is confirmed from a passage the check found
  "staat erin", "deels" when its confirmed proposals were all found "deels", otherwise "niet
  bevestigd" (nothing confirmed: not found, rejected or not yet judged).
- Peers: a municipality that shares its confirmed coverage counts for every proposal, as naming it
  or not. Each proposal is one figure (scan/rules/disclosure.py): shown over at least five sharing peers,
  and never so that two views differ by one municipality.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from scan.base.formatting import nl_number
from scan.rules.akkoord.result import AgreementAnalysis, Passage, ProposalCoverage
from scan.rules.benchmark import MinimumN
from scan.rules.disclosure import Decision, Shown, contributor_of, fingerprint

QUOTE_CHARS = 320  # a quote in a card, the agenda or the report: about three lines


class Judgement(StrEnum):
    """The griffier's decision on a match (stored as these values)."""

    CONFIRMED = "bevestigd"
    REJECTED = "afgewezen"

    @property
    def label(self) -> str:
        return {"bevestigd": "Klopt", "afgewezen": "Klopt niet"}[self.value]


@dataclass(frozen=True)
class Judged:
    proposal_id: str
    judgement: Judgement
    passage: int  # index into the proposal's passages (the one the griffier confirmed)


def candidates(coverage: ProposalCoverage) -> list[Passage]:
    """The passages a griffier can confirm: found (staat erin or deels), never a denied one."""
    if coverage.status == "niet_gevonden":
        return []
    return [p for p in coverage.passages if not p.negated]


def quote(passage: Passage, limit: int = QUOTE_CHARS) -> str:
    """The passage, cut around its first marked word when it is long ("… tekst …")."""
    text = " ".join(passage.text.split())
    if len(text) <= limit:
        return text
    first = passage.spans[0][0] if passage.spans else 0
    # the passage's own spacing may differ from the collapsed text: find the word again
    marked = passage.text[passage.spans[0][0] : passage.spans[0][1]] if passage.spans else ""
    at = text.find(" ".join(marked.split())) if marked else first
    start = max(0, min(at - limit // 3, len(text) - limit))
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + limit
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


@dataclass(frozen=True)
class Promise:
    """A confirmed match: the agreement promises this proposal, as this passage shows."""

    proposal_id: str
    found: str  # the check's status: "staat_erin" or "deels"
    passage: Passage

    @property
    def where(self) -> str:
        return self.passage.where

    @property
    def quote(self) -> str:
        return quote(self.passage)

    @property
    def partly(self) -> bool:
        return self.found == "deels"


def promises(analysis: AgreementAnalysis, judged: Mapping[str, Judged]) -> dict[str, Promise]:
    """Only confirmed matches, each with the passage the griffier confirmed."""
    found = {}
    for pid, j in judged.items():
        coverage = analysis.proposals.get(pid)
        if j.judgement is not Judgement.CONFIRMED or coverage is None:
            continue
        options = candidates(coverage)
        if not options:
            continue
        found[pid] = Promise(pid, coverage.status, options[min(j.passage, len(options) - 1)])
    return found


PRIORITY_LABELS = {"staat_erin": "staat erin", "deels": "deels", "niet_bevestigd": "niet bevestigd"}


def priority_status(proposal_ids: list[str], confirmed: Mapping[str, Promise]) -> str:
    """ "staat_erin", "deels" or "niet_bevestigd" for a priority, from its confirmed proposals only."""
    mine = [confirmed[pid] for pid in proposal_ids if pid in confirmed]
    if any(not p.partly for p in mine):
        return "staat_erin"
    return "deels" if mine else "niet_bevestigd"


# --- peers ----------------------------------------------------------------------------------------


def mention_candidates(
    shared: Mapping[str, frozenset[str]], peers: set[str] | frozenset[str], proposal_ids: list[str]
) -> dict[str, frozenset[str]]:
    """Per proposal (figure ``K<id>``): every sharing peer, fingerprinted with whether it names it."""
    sharing = sorted(code for code in shared if code in peers)
    return {
        f"K{pid}": frozenset(fingerprint(code, pid in shared[code]) for code in sharing)
        for pid in proposal_ids
    }


@dataclass(frozen=True)
class PeerMention(MinimumN):
    named: int = 0
    n: int = 0
    group: str = ""  # the group inside a sentence: "de M50 (middelgrote gemeenten)", "alle gemeenten"
    updating: bool = False

    @property
    def message(self) -> str:
        if self.updating:
            return f"wordt bijgewerkt zodra er genoeg veranderd is (n = {self.n})"
        return f"te weinig gedeelde akkoorden (n = {self.n})"

    @property
    def text(self) -> str:
        if not self.enough:
            return f"Akkoorden van {self.group}: {self.message}."
        where = self.group[0].upper() + self.group[1:]
        return (
            f"{where}: {nl_number(self.named)} van de {nl_number(self.n)} gemeenten met een gedeeld "
            f"akkoord {'noemt' if self.named == 1 else 'noemen'} dit voorstel."
        )


def peer_mentions(
    shared: Mapping[str, frozenset[str]],
    decisions: Mapping[str, Decision],
    proposal_ids: list[str],
    group: str,
) -> dict[str, PeerMention]:
    """Per proposal: how many of the published sharing peers name it in their confirmed coverage."""
    result = {}
    for pid in proposal_ids:
        decision = decisions[f"K{pid}"]
        if decision.members is None:
            result[pid] = PeerMention(
                n=decision.candidates, group=group, updating=decision.state is Shown.UPDATING
            )
            continue
        members = {contributor_of(k) for k in decision.members}
        named = sum(1 for code in members if pid in shared.get(code, frozenset()))
        result[pid] = PeerMention(named=named, n=len(members), group=group)
    return result

"""What counts once the griffier has looked: confirmed matches, and how many peers' agreements name
a proposal (pure functions; the records are in scan/records/agreements.py, the assembly in scan/views.py).

Rules:
- The akkoordcheck only proposes. A proposal counts as "in the agreement" only when the griffier
  confirmed it, with the passage that shows it. A rejected or not yet judged match counts nowhere.
- A priority is "staat erin" when one of its proposals is confirmed from a passage the check found
  "staat erin", "deels" when its confirmed proposals were all found "deels", "thema genoemd" when
  none of its proposals is confirmed but the griffier confirmed a passage that serves the priority
  without naming a proposal (issue 24; judged under the key "P<priority>"), otherwise "niet
  bevestigd" (nothing confirmed: not found, rejected or not yet judged).
- Peers: a municipality that shares its confirmed coverage counts for every proposal, as naming it
  or not. Each proposal is one figure (scan/rules/disclosure.py): shown over at least five sharing peers,
  and never so that two views differ by one municipality.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from scan.base.formatting import nl_number
from scan.rules.akkoord.result import AgreementAnalysis, Passage, PriorityCoverage, ProposalCoverage
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


# --- "thema genoemd": a priority served without one of its proposals (issue 24) -------------------

_THEME_KEY = re.compile(r"^P([1-8])$")


def theme_key(priority_id: int) -> str:
    """The key under which the griffier's decision on a priority's theme is kept: "P4"."""
    return f"P{priority_id}"


def theme_of(key: str) -> int | None:
    """The priority of a theme key ("P4" -> 4); None for anything else (a proposal id)."""
    match = _THEME_KEY.match(key) if isinstance(key, str) else None
    return int(match.group(1)) if match else None


def subject(key: str) -> str:
    """What a decision is about, inside a sentence: "voorstel 2c" or "het thema van prioriteit 4"."""
    priority = theme_of(key)
    return f"het thema van prioriteit {priority}" if priority is not None else f"voorstel {key}"


def theme_candidates(coverage: PriorityCoverage) -> list[Passage]:
    """The passages a griffier can confirm as "thema genoemd" for a priority."""
    return list(coverage.theme)


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


class _Quoted:
    """What the agreement says, as a passage shows it: where, and the quote."""

    passage: Passage

    @property
    def where(self) -> str:
        return self.passage.where

    @property
    def quote(self) -> str:
        return quote(self.passage)


@dataclass(frozen=True)
class Promise(_Quoted):
    """A confirmed match: the agreement promises this proposal, as this passage shows."""

    proposal_id: str
    found: str  # the check's status: "staat_erin" or "deels"
    passage: Passage

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


@dataclass(frozen=True)
class ThemePromise(_Quoted):
    """A confirmed theme: the agreement serves this priority, as this passage shows, without naming
    one of its proposals."""

    priority_id: int
    passage: Passage


def theme_promises(analysis: AgreementAnalysis, judged: Mapping[str, Judged]) -> dict[int, ThemePromise]:
    """Only confirmed themes, each with the passage the griffier confirmed."""
    found = {}
    for key, j in judged.items():
        priority = theme_of(key)
        if priority is None or j.judgement is not Judgement.CONFIRMED:
            continue
        coverage = analysis.priorities.get(priority)
        if coverage is None:
            continue
        options = theme_candidates(coverage)
        if options:
            found[priority] = ThemePromise(priority, options[min(j.passage, len(options) - 1)])
    return found


# One wording per state, the same on every screen and in every document (issue 26.7): "niet bevestigd"
# only where the check found something the griffier did not (yet) confirm; "niet gevonden" where the
# check found nothing at all, so nothing reads as if the griffier rejected it.
PRIORITY_LABELS = {
    "staat_erin": "staat erin",
    "deels": "deels",
    "thema_genoemd": "thema genoemd",
    "niet_bevestigd": "niet bevestigd",
    "niet_gevonden": "niet gevonden",
}


def priority_status(
    proposal_ids: list[str], confirmed: Mapping[str, Promise], theme: ThemePromise | None, *, found: bool
) -> str:
    """ "staat_erin", "deels", "thema_genoemd", "niet_bevestigd" or "niet_gevonden" for a priority, from
    what the griffier confirmed: its proposals first, then its theme; ``found``: the check found a
    passage to judge for the priority (a proposal or its theme)."""
    mine = [confirmed[pid] for pid in proposal_ids if pid in confirmed]
    if any(not p.partly for p in mine):
        return "staat_erin"
    if mine:
        return "deels"
    if theme is not None:
        return "thema_genoemd"
    return "niet_bevestigd" if found else "niet_gevonden"


def by_state(states: list[tuple[str, str]]) -> str:
    """Proposals with their own state, grouped: "staat erin: 2c; deels: 2a" (never "staat erin: 2a, 2c"
    when 2a is only partly there). ``states``: (proposal id, state label), in proposal order."""
    groups: dict[str, list[str]] = {}
    for pid, state in states:
        groups.setdefault(state, []).append(pid)
    return "; ".join(f"{state}: {', '.join(ids)}" for state, ids in groups.items())


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

"""From terms found to a status, with thresholds that fit in one sentence each.

Per passage (headings never count):
* staat erin  - at least STRONG_MIN strong term that is not negated and not hedged;
* deels       - a strong term that is only hedged ("we onderzoeken of ..."), or at least SUPPORT_MIN
                different support terms of the proposal (not negated);
* otherwise the passage does not count; if it has terms of the proposal that are all negated it is
  kept as a "denied" passage, so the user sees why it did not count.

Per proposal: the best status of its passages. Per priority: "staat erin" when at least one of its
proposals stands in the agreement, "deels" when none does but at least one is partly there,
otherwise "niet gevonden".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from scan.rules.akkoord.matching import Occurrence
from scan.rules.akkoord.result import STATUS_ORDER, PriorityCoverage, ProposalCoverage, Status

STRONG_MIN = 1
SUPPORT_MIN = 2
MAX_PASSAGES = 3  # counted passages shown per proposal
MAX_DENIED = 2  # negated passages shown per proposal
MAX_THEME = 3  # "thema genoemd" passages kept per priority
MAX_MAYBE = 5  # "misschien relevant" passages shown per priority
# A "deels" from support words alone counts only when the passage model gives the priority at least
# this probability: two generic words ("vertrouwen", "fracties") in a passage about something else
# made "deels" before (docs/akkoordcheck.md).
SUPPORT_GATE = 0.7


@dataclass(frozen=True)
class Verdict:
    status: Status
    negated: bool  # the passage names the proposal only to deny it
    hedged: bool
    shown: tuple[Occurrence, ...]  # the occurrences to mark


def distinct(occurrences: Iterable[Occurrence]) -> int:
    """How many different terms: word forms of one stem, or terms on the same words, count once."""
    seen: set[tuple[str, ...]] = set()
    used: set[int] = set()
    for o in sorted(occurrences, key=lambda o: o.tokens):
        tokens = set(range(*o.tokens))
        if o.term.pattern.identity in seen or tokens & used:
            continue
        seen.add(o.term.pattern.identity)
        used |= tokens
    return len(seen)


def judge(occurrences: Sequence[Occurrence]) -> Verdict:
    counted = [o for o in occurrences if not o.negated]
    firm = [o for o in counted if o.tier == "strong" and not o.hedged]
    soft = [o for o in counted if o.tier == "strong" and o.hedged]
    support = distinct(o for o in counted if o.tier == "support")
    if distinct(firm) >= STRONG_MIN:
        return Verdict("staat_erin", False, False, tuple(counted))
    if soft or support >= SUPPORT_MIN:
        return Verdict("deels", False, bool(soft), tuple(counted))
    denied = [o for o in occurrences if o.negated]
    if denied and (
        any(o.tier == "strong" for o in denied) or len({o.term.pattern.text for o in denied}) >= 2
    ):
        return Verdict("niet_gevonden", True, False, tuple(denied))
    return Verdict("niet_gevonden", False, False, ())


def gate(verdict: Verdict, relevance: float) -> Verdict:
    """Drop a support-words-only "deels" when the passage is not about the priority at all."""
    if verdict.status == "deels" and not verdict.hedged and relevance < SUPPORT_GATE:
        return Verdict("niet_gevonden", False, False, ())
    return verdict


def proposal_status(verdicts: Iterable[Verdict]) -> Status:
    return max((v.status for v in verdicts), key=STATUS_ORDER.__getitem__, default="niet_gevonden")


def roll_up(proposals: Mapping[str, ProposalCoverage]) -> dict[int, PriorityCoverage]:
    by_priority: dict[int, list[ProposalCoverage]] = {}
    for pid, coverage in proposals.items():
        by_priority.setdefault(int(pid[0]), []).append(coverage)
    result = {}
    for priority, items in sorted(by_priority.items()):
        status = max((c.status for c in items), key=STATUS_ORDER.__getitem__)
        found = tuple(c.proposal_id for c in items if c.status != "niet_gevonden")
        result[priority] = PriorityCoverage(priority, status, found)
    return result

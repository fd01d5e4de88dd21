"""When a group figure may be shown: never over fewer than five contributors, and never so that
comparing two views of it gives away one contributor — over time, and across every group a viewer
can open.

The rule, for every figure (a role's score on a priority, a peer median on a question, "all
respondents together", how many peers' agreements name a proposal, ...):

1. A figure rests on a *published set* of contributors. Each contributor is known by an id and
   a fingerprint of exactly the data the figure uses, so a changed answer makes a different
   contributor.
2. Each figure has one register of every set published for it, per viewer: not per peer group,
   because the viewer can open any group (G4, G40, M50, P10, size class, province, all) on any page
   or export, and two groups one municipality apart would otherwise give that municipality away.
3. A set is published once it has at least ``MIN_N`` contributors and differs by at least ``MIN_N``
   (joined, left or changed, counted together) from *every* set published before for the figure.
   Otherwise the figure shows a set published before whose contributors are all still there (the
   largest; newcomers wait, and a view seen before tells nothing new), or else is withheld (shown as
   "being updated", with the count), or with fewer than ``MIN_N`` as "too few", with the count.

So any two views of a figure, whichever group, page or moment, are either the same or differ by at
least five contributors: no single contributor can be read off by subtracting them. (Against every
earlier set, not only the last: a property test found that "the last" lets a view move one
contributor away from a view shown two releases ago.) Combined figures are built only from published
sets (scan/rules/voices.py), so a hidden group cannot be derived from the shown ones either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

MIN_N = 5


def fingerprint(contributor: str, data: object) -> str:
    """A contributor's key for one figure: its id and a hash of the data the figure uses."""
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{contributor}#{digest}"


def contributor_of(key: str) -> str:
    return key.split("#", 1)[0]


class Shown(StrEnum):
    SHOWN = "shown"  # the published set is the basis of the figure
    TOO_FEW = "too_few"  # fewer than MIN_N contributors so far
    UPDATING = "updating"  # a published contributor left or changed: withheld until enough changed


@dataclass(frozen=True)
class Decision:
    state: Shown
    history: tuple[frozenset[str], ...]  # every set published so far for this figure, in order
    candidates: int  # contributors there are now (the count a user may see)
    basis: frozenset[str] = frozenset()  # the published set the figure is computed over, when shown

    @property
    def members(self) -> frozenset[str] | None:
        """The contributors the figure is computed over, or None when it is not shown."""
        return self.basis if self.state is Shown.SHOWN else None


def _far_from_all(candidate: frozenset[str], history: tuple[frozenset[str], ...]) -> bool:
    return all(len(candidate ^ h) >= MIN_N for h in history)


def decide(history: tuple[frozenset[str], ...], candidate: frozenset[str]) -> Decision:
    """What to show now, given every set published before for this figure and the contributors now.

    One register per figure serves every view of it a viewer can open (every peer group, page and
    export), so two groups whose members differ by one are never both published: the second waits,
    or shows a set published before whose contributors are all in it (a view seen before tells
    nothing new)."""
    if candidate in history:
        return Decision(Shown.SHOWN, history, len(candidate), candidate)
    if len(candidate) >= MIN_N and _far_from_all(candidate, history):
        return Decision(Shown.SHOWN, (*history, candidate), len(candidate), candidate)
    if len(candidate) < MIN_N:
        return Decision(Shown.TOO_FEW, history, len(candidate))
    earlier = [h for h in history if h <= candidate]
    if earlier:  # newcomers wait for four more; the largest earlier view, the latest of equals
        return Decision(Shown.SHOWN, history, len(candidate), max(reversed(earlier), key=len))
    return Decision(Shown.UPDATING, history, len(candidate))


def decide_all(
    history: Mapping[str, tuple[frozenset[str], ...]], candidates: Mapping[str, frozenset[str]]
) -> dict[str, Decision]:
    """``decide`` for every figure of a view at once (figure name -> decision)."""
    return {figure: decide(history.get(figure, ()), keys) for figure, keys in candidates.items()}


def message(decision: Decision, *, noun: str = "gemeenten") -> str:
    """What a user reads instead of a figure that is not shown (Dutch, with the count)."""
    if decision.state is Shown.UPDATING:
        return f"wordt bijgewerkt zodra er genoeg veranderd is (n = {decision.candidates})"
    return f"te weinig {noun} (n = {decision.candidates})"

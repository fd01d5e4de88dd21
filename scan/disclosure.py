"""When a group figure may be shown: never over fewer than five contributors, and never so that
comparing two views of it over time gives away one contributor.

The rule, for every figure (a role's score on a priority, a peer group's median on a question,
"all respondents together", ...):

1. A figure rests on a *published set* of contributors. Each contributor is known by an id and
   a fingerprint of exactly the data the figure uses, so a changed answer makes a different
   contributor.
2. The first set is published once it has at least ``MIN_N`` contributors.
3. After that, a new set is published only when it differs by at least ``MIN_N`` contributors
   (joined, left or changed, counted together) from *every* set published before, and has
   ``MIN_N`` or more. Until then newcomers wait (the figure stays as it was), and when a
   published contributor left or changed, the figure is withheld (shown as "being updated", with
   the count) rather than recomputed without them.

So any two views of a figure, however far apart in time, are either the same or differ by at
least five contributors: no single contributor can be read off by subtracting them. (Against
every earlier set, not only the last: a property test found that "the last" lets a view move one
contributor away from a view shown two releases ago.) Combined figures are built only from published
sets (scan/voices.py), so a hidden group cannot be derived from the shown ones either.
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
    history: tuple[frozenset[str], ...]  # every set published so far, the current one last
    candidates: int  # contributors there are now (the count a user may see)

    @property
    def published(self) -> frozenset[str]:
        return self.history[-1] if self.history else frozenset()

    @property
    def members(self) -> frozenset[str] | None:
        """The contributors the figure is computed over, or None when it is not shown."""
        return self.published if self.state is Shown.SHOWN else None


def _far_from_all(candidate: frozenset[str], history: tuple[frozenset[str], ...]) -> bool:
    return all(candidate == h or len(candidate ^ h) >= MIN_N for h in history)


def decide(history: tuple[frozenset[str], ...], candidate: frozenset[str]) -> Decision:
    """What to show now, given every set published before (oldest first) and the contributors now."""
    published = history[-1] if history else frozenset()
    if candidate == published and candidate:
        return Decision(Shown.SHOWN, history, len(candidate))
    if len(candidate) >= MIN_N and _far_from_all(candidate, history):
        # an earlier view shown again tells nothing new: it moves to the end, once
        return Decision(Shown.SHOWN, (*(h for h in history if h != candidate), candidate), len(candidate))
    if not history:
        return Decision(Shown.TOO_FEW, history, len(candidate))
    if published <= candidate:
        return Decision(Shown.SHOWN, history, len(candidate))  # newcomers wait for four more
    return Decision(Shown.UPDATING, history, len(candidate))


def decide_all(
    history: Mapping[str, tuple[frozenset[str], ...]], candidates: Mapping[str, frozenset[str]]
) -> dict[str, Decision]:
    """``decide`` for every figure of a view at once (figure name -> decision)."""
    return {figure: decide(history.get(figure, ()), keys) for figure, keys in candidates.items()}


def too_few_message(n: int) -> str:
    return f"te weinig gegevens (n = {n})"


def message(decision: Decision, *, noun: str = "gemeenten") -> str:
    """What a user reads instead of a figure that is not shown (Dutch, with the count)."""
    if decision.state is Shown.UPDATING:
        return f"wordt bijgewerkt zodra er genoeg veranderd is (n = {decision.candidates})"
    return f"te weinig {noun} (n = {decision.candidates})"

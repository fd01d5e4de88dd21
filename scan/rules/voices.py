"""Many voices: results per respondent role, all together, and where the roles see it differently.

Who counts: invited respondents who pressed "Klaar" (their answers are final from then on) and
workshop participants whose answers were added to the round. Each respondent's score on a
priority follows the normal scoring rules for the questions they answered, so every role lands
on the same 0-100 scale.

Every figure follows the disclosure rule (scan/rules/disclosure.py), counted per figure: a role's
score on a priority rests on the respondents who gave that priority a score, never fewer than
five, and two views never differ by one of them. "Alle respondenten samen" is built only from
figures that are shown, so a hidden group can never be worked out by subtracting.

Conversation starters compare like with like: two groups are compared on the questions both
answered (the council and residents on their shared statements, a workshop on the questions it
asked). Where two groups have no question in common (residents' statements and the self-scan's
factual questions), the sentence says they answered different questions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scan.base.formatting import nl_number, shown_difference
from scan.content.models import GROUP_LABELS, PERCEPTION_ROLES, SELF_ROLE, WORKSHOP_ROLE
from scan.content.questionbank import QuestionBank
from scan.rules.disclosure import Decision, Shown, contributor_of, fingerprint
from scan.rules.scoring import Answer, average, points

DIVERGENCE_POINTS = 25  # a gap this large between two groups is worth a conversation
TOGETHER = "samen"
SELF = "zelfscan"


@dataclass(frozen=True)
class Respondent:
    id: int
    role: str
    answers: Mapping[str, Answer]


def score_on(bank: QuestionBank, answers: Mapping[str, Answer], questions: Sequence[str]) -> float | None:
    """One person's score over these questions (scoring rules 1-3): None when none is answered."""
    return average(
        points(bank.question(q), value)
        for q in questions
        if q in answers and (value := answers[q].value) is not None
    )


def questions_of(
    bank: QuestionBank, role: str, priority_id: int, respondents: Sequence[Respondent]
) -> tuple[str, ...]:
    """The questions a group answered on a priority: its role's questions, or for workshop
    participants the questions they were asked (whatever they answered)."""
    if role == WORKSHOP_ROLE:
        asked = {q for r in respondents if r.role == role for q in r.answers}
        return tuple(q.id for q in bank.questions_for(priority_id) if q.id in asked)
    return tuple(q.id for q in bank.questions_for(priority_id, role))


def figure_name(group: str, priority_id: int, questions: Sequence[str]) -> str:
    return f"{group}:P{priority_id}:{','.join(questions)}"


def candidates(
    bank: QuestionBank,
    respondents: Sequence[Respondent],
    group: str,
    priority_id: int,
    questions: Sequence[str],
) -> frozenset[str]:
    """The group's respondents who give these questions a score, fingerprinted with that score."""
    keys = set()
    for r in respondents:
        if r.role != group:
            continue
        score = score_on(bank, r.answers, questions)
        if score is not None:
            keys.add(fingerprint(str(r.id), round(score, 9)))
    return frozenset(keys)


@dataclass(frozen=True)
class Figure:
    """One group's score on one priority over a set of questions, or why it is not shown."""

    mean: float | None  # None when not shown
    n: int  # contributors: those it rests on when shown, those there are when not
    state: Shown
    questions: tuple[str, ...]

    @property
    def shown(self) -> bool:
        return self.state is Shown.SHOWN

    @property
    def asked(self) -> bool:
        return bool(self.questions)

    @property
    def message(self) -> str:
        if not self.asked:
            return "niet gevraagd"
        if self.state is Shown.UPDATING:
            return f"wordt bijgewerkt zodra er genoeg veranderd is (n = {self.n})"
        return f"te weinig antwoorden (n = {self.n})"


def figure(
    decision: Decision | None, respondents: Sequence[Respondent], bank: QuestionBank, questions
) -> Figure:
    if not questions or decision is None:
        return Figure(None, 0, Shown.TOO_FEW, tuple(questions))
    if decision.members is None:
        return Figure(None, decision.candidates, decision.state, tuple(questions))
    members = {contributor_of(k) for k in decision.members}
    scores = [score_on(bank, r.answers, questions) for r in respondents if str(r.id) in members]
    return Figure(average(scores), len(members), Shown.SHOWN, tuple(questions))


@dataclass(frozen=True)
class RoleResult:
    role: str
    respondents: int  # who counts (finished, or added from a workshop)
    figures: dict[int, Figure]  # per priority, over the role's own questions

    @property
    def enough(self) -> bool:
        return any(f.shown for f in self.figures.values())

    @property
    def means(self) -> dict[int, float | None]:
        return {p: f.mean for p, f in self.figures.items()}


@dataclass(frozen=True)
class Divergence:
    priority_id: int
    high_role: str
    high: float
    low_role: str
    low: float
    questions: tuple[str, ...]  # what both answered; empty: different questions
    whole_priority: bool = True  # the common questions are all of the groups' questions there

    @property
    def gap(self) -> float:
        """The difference of the two figures as shown (whole points, rounded half up)."""
        return shown_difference(self.high, self.low) or 0.0

    def sentence(self, bank: QuestionBank) -> str:
        name = bank.priority(self.priority_id).name
        if not self.questions:
            basis = " (let op: zij beantwoordden andere vragen)"
        elif self.whole_priority:
            basis = ""
        else:
            which = ", ".join(self.questions)
            basis = f" (vergeleken op {'vraag' if len(self.questions) == 1 else 'de vragen'} {which})"
        return (
            f"{name}: {label(self.high_role)} geeft {nl_number(self.high)}, {label(self.low_role)} "
            f"{nl_number(self.low)}{basis} — {nl_number(self.gap)} punten verschil. "
            "Hoe kijken zij er zo verschillend naar?"
        )


def label(group: str) -> str:
    return {SELF: "de zelfscan", TOGETHER: "alle respondenten samen"}.get(
        group, GROUP_LABELS.get(group, group).lower()
    )


@dataclass(frozen=True)
class Comparable:
    """Two groups on one priority and the questions to compare them on."""

    priority_id: int
    a: str
    b: str
    questions: tuple[str, ...]
    whole_priority: bool


def comparables(
    bank: QuestionBank, groups: Sequence[str], respondents: Sequence[Respondent]
) -> list[Comparable]:
    """Every pair of groups (and each group with the self-scan) per priority, with what they can be
    compared on: their common questions, the shared statements, or nothing in common."""
    result = []
    for p in bank.core_priorities:
        own = {g: questions_of(bank, g, p.id, respondents) for g in groups}
        own[SELF] = questions_of(bank, SELF_ROLE, p.id, respondents)
        names = [g for g in [*groups, SELF] if own[g]]
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                common = tuple(q for q in own[a] if q in own[b])
                if not common and a in PERCEPTION_ROLES and b in PERCEPTION_ROLES:
                    common = tuple(q.id for q in bank.shared_statements(p.id))
                whole = set(common) == set(own[a]) == set(own[b])
                if common or SELF in (a, b):
                    result.append(Comparable(p.id, a, b, common, whole))
    return result


def needed_figures(
    bank: QuestionBank, respondents: Sequence[Respondent]
) -> dict[str, tuple[str, int, tuple[str, ...]]]:
    """Every figure the roles view needs (name -> group, priority, questions): each role on its own
    questions, and each role on the questions of every comparison it is in."""
    groups = sorted({r.role for r in respondents})
    needed = {}
    for g in groups:
        for p in bank.core_priorities:
            questions = questions_of(bank, g, p.id, respondents)
            if questions:
                needed[figure_name(g, p.id, questions)] = (g, p.id, questions)
    for c in comparables(bank, groups, respondents):
        for g in (c.a, c.b):
            if g != SELF and c.questions:
                needed[figure_name(g, c.priority_id, c.questions)] = (g, c.priority_id, c.questions)
    return needed


def role_candidates(bank: QuestionBank, respondents: Sequence[Respondent]) -> dict[str, frozenset[str]]:
    return {
        name: candidates(bank, respondents, g, p, questions)
        for name, (g, p, questions) in needed_figures(bank, respondents).items()
    }


def together_candidates(
    bank: QuestionBank, results: Mapping[str, RoleResult], decisions: Mapping[str, Decision]
) -> dict[str, frozenset[str]]:
    """ "All respondents together" per priority: only the members of figures that are shown."""
    out = {}
    for p in bank.core_priorities:
        keys: set[str] = set()
        for r in results.values():
            f = r.figures[p.id]
            if f.shown and (members := decisions[figure_name(r.role, p.id, f.questions)].members) is not None:
                keys |= members
        out[f"{TOGETHER}:P{p.id}"] = frozenset(keys)
    return out


def role_results(
    bank: QuestionBank, respondents: Sequence[Respondent], decisions: Mapping[str, Decision]
) -> dict[str, RoleResult]:
    """Per role: who counts and each priority's figure over the role's own questions."""
    result = {}
    for g in sorted({r.role for r in respondents}):
        mine = [r for r in respondents if r.role == g]
        figures = {}
        for p in bank.core_priorities:
            questions = questions_of(bank, g, p.id, respondents)
            figures[p.id] = figure(decisions.get(figure_name(g, p.id, questions)), mine, bank, questions)
        result[g] = RoleResult(g, len(mine), figures)
    return result


def together(
    bank: QuestionBank, respondents: Sequence[Respondent], decisions: Mapping[str, Decision]
) -> dict[int, Figure]:
    """Per priority: everyone in a shown figure, each with their own score on that priority."""
    out = {}
    by_id = {str(r.id): r for r in respondents}
    for p in bank.core_priorities:
        decision = decisions.get(f"{TOGETHER}:P{p.id}")
        if decision is None or decision.members is None:
            n = decision.candidates if decision else 0
            out[p.id] = Figure(None, n, decision.state if decision else Shown.TOO_FEW, ("*",))
            continue
        scores = []
        for key in decision.members:
            r = by_id[contributor_of(key)]
            scores.append(score_on(bank, r.answers, questions_of(bank, r.role, p.id, respondents)))
        out[p.id] = Figure(average(scores), len(decision.members), Shown.SHOWN, ("*",))
    return out


def divergences(
    bank: QuestionBank,
    respondents: Sequence[Respondent],
    decisions: Mapping[str, Decision],
    self_answers: Mapping[str, Answer],
) -> list[Divergence]:
    """Where two groups (with shown figures), or a group and the self-scan, differ by 25+ points,
    compared on the same questions wherever they have questions in common."""
    groups = sorted({r.role for r in respondents})
    found = []
    for c in comparables(bank, groups, respondents):
        values: dict[str, float | None] = {}
        for g in (c.a, c.b):
            if g == SELF:
                questions = c.questions or questions_of(bank, SELF_ROLE, c.priority_id, respondents)
                values[g] = score_on(bank, self_answers, questions)
                continue
            questions = c.questions or questions_of(bank, g, c.priority_id, respondents)
            mine = [r for r in respondents if r.role == g]
            values[g] = figure(
                decisions.get(figure_name(g, c.priority_id, questions)), mine, bank, questions
            ).mean
        scored = {g: v for g, v in values.items() if v is not None}
        if len(scored) < len(values):
            continue
        (high, high_value), (low, low_value) = sorted(scored.items(), key=lambda gv: gv[1], reverse=True)
        if (shown_difference(high_value, low_value) or 0.0) >= DIVERGENCE_POINTS:
            found.append(
                Divergence(c.priority_id, high, high_value, low, low_value, c.questions, c.whole_priority)
            )
    return sorted(found, key=lambda d: (-d.gap, d.priority_id, d.high_role, d.low_role))


def too_few_roles(results: Mapping[str, RoleResult]) -> list[str]:
    """The roles below the small-group rule, with their count, for a sentence: "gemeenteraad (n = 4)"
    (the roles page, the report and the slides say the same)."""
    return [f"{GROUP_LABELS[r.role].lower()} (n = {r.respondents})" for r in results.values() if not r.enough]


def role_rows(
    bank: QuestionBank,
    results: Mapping[str, RoleResult],
    everyone: Mapping[int, Figure],
    self_scores: Mapping[int, float | None],
) -> list[dict[str, str]]:
    """Per priority: the self-scan, each role's figure (or why it is not shown), and everyone together."""
    rows = []
    for p in bank.core_priorities:
        row = {"Prioriteit": f"{p.id}. {p.name}", "Zelfscan": nl_number(self_scores[p.id])}
        for role in [r for r in GROUP_LABELS if r in results]:
            r = results[role]
            f = r.figures[p.id]
            text = nl_number(f.mean) if f.shown else f.message
            if (
                f.shown
                and role == WORKSHOP_ROLE
                and len(f.questions) < len(bank.questions_for(p.id, SELF_ROLE))
            ):
                text += f" ({'vraag' if len(f.questions) == 1 else 'vragen'} {', '.join(f.questions)})"
            if not f.asked and role == WORKSHOP_ROLE:
                text = "niet gevraagd in de workshop"
            row[f"{GROUP_LABELS[role]} (n = {r.respondents})"] = text
        if results:
            f = everyone[p.id]
            row["Alle respondenten samen"] = nl_number(f.mean) if f.shown else f.message
        rows.append(row)
    return rows

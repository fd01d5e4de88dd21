"""The municipality's own scan: its answers and scores, its roles, its trend over the rounds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scan.content.models import GROUP_LABELS
from scan.content.questionbank import QuestionBank, question_bank
from scan.content.reference import reference
from scan.records.round import answers as answer_store
from scan.records.round import releases, respondents, rounds
from scan.records.round.rounds import Round
from scan.rules import voices
from scan.rules.answer_words import level_words
from scan.rules.disclosure import contributor_of, fingerprint, message
from scan.rules.scoring import Answer, ScanScore, score_scan
from scan.rules.trend import Change, question_changes
from scan.rules.voices import Divergence, Figure, RoleResult
from scan.storage.core import Store


@dataclass(frozen=True)
class SelfScan:
    """A round's self-scan: its answers and their scores."""

    round: Round
    answers: Mapping[str, Answer]
    score: ScanScore

    @property
    def is_demo(self) -> bool:
        """The municipality's own figures are fictief only when its round is demo data."""
        return self.round.is_demo


def self_scan(store: Store, rnd: Round, bank: QuestionBank | None = None) -> SelfScan:
    bank = bank or question_bank()
    found = answer_store.of(store, rnd.id)
    return SelfScan(rnd, found, score_scan(bank, found))


def municipality_name(rnd: Round) -> str:
    return reference().municipality(rnd.gm_code).name


@dataclass(frozen=True)
class Roles:
    results: dict[str, RoleResult]  # per role (and "workshop"): each priority's figure
    together: dict[int, Figure]  # all respondents together, per priority (only over shown figures)
    divergences: list[Divergence]


def roles(
    store: Store,
    scan: SelfScan,
    bank: QuestionBank | None = None,
    publication: releases.Publication | None = None,
) -> Roles:
    """Role results under the disclosure rule, remembered with the round."""
    bank = bank or question_bank()
    round_id = scan.round.id
    people = respondents.counted(store, round_id)
    scope = f"round:{round_id}:roles"
    decisions = releases.resolve(store, scope, voices.role_candidates(bank, people), round_id, publication)
    results = voices.role_results(bank, people, decisions)
    decisions |= releases.resolve(
        store, scope, voices.together_candidates(bank, results, decisions), round_id, publication
    )
    return Roles(
        results,
        voices.together(bank, people, decisions),
        voices.divergences(bank, people, decisions, scan.answers),
    )


@dataclass(frozen=True)
class Trend:
    history: list[SelfScan]  # this round and every earlier one, oldest first
    changes: list[Change]  # answers that changed since the previous round

    @property
    def previous(self) -> SelfScan | None:
        return self.history[-2] if len(self.history) > 1 else None

    @property
    def has_demo(self) -> bool:
        return any(h.is_demo for h in self.history)


def trend(store: Store, scan: SelfScan, bank: QuestionBank | None = None) -> Trend:
    bank = bank or question_bank()
    earlier = rounds.earlier(store, scan.round.gm_code, scan.round.year)
    history = [*(self_scan(store, r, bank) for r in reversed(earlier)), scan]
    changes = question_changes(bank, history[-2].answers, scan.answers) if len(history) > 1 else []
    return Trend(history, changes)


def change_rows(bank: QuestionBank, changes: list[Change]) -> list[tuple[str, str, str, str]]:
    """The answers that changed, in words, for the Trend page and the report alike: (question, level
    before, level after, direction), each level read in the wording it was given in, and a question
    that changed between the rounds said so ("Vergelijk met zorg" when its meaning changed)."""
    rows = []
    for c in changes:
        q = bank.question(c.question_id)
        before = level_words(q.at(c.before_version), c.before)[0] if c.before is not None else "Geen niveau"
        after = level_words(q.at(c.after_version), c.after)[0] if c.after is not None else "Geen niveau"
        if c.before is None or c.after is None:
            direction = "nieuw" if c.before is None else "geen niveau meer"
        elif c.after == c.before:
            direction = "gelijk"
        else:
            direction = "hoger" if c.after > c.before else "lager"
        if c.reworded:
            direction += f"; de vraag veranderde tussen de rondes: {c.reworded}"
            if c.meaning_changed:
                direction += " Vergelijk met zorg."
        rows.append((q.statement, before, after, direction))
    return rows


def respondent_answers(
    store: Store, rnd: Round, publication: releases.Publication | None = None
) -> list[tuple]:
    """The exports' rows of respondents' answers: per role each published respondent's answers (numbered
    in a random, stable order, never by person), or one line saying how many there are when the role's
    answers are not published. (respondent, role, question, version, value, dont_know, note)"""
    people = respondents.counted(store, rnd.id)
    roles = sorted({p.role for p in people}, key=lambda r: list(GROUP_LABELS).index(r))
    candidates = {
        f"export:{role}": frozenset(
            fingerprint(str(p.id), sorted((a.question_id, a.value, a.dont_know) for a in p.answers.values()))
            for p in people
            if p.role == role
        )
        for role in roles
    }
    decisions = releases.resolve(store, f"round:{rnd.id}:export", candidates, rnd.id, publication)
    rows: list[tuple] = []
    number = 0
    for role in roles:
        decision = decisions[f"export:{role}"]
        label = GROUP_LABELS.get(role, role)
        if decision.members is None:
            rows.append(("–", label, "", None, None, None, message(decision, noun="respondenten")))
            continue
        published = {contributor_of(k): k for k in decision.members}
        # the order of the fingerprints: random, the same every time, unrelated to when people answered
        for p in sorted((p for p in people if str(p.id) in published), key=lambda p: published[str(p.id)]):
            number += 1
            for qid, a in sorted(p.answers.items()):
                rows.append((f"respondent {number}", label, qid, a.version, a.value, a.dont_know, ""))
    return rows

"""The municipality's own scan: its answers and scores, its roles, its trend over the rounds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scan.content.questionbank import QuestionBank, question_bank
from scan.content.reference import reference
from scan.records.round import answers as answer_store
from scan.records.round import releases, respondents, rounds
from scan.records.round.rounds import Round
from scan.rules import voices
from scan.rules.answer_words import level_words
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


def roles(store: Store, scan: SelfScan, bank: QuestionBank | None = None) -> Roles:
    """Role results under the disclosure rule, remembered with the round."""
    bank = bank or question_bank()
    round_id = scan.round.id
    people = respondents.counted(store, round_id)
    scope = f"round:{round_id}:roles"
    decisions = releases.resolve(store, scope, voices.role_candidates(bank, people), round_id)
    results = voices.role_results(bank, people, decisions)
    decisions |= releases.resolve(
        store, scope, voices.together_candidates(bank, results, decisions), round_id
    )
    return Roles(
        results,
        voices.together(bank, people, results, decisions),
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

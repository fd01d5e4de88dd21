"""Scoring rules: pure functions, no storage and no UI.

The rules (also in the README and on the results page):

1. Each answered question is turned into points from 0 to 100. A maturity answer
   0-4 gives ``answer / 4 x 100`` (0, 25, 50, 75, 100). An agreement answer 1-5
   gives ``(answer - 1) / 4 x 100``.
2. "Weet niet / n.v.t." and open questions give no points and are left out of the
   average; they never count as 0. They are reported as coverage instead.
3. The score of a priority is the average of the points of its answered questions.
   With no answered question the priority has no score.
4. The total score is the average of the scores of the eight priorities that have
   a score (each priority weighs the same, however many questions it has). The
   optional section Bestuurscultuur is shown apart and is not part of the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from scan.base.errors import InvalidAnswer
from scan.content.models import SELF_ROLE, Question
from scan.content.questionbank import QuestionBank

# The same rules in plain Dutch, for the results page and the report.
METHOD_NL = """\
1. Elke beantwoorde vraag krijgt punten van 0 tot 100. Een antwoord op de schaal 0–4 geeft
   antwoord / 4 × 100 (dus 0, 25, 50, 75 of 100). Een antwoord op een stelling (1–5) geeft
   (antwoord − 1) / 4 × 100.
2. "Weet niet / n.v.t." en open vragen krijgen geen punten en tellen niet mee in het gemiddelde.
   Ze tellen dus nooit als 0. U ziet ze wel terug als dekking: hoeveel vragen een score dragen.
3. De score van een prioriteit is het gemiddelde van de punten van haar beantwoorde vragen.
   Zonder beantwoorde vraag heeft een prioriteit geen score.
4. De totaalscore is het gemiddelde van de prioriteiten die een score hebben. Elke prioriteit
   telt even zwaar, hoeveel vragen ze ook heeft. Het onderdeel Bestuurscultuur staat apart en
   telt niet mee in de totaalscore."""


@dataclass(frozen=True)
class Answer:
    question_id: str
    value: int | None = None
    dont_know: bool = False
    comment: str = ""
    version: int | None = None  # the question's version it was given to (None: the current one)

    @property
    def is_answered(self) -> bool:
        return self.value is not None or self.dont_know


def check_answer(question: Question | None, question_id: str, value: int | None, dont_know: bool) -> None:
    """Refuse anything that is not a valid answer to this question."""
    if question is None:
        raise InvalidAnswer(f"Vraag '{question_id}' bestaat niet in de vragenlijst.")
    if dont_know and value is not None:
        raise InvalidAnswer(f"Vraag {question_id}: kies een waarde óf 'weet niet', niet allebei.")
    if dont_know or value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value not in question.scale:
        low, high = min(question.scale), max(question.scale)
        raise InvalidAnswer(
            f"Vraag {question_id}: '{str(value)[:20]}' is geen geldig antwoord; kies een getal van {low} tot en met {high}."
        )


def points(question: Question, value: int) -> float:
    """Points 0-100 for one answer (rule 1). The only place the rule is written down: vectorised
    code uses ``points_table``, which is made from this function."""
    low, high = min(question.scale), max(question.scale)
    return (value - low) / (high - low) * 100


def points_table(questions: Iterable[Question]) -> dict[tuple[str, int], float]:
    """(question id, answer) -> points, for every possible answer: rule 1 for vectorised code."""
    return {(q.id, v): points(q, v) for q in questions for v in q.scale}


@dataclass(frozen=True)
class Counts:
    """How far a set of questions is answered. One meaning everywhere:
    answered = a value or "weet niet"; scored = with a value (counts in the score); open = not answered."""

    scored: int
    dont_know: int
    total: int

    @property
    def answered(self) -> int:
        return self.scored + self.dont_know

    @property
    def open(self) -> int:
        return self.total - self.answered

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.scored + other.scored, self.dont_know + other.dont_know, self.total + other.total)


@dataclass(frozen=True)
class PriorityScore(Counts):
    """One section's score and the counts it rests on (scored, dont_know, total, from Counts)."""

    priority_id: int = 0
    score: float | None = None
    values: tuple[tuple[str, int, float], ...] = ()  # (question id, answer, points) for the explanation

    @property
    def counts(self) -> Counts:
        return Counts(self.scored, self.dont_know, self.total)


def score_priority(
    priority_id: int, questions: Sequence[Question], answers: Mapping[str, Answer]
) -> PriorityScore:
    values = []
    dont_know = 0
    for q in questions:
        answer = answers.get(q.id)
        if answer is None:
            continue
        if answer.dont_know:
            dont_know += 1
        elif answer.value is not None:
            values.append((q.id, answer.value, points(q, answer.value)))
    score = sum(p for _, _, p in values) / len(values) if values else None
    return PriorityScore(len(values), dont_know, len(questions), priority_id, score, tuple(values))


@dataclass(frozen=True)
class ScanScore:
    priorities: tuple[PriorityScore, ...]  # the eight core priorities, in order
    culture: PriorityScore | None  # optional section Bestuurscultuur (not in the total score)
    overall: float | None  # over the eight core priorities

    @property
    def core_counts(self) -> Counts:
        """Counts over the eight priorities: what the total score rests on."""
        return sum((p.counts for p in self.priorities), Counts(0, 0, 0))

    @property
    def all_counts(self) -> Counts:
        """Counts over every section of the questionnaire, Bestuurscultuur included."""
        return self.core_counts + (self.culture.counts if self.culture else Counts(0, 0, 0))

    def sections(self) -> list[PriorityScore]:
        return [*self.priorities, *([self.culture] if self.culture else [])]

    def by_id(self, priority_id: int) -> PriorityScore:
        return next(p for p in self.sections() if p.priority_id == priority_id)

    def ranked(self) -> list[PriorityScore]:
        """Scored core priorities, strongest first."""
        scored = [(p.score, p) for p in self.priorities if p.score is not None]
        return [p for _, p in sorted(scored, key=lambda sp: (-sp[0], sp[1].priority_id))]


def average(scores: Iterable[float | None]) -> float | None:
    """Rule 3 and 4: the plain mean of what has a value; None when nothing has."""
    values = [s for s in scores if s is not None]
    return sum(values) / len(values) if values else None


def score_scan(bank: QuestionBank, answers: Mapping[str, Answer], role: str | None = SELF_ROLE) -> ScanScore:
    """Score every section for the questions meant for ``role`` (None: every question)."""
    scores = [score_priority(p.id, bank.questions_for(p.id, role), answers) for p in bank.priorities]
    core = tuple(s for s, p in zip(scores, bank.priorities, strict=True) if p.core)
    culture = next((s for s, p in zip(scores, bank.priorities, strict=True) if not p.core), None)
    return ScanScore(core, culture, average(s.score for s in core))

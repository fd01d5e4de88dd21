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

from scan.errors import InvalidAnswer
from scan.models import Question
from scan.questionbank import QuestionBank

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
            f"Vraag {question_id}: '{value}' is geen geldig antwoord; kies een getal van {low} tot en met {high}."
        )


def points(question: Question, value: int) -> float:
    """Points 0-100 for one answer (rule 1)."""
    low, high = min(question.scale), max(question.scale)
    return (value - low) / (high - low) * 100


@dataclass(frozen=True)
class PriorityScore:
    priority_id: int
    score: float | None
    answered: int  # with a value (counts in the score)
    dont_know: int
    total: int
    values: tuple[tuple[str, int, float], ...] = ()  # (question id, answer, points) for the explanation

    @property
    def open(self) -> int:
        return self.total - self.answered - self.dont_know

    @property
    def coverage(self) -> float:
        """Share of questions that count in the score, 0-1."""
        return self.answered / self.total if self.total else 0.0


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
    return PriorityScore(priority_id, score, len(values), dont_know, len(questions), tuple(values))


@dataclass(frozen=True)
class ScanScore:
    priorities: tuple[PriorityScore, ...]  # the eight core priorities, in order
    culture: PriorityScore | None  # optional section Bestuurscultuur
    overall: float | None

    @property
    def answered(self) -> int:
        return sum(p.answered + p.dont_know for p in self._all())

    @property
    def dont_know(self) -> int:
        return sum(p.dont_know for p in self._all())

    @property
    def total(self) -> int:
        return sum(p.total for p in self._all())

    def _all(self) -> Iterable[PriorityScore]:
        return [*self.priorities, *([self.culture] if self.culture else [])]

    def by_id(self, priority_id: int) -> PriorityScore:
        return next(p for p in self._all() if p.priority_id == priority_id)

    def ranked(self) -> list[PriorityScore]:
        """Scored core priorities, strongest first."""
        scored = [p for p in self.priorities if p.score is not None]
        return sorted(scored, key=lambda p: (-p.score, p.priority_id))


def score_scan(bank: QuestionBank, answers: Mapping[str, Answer], role: str | None = "griffie") -> ScanScore:
    """Score every section for the questions meant for ``role`` (None: every question)."""
    scores = [score_priority(p.id, bank.questions_for(p.id, role), answers) for p in bank.priorities]
    core = tuple(s for s, p in zip(scores, bank.priorities, strict=True) if p.core)
    culture = next((s for s, p in zip(scores, bank.priorities, strict=True) if not p.core), None)
    scored = [s.score for s in core if s.score is not None]
    overall = sum(scored) / len(scored) if scored else None
    return ScanScore(core, culture, overall)

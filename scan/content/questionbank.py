"""Load and cross-check the question bank, proposal catalogue, tips and glossary (``questions/*.yaml``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scan.base.errors import ContentError, describe_validation_error
from scan.base.settings import content_dir
from scan.content.models import (
    Example,
    GlossaryFile,
    GlossaryTerm,
    Priority,
    PriorityFile,
    Proposal,
    ProposalFile,
    Question,
    Tip,
    TipFile,
)
from scan.content.reference import BENCHMARKS_DIR, reference

QUESTIONS_DIR = content_dir("questions")
PROPOSALS_FILE = "voorstellen.yaml"
TIPS_FILE = "tips.yaml"
GLOSSARY_FILE = "begrippen.yaml"
AKKOORD_FILE = "akkoord.yaml"  # vocabulary of the akkoordcheck (scan/rules/akkoord/vocabulary.py)
# Every *.yaml in questions/ is a priority file, except these.
NON_PRIORITY_FILES = frozenset(
    {
        PROPOSALS_FILE,
        TIPS_FILE,
        GLOSSARY_FILE,
        AKKOORD_FILE,
    }
)

# The pamphlet's proposals, exactly: 1a-c, 2a-c, 3a-d, 4a-c, 5a-e, 6a-d, 7a-c, 8a-d.
PAMPHLET_PROPOSALS: tuple[str, ...] = tuple(
    f"{p}{letter}"
    for p, last in zip(range(1, 9), "ccdcedcd", strict=True)
    for letter in "abcde"[: "abcde".index(last) + 1]
)

M = TypeVar("M", bound=BaseModel)
# libyaml's loader is about ten times faster than the pure-Python one (cold start of the app).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class QuestionBank:
    priorities: tuple[Priority, ...]
    questions: tuple[Question, ...]
    proposals: tuple[Proposal, ...]
    tips: tuple[Tip, ...]
    version: str
    glossary: tuple[GlossaryTerm, ...] = ()
    # Indexes built once in __post_init__ (not arguments, not compared).
    _core: tuple[Priority, ...] = field(init=False, repr=False, compare=False)
    _benchmark_questions: tuple[Question, ...] = field(init=False, repr=False, compare=False)
    _priorities_by_id: dict[int, Priority] = field(init=False, repr=False, compare=False)
    _questions_by_id: dict[str, Question] = field(init=False, repr=False, compare=False)
    _questions_by_key: dict[tuple[int, str | None], tuple[Question, ...]] = field(
        init=False, repr=False, compare=False
    )
    _proposals_by_id: dict[str, Proposal] = field(init=False, repr=False, compare=False)
    _term_patterns: tuple[tuple[GlossaryTerm, re.Pattern[str]], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # Lookups run thousands of times a page (scoring every respondent): index once, at load.
        # only questions still asked; a retired one stays readable through question(id)
        by_key: dict[tuple[int, str | None], list[Question]] = {}
        for q in (q for q in self.questions if not q.retired):
            by_key.setdefault((q.priority_id, None), []).append(q)
            for role in q.roles:
                by_key.setdefault((q.priority_id, role), []).append(q)
        core_ids = {p.id for p in self.priorities if p.core}
        indexes = {
            "_core": tuple(p for p in self.priorities if p.core),
            "_benchmark_questions": tuple(
                q
                for q in self.questions
                if q.kind == "maturity" and q.priority_id in core_ids and not q.retired
            ),
            "_priorities_by_id": {p.id: p for p in self.priorities},
            "_questions_by_id": {q.id: q for q in self.questions},
            "_questions_by_key": {key: tuple(items) for key, items in by_key.items()},
            "_proposals_by_id": {p.id: p for p in self.proposals},
            "_term_patterns": tuple((term, _term_pattern(term)) for term in self.glossary),
        }
        for name, value in indexes.items():
            object.__setattr__(self, name, value)  # frozen dataclass: set once here, never changed

    @property
    def core_priorities(self) -> tuple[Priority, ...]:
        return self._core

    @property
    def benchmark_questions(self) -> tuple[Question, ...]:
        """The factual (maturity) questions of the eight core priorities: what peers are compared on."""
        return self._benchmark_questions

    def priority(self, priority_id: int) -> Priority:
        return self._priorities_by_id[priority_id]

    def question(self, question_id: str) -> Question:
        """A question by id, also a retired one (to read old answers). An id that is not in the
        question bank is a KeyError: ids come from the bank or from stored answers it validated;
        check input from outside with find_question."""
        return self._questions_by_id[question_id]

    def find_question(self, question_id: str) -> Question | None:
        """A question by id, None when the question bank has no such question (input to check)."""
        return self._questions_by_id.get(question_id)

    def question_at(self, question_id: str, version: int | None) -> Question:
        """A question as it was asked in ``version``: old rounds keep the meaning of their answers."""
        return self.question(question_id).at(version)

    def questions_for(self, priority_id: int, role: str | None = None) -> tuple[Question, ...]:
        return self._questions_by_key.get((priority_id, role), ())

    def questions_for_role(self, role: str) -> list[Question]:
        """The questions a role is asked now (retired ones left out)."""
        return [q for q in self.questions if role in q.roles and not q.retired]

    def proposal(self, proposal_id: str) -> Proposal:
        return self._proposals_by_id[proposal_id]

    def proposals_for(self, priority_id: int) -> list[Proposal]:
        return [p for p in self.proposals if p.priority == priority_id]

    def tip(self, tip_id: int) -> Tip:
        return next(t for t in self.tips if t.id == tip_id)

    def tips_shown_with(self, place: str) -> list[Tip]:
        return [t for t in self.tips if place in t.shown_with]

    def shared_statements(self, priority_id: int | None = None) -> tuple[Question, ...]:
        """Statements asked with the same words of raad, inwoners and partners: compare roles on these."""
        pool = self.questions if priority_id is None else self.questions_for(priority_id)
        return tuple(q for q in pool if q.shared)

    def terms_in(self, text: str) -> tuple[GlossaryTerm, ...]:
        """Glossary terms that occur in ``text`` (whole words, any case), in glossary order."""
        return tuple(term for term, pattern in self._term_patterns if pattern.search(text))

    def terms_for(self, item: Question | Proposal | Tip) -> tuple[GlossaryTerm, ...]:
        """The glossary terms used in a question's, proposal's or tip's texts ("Begrippen bij deze vraag")."""
        return self.terms_in("\n".join(texts_of(item)))


def texts_of(item: Question | Proposal | Tip) -> list[str]:
    """The reader-facing texts of a question, proposal or tip."""
    if isinstance(item, Question):
        return [item.statement, item.help, *(item.levels or {}).values()]
    notes = [e.note for e in item.examples if e.note]
    if isinstance(item, Proposal):
        return [item.title, item.summary, item.agreement_text, *notes]
    return [item.title, item.summary, *item.ideas, *notes]


def _term_pattern(term: GlossaryTerm) -> re.Pattern[str]:
    # Whole words only: "burgerraad" must not match inside "burgerraadsleden".
    forms = sorted(term.all_forms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE)


def read_yaml(path: Path) -> Any:
    """A content file's YAML, or a ContentError in Dutch naming the file (and line)."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError as exc:
        raise ContentError(path, "", "bestand niet gevonden") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(path, "", "bestand is geen UTF-8-tekst") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"regel {mark.line + 1}" if mark else ""
        raise ContentError(path, where, "dit is geen geldige YAML") from exc


def parse_content(path: Path, model: type[M]) -> M:
    """A content file validated into its model; errors name the file and the field."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field, message = describe_validation_error(exc, data)
        raise ContentError(path, field, message) from exc


def priority_files(directory: Path) -> list[Path]:
    """The files that hold a priority and its questions (everything but NON_PRIORITY_FILES)."""
    return sorted(p for p in directory.glob("*.yaml") if p.name not in NON_PRIORITY_FILES)


def first_repeat(keys: Iterable[Hashable]) -> int | None:
    """The position of the first key that stands earlier too, None when every key is new (content files
    name each id once; the caller says which, in Dutch)."""
    seen: set[Hashable] = set()
    for i, key in enumerate(keys):
        if key in seen:
            return i
        seen.add(key)
    return None


def _content_hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _check_examples(path: Path, at: str, examples: list[Example], codes: set[str]) -> None:
    for j, example in enumerate(examples):
        if example.gm_code and example.gm_code not in codes:
            raise ContentError(
                path, f"{at}.examples[{j}].gm_code", f"gemeentecode {example.gm_code} bestaat niet"
            )


def load_bank(directory: Path = QUESTIONS_DIR, benchmarks: Path = BENCHMARKS_DIR) -> QuestionBank:
    """Parse every file and check the cross-references; raise ContentError on the first problem."""
    directory = Path(directory)
    files = priority_files(directory)
    if not files:
        raise ContentError(directory, "", "geen vragenbestanden (*.yaml) gevonden")

    priorities: list[Priority] = []
    questions: list[Question] = []
    seen_priority: dict[int, Path] = {}
    seen_question: dict[str, Path] = {}
    for path in files:
        parsed = parse_content(path, PriorityFile)
        pid = parsed.priority.id
        if pid in seen_priority:
            raise ContentError(
                path, "priority.id", f"prioriteit {pid} staat ook in {seen_priority[pid].name}"
            )
        seen_priority[pid] = path
        priorities.append(parsed.priority)
        for i, q in enumerate(parsed.questions):
            if q.id in seen_question:
                raise ContentError(
                    path,
                    f"questions[{i}] (id {q.id}).id",
                    f"vraag-id {q.id} komt dubbel voor (ook in {seen_question[q.id].name})",
                )
            seen_question[q.id] = path
            questions.append(q)

    core_ids = sorted(p.id for p in priorities if p.core)
    if core_ids != list(range(1, 9)):
        missing = sorted(set(range(1, 9)) - set(core_ids))
        raise ContentError(directory, "priority.id", f"prioriteit {missing[0]} ontbreekt")
    # Roles are compared like for like on shared statements: every priority needs one.
    for pid in core_ids:
        if not any(q.shared and q.priority_id == pid for q in questions):
            raise ContentError(
                seen_priority[pid],
                "questions",
                f"prioriteit {pid} heeft geen gedeelde stelling (shared: true) voor raad, inwoners en partners",
            )

    proposals_path = directory / PROPOSALS_FILE
    proposals = parse_content(proposals_path, ProposalFile).proposals
    codes = set(reference(benchmarks).municipalities)
    repeat = first_repeat(prop.id for prop in proposals)
    for i, prop in enumerate(proposals):
        at = f"proposals[{i}] (id {prop.id})"
        if prop.id not in PAMPHLET_PROPOSALS:
            raise ContentError(proposals_path, f"{at}.id", f"voorstel {prop.id} bestaat niet in het pamflet")
        if i == repeat:
            raise ContentError(proposals_path, f"{at}.id", f"voorstel {prop.id} komt dubbel voor")
        for qid in prop.questions:
            if qid not in seen_question:
                raise ContentError(proposals_path, f"{at}.questions", f"onbekende vraag {qid}")
            if int(qid.split(".")[0]) != prop.priority:
                raise ContentError(
                    proposals_path,
                    f"{at}.questions",
                    f"vraag {qid} hoort niet bij prioriteit {prop.priority}",
                )
        _check_examples(proposals_path, at, prop.examples, codes)
    present = {prop.id for prop in proposals}
    if absent := [pid for pid in PAMPHLET_PROPOSALS if pid not in present]:
        raise ContentError(proposals_path, "proposals", f"voorstel {absent[0]} ontbreekt")
    covered = {qid for prop in proposals for qid in prop.questions}

    tips_path = directory / TIPS_FILE
    tips = parse_content(tips_path, TipFile).tips
    if sorted(t.id for t in tips) != list(range(1, 9)):
        raise ContentError(tips_path, "tips", "er moeten precies acht tips zijn (1 t/m 8)")
    for i, tip in enumerate(tips):
        _check_examples(tips_path, f"tips[{i}] (id {tip.id})", tip.examples, codes)

    # Every factual question should feed at least one proposal, or it measures nothing actionable.
    for q in questions:
        if q.kind == "maturity" and q.priority_id in core_ids and q.id not in covered:
            raise ContentError(seen_question[q.id], f"vraag {q.id}", "geen voorstel verwijst naar deze vraag")

    glossary_path = directory / GLOSSARY_FILE
    glossary = parse_content(glossary_path, GlossaryFile).terms
    for i, term in enumerate(glossary):
        for ref in term.pamphlet:
            if ref.startswith("Voorstel") and ref.split()[1] not in PAMPHLET_PROPOSALS:
                raise ContentError(
                    glossary_path, f"terms[{i}] ({term.term}).pamphlet", f"{ref} bestaat niet in het pamflet"
                )

    return QuestionBank(
        priorities=tuple(sorted(priorities, key=lambda p: p.id)),
        questions=tuple(sorted(questions, key=lambda q: (q.priority_id, int(q.id.split(".")[1])))),
        proposals=tuple(sorted(proposals, key=lambda p: p.id)),
        tips=tuple(sorted(tips, key=lambda t: t.id)),
        # The glossary explains words; it does not change what a question asks, so not in the version.
        version=_content_hash([*files, proposals_path, tips_path]),
        glossary=tuple(glossary),
    )


@lru_cache(maxsize=4)
def question_bank(directory: Path = QUESTIONS_DIR) -> QuestionBank:
    """The shipped bank, loaded once per process on first use."""
    return load_bank(directory)

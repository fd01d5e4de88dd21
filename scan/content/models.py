"""Content models: priorities, questions, proposals, tips and the glossary.

Every model forbids unknown keys, so a typo in a YAML file is an error
instead of silently ignored content.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

MATURITY_LEVELS = (0, 1, 2, 3, 4)
AGREEMENT_LEVELS = (1, 2, 3, 4, 5)
AGREEMENT_LABELS = {
    1: "Helemaal oneens",
    2: "Oneens",
    3: "Neutraal",
    4: "Eens",
    5: "Helemaal eens",
}

# Roles that answer factual maturity questions vs. roles asked for their perception.
Role = Literal["griffie", "college", "ambtelijk", "raad", "inwoners", "partners"]
ROLE_LABELS: dict[str, str] = {
    "griffie": "Griffie",
    "college": "College",
    "ambtelijk": "Ambtelijke organisatie",
    "raad": "Gemeenteraad",
    "inwoners": "Inwoners",
    "partners": "Maatschappelijke partners",
}
# A role inside a sentence about one person: "U doet mee als raadslid", "… als inwoner".
ROLE_AS: dict[str, str] = {
    "griffie": "als medewerker van de griffie",
    "college": "als lid van het college",
    "ambtelijk": "als medewerker van de gemeente",
    "raad": "als raadslid",
    "inwoners": "als inwoner",
    "partners": "als maatschappelijke partner",
}
# Who wrote the pamphlet, as its colofon says: named the same way in the agenda, the report and the app.
PAMPHLET = "het Democratisch pamflet (2022) van de redactie van Thorbecke2024, een project binnen de VNG"
FACTUAL_ROLES = ("griffie", "college", "ambtelijk")
SELF_ROLE = "griffie"  # the self-scan: the griffie answers the factual questions for the municipality
WORKSHOP_ROLE = "workshop"  # workshop participants added to a round: any question, their own group
# Roles asked for their view on a 1-5 scale. A statement marked ``shared`` is asked of all three
# with the same words, so their answers can be compared like for like.
PERCEPTION_ROLES = ("raad", "inwoners", "partners")
# Groups shown in results: the invited roles plus workshop participants added to a round.
GROUP_LABELS: dict[str, str] = {**ROLE_LABELS, WORKSHOP_ROLE: "Workshopdeelnemers"}


class RespondentKind(StrEnum):
    SELF = "self"  # the one self-scan respondent of a round
    INVITED = "invited"  # anonymous, with a role code
    WORKSHOP = "workshop"  # a workshop participant whose answers were added to the round


class ProposalStatus(StrEnum):
    """What the municipality decided about a proposal (stored as these values)."""

    DONE = "al_gedaan"
    CHOSEN = "kiezen"
    NOT_FOR_US = "niet_voor_ons"

    @property
    def label(self) -> str:
        return {"al_gedaan": "Al gedaan", "kiezen": "Kiezen", "niet_voor_ons": "Niet voor ons"}[self.value]

    @property
    def excludes(self) -> bool:
        """Marked as done or not wanted: no longer suggested."""
        return self in (ProposalStatus.DONE, ProposalStatus.NOT_FOR_US)


Owner = Literal["portefeuillehouder", "college", "griffie", "raadscommissie", "burgemeester"]
OWNER_LABELS: dict[str, str] = {
    "portefeuillehouder": "Portefeuillehouder democratische vernieuwing",
    "college": "College van B en W",
    "griffie": "Griffie",
    "raadscommissie": "Raadscommissie",
    "burgemeester": "Burgemeester",
}

QUESTION_ID = re.compile(r"^[1-9]\.[1-9]$")
PROPOSAL_ID = re.compile(r"^[1-8][a-e]$")
GM_CODE = re.compile(r"^GM\d{4}$")
PAMPHLET_REF = re.compile(r"^(Voorstel [1-8][a-e]|Tip [1-8])$")


def _in_form(pattern: re.Pattern[str], what: str, form: str) -> AfterValidator:
    """A field check: the value has the pattern's form, else a Dutch message naming the expected form."""

    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(f"{what} '{value}' heeft niet de vorm {form}")
        return value

    return AfterValidator(check)


# Ids and codes in content files (also the akkoordcheck's vocabulary), each checked for its form.
QuestionId = Annotated[str, _in_form(QUESTION_ID, "vraag-id", "'prioriteit.nummer' (bijv. 3.2)")]
ProposalId = Annotated[str, _in_form(PROPOSAL_ID, "voorstel-id", "cijfer+letter (bijv. 3b)")]
GmCode = Annotated[str, _in_form(GM_CODE, "gemeentecode", "GM####")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Priority(Strict):
    id: int = Field(ge=1, le=9)
    name: str = Field(min_length=3)
    short: str = Field(min_length=2, max_length=24, description="Label for charts")
    description: str = Field(min_length=20)
    core: bool = True  # False for the optional ninth section (Bestuurscultuur)


class QuestionVersion(Strict):
    """An earlier wording of a question: old rounds keep the meaning their answers were given with."""

    version: int = Field(ge=1)
    changed_on: date  # the day the next version replaced this one
    change: str = Field(min_length=10, description="What changed, in plain Dutch")
    meaning_changed: bool = Field(description="Can an answer mean something else now (levels, roles)?")
    statement: str = Field(min_length=10)
    roles: list[Role] = Field(min_length=1)
    levels: dict[int, str] | None = None


class Question(Strict):
    id: QuestionId
    kind: Literal["maturity", "agreement"]
    roles: list[Role] = Field(min_length=1)
    statement: str = Field(min_length=10)
    help: str = Field(min_length=10)
    levels: dict[int, str] | None = None
    tips: list[int] = Field(default_factory=list)
    shared: bool = Field(
        default=False,
        validate_default=True,  # check a statement without the key too
        description="A statement asked with the same words of raad, inwoners and partners (like-for-like)",
    )
    version: int = Field(default=1, ge=1, description="Raised whenever the statement, levels or roles change")
    history: list[QuestionVersion] = Field(default_factory=list, description="Earlier versions, oldest first")
    retired: bool = Field(default=False, description="No longer asked; kept to read answers in old rounds")

    @field_validator("tips")
    @classmethod
    def _tip_range(cls, value: list[int]) -> list[int]:
        bad = [t for t in value if not 1 <= t <= 8]
        if bad:
            raise ValueError(f"onbekende tip {bad[0]} (alleen 1 t/m 8 bestaan)")
        return value

    @field_validator("levels")
    @classmethod
    def _levels_complete(cls, value: dict[int, str] | None, info: ValidationInfo) -> dict[int, str] | None:
        if value is None:
            return value
        if info.data.get("kind") == "agreement":
            raise ValueError("een stellingvraag gebruikt de vaste schaal 1-5; laat 'levels' weg")
        missing = [n for n in MATURITY_LEVELS if not (value.get(n) or "").strip()]
        extra = sorted(set(value) - set(MATURITY_LEVELS))
        if missing:
            raise ValueError(f"beschrijving voor niveau {missing[0]} ontbreekt")
        if extra:
            raise ValueError(f"niveau {extra[0]} bestaat niet (alleen 0 t/m 4)")
        return value

    @field_validator("shared")
    @classmethod
    def _shared_fits_roles(cls, value: bool, info: ValidationInfo) -> bool:
        kind, roles = info.data.get("kind"), info.data.get("roles") or []
        if value and kind != "agreement":
            raise ValueError("alleen een stelling (kind: agreement) kan gedeeld zijn")
        if value and (missing := [r for r in PERCEPTION_ROLES if r not in roles]):
            raise ValueError(
                f"een gedeelde stelling is voor raad, inwoners en partners samen; rol '{missing[0]}' ontbreekt"
            )
        if not value and kind == "agreement" and "raad" in roles and len(roles) > 1:
            raise ValueError(
                "een stelling voor de raad én andere rollen moet 'shared: true' zijn en voor allen even "
                "goed te beantwoorden; schrijf anders een eigen stelling voor de raad"
            )
        return value

    @model_validator(mode="after")
    def _maturity_has_levels(self) -> Question:
        if self.kind == "maturity" and self.levels is None:
            raise ValueError("een volwassenheidsvraag heeft 'levels' met niveau 0 t/m 4 nodig")
        return self

    @model_validator(mode="after")
    def _history_adds_up(self) -> Question:
        # every earlier version listed once, in order, before the current one; same kind of scale
        versions = [h.version for h in self.history]
        if versions != list(range(1, self.version)):
            raise ValueError(
                f"'history' moet versie 1 t/m {self.version - 1} bevatten (versie {self.version} is de huidige)"
            )
        for h in self.history:
            if (h.levels is None) != (self.kind == "agreement"):
                raise ValueError(
                    f"versie {h.version}: een vraag houdt dezelfde soort schaal; maak anders een nieuwe vraag"
                )
        return self

    def at(self, version: int | None) -> Question:
        """This question as it was asked in ``version`` (None or the current one: itself)."""
        if version is None or version >= self.version:
            return self
        old = self.history[version - 1]
        return self.model_copy(
            update={"statement": old.statement, "roles": old.roles, "levels": old.levels, "version": version}
        )

    def meaning_changed_since(self, version: int | None) -> bool:
        """Could an answer given to ``version`` mean something else in the current version?"""
        return version is not None and any(h.meaning_changed for h in self.history if h.version >= version)

    def changes_since(self, version: int | None) -> list[QuestionVersion]:
        return [h for h in self.history if version is not None and h.version >= version]

    @property
    def priority_id(self) -> int:
        return int(self.id.split(".")[0])

    @property
    def scale(self) -> dict[int, str]:
        """Answer values with their labels, in order."""
        return dict(sorted(self.levels.items())) if self.levels else dict(AGREEMENT_LABELS)


class PriorityFile(Strict):
    """One YAML file in questions/: a priority with its questions.

    Seven asked questions at most: the factual questions of the pamphlet's proposals (4-5), one
    statement shared by raad, inwoners and partners, and one for the raad or for inwoners and partners
    alone. Retired questions stay in the file (to read old answers) and do not count.
    """

    priority: Priority
    questions: list[Question] = Field(min_length=4)

    @model_validator(mode="after")
    def _at_most_seven_asked(self) -> PriorityFile:
        if len([q for q in self.questions if not q.retired]) > 7:
            raise ValueError(
                "hoogstens 7 vragen die nog gesteld worden (met 'retired: true' tellen niet mee)"
            )
        return self

    @model_validator(mode="after")
    def _ids_belong_to_priority(self) -> PriorityFile:
        for q in self.questions:
            if q.priority_id != self.priority.id:
                raise ValueError(
                    f"vraag {q.id} hoort niet bij prioriteit {self.priority.id}: "
                    f"het id moet beginnen met '{self.priority.id}.'"
                )
        return self


class Example(Strict):
    gemeente: str
    gm_code: GmCode | None = None
    url: HttpUrl | None = None
    note: str | None = None


class Source(Strict):
    title: str
    url: HttpUrl


STEP_LABELS = {True: "Basisstap", False: "Pittiger stap"}


class Proposal(Strict):
    id: ProposalId
    priority: int = Field(ge=1, le=8)
    title: str = Field(min_length=5)
    summary: str = Field(min_length=20)
    examples: list[Example] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    questions: list[str] = Field(min_length=1)
    owner: Owner
    agreement_text: str = Field(min_length=40, description="Suggested agreement text with {gemeente}")
    reading_note: str | None = None

    @field_validator("agreement_text")
    @classmethod
    def _names_the_municipality(cls, value: str) -> str:
        if "{gemeente}" not in value:
            raise ValueError("de tekstsuggestie moet {gemeente} bevatten, zodat de naam wordt ingevuld")
        return value

    def agreement_for(self, municipality: str) -> str:
        return self.agreement_text.replace("{gemeente}", municipality)

    @field_validator("priority")
    @classmethod
    def _priority_matches_id(cls, value: int, info: ValidationInfo) -> int:
        pid = info.data.get("id")
        if pid and int(pid[0]) != value:
            raise ValueError(f"voorstel {pid} hoort bij prioriteit {pid[0]}, niet {value}")
        return value

    @property
    def letter(self) -> str:
        return self.id[1]

    @property
    def basic(self) -> bool:
        """The pamphlet's basic step: the "a" proposal of each priority, the one with one pepper, which
        no municipality can skip. The pamphlet calls the others spicier and grades them no further."""
        return self.letter == "a"

    @property
    def step(self) -> str:
        """ "Basisstap" or "Pittiger stap": all the pamphlet says about a proposal's effort."""
        return STEP_LABELS[self.basic]


class ProposalFile(Strict):
    source: str
    proposals: list[Proposal]


class Tip(Strict):
    id: int = Field(ge=1, le=8)
    title: str
    summary: str = Field(min_length=20)
    ideas: list[str] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    shown_with: list[str] = Field(default_factory=list, description="App places where the tip fits")


class TipFile(Strict):
    source: str
    tips: list[Tip]


class GlossaryTerm(Strict):
    """A word from the pamphlet or the questions that a reader may not know, explained in B1."""

    term: str = Field(min_length=2, description="The word as shown, e.g. 'Burgeramendement'")
    forms: list[str] = Field(
        default_factory=list,
        description="Other spellings and inflections that count as this term in a text (the term itself always counts)",
    )
    explanation: str = Field(min_length=20)
    pamphlet: list[str] = Field(
        default_factory=list, description="Where the pamphlet uses it: 'Voorstel 3c', 'Tip 6'"
    )

    @field_validator("pamphlet")
    @classmethod
    def _pamphlet_refs(cls, value: list[str]) -> list[str]:
        for ref in value:
            if not PAMPHLET_REF.match(ref):
                raise ValueError(f"'{ref}' heeft niet de vorm 'Voorstel 3c' of 'Tip 6'")
        return value

    @field_validator("forms")
    @classmethod
    def _forms_not_blank(cls, value: list[str]) -> list[str]:
        if any(not form.strip() for form in value):
            raise ValueError("een vorm van een begrip mag niet leeg zijn")
        return value

    @property
    def all_forms(self) -> tuple[str, ...]:
        return (self.term, *self.forms)


class GlossaryFile(Strict):
    source: str
    terms: list[GlossaryTerm] = Field(min_length=1)

    @field_validator("terms")
    @classmethod
    def _each_form_once(cls, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
        seen: dict[str, str] = {}
        for term in terms:
            for form in term.all_forms:
                key = form.casefold()
                if key in seen and seen[key] != term.term:
                    raise ValueError(f"'{form}' hoort bij twee begrippen: {seen[key]} en {term.term}")
                if key in seen:
                    raise ValueError(f"'{form}' staat twee keer bij begrip {term.term}")
                seen[key] = term.term
        return terms

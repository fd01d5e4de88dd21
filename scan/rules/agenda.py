"""The Democratiseringsagenda (Voorstel 1a): chosen proposals as a draft agenda, in Word and plain text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from scan.base import word
from scan.base.formatting import nl_count, nl_date, nl_number
from scan.base.rhythm import term_start
from scan.content.models import OWNER_LABELS, PAMPHLET, Proposal, ProposalStatus
from scan.content.questionbank import QuestionBank
from scan.rules.akkoord.coverage import Promise
from scan.rules.answer_words import NOT_YET, level_name, level_words, lower_first
from scan.rules.scoring import Answer

# The default planning, from all the pamphlet says about effort: the basic step is the one no
# municipality can skip, so within a year; a spicier step within the council term. Both editable.
BASIC_TIMELINE = "binnen een jaar (vóór eind {y1})"
SPICIER_TIMELINE = "in deze raadsperiode (tot {end})"
TARGET_LEVEL = (
    3  # "in uitvoering": the level at which a proposal counts as in place (scan/rules/recommend.py)
)
TOP_LEVEL = 4  # "verankerd en geëvalueerd"

Vote = tuple[str, int, int]  # (workshop title, dots, voters), published figures only
# (workshop title, the question's own words, answers, ((level name, count), ...)): a published
# distribution (n >= 5), in words a council member reads without the question bank
Spread = tuple[str, str, int, tuple[tuple[str, int], ...]]


def vote_phrase(vote: Vote) -> str:
    """ "7 stippen in de workshop ‘Raadsavond’ (12 deelnemers stemden)"; the title as typed."""
    title, dots, voters = vote
    return (
        f"{nl_count(dots, 'stip', 'stippen')} in de workshop ‘{title}’ "
        f"({nl_count(voters, 'deelnemer stemde', 'deelnemers stemden')})"
    )


def spread_phrase(spread: Spread) -> str:
    """ "In de workshop ‘Raadsavond’ over ‘De raad bespreekt …’ (8 antwoorden): niet aan de orde 2,
    verkend 6" — no question or level numbers (issue 26.6)."""
    title, statement, n, counts = spread
    parts = ", ".join(f"{label} {nl_number(count)}" for label, count in counts if count)
    return f"In de workshop ‘{title}’ over ‘{statement}’ ({nl_count(n, 'antwoord', 'antwoorden')}): {parts}"


@dataclass(frozen=True)
class WorkshopSays:
    """What the round's workshops published about one proposal: its dots in a vote, and how the room
    answered the questions that measure it. Only published figures (each over at least five people)."""

    votes: tuple[Vote, ...] = ()
    spreads: tuple[Spread, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.votes or self.spreads)

    @property
    def lines(self) -> list[str]:
        return [vote_phrase(v) for v in self.votes] + [spread_phrase(s) for s in self.spreads]


class ItemStatus(StrEnum):
    """How an agenda item is getting on (issue 26.8); no status yet: not started."""

    STARTED = "gestart"
    RUNNING = "loopt"
    DONE = "klaar"
    STOPPED = "gestopt"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_open(self) -> bool:
        """Still to do: it goes on into the next round's agenda."""
        return self not in (ItemStatus.DONE, ItemStatus.STOPPED)


NOT_STARTED = "Nog niet gestart"
OWN_PREFIX = "eigen-"  # an own item's key: "eigen-<id>"; a proposal's key is its id ("2a")


def own_key(own_id: int) -> str:
    return f"{OWN_PREFIX}{own_id}"


@dataclass(frozen=True)
class Note:
    noted_on: date
    text: str  # as typed

    @property
    def line(self) -> str:
        """ "3 maart 2027: de eerste bijeenkomst was vol"."""
        return f"{nl_date(self.noted_on)}: {self.text}"


@dataclass(frozen=True)
class Progress:
    """How far an item is: its status (None: not started), why it stopped, dated notes (oldest first)."""

    status: ItemStatus | None = None
    why: str = ""
    notes: tuple[Note, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status is None or self.status.is_open

    @property
    def label(self) -> str:
        return self.status.label if self.status is not None else NOT_STARTED

    @property
    def line(self) -> str:
        """ "Loopt", "Gestopt: er was geen geld", "Nog niet gestart"."""
        if self.status is ItemStatus.STOPPED and self.why:
            return f"{self.label}: {self.why}"
        return self.label

    @property
    def shown(self) -> bool:
        """Worth a line in a document: something was recorded."""
        return self.status is not None or bool(self.notes)


@dataclass(frozen=True)
class OwnItem:
    """An item the municipality put on its agenda itself, not from the pamphlet."""

    id: int
    title: str
    goal: str = ""
    owner: str = ""
    timeline: str = ""
    budget: str = ""
    carried_from: int | None = None  # the item of the previous round it continues


@dataclass(frozen=True)
class AgendaItem:
    proposal: Proposal | None  # None: the municipality's own item (``own``)
    goal: str
    owner: str
    timeline: str
    text: str  # the text suggestion for the agreement ("" for an own item)
    promise: Promise | None = None  # what the agreement says, confirmed by the griffier
    workshops: WorkshopSays = WorkshopSays()  # the round's workshops on this proposal
    own: OwnItem | None = None
    progress: Progress = Progress()

    @property
    def key(self) -> str:
        """What its status and notes are stored under: "2a", "eigen-7"."""
        if self.proposal is not None:
            return self.proposal.id
        assert self.own is not None
        return own_key(self.own.id)

    @property
    def title(self) -> str:
        if self.proposal is not None:
            return self.proposal.title
        assert self.own is not None
        return self.own.title

    @property
    def heading(self) -> str:
        """ "Voorstel 2a: Organiseer een burgerberaad", "Eigen punt: Wijkbudgetten"."""
        return f"Voorstel {self.proposal.id}: {self.title}" if self.proposal else f"Eigen punt: {self.title}"

    @property
    def named(self) -> str:
        """As the report names it: "Organiseer een burgerberaad (voorstel 2a)", "Wijkbudgetten (eigen punt)"."""
        return f"{self.title} ({f'voorstel {self.proposal.id}' if self.proposal else 'eigen punt'})"

    @property
    def budget(self) -> str:
        return self.own.budget if self.own is not None else ""

    @property
    def fields(self) -> list[tuple[str, str]]:
        """(label, value) as the documents show them: goal, owner, planning, budget (if any), status
        and notes (once recorded), the workshops' lines."""
        rows = [("Doel", self.goal), ("Eigenaar", self.owner), ("Planning", self.timeline)]
        if self.budget:
            rows.append(("Budget", self.budget))
        if self.progress.shown:
            rows.append(("Stand", self.progress.line))
            rows += [("Voortgang", note.line) for note in self.progress.notes]
        rows += [("Workshop", line) for line in self.workshop_lines]
        return rows

    @property
    def promise_line(self) -> str:
        """ "Pagina 12: “… een burgerberaad …”" or ""."""
        if self.promise is None:
            return ""
        where = self.promise.where
        return f"{where[0].upper()}{where[1:]}: “{self.promise.quote}”"

    @property
    def workshop_lines(self) -> list[str]:
        return self.workshops.lines


def progress_summary(items: Sequence[AgendaItem]) -> str:
    """ "5 punten: 2 klaar, 1 loopt, 1 gestopt, 1 nog niet gestart." (in the order of the statuses)."""
    labels = [status.label.lower() for status in ItemStatus] + [NOT_STARTED.lower()]
    counts = dict.fromkeys(labels, 0)
    for item in items:
        counts[item.progress.label.lower()] += 1
    parts = ", ".join(f"{nl_number(n)} {label}" for label, n in counts.items() if n)
    return f"{nl_count(len(items), 'punt', 'punten')}: {parts}."


def goal_from_answers(bank: QuestionBank, proposal: Proposal, answers: Mapping[str, Answer]) -> str:
    """What the answers say has to change, in the words of the questions and their levels, one line per
    question that measures the proposal: the question, where it stands, the level to reach and what
    that level means ("De gemeente steunt lokale journalistiek … Van ‘verkend’ naar ‘in uitvoering’:
    het fonds werkt …"). No question numbers, no level numbers: a council member reads it as it is."""
    parts, kept = [], "het hoogste niveau"
    for qid in proposal.questions:
        question = bank.question(qid)
        if question.kind != "maturity":
            continue
        kept = f"‘{level_name(question, TOP_LEVEL)}’"
        answer = answers.get(qid)
        value = answer.value if answer is not None else None
        if value is not None and value >= TOP_LEVEL:
            continue
        target = TARGET_LEVEL if value is None or value < TARGET_LEVEL else TOP_LEVEL
        name, meaning = level_name(question, target), lower_first(level_words(question, target)[1])
        if value is not None:
            step = f"Van ‘{level_name(question, value)}’ naar ‘{name}’"
        elif answer is not None and answer.dont_know:
            step = f"Naar ‘{name}’ (nu: weet niet)"
        else:
            step = f"Naar ‘{name}’ ({NOT_YET})"
        parts.append(f"{question.statement} {step}: {meaning}")
    if parts:
        return "\n".join(parts)
    return f"Houd vast wat er al staat: alles wat bij dit voorstel hoort, is {kept}."


def default_item(
    proposal: Proposal,
    municipality: str,
    year: int,
    bank: QuestionBank | None = None,
    answers: Mapping[str, Answer] | None = None,
    promise: Promise | None = None,
) -> AgendaItem:
    end = term_start(year) + 4
    goal = goal_from_answers(bank, proposal, answers or {}) if bank is not None else ""
    if promise is not None:
        goal = f"Waarmaken wat het akkoord belooft ({promise.where}). {goal}".strip()
    timeline = BASIC_TIMELINE if proposal.basic else SPICIER_TIMELINE
    return AgendaItem(
        proposal=proposal,
        goal=goal or "Vul hier het doel in.",
        owner=OWNER_LABELS[proposal.owner],
        timeline=timeline.format(y1=year + 1, end=end),
        text=proposal.agreement_for(municipality),
        promise=promise,
    )


def build_agenda(
    bank: QuestionBank,
    statuses: Mapping[str, ProposalStatus],
    saved: Mapping[str, dict],
    municipality: str,
    year: int,
    *,
    answers: Mapping[str, Answer] | None = None,
    promised: Mapping[str, Promise] | None = None,
    workshops: Mapping[str, WorkshopSays] | None = None,
    own: Sequence[OwnItem] = (),
    progress: Mapping[str, Progress] | None = None,
) -> list[AgendaItem]:
    """The chosen proposals in catalogue order, each with its edits or else the suggested defaults
    (the goal from the answers, the quote and page where the agreement promises it), and the dots it
    got in the round's workshops and how the room answered its questions; then the municipality's own
    items in the order they were added. Each with its status and notes (``progress``, by item key)."""
    promised = promised or {}
    workshops = workshops or {}
    progress = progress or {}
    items = []
    for proposal in bank.proposals:
        if statuses.get(proposal.id) != ProposalStatus.CHOSEN:
            continue
        base = default_item(proposal, municipality, year, bank, answers, promised.get(proposal.id))
        edits = saved.get(proposal.id, {})
        items.append(
            AgendaItem(
                proposal,
                edits.get("goal") or base.goal,
                edits.get("owner") or base.owner,
                edits.get("timeline") or base.timeline,
                edits.get("text") or base.text,
                base.promise,
                workshops.get(proposal.id, WorkshopSays()),
                progress=progress.get(proposal.id, Progress()),
            )
        )
    for item in own:
        items.append(
            AgendaItem(
                None,
                item.goal,
                item.owner,
                item.timeline,
                "",
                own=item,
                progress=progress.get(own_key(item.id), Progress()),
            )
        )
    return items


def document_title(municipality: str, year: int) -> str:
    return f"Democratiseringsagenda {municipality} (concept, scan {year})"


def document_intro(municipality: str, today) -> str:
    return (
        f"Dit concept volgt uit de democratiescan van {municipality}. De voorstellen komen uit {PAMPHLET}; "
        f"voorstel 1a gaat over zo'n agenda. Opgesteld op {nl_date(today)}."
    )


Input = tuple[str, str, str]  # (workshop title, open question, approved answer), as typed
INPUTS_HEADING = "Inbreng uit de workshops"
INPUTS_INTRO = "Goedgekeurde antwoorden op open vragen die de begeleider naar de agenda stuurde, letterlijk."


def _field(label: str, value: str) -> list[str]:
    """ "Doel: …" (the label with its colon) with the value's further lines indented, so a typed line never looks like a field."""
    first, *rest = str(value).splitlines() or [""]
    return [f"{label}{first}", *(f"  {line}" for line in rest)]


def to_plain_text(
    items: list[AgendaItem], municipality: str, year: int, today, inputs: Sequence[Input] = ()
) -> str:
    """The agenda as plain text that reads well in Notepad or pasted into an e-mail: no markup at all,
    typed text exactly as typed; one field a line, a blank line between the items."""
    title = document_title(municipality, year)
    lines = [title, "", document_intro(municipality, today), ""]
    if not items:
        lines += ["Er zijn nog geen voorstellen gekozen.", ""]
    for item in items:
        lines.append(item.heading)
        for label, value in item.fields:
            lines += _field(f"{label}: ", value)
        if item.promise is not None:
            lines += _field("Wat het akkoord al zegt: ", item.promise_line)
        if item.text:
            lines += _field("Tekstsuggestie voor het akkoord: ", item.text)
        lines.append("")
    if inputs:
        lines += [INPUTS_HEADING, INPUTS_INTRO]
        for title, question, text in inputs:
            lines += _field("• ", f"{text} ({title}: {question})")
        lines.append("")
    return "\n".join(lines)


def to_docx(
    items: list[AgendaItem], municipality: str, year: int, today, inputs: Sequence[Input] = ()
) -> bytes:
    """The agenda as Word: A4, Word's heading styles, per proposal a table of its fields (label and
    value, no header bar), rows kept together."""
    doc = word.new_document(document_title(municipality, year))
    doc.add_heading(document_title(municipality, year), level=0)
    doc.add_paragraph(document_intro(municipality, today))
    if not items:
        doc.add_paragraph("Er zijn nog geen voorstellen gekozen.")
    for item in items:
        doc.add_heading(item.heading, level=1)
        add_item_to_docx(doc, item)
    add_inputs_to_docx(doc, inputs, level=1)
    return word.to_bytes(doc)


def add_item_to_docx(doc, item: AgendaItem) -> None:
    """One agenda item's fields as a table (with its status and notes once recorded), what the
    agreement already says and the text suggestion (the agenda download and the report's Word file)."""
    word.add_table(doc, [list(row) for row in item.fields], [3.5, 13.5], row_headers=True)
    if item.promise is not None:
        doc.add_paragraph("Wat het akkoord al zegt:").runs[0].bold = True
        doc.add_paragraph(item.promise_line, style="Quote")
    if item.text:
        doc.add_paragraph("Tekstsuggestie voor het akkoord:").runs[0].bold = True
        doc.add_paragraph(item.text, style="Quote")


def add_inputs_to_docx(doc, inputs: Sequence[Input], level: int) -> None:
    """The workshops' approved answers sent to the agenda, as typed."""
    if not inputs:
        return
    doc.add_heading(INPUTS_HEADING, level=level)
    doc.add_paragraph(INPUTS_INTRO)
    word.add_table(
        doc,
        [[text, f"{title}: {question}"] for title, question, text in inputs],
        [10.5, 6.5],
        header=["Antwoord", "Workshop en vraag"],
    )

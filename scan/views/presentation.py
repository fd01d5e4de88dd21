"""Content of the council presentation: a title screen, one screen per priority, the roles, the
workshops, the agreement and the agenda. Computed here from the one view of a round (scan/views/round.py,
``from_view``), in plain words (no proposal codes, nothing only in a tooltip); drawn by
scan/ui/pages/presentation.py, and by ``to_pdf`` as a tagged PDF with one 16:9 page per screen (the same
template in print mode, made like the report's PDF).

Every screen fits a 16:9 projector (1920×1080 and, scaled, 1280×720): the template sizes everything in
units of the screen, and long content is split over more screens here, by an estimate of its lines
(``_pages``); tests/e2e/test_slides_fit_browser.py measures every screen of a full demo round."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from scan.base.formatting import nl_count, nl_number, nl_signed, shown_difference
from scan.content.models import ProposalStatus
from scan.content.questionbank import question_bank
from scan.records.round.rounds import Round
from scan.rules import screenful, svg_charts
from scan.rules.disclosure import MIN_N
from scan.rules.scoring import Counts
from scan.rules.summary import strongest_and_weakest
from scan.rules.trend import deltas
from scan.rules.voices import role_rows, too_few_roles
from scan.storage.core import Store
from scan.views import agreement as agreement_views
from scan.views import peers as peer_views
from scan.views import round as round_views

CHART_FONT_PX = 26  # chart labels on a projector: at least 24 px
RADAR_PX = 500  # the opening screen's radar, beside the key figures (design pixels of 1920×1080)

# What one screen holds, in lines of body text (30 px on 1920×1080, line height 1.3) under its heading
# and intro; a table row adds its padding and rule (ROW). A line of body text is LINE_EM wide: the
# screen less its margins (48 design pixels each side, in the template and in full-screen mode).
# The screen shows Streamlit's Source Sans, the PDF DejaVu Sans, whose letters are up to a quarter
# wider than screenful's upper bounds for Source Sans: lines are counted as if WIDER times as wide.
LINES_PER_SCREEN = 20
WIDER = 1.25
ROW = 0.4
PARAGRAPH = 0.3  # the space under a paragraph or list item
HEADING = 1.8  # a heading of a list (36 px, with its margins)
LINE_EM = (1920 - 2 * 48) / 30
CELL_PAD_EM = 0.8  # a cell's right padding (24 design pixels)
# Column shares of the tables with fixed columns (the template's <col> widths say the same)
AGREEMENT_COLUMNS = (0.3, 0.2, 0.5)
AGENDA_COLUMNS = (0.28, 0.4, 0.17, 0.15)
VOTE_COLUMNS = (0.8, 0.2)
ROLE_FIRST_COLUMN = 0.34
CELL_LINES = 6  # a typed agenda field on a slide, at most (a field holds up to 4.000 characters)


def _lines(text: str, share: float = 1.0, cell: bool = False) -> int:
    """Lines ``text`` takes in a column of ``share`` of the line (screenful: word wrap, upper-bound widths)."""
    return screenful.lines(text, (share * LINE_EM - (CELL_PAD_EM if cell else 0.0)) / WIDER)


def _row_lines(cells: list[str], shares: tuple[float, ...]) -> float:
    return max(_lines(text, share, cell=True) for text, share in zip(cells, shares, strict=True)) + ROW


T = TypeVar("T")


def _pages(
    items: list[T], lines: Callable[[T], float], budget: float = LINES_PER_SCREEN, first: float | None = None
) -> list[list[T]]:
    """``items`` over as many screens as needed, in order, each within ``budget`` lines (``first``: the
    first screen's, when something stands above its items; an item longer than a screen gets one of its own)."""
    pages: list[list[T]] = [[]]
    used, room = 0.0, budget if first is None else first
    for item in items:
        need = lines(item)
        if pages[-1] and used + need > room:
            pages.append([])
            used, room = 0.0, budget
        pages[-1].append(item)
        used += need
    return pages


@dataclass(frozen=True)
class RolesSlide:
    """What the roles said (only figures the small-group rule shows) and where they differ by 25+ points."""

    header: list[str]
    rows: list[list[str]]
    starters: list[str]
    too_few: list[str]
    response: str = ""  # "Respons: 12 van de 27 raadsleden deden mee (44%); …" (views/response.py)

    @property
    def too_few_line(self) -> str:
        return f"Te weinig respondenten om te tonen (minimaal {MIN_N}): {', '.join(self.too_few)}."

    @property
    def column_shares(self) -> tuple[float, ...]:
        """The priority a third of the line, the figures share the rest (the template's <col> widths)."""
        others = len(self.header) - 1
        return (ROLE_FIRST_COLUMN,) + (((1 - ROLE_FIRST_COLUMN) / others,) * others if others else ())


@dataclass(frozen=True)
class PrioritySlide:
    priority_id: int
    name: str
    description: str
    score: str  # "62" or "–"
    counts: Counts  # the questions the score rests on (same definitions as the report)
    median: str | None  # the chosen group's median, None below the minimum n
    peers_n: int
    change: str | None  # "+12", "−29" since the previous round
    proposals: list[tuple[str, bool]]  # (title in words, chosen by the municipality)


@dataclass(frozen=True)
class WorkshopSlide:
    title: str
    participants: int
    votes: list[tuple[str, int]] | None  # (proposal title, dots), published only (n >= 5 voters)
    voters: int
    questions: list[tuple[str, str | None, int]]  # (statement, most chosen answer or None, answered)


def question_outcome(question: tuple[str, str | None, int]) -> str:
    """A workshop question's outcome on its screen, or why none is shown."""
    _statement, top, answered = question
    if top:
        return f"Meest gekozen: {top}, van {answered} antwoorden"
    return f"Geen uitkomst getoond ({nl_count(answered, 'antwoord', 'antwoorden')})"


def question_line(question: tuple[str, str | None, int]) -> str:
    return f"{question[0]} {question_outcome(question)}"


@dataclass(frozen=True)
class AgreementRow:
    name: str  # the priority
    status: str  # "staat erin", "deels", "thema genoemd", "niet bevestigd"
    promised: list[tuple[str, str]]  # (proposal in words, where: "pagina 12")
    theme: str = ""  # where a confirmed "thema genoemd" passage stands, when no proposal is confirmed

    @property
    def confirmed_text(self) -> str:
        """The "Bevestigd" cell as one text (its lines for the count; the template breaks them)."""
        if self.promised:
            return " ".join(f"{title} ({where})" for title, where in self.promised)
        return f"Thema genoemd, geen voorstel ({self.theme})" if self.theme else "–"


@dataclass(frozen=True)
class AgreementSlide:
    """What the agreement says: only matches the griffier confirmed."""

    read: bool  # an agreement was read for this round
    source: str  # "akkoord.pdf, 42 pagina's"
    confirmed: int
    rows: list[AgreementRow]

    @property
    def intro(self) -> str:
        """The line above the table on the first screen."""
        return (
            f"Gelezen: {self.source}. Alleen wat de griffie heeft bevestigd telt mee: "
            f"{nl_count(self.confirmed, 'voorstel', 'voorstellen')}."
        )


@dataclass(frozen=True)
class AgendaSlide:
    title: str
    goal: str
    owner: str
    timeline: str


@dataclass(frozen=True)
class Presentation:
    municipality: str
    year: int
    own_is_demo: bool  # the municipality's own figures are fictief
    peers_are_demo: bool  # the peer medians rest on fictieve data
    fictief: str | None  # which figures are fictief, in one sentence
    total: str  # "62" or "–"
    total_change: str | None  # "+4" since the previous round (from the two totals shown)
    counts: Counts  # over the eight priorities, as in the report and on the results page
    summary: str
    group_short: str  # "M50"
    median_label: str  # "middelste score van M50 (fictief)", under each priority's median
    group_phrase: str  # "de M50 (middelgrote gemeenten)"
    group_line: str  # the round's comparison group named, and "Losser is geen lid van de M50." where so
    group_note: str | None  # "Losser is geen lid van de M50.": on every slide that uses the group
    with_data: str  # "38 van de 60 gemeenten hebben gegevens"
    previous_year: int | None
    radar: svg_charts.Chart
    slides: list[PrioritySlide]
    workshops: list[WorkshopSlide]
    agreement: AgreementSlide
    agenda: list[AgendaSlide]
    roles: RolesSlide | None = None  # None: no respondents at all

    @property
    def radar_width(self) -> float:
        """The radar's own width in design pixels (its labels stand beside the circle)."""
        found = re.search(r'width="([\d.]+)"', self.radar.svg)
        return float(found[1]) if found else RADAR_PX

    # long content over more screens (see _pages); each list has at least one screen
    @property
    def role_pages(self) -> list[RolesSlide]:
        """The table (split by rows when long, its header on each screen), the notes under it, then the
        conversation starters, packed in that order."""
        if self.roles is None:
            return []
        r = self.roles
        shares = r.column_shares
        header = _row_lines(r.header, shares) if r.rows else 0.0
        pieces: list[tuple[str, list[str] | str, float]] = [
            ("row", row, _row_lines(row, shares)) for row in r.rows
        ]
        if r.too_few:
            pieces.append(("too_few", r.too_few_line, _lines(r.too_few_line) + PARAGRAPH))
        if r.response:
            pieces.append(("response", r.response, _lines(r.response) + PARAGRAPH))
        pieces += [("starter", line, _lines(line) + PARAGRAPH) for line in r.starters]
        if r.rows and not r.starters:
            pieces.append(("none", "", 1.3))  # "De rollen verschillen nergens 25 punten of meer."
        screens: list[list[tuple[str, list[str] | str, float]]] = [[]]
        used = 0.0
        for kind, value, base in pieces:
            opens = header if kind == "row" else HEADING if kind == "starter" else 0.0
            need = base + (opens if kind not in {k for k, _, _ in screens[-1]} else 0.0)
            if screens[-1] and used + need > LINES_PER_SCREEN:
                screens.append([])
                used, need = 0.0, base + opens
            used += need
            screens[-1].append((kind, value, base))
        return [
            replace(
                r,
                header=r.header if any(k == "row" for k, _, _ in page) else [],
                rows=[v for k, v, _ in page if k == "row" and isinstance(v, list)],
                too_few=r.too_few if any(k == "too_few" for k, _, _ in page) else [],
                response=r.response if any(k == "response" for k, _, _ in page) else "",
                starters=[v for k, v, _ in page if k == "starter" and isinstance(v, str)],
            )
            for page in screens
        ]

    @property
    def workshop_pages(self) -> list[list[WorkshopSlide]]:
        def top(w: WorkshopSlide) -> float:
            """Its heading, and the vote (three rows and the line above them) or why there is none."""
            heading = _lines(f"{w.title} ({w.participants} deelnemers)", 30 / 36) * 1.1 + HEADING - 1.1
            votes = sum(_row_lines([t, f"{n} stemmen"], VOTE_COLUMNS) for t, n in (w.votes or [])[:3])
            return heading + votes + (1.3 if w.votes or w.voters else 0.0)

        def question(q: tuple[str, str | None, int]) -> float:
            return _lines(question_line(q)) + PARAGRAPH

        parts: list[WorkshopSlide] = []
        for w in self.workshops:  # a workshop with many questions goes on over its own screens
            later = replace(w, title=f"{w.title} (vervolg)", votes=None, voters=0)
            chunks = _pages(w.questions, question, LINES_PER_SCREEN - top(later), LINES_PER_SCREEN - top(w))
            parts += [
                replace(w, questions=chunk) if n == 0 else replace(later, questions=chunk)
                for n, chunk in enumerate(chunks)
            ]

        return _pages(parts, lambda w: top(w) + sum(question(q) for q in w.questions))

    @property
    def agreement_pages(self) -> list[list[AgreementRow]]:
        header = _row_lines(["Prioriteit", "In het akkoord", "Bevestigd"], AGREEMENT_COLUMNS)
        intro = _lines(self.agreement.intro) + PARAGRAPH if self.agreement.read else 0.0
        return _pages(
            self.agreement.rows,
            lambda r: _row_lines([r.name, r.status, r.confirmed_text], AGREEMENT_COLUMNS),
            LINES_PER_SCREEN - header,
            LINES_PER_SCREEN - header - intro,
        )

    @property
    def agenda_pages(self) -> list[list[AgendaSlide]]:
        header = _row_lines(["Voorstel", "Doel", "Eigenaar", "Planning"], AGENDA_COLUMNS)
        return _pages(
            self.agenda,
            lambda a: _row_lines([a.title, a.goal, a.owner, a.timeline], AGENDA_COLUMNS),
            LINES_PER_SCREEN - header,
        )

    @property
    def screens(self) -> int:
        """Title, one per priority, the roles, workshops, the agreement, agenda (each as many as needed)."""
        return (
            1
            + len(self.slides)
            + len(self.role_pages)
            + len(self.workshop_pages)
            + len(self.agreement_pages)
            + len(self.agenda_pages)
        )


def _clip(text: str, share: float, lines: int = CELL_LINES) -> str:
    """A typed text cut to ``lines`` lines of its column on a slide, at a word, with "…" where it was
    cut (the report has it whole). A narrow column (Planning) holds fewer characters than a wide one."""
    if _lines(text, share, cell=True) <= lines:
        return text
    # no more characters than the narrowest fit (0.3 em each): the loops below then stay short, also
    # for a 4.000-character field on every rerun of the page
    text = text[: int(lines * (share * LINE_EM - CELL_PAD_EM) / WIDER / 0.3) + 1]
    words = text.split()
    while len(words) > 1 and _lines(" ".join(words) + " …", share, cell=True) > lines:
        words.pop()
    cut = " ".join(words)
    while _lines(cut + " …", share, cell=True) > lines:  # one long word: cut inside it
        cut = cut[:-1]
    return cut + " …"


def build(store: Store, rnd: Round, group_id: str | None = None) -> Presentation:
    """The presentation of one round, compared with the round's comparison group (or ``group_id``)."""
    return from_view(round_views.round_view(store, rnd, group_id))


def from_view(view: round_views.RoundView) -> Presentation:
    """The presentation as a function of the round's assembled view (the screens and the PDF)."""
    bank = question_bank()
    rnd = view.scan.round
    score, comparison = view.scan.score, view.comparison
    previous = view.trend.previous
    change = deltas(previous.score, score) if previous else {}
    slides = []
    for p in bank.core_priorities:
        ps = score.by_id(p.id)
        chosen = [
            x.title for x in bank.proposals_for(p.id) if view.statuses.get(x.id) == ProposalStatus.CHOSEN
        ]
        suggested = [s.proposal.title for s in view.suggestions.items if s.proposal.priority == p.id]
        proposals = [(t, True) for t in chosen] + [(t, False) for t in suggested if t not in chosen]
        peer = comparison.priorities[p.id]
        slides.append(
            PrioritySlide(
                p.id,
                p.name,
                p.description,
                nl_number(ps.score),
                ps.counts,
                nl_number(peer.median) if peer.enough else None,
                peer.n,
                nl_signed(change[p.id]) if change.get(p.id) is not None else None,
                proposals[:3],
            )
        )
    workshops = []
    for w in view.workshops:
        questions = []
        for q in w.questions:
            top = None
            if q.distribution:  # every answer with the most votes: a tie is shown as a tie
                most = max(n for _, n in q.distribution)
                words = [label for label, n in q.distribution if n == most]
                top = (
                    words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]
                ) + f" ({most}×)"
            questions.append((q.text, top, q.n))
        votes = [(bank.proposal(pid).title, n) for pid, n in w.votes] if w.votes is not None else None
        workshops.append(WorkshopSlide(w.title, w.participants, votes, w.voters, questions))
    agenda = [
        AgendaSlide(
            item.title,
            _clip(item.goal, AGENDA_COLUMNS[1]),
            _clip(item.owner, AGENDA_COLUMNS[2]),
            _clip(item.timeline, AGENDA_COLUMNS[3]),
        )
        for item in view.agenda.items
    ]
    labels = [p.short for p in bank.core_priorities]
    radar = svg_charts.radar(
        labels,
        [ps.score for ps in score.priorities],
        f"De acht prioriteiten van {view.municipality}",
        font_size=CHART_FONT_PX,
        size=RADAR_PX,
    )
    own_demo, peers_demo = view.scan.is_demo, view.peers_are_demo
    return Presentation(
        municipality=view.municipality,
        year=rnd.year,
        own_is_demo=own_demo,
        peers_are_demo=peers_demo,
        fictief=peer_views.fictief_note(own_demo, peers_demo),
        total=nl_number(score.overall),
        total_change=nl_signed(shown_difference(score.overall, previous.score.overall)) if previous else None,
        counts=score.core_counts,
        summary=strongest_and_weakest(bank, score),
        group_short=peer_views.group_short(comparison.group),
        median_label=peer_views.median_of(comparison.group, peers_demo),
        group_phrase=peer_views.group_phrase(comparison.group),
        group_line=view.group_line,
        group_note=peer_views.membership_note(rnd.gm_code, comparison.group),
        with_data=peer_views.municipalities_with_data(comparison.n, len(comparison.group.members)),
        previous_year=previous.round.year if previous else None,
        radar=radar,
        slides=slides,
        workshops=workshops,
        agreement=agreement_slide(view.agreement, bank),
        agenda=agenda,
        roles=_roles(view, bank),
    )


def _roles(view: round_views.RoundView, bank) -> RolesSlide | None:
    """The roles page's table (voices.role_rows: a figure only where the small-group rule shows it) and
    its conversation starters."""
    results = view.roles.results
    if not results:
        return None
    self_scores = {p.priority_id: p.score for p in view.scan.score.priorities}
    # a role below the small-group rule has no figure in any row: on a projector it gets no column, the
    # line under the table names it with its count (the report keeps the column); with no role of five
    # or more there is no table at all, as in the report: nothing to compare, only who took part
    shown = {role: r for role, r in results.items() if r.enough}
    table = role_rows(bank, shown, view.roles.together, self_scores) if shown else []
    header = list(table[0]) if table else []
    rows = [[str(row[c]) for c in header] for row in table]
    too_few = too_few_roles(results)
    said = view.response.sentences
    response = f"Respons: {'; '.join(said)}." if said else ""
    return RolesSlide(header, rows, [d.sentence(bank) for d in view.roles.divergences], too_few, response)


def agreement_slide(view: agreement_views.AgreementView, bank) -> AgreementSlide:
    found = view.agreement
    source = found.described if found is not None else ""
    rows = [
        AgreementRow(
            p.name,
            p.label,
            [(bank.proposal(promise.proposal_id).title, promise.where) for promise, _ in p.promised],
            p.theme.where if p.theme is not None and not p.promised else "",
        )
        for p in view.priorities
    ]
    return AgreementSlide(found is not None, source, view.confirmed, rows)


def to_html(deck: Presentation, current: int = 0, keep: dict[str, str] | None = None) -> str:
    """Every screen in one piece of HTML: the browser switches screens itself (no reload, no blank page).
    ``current`` is shown first; ``keep``: query parameters the links keep. User text (workshop titles, agenda fields) is escaped by the template."""
    from urllib.parse import urlencode

    from scan.views.report import render

    current = current if 0 <= current < deck.screens else 0
    base = urlencode(keep) + "&" if keep else ""
    return render("presentation.html.j2", **_context(deck), current=current, base=base, printed=False)


def to_pdf(deck: Presentation) -> bytes:
    """The same screens as a tagged PDF (PDF/UA-1, Dutch, like the report), one 16:9 page per screen,
    for the council's documents (iBabs, Notubiz)."""
    from scan.views.report import html_to_pdf, render

    return html_to_pdf(render("presentation.html.j2", **_context(deck), current=0, base="", printed=True))


def _context(deck: Presentation) -> dict[str, object]:
    """What the template needs beside the deck: the same column widths and outcome texts the paging counts."""
    return {
        "deck": deck,
        "outcome": question_outcome,
        "agreement_columns": AGREEMENT_COLUMNS,
        "agenda_columns": AGENDA_COLUMNS,
        "vote_columns": VOTE_COLUMNS,
        "min_n": MIN_N,
    }

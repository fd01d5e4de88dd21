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

from scan.base.formatting import nl_number, nl_signed, shown_difference
from scan.content.models import GROUP_LABELS, ProposalStatus
from scan.content.questionbank import question_bank
from scan.records.round.rounds import Round
from scan.rules import svg_charts
from scan.rules.scoring import Counts
from scan.rules.summary import strongest_and_weakest
from scan.rules.trend import deltas
from scan.rules.voices import role_rows
from scan.storage.core import Store
from scan.views import agreement as agreement_views
from scan.views import peers as peer_views
from scan.views import round as round_views

CHART_FONT_PX = 26  # chart labels on a projector: at least 24 px
RADAR_PX = 500  # the opening screen's radar, beside the key figures (design pixels of 1920×1080)

# What one screen holds, in lines of body text (30 px on 1920×1080) under its heading and intro, and how
# many characters a line of each kind of cell holds; measured on the demo round in Chromium.
LINES_PER_SCREEN = 16
CHARS = {"wide": 90, "half": 42, "third": 36}


def _lines(text: str, width: str) -> int:
    return max(1, -(-len(text) // CHARS[width]))  # ceil


T = TypeVar("T")


def _pages(items: list[T], lines: Callable[[T], int], budget: int = LINES_PER_SCREEN) -> list[list[T]]:
    """``items`` over as many screens as needed, in order, each within ``budget`` lines (an item longer
    than a screen gets one of its own)."""
    pages: list[list[T]] = [[]]
    used = 0
    for item in items:
        need = lines(item)
        if pages[-1] and used + need > budget:
            pages.append([])
            used = 0
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


@dataclass(frozen=True)
class AgreementRow:
    name: str  # the priority
    status: str  # "staat erin", "deels", "thema genoemd", "niet bevestigd"
    promised: list[tuple[str, str]]  # (proposal in words, where: "pagina 12")
    theme: str = ""  # where a confirmed "thema genoemd" passage stands, when no proposal is confirmed


@dataclass(frozen=True)
class AgreementSlide:
    """What the agreement says: only matches the griffier confirmed."""

    read: bool  # an agreement was read for this round
    source: str  # "akkoord.pdf, 42 pagina's"
    confirmed: int
    rows: list[AgreementRow]


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
        if self.roles is None:
            return []
        table = replace(self.roles, starters=[])
        starters = _pages(self.roles.starters, lambda s: _lines(s, "wide") + 1)
        response = _lines(self.roles.response, "wide") if self.roles.response else 0
        if (
            len(self.roles.rows) + 1 + response + sum(_lines(s, "wide") + 1 for s in self.roles.starters)
            <= LINES_PER_SCREEN
        ):
            return [self.roles]
        return [table] + [
            replace(self.roles, header=[], rows=[], starters=page, too_few=[], response="")
            for page in starters
            if page
        ]

    @property
    def workshop_pages(self) -> list[list[WorkshopSlide]]:
        parts: list[WorkshopSlide] = []
        for w in self.workshops:  # a workshop with many questions goes on over its own screens
            chunks = _pages(w.questions, lambda q: _lines(q[0], "wide") + 1, LINES_PER_SCREEN - 6)
            for n, chunk in enumerate(chunks):
                first = replace(w, questions=chunk)
                parts.append(
                    first if n == 0 else replace(first, title=f"{w.title} (vervolg)", votes=None, voters=0)
                )

        def weight(w: WorkshopSlide) -> int:
            votes = sum(_lines(t, "half") for t, _ in (w.votes or [])[:3])
            return (
                2
                + votes
                + (1 if w.votes or w.voters else 0)
                + sum(_lines(q[0], "wide") + 1 for q in w.questions)
            )

        return _pages(parts, weight)

    @property
    def agreement_pages(self) -> list[list[AgreementRow]]:
        def weight(r: AgreementRow) -> int:
            promised = sum(_lines(f"{t} ({w})", "third") for t, w in r.promised) or _lines(
                r.theme or "–", "third"
            )
            return max(promised, _lines(r.name, "third"))

        return _pages(self.agreement.rows, weight)

    @property
    def agenda_pages(self) -> list[list[AgendaSlide]]:
        def weight(a: AgendaSlide) -> int:
            return max(
                _lines(a.title, "third"), _lines(a.goal, "third"), _lines(a.owner + a.timeline, "third")
            )

        return _pages(self.agenda, weight)

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
    agenda = [AgendaSlide(item.title, item.goal, item.owner, item.timeline) for item in view.agenda.items]
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
    table = role_rows(bank, results, view.roles.together, self_scores)
    header = list(table[0]) if table else []
    rows = [[str(row[c]) for c in header] for row in table]
    too_few = [
        f"{GROUP_LABELS[r.role].lower()} (n = {r.respondents})" for r in results.values() if not r.enough
    ]
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
    return render("presentation.html.j2", deck=deck, current=current, base=base, printed=False)


def to_pdf(deck: Presentation) -> bytes:
    """The same screens as a tagged PDF (PDF/UA-1, Dutch, like the report), one 16:9 page per screen,
    for the council's documents (iBabs, Notubiz)."""
    from scan.views.report import html_to_pdf, render

    return html_to_pdf(render("presentation.html.j2", deck=deck, current=0, base="", printed=True))

"""What the council report says, assembled from the one view of a round (scan/views.py).

Plain data, no layout: the HTML template (web report and PDF) and the Word writer both draw this.
Every sentence a council member reads is made here, once, so the PDF and the Word file say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scan.base.formatting import nl_count, nl_date, nl_number, nl_percent, nl_signed
from scan.content.models import PAMPHLET, ProposalStatus
from scan.content.questionbank import QuestionBank, question_bank
from scan.records.round import rounds
from scan.rules import svg_charts
from scan.rules.agenda import AgendaItem
from scan.rules.answer_words import level_words
from scan.rules.benchmark import MIN_N, Comparison
from scan.rules.scoring import Counts, PriorityScore
from scan.rules.summary import strongest_and_weakest
from scan.rules.trend import deltas, last_change
from scan.rules.voices import DIVERGENCE_POINTS, role_rows, too_few_roles
from scan.views import agreement as agreement_views
from scan.views import peers as peer_views
from scan.views import round as round_views
from scan.views import self_scan as scan_views
from scan.views import workshops as workshop_views
from scan.views.agenda import PreviousAgenda


@dataclass(frozen=True)
class QuestionLine:
    id: str
    statement: str
    answer: str  # "Niveau 3: In uitvoering", "Weet niet / n.v.t.", "Niet beantwoord"
    description: str  # the chosen level's full description ("" when none)
    comment: str  # the griffier's toelichting, as typed
    tips: str = ""  # Bestuurscultuur: the tips the question belongs to


@dataclass(frozen=True)
class Section:
    """One priority (or Bestuurscultuur) with its questions and answers."""

    id: int
    name: str
    description: str
    score: str  # "62 van 100" or "nog geen score"
    counts: Counts
    questions: list[QuestionLine]
    peer: str  # "mediaan 58 in de M50 (middelgrote gemeenten)" or ""
    change: str  # "+12 sinds 2024" or ""


@dataclass(frozen=True)
class SummaryRow:
    name: str
    score: str  # "62" or "–"
    change: str  # "+12", "−3" or "–"
    median: str  # the group's median or "–"


@dataclass(frozen=True)
class CountRow:
    name: str
    score: str
    counts: Counts


@dataclass(frozen=True)
class TrendView:
    previous_year: int
    years: list[int]
    rows: list[tuple[str, list[str], str]]  # (priority, score per year, difference)
    total: tuple[list[str], str]  # total score per year, difference
    changes: list[tuple[str, str, str, str]]  # (question, before, after, "hoger"/"lager"/...)


@dataclass(frozen=True)
class ComparisonView:
    phrase: str  # "de M50 (middelgrote gemeenten)"
    short: str  # "M50"
    with_data: str  # "38 van de 50 gemeenten hebben gegevens"
    note: str  # the group's own caveat (P10 incomplete)
    enough: bool
    message: str
    rows: list[list[str]]  # per priority: name, own, median, middle half, percentile, n
    behind: list[list[str]]  # question, own answer, group median level, share further, n
    line: str = (
        ""  # the round's comparison group named ("… de vergelijkingsgroep van deze ronde.", not a member)
    )


@dataclass(frozen=True)
class RolesView:
    rows: list[list[str]]  # per priority: name, self-scan, then one cell per role with enough respondents
    header: list[str]
    starters: list[str]  # conversation starters (roles with n >= MIN_N)
    any_enough: bool
    too_few: list[str]  # roles with answers but fewer than MIN_N respondents, with their n
    response: list[str]  # "12 van de 27 raadsleden deden mee (44%)", per role with codes or respondents
    until: str  # "Deelnemers konden antwoorden tot en met …", or ""


@dataclass(frozen=True)
class WorkshopQuestion:
    statement: str
    answered: int
    counts: list[tuple[str, int]] | None  # published only


@dataclass(frozen=True)
class WorkshopView:
    title: str
    participants: int
    questions: list[WorkshopQuestion]
    voters: int
    votes: list[tuple[str, int]] | None  # (proposal in words, dots)


@dataclass(frozen=True)
class AgreementPromise:
    proposal: str  # in words, with its number: "Organiseer een burgerberaad (voorstel 2c)"
    where: str  # "pagina 12"
    quote: str  # the passage as it stands in the agreement (document text: render literally)
    practice: str  # the promise beside the answers


@dataclass(frozen=True)
class AgreementTheme:
    """A confirmed "thema genoemd": the agreement serves the priority without naming a proposal."""

    where: str  # "pagina 4"
    quote: str  # document text: render literally


@dataclass(frozen=True)
class AgreementPriority:
    name: str
    status: str  # "staat erin", "deels", "thema genoemd", "niet bevestigd"
    promises: list[AgreementPromise]
    theme: AgreementTheme | None = None

    @property
    def confirmed_words(self) -> list[str]:
        """What the griffier confirmed for this priority, in a table cell: its proposals, or the theme."""
        if self.promises:
            return [x.proposal for x in self.promises]
        return [f"thema genoemd ({self.theme.where}), geen voorstel"] if self.theme else []


@dataclass(frozen=True)
class AgreementReport:
    """What the agreement says, only as far as the griffier confirmed it."""

    read: bool
    intro: str
    priorities: list[AgreementPriority]


@dataclass(frozen=True)
class ReportData:
    title: str
    municipality: str
    gm_code: str
    year: int
    made_on: str
    own_is_demo: bool  # the municipality's own answers are fictief (its round is demo data)
    peers_are_demo: bool  # the peer figures shown rest on fictieve data
    fictief: str | None  # the sentence saying exactly which figures are fictief
    total: str  # "62 van 100"
    answered_line: str
    in_short: str
    change_lines: list[str]
    top_heading: str
    top_proposals: list[tuple[str, str]]  # (proposal in words, why / status)
    summary_rows: list[SummaryRow]  # the eight priorities on the summary page
    overview: list[CountRow]  # the eight priorities
    overview_total: CountRow  # their sum: adds up to the rows above
    sections: list[Section]
    culture: Section | None
    trend: TrendView | None
    comparison: Comparison
    peers: ComparisonView
    roles: RolesView
    workshops: list[WorkshopView]
    agreement: AgreementReport
    agenda: list[AgendaItem]
    previous_agenda: PreviousAgenda | None  # "Wat deden we met de agenda van 2024?"
    agenda_inputs: list[tuple[str, str, str]]  # (workshop, question, answer) sent to the agenda, as typed
    method: list[str]
    sources: list[str]
    charts: dict[str, svg_charts.Chart]


def _score_text(score: float | None) -> str:
    return f"{nl_number(score)} van 100" if score is not None else "nog geen score"


def proposal_words(bank: QuestionBank, proposal_id: str) -> str:
    """A proposal named in words, its number from the pamflet after it: "Een democratiseringsagenda (voorstel 1a)"."""
    p = bank.proposal(proposal_id)
    return f"{p.title} (voorstel {p.id})"


def _question_lines(bank: QuestionBank, scan: scan_views.SelfScan, priority_id: int) -> list[QuestionLine]:
    lines = []
    for q in bank.questions_for(priority_id, "griffie"):
        a = scan.answers.get(q.id)
        asked = q.at(a.version) if a else q  # an answer keeps the meaning of the wording it was given to
        short, description = level_words(asked, a.value if a else None, bool(a and a.dont_know))
        tips = ", ".join(f"tip {t}: {bank.tip(t).title}" for t in q.tips)
        lines.append(
            QuestionLine(q.id, q.statement, short, description, (a.comment if a else "").strip(), tips)
        )
    return lines


def _section(bank, scan, ps: PriorityScore, peer: str = "", change: str = "") -> Section:
    p = bank.priority(ps.priority_id)
    return Section(
        p.id,
        p.name,
        p.description,
        _score_text(ps.score),
        ps.counts,
        _question_lines(bank, scan, p.id),
        peer,
        change,
    )


def _trend(bank: QuestionBank, trend: scan_views.Trend) -> TrendView | None:
    previous = trend.previous
    if previous is None:
        return None
    history = trend.history
    change = deltas(previous.score, history[-1].score)
    rows = [
        (
            p.name,
            [nl_number(h.score.by_id(p.id).score) for h in history],
            nl_signed(change[p.id]),
        )
        for p in bank.core_priorities
    ]
    overall = [h.score.overall for h in history]
    total_change = last_change(overall)
    changes = scan_views.change_rows(bank, trend.changes)
    return TrendView(
        previous.round.year,
        [h.round.year for h in history],
        rows,
        ([nl_number(v) for v in overall], nl_signed(total_change)),
        changes,
    )


def _peers(bank: QuestionBank, view: round_views.RoundView) -> ComparisonView:
    c, scan = view.comparison, view.scan
    rows = []
    for p in bank.core_priorities:
        s, own = c.priorities[p.id], scan.score.by_id(p.id).score
        rows.append(
            [
                p.name,
                nl_number(own) if own is not None else "–",
                nl_number(s.median) if s.enough else f"te weinig gegevens (n = {s.n})",
                f"{nl_number(s.q1)}–{nl_number(s.q3)}" if s.enough else "–",
                nl_number(s.percentile) if s.enough and s.percentile is not None else "–",
                nl_number(s.n),
            ]
        )
    behind = []
    for q in c.behind():
        question = bank.question(q.question_id)
        own_words, _ = level_words(question, q.own)
        behind.append(
            [
                question.statement,
                own_words,
                f"niveau {nl_number(q.stat.median, 1)}",
                nl_percent(q.further),
                nl_number(q.stat.n),
            ]
        )
    return ComparisonView(
        peer_views.group_phrase(c.group),
        peer_views.group_short(c.group),
        peer_views.municipalities_with_data(c.n, len(c.group.members)),
        c.group.note,
        c.enough,
        c.message,
        rows,
        behind,
        view.group_line,
    )


def _roles(bank: QuestionBank, view: round_views.RoundView, today: date) -> RolesView:
    """The same table as the roles page (voices.role_rows): each figure only where it is shown, with
    the count and the reason where it is not."""
    results = view.roles.results
    self_scores = {p.priority_id: p.score for p in view.scan.score.priorities}
    table = role_rows(bank, results, view.roles.together, self_scores)
    header = list(table[0]) if table else []
    rows = [[str(row[c]) for c in header] for row in table]
    shown = [r for r in results.values() if r.enough]
    few = too_few_roles(results)
    starters = [d.sentence(bank) for d in view.roles.divergences]
    return RolesView(
        rows,
        header,
        starters,
        bool(shown),
        few,
        view.response.sentences,
        view.response.until_sentence(today, view.scan.round.is_open),
    )


def _workshops(bank: QuestionBank, outcomes: list[workshop_views.WorkshopOutcome]) -> list[WorkshopView]:
    found = []
    for w in outcomes:
        questions = []
        for q in w.questions:
            counts = list(q.distribution) if q.distribution is not None else None
            if q.kind == "open" and q.open_answers:
                counts = [(answer, 1) for answer in q.open_answers]
            questions.append(WorkshopQuestion(q.text, q.n, counts))
        votes = [(proposal_words(bank, pid), n) for pid, n in w.votes] if w.votes is not None else None
        found.append(WorkshopView(w.title, w.participants, questions, w.voters, votes))
    return found


def _agreement(bank: QuestionBank, view: agreement_views.AgreementView) -> AgreementReport:
    found = view.agreement
    if found is None:
        return AgreementReport(
            False, "Voor deze ronde is (nog) geen akkoord gelezen met de akkoordcheck.", []
        )
    themes = (
        f" Bij {nl_count(view.themes_found, 'prioriteit', 'prioriteiten')} noemt het "
        f"akkoord het thema zonder een van haar voorstellen (thema genoemd); de griffie bevestigde er "
        f"{len(view.themes)}."
        if view.themes_found
        else ""
    )
    intro = (
        f"De akkoordcheck las {found.described} en vond bij {view.found} van de {len(bank.proposals)} voorstellen een passage. "
        f"De griffie bevestigde er {view.confirmed} en wees er {view.rejected} af"
        + (f"; {view.open} {'is' if view.open == 1 else 'zijn'} nog niet beoordeeld" if view.open else "")
        + "."
        + themes
        + " Alleen bevestigde passages tellen mee. Bij elk voorstel staat wat de antwoorden in de scan "
        "over de praktijk zeggen."
    )
    priorities = [
        AgreementPriority(
            p.name,
            p.label,
            [
                AgreementPromise(
                    proposal_words(bank, promise.proposal_id), promise.where, promise.quote, practice
                )
                for promise, practice in p.promised
            ],
            AgreementTheme(p.theme.where, p.theme.quote) if p.theme is not None else None,
        )
        for p in view.priorities
    ]
    return AgreementReport(True, intro, priorities)


def _summary(bank, view: round_views.RoundView, trend: TrendView | None) -> tuple[list[str], str, list]:
    lines = []
    previous = view.trend.previous
    if previous is not None and trend is not None:
        change = deltas(previous.score, view.scan.score)
        moved = [(pid, d) for pid, d in change.items() if d is not None and d != 0]
        (*_, before, now), diff = trend.total
        if diff != "–":
            lines.append(f"De totaalscore was {before} in {previous.round.year} en is nu {now} ({diff}).")
        if moved:
            up = max(moved, key=lambda m: m[1])
            down = min(moved, key=lambda m: m[1])
            if up[1] > 0:
                lines.append(f"Het meest vooruit: {bank.priority(up[0]).name} ({nl_signed(up[1])}).")
            if down[1] < 0:
                lines.append(f"Het meest achteruit: {bank.priority(down[0]).name} ({nl_signed(down[1])}).")
        else:
            lines.append(f"Sinds {previous.round.year} veranderden de scores van de prioriteiten niet.")
    else:
        lines.append(
            "Dit is de eerste scan van de gemeente: er is nog geen vorige ronde om mee te vergelijken."
        )
    chosen = [p for p in bank.proposals if view.statuses.get(p.id) == ProposalStatus.CHOSEN]
    if chosen:
        heading = "De gekozen voorstellen"
        top = [
            (proposal_words(bank, p.id), f"prioriteit {p.priority}: {bank.priority(p.priority).name}")
            for p in chosen
        ]
    else:
        heading = "Voorstellen om mee te beginnen (nog niet gekozen)"
        top = [(proposal_words(bank, s.proposal.id), s.reason) for s in view.suggestions.items[:3]]
    return lines, heading, top


def _method(view: round_views.RoundView) -> tuple[list[str], list[str]]:
    c = view.comparison
    method = [
        "De griffie beantwoordde per vraag hoe ver de gemeente is, op een schaal van 0 (niet aan de orde) "
        "tot 4 (verankerd en geëvalueerd). Elk antwoord geeft punten: niveau 0 is 0 punten, niveau 4 is 100 punten, "
        "en elk niveau daartussen 25 punten meer.",
        "De score van een prioriteit is het gemiddelde van de punten van haar beantwoorde vragen. "
        "“Weet niet / n.v.t.” telt niet mee, ook niet als 0. Een prioriteit zonder beantwoorde vraag heeft geen score.",
        "De totaalscore is het gemiddelde van de acht prioriteiten. Elke prioriteit telt even zwaar. "
        "Bestuurscultuur (de acht tips) staat apart en telt niet mee in de totaalscore.",
        "“Beantwoord” betekent: een niveau gekozen of “weet niet” gekozen. “Open” betekent: nog niet beantwoord.",
        f"Vergelijking: de eigen gemeente telt niet mee in de groep. Groepscijfers staan er pas als minstens {MIN_N} "
        "gemeenten gegevens hebben. De mediaan is het middelste getal van de groep: de helft scoort hoger, de helft lager. "
        "De middelste helft loopt van het eerste tot het derde kwart van de groep. Het percentiel zegt welk deel van de "
        "groep lager scoort dan de gemeente.",
        f"Rollen: een rol telt pas mee vanaf {MIN_N} respondenten. Een verschil van {DIVERGENCE_POINTS} punten of meer "
        "tussen rollen staat erbij als gespreksstarter.",
        f"Workshops: uitkomsten staan er alleen als minstens {MIN_N} deelnemers antwoordden of stemden.",
        "Akkoord: de akkoordcheck zoekt in de tekst van het akkoord naar woorden die bij elk voorstel horen "
        "en let op ontkenningen (“geen referendum”) en voorzichtige woorden (“we onderzoeken”). Dat is zoeken, "
        "geen begrijpen: de griffie heeft elke gevonden passage bevestigd of afgewezen, en alleen bevestigde "
        "passages staan in dit rapport.",
    ]
    sources = [
        f"{PAMPHLET[0].upper()}{PAMPHLET[1:]}: de acht prioriteiten, de 29 voorstellen en de acht tips.",
        "Gemeenten, codes en provincies: CBS, gemeentelijke indeling op 1 januari 2025.",
        "Inwonertal: een openbare lijst per gemeente; daarom altijd bij benadering.",
        "Vergelijkingsgroepen G4, G40, M50 en P10: de openbare ledenlijsten van deze netwerken. "
        "Van de P10 zijn 24 van de 32 leden met een bron vastgesteld.",
        "Vergelijkingscijfers: scans die gemeenten in deze installatie delen met de benchmark, en ingelezen "
        f"benchmarkbestanden, jaar {c.year}.",
        "Verkiezingsuitslagen: Kiesraad.",
    ]
    return method, sources


def _charts(
    bank: QuestionBank, view: round_views.RoundView, trend: scan_views.Trend
) -> dict[str, svg_charts.Chart]:
    labels = [p.short for p in bank.core_priorities]
    scores = [ps.score for ps in view.scan.score.priorities]
    name = view.municipality
    charts = {
        "radar": svg_charts.radar(labels, scores, f"De acht prioriteiten van {name}", font_size=17),
    }
    c = view.comparison
    if c.enough:
        bands = [
            svg_charts.Band(*middle) if (middle := s.middle) is not None else None
            for s in (c.priorities[p.id] for p in bank.core_priorities)
        ]
        charts["vergelijking"] = svg_charts.bars(
            labels, scores, f"{name} naast {peer_views.group_phrase(c.group)}", bands=bands
        )
    if trend.previous is not None:
        years = [h.round.year for h in trend.history]
        series = [[h.score.by_id(p.id).score for h in trend.history] for p in bank.core_priorities]
        charts["trend"] = svg_charts.small_multiples(
            labels, years, series, f"Score per prioriteit per ronde, {name}"
        )
    return charts


def report_data(view: round_views.RoundView, today: date | None = None) -> ReportData:
    """The report's content as a function of the round's assembled view."""
    today = today or rounds.today()  # Dutch time, like the closing date it is compared with
    bank = question_bank()
    rnd = view.scan.round
    score = view.scan.score
    trend = _trend(bank, view.trend)
    previous = view.trend.previous
    change = deltas(previous.score, score) if previous else {}
    c = view.comparison
    sections = []
    for ps in score.priorities:
        s = c.priorities[ps.priority_id]
        peer = f"mediaan {nl_number(s.median)} in {peer_views.group_phrase(c.group)}" if s.enough else ""
        delta = change.get(ps.priority_id)
        moved = f"{nl_signed(delta)} sinds {previous.round.year}" if delta is not None and previous else ""
        sections.append(_section(bank, view.scan, ps, peer, moved))
    core = score.core_counts
    answered_line = (
        f"{core.answered} van de {core.total} vragen over de acht prioriteiten zijn beantwoord: "
        f"{core.scored} met een niveau en {core.dont_know} met “weet niet / n.v.t.”; {core.open} staan nog open."
    )
    lines, top_heading, top = _summary(bank, view, trend)
    method, sources = _method(view)
    own_demo, peers_demo = view.scan.is_demo, view.peers_are_demo
    return ReportData(
        title=f"Democratiescan {view.municipality} {rnd.year}",
        municipality=view.municipality,
        gm_code=rnd.gm_code,
        year=rnd.year,
        made_on=nl_date(today),
        own_is_demo=own_demo,
        peers_are_demo=peers_demo,
        fictief=peer_views.fictief_note(own_demo, peers_demo),
        total=_score_text(score.overall),
        answered_line=answered_line,
        in_short=strongest_and_weakest(bank, score),
        change_lines=lines,
        top_heading=top_heading,
        top_proposals=top,
        summary_rows=[
            SummaryRow(
                bank.priority(ps.priority_id).name,
                nl_number(ps.score),
                nl_signed(change.get(ps.priority_id)),
                nl_number(c.priorities[ps.priority_id].median)
                if c.priorities[ps.priority_id].enough
                else "–",
            )
            for ps in score.priorities
        ],
        overview=[
            CountRow(bank.priority(ps.priority_id).name, nl_number(ps.score), ps.counts)
            for ps in score.priorities
        ],
        overview_total=CountRow("Totaal van de acht prioriteiten", nl_number(score.overall), core),
        sections=sections,
        culture=_section(bank, view.scan, score.culture) if score.culture is not None else None,
        trend=trend,
        comparison=c,
        peers=_peers(bank, view),
        roles=_roles(bank, view, today),
        workshops=_workshops(bank, view.workshops),
        agreement=_agreement(bank, view.agreement),
        agenda=view.agenda.items,
        previous_agenda=view.agenda.previous,
        agenda_inputs=view.agenda.inputs,
        method=method,
        sources=sources,
        charts=_charts(bank, view, view.trend),
    )

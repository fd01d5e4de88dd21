"""What the screens, the report, the presentation and the exports show, assembled once.

Streamlit-free: the UI wraps these functions in caches keyed on versions (scan/ui/components/
cached.py); documents call them directly. Every definition used in more than one place lives
here: "the previous round", the default peer group, whether a figure rests on fictieve data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scan import agreements, benchmark_store, choices, releases, respondents, rounds, voices, workshop
from scan import answers as answer_store
from scan.agenda import AgendaItem, Spread, Vote, WorkshopSays, build_agenda
from scan.akkoord.coverage import (
    PRIORITY_LABELS,
    Judged,
    PeerMention,
    Promise,
    ThemePromise,
    mention_candidates,
    peer_mentions,
    priority_status,
    promises,
    theme_key,
    theme_promises,
)
from scan.benchmark import Comparison, PeerData, build_peer_data, compare, figure_candidates
from scan.formatting import nl_number
from scan.models import ProposalStatus, Question
from scan.questionbank import PAMPHLET_PROPOSALS, QuestionBank, question_bank
from scan.recommend import (
    PeerAdoption,
    Suggestion,
    adoption_candidates,
    peer_adoption,
    promise_in_practice,
    suggest,
)
from scan.reference import PeerGroup, reference
from scan.rhythm import term_start
from scan.rounds import Round
from scan.scoring import Answer, ScanScore, score_scan
from scan.storage import Store
from scan.trend import Change, question_changes
from scan.voices import Divergence, Figure, RoleResult


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


# --- peers ----------------------------------------------------------------------------------------


def peer_data(store: Store, year: int, bank: QuestionBank | None = None) -> PeerData:
    """This year's shared scans and imported values, per municipality. An answer given to an earlier
    wording of a question whose meaning changed since is left out: peers are compared like with like."""
    bank = bank or question_bank()
    shared = benchmark_store.shared_answers(store, year)
    if not shared.empty:
        comparable = [
            q is not None and not q.meaning_changed_since(version)
            for q, version in zip(
                map(bank.question, shared["question_id"]), shared["question_version"], strict=True
            )
        ]
        shared = shared[comparable]
    demo = frozenset(shared.loc[shared["is_demo"] == 1, "gm_code"]) if not shared.empty else frozenset()
    return build_peer_data(
        bank or question_bank(), year, shared, benchmark_store.imported_values(store, year), demo
    )


def peer_groups(gm_code: str) -> list[PeerGroup]:
    """Every group a municipality can choose: its own (most specific first), then the other named ones."""
    return reference().selectable_groups(gm_code)


def default_group(peers: PeerData, gm_code: str) -> PeerGroup:
    """The most specific of the municipality's own groups with enough municipalities with data
    (else all municipalities)."""
    own = reference().peer_groups_for(gm_code)
    return next((g for g in own if peers.enough_peers(g, gm_code)), own[-1])


def group_or_default(peers: PeerData, gm_code: str, group_id: str | None) -> PeerGroup:
    """The group the user chose, if it is one of the municipality's; otherwise the default."""
    chosen = reference().peer_group(gm_code, group_id) if group_id else None
    return chosen or default_group(peers, gm_code)


def _peer_scope(peers: PeerData, gm_code: str) -> str:
    """Published peer figures are remembered per year and viewing municipality (whose own data is never
    among its peers), one register per figure for every group: the viewer can open any group, so a
    set published for one group counts against every other (scan/disclosure.py)."""
    return f"benchmark:{peers.year}:{gm_code}"


def group_phrase(group: PeerGroup) -> str:
    """The group's name inside a sentence: "de M50 (middelgrote gemeenten)", never "M50: middelgrote
    gemeenten" mid-sentence."""
    label = group.label
    if ":" in label:
        short, _, rest = label.partition(":")
        return f"de {short.strip()} ({rest.strip()})"
    if label.startswith(("De ", "Gemeenten", "Alle ", "Provincie ")):
        return label[0].lower() + label[1:]
    return f"de groep {label}"


def group_short(group: PeerGroup) -> str:
    """The group's name on its own (a heading, a slide): the label without its explanation after a colon."""
    return group.label.partition(":")[0].strip() if ":" in group.label else group.label


def municipalities_with_data(n: int, total: int) -> str:
    """ "1 van de 5 gemeenten heeft gegevens", "3 van de 5 gemeenten hebben gegevens": the verb agrees."""
    return f"{nl_number(n)} van de {nl_number(total)} gemeenten {'heeft' if n == 1 else 'hebben'} gegevens"


def fictief_note(own_is_demo: bool, peers_are_demo: bool) -> str | None:
    """Exactly which figures are fictief, per source: the municipality's own answers (its round is demo
    data) and the peer group's figures (they rest on demo scans). None when nothing shown is fictief."""
    if own_is_demo and peers_are_demo:
        return (
            "Fictieve voorbeelddata: de antwoorden van de gemeente en de cijfers van de vergelijkingsgroep "
            "zijn verzonnen om de app te laten zien."
        )
    if own_is_demo:
        return "Fictieve voorbeelddata: de antwoorden van de gemeente zijn verzonnen om de app te laten zien."
    if peers_are_demo:
        return (
            "De cijfers van de vergelijkingsgroep steunen op fictieve voorbeelddata. "
            "De antwoorden van de gemeente zelf zijn echt."
        )
    return None


def fictief_label(own_is_demo: bool, peers_are_demo: bool) -> str | None:
    """The short label on a chart that shows both sources: which of them is fictief."""
    if own_is_demo and peers_are_demo:
        return "Fictief: uw antwoorden en de groepscijfers"
    if own_is_demo:
        return "Fictief: uw antwoorden"
    if peers_are_demo:
        return "Fictief: de groepscijfers"
    return None


def answer_words(question: Question, value: int | None, dont_know: bool = False) -> tuple[str, str]:
    """An answer in words: (label, explanation). "Niveau 3: In uitvoering" with the rest of the level's
    description; a statement's agreement label; "Weet niet / n.v.t."; "Niet beantwoord"."""
    if dont_know:
        return "Weet niet / n.v.t.", ""
    if value is None:
        return "Niet beantwoord", ""
    text = question.scale[value]
    if question.kind == "agreement":
        return text, ""
    short, _, rest = text.partition(".")
    return f"Niveau {value}: {short.strip()}", rest.strip()


def comparison(
    store: Store, scan: SelfScan, peers: PeerData, group: PeerGroup, bank: QuestionBank | None = None
) -> Comparison:
    """The municipality against a group, every figure under the disclosure rule (scan/disclosure.py)."""
    bank = bank or question_bank()
    code = scan.round.gm_code
    decisions = releases.resolve(store, _peer_scope(peers, code), figure_candidates(bank, peers, group, code))
    return compare(bank, peers, group, code, scan.score, dict(scan.answers), decisions)


# --- suggestions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestions:
    items: list[Suggestion]  # most urgent first
    adoption: dict[str, PeerAdoption]
    peers_are_demo: bool  # the peer counts they cite rest on fictieve data


def adoption(
    store: Store, peers: PeerData, group: PeerGroup, gm_code: str, bank: QuestionBank | None = None
) -> dict[str, PeerAdoption]:
    """Per proposal: how many published peers have it in place (the same disclosure rule)."""
    bank = bank or question_bank()
    candidates = adoption_candidates(bank, peers, group, gm_code)
    decisions = releases.resolve(store, _peer_scope(peers, gm_code), candidates)
    return peer_adoption(bank, peers, group, decisions)


def suggestions(
    scan: SelfScan,
    statuses: Mapping[str, ProposalStatus],
    adopted: dict[str, PeerAdoption],
    peers_are_demo: bool,
    bank: QuestionBank | None = None,
    promised: Mapping[str, Promise] | None = None,
) -> Suggestions:
    items = suggest(bank or question_bank(), scan.answers, scan.score, statuses, adopted, promised)
    return Suggestions(items, adopted, peers_are_demo and any(a.n for a in adopted.values()))


# --- the agreement (akkoordcheck, issue 19) --------------------------------------------------------


def promised(store: Store, rnd: Round) -> dict[str, Promise]:
    """The proposals the griffier confirmed in the round's agreement (only these count anywhere)."""
    found = agreements.get(store, rnd.id)
    if found is None:
        return {}
    return promises(found.analysis, agreements.judgements(store, rnd.id))


@dataclass(frozen=True)
class AgreementPeers:
    mentions: dict[str, PeerMention]  # per proposal: how many sharing peers' agreements name it
    sharing: int  # peers in the group that share confirmed coverage (the count a user may see)
    has_demo: bool  # the counts rest on fictieve voorbeelddata


def agreement_peers(store: Store, rnd: Round, group: PeerGroup) -> AgreementPeers:
    """Per proposal, over the group's municipalities that share their confirmed coverage (closed rounds
    of this council term), under the disclosure rule: at least five, never two views one apart."""
    shared = agreements.shared_coverage(store, rnd.year)
    peers = set(group.members) - {rnd.gm_code}
    proposal_ids = list(PAMPHLET_PROPOSALS)
    candidates = mention_candidates(shared.named, peers, proposal_ids)
    scope = f"akkoord:{term_start(rnd.year)}:{rnd.gm_code}"  # one register for every group, as _peer_scope
    decisions = releases.resolve(store, scope, candidates)
    mentions = peer_mentions(shared.named, decisions, proposal_ids, group_phrase(group))
    sharing = peers & set(shared.named)
    shown = any(m.enough for m in mentions.values())
    return AgreementPeers(mentions, len(sharing), shown and bool(sharing & shared.demo))


def agreement_comparison_rows(
    peers: AgreementPeers, own: AgreementView, bank: QuestionBank | None = None
) -> list[dict[str, str]]:
    """Per proposal: how many sharing peers' agreements name it (or why that is not shown) beside what
    the municipality's own agreement promises, as the griffier confirmed it. For the comparison page."""
    bank = bank or question_bank()
    rows = []
    for pid in PAMPHLET_PROPOSALS:
        mention = peers.mentions[pid]
        rows.append(
            {
                "Voorstel": f"{pid} {bank.proposal(pid).title}",
                "Akkoorden van de groep": (
                    f"{nl_number(mention.named)} van de {nl_number(mention.n)}"
                    if mention.enough
                    else mention.message
                ),
                "Uw akkoord": "staat erin" if pid in own.promised else "niet bevestigd",
            }
        )
    return rows


@dataclass(frozen=True)
class PriorityAgreement:
    priority_id: int
    name: str
    status: str  # staat_erin | deels | thema_genoemd | niet_bevestigd (confirmed matches only)
    promised: list[tuple[Promise, str]]  # (promise, the promise beside the answers)
    theme: ThemePromise | None = None  # a confirmed "thema genoemd" passage (counts without a proposal)

    @property
    def label(self) -> str:
        return PRIORITY_LABELS[self.status]


@dataclass(frozen=True)
class AgreementView:
    """What the round's agreement says, as the griffier judged it: the basis of the Akkoord page, the
    recommendations, the agenda, the presentation and the report."""

    agreement: agreements.Agreement | None
    judged: dict[str, Judged]  # per proposal, and per priority's theme ("P4")
    promised: dict[str, Promise]  # confirmed only
    priorities: list[PriorityAgreement]
    found: int  # proposals the check found (staat erin or deels)
    confirmed: int
    rejected: int
    themes: dict[int, ThemePromise] = field(default_factory=dict)  # confirmed themes, per priority
    themes_found: int = 0  # priorities with "thema genoemd" passages to judge
    themes_rejected: int = 0

    @property
    def open(self) -> int:
        """Found, but not judged yet."""
        return self.found - self.confirmed - self.rejected


def agreement_view(
    store: Store, rnd: Round, scan: SelfScan | None = None, bank: QuestionBank | None = None
) -> AgreementView:
    bank = bank or question_bank()
    scan = scan or self_scan(store, rnd, bank)
    found = agreements.get(store, rnd.id)
    judged = agreements.judgements(store, rnd.id) if found else {}
    confirmed = promises(found.analysis, judged) if found else {}
    themes = theme_promises(found.analysis, judged) if found else {}
    priorities = []
    for p in bank.core_priorities:
        ids = [x.id for x in bank.proposals_for(p.id)]
        mine = [
            (confirmed[pid], promise_in_practice(bank, bank.proposal(pid), confirmed[pid], scan.answers))
            for pid in ids
            if pid in confirmed
        ]
        theme = themes.get(p.id)
        priorities.append(
            PriorityAgreement(p.id, p.name, priority_status(ids, confirmed, theme), mine, theme)
        )
    seen = (
        [pid for pid, c in found.analysis.proposals.items() if c.status != "niet_gevonden"] if found else []
    )
    with_theme = [p for p, c in found.analysis.priorities.items() if c.theme] if found else []
    return AgreementView(
        agreement=found,
        judged=judged,
        promised=confirmed,
        priorities=priorities,
        found=len(seen),
        confirmed=len(confirmed),
        rejected=sum(1 for pid in seen if pid in judged and pid not in confirmed),
        themes=themes,
        themes_found=len(with_theme),
        themes_rejected=sum(1 for p in with_theme if theme_key(p) in judged and p not in themes),
    )


# --- roles, trend ---------------------------------------------------------------------------------


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
        before = answer_words(q.at(c.before_version), c.before)[0] if c.before is not None else "Geen niveau"
        after = answer_words(q.at(c.after_version), c.after)[0] if c.after is not None else "Geen niveau"
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


# --- workshops ------------------------------------------------------------------------------------
# Workshop outcomes come from the workshop domain itself (published figures only, n >= 5 per figure).
WorkshopOutcome = workshop.WorkshopOutcome


def workshop_outcomes(store: Store, rnd: Round) -> list[workshop.WorkshopOutcome]:
    """What the round's workshops published: distributions after reveal, the vote after it ended,
    approved open answers; nothing that rests on fewer than five people."""
    return workshop.outcomes(store, rnd.id)


def workshop_says(
    outcomes: list[workshop.WorkshopOutcome], bank: QuestionBank | None = None
) -> dict[str, WorkshopSays]:
    """Per proposal: the dots it got in every published vote of the round, and the published
    distributions of the workshop questions that measure it (for the cards and the agenda)."""
    bank = bank or question_bank()
    votes: dict[str, list[Vote]] = workshop.proposal_votes(outcomes)
    spreads: dict[str, list[Spread]] = {}
    measures: dict[str, list[str]] = {}
    for p in bank.proposals:
        for qid in p.questions:
            measures.setdefault(qid, []).append(p.id)
    for result in outcomes:
        for q in result.questions:
            if q.kind != "schaal" or q.distribution is None:
                continue
            for pid in measures.get(q.question_id, ()):
                spreads.setdefault(pid, []).append((result.title, q.question_id, q.n, q.distribution))
    return {
        pid: WorkshopSays(tuple(votes.get(pid, ())), tuple(spreads.get(pid, ())))
        for pid in sorted(set(votes) | set(spreads))
    }


def agenda_inputs(store: Store, rnd: Round) -> list[tuple[str, str, str]]:
    """Approved open answers the facilitator sent to the agenda: (workshop, question, answer), as typed."""
    return [(i.workshop_title, i.question, i.text) for i in workshop.agenda_inputs(store, rnd.id)]


# --- the agenda -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agenda:
    items: list[AgendaItem]
    inputs: list[tuple[str, str, str]]  # what workshops sent to the agenda
    workshops: dict[str, WorkshopSays]  # per proposal, chosen or not: what the workshops published


def agenda(
    store: Store,
    rnd: Round,
    scan: SelfScan | None = None,
    bank: QuestionBank | None = None,
    outcomes: list[workshop.WorkshopOutcome] | None = None,
) -> Agenda:
    """The draft agenda as every screen and document shows it: the chosen proposals with their edits or
    the defaults (goal from the answers, the agreement's quote and page), their workshop dots, and the
    workshops' input."""
    bank = bank or question_bank()
    scan = scan or self_scan(store, rnd, bank)
    outcomes = workshop_outcomes(store, rnd) if outcomes is None else outcomes
    says = workshop_says(outcomes, bank)
    items = build_agenda(
        bank,
        choices.statuses(store, rnd.id),
        choices.agenda_edits(store, rnd.id),
        municipality_name(rnd),
        rnd.year,
        answers=scan.answers,
        promised=promised(store, rnd),
        workshops=says,
    )
    return Agenda(items, agenda_inputs(store, rnd), says)


# --- everything for one round's documents ----------------------------------------------------------


@dataclass(frozen=True)
class RoundView:
    """What a document about one round shows: the report, the presentation and the exports."""

    scan: SelfScan
    municipality: str
    group: PeerGroup
    comparison: Comparison
    suggestions: Suggestions
    statuses: dict[str, ProposalStatus]
    agenda_edits: dict[str, dict]
    roles: Roles
    trend: Trend
    workshops: list[WorkshopOutcome]
    agreement: AgreementView
    agenda: Agenda

    @property
    def peers_are_demo(self) -> bool:
        """Peer figures are fictief where the group's data (with enough peers) includes demo scans."""
        return self.comparison.enough and self.comparison.has_demo


def round_view(store: Store, rnd: Round, group_id: str | None = None) -> RoundView:
    """Assemble everything for one round, for the peer group the user chose (or the default)."""
    bank = question_bank()
    scan = self_scan(store, rnd, bank)
    peers = peer_data(store, rnd.year, bank)
    group = group_or_default(peers, rnd.gm_code, group_id)
    result = comparison(store, scan, peers, group, bank)
    statuses = choices.statuses(store, rnd.id)
    adopted = adoption(store, peers, group, rnd.gm_code, bank)
    agreement = agreement_view(store, rnd, scan, bank)
    outcomes = workshop_outcomes(store, rnd)
    return RoundView(
        scan=scan,
        municipality=municipality_name(rnd),
        group=group,
        comparison=result,
        suggestions=suggestions(scan, statuses, adopted, result.has_demo, bank, agreement.promised),
        statuses=statuses,
        agenda_edits=choices.agenda_edits(store, rnd.id),
        roles=roles(store, scan, bank),
        trend=trend(store, scan, bank),
        workshops=outcomes,
        agreement=agreement,
        agenda=agenda(store, rnd, scan, bank, outcomes),
    )

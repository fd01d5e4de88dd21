"""What the round's agreement says, as the griffier judged it, and what peers' agreements name."""

from __future__ import annotations

from dataclasses import dataclass, field

from scan.base.formatting import nl_number
from scan.base.rhythm import term_start
from scan.content.questionbank import PAMPHLET_PROPOSALS, QuestionBank, question_bank
from scan.content.reference import PeerGroup
from scan.records import agreements
from scan.records.round import releases
from scan.records.round.rounds import Round
from scan.rules.akkoord.coverage import (
    PRIORITY_LABELS,
    Judged,
    PeerMention,
    Promise,
    ThemePromise,
    candidates,
    mention_candidates,
    peer_mentions,
    priority_status,
    promises,
    theme_candidates,
    theme_key,
    theme_promises,
)
from scan.rules.recommend import (
    promise_in_practice,
)
from scan.storage.core import Store
from scan.views.peers import group_phrase
from scan.views.self_scan import SelfScan, self_scan


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
                "Uw akkoord": own.proposal_label(pid),
            }
        )
    return rows


@dataclass(frozen=True)
class PriorityAgreement:
    priority_id: int
    name: str
    status: str  # staat_erin | deels | thema_genoemd | niet_bevestigd (found, not confirmed) | niet_gevonden
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

    def proposal_label(self, proposal_id: str) -> str:
        """One proposal in the same words as its priority: "staat erin" or "deels" (confirmed, as the
        check found it), "niet bevestigd" (found, not confirmed), "niet gevonden" (the check found nothing)."""
        if self.agreement is None:
            return "geen akkoord gelezen"
        if proposal_id in self.promised:
            return "deels" if self.promised[proposal_id].partly else "staat erin"
        if candidates(self.agreement.analysis.proposals[proposal_id]):
            return "niet bevestigd"
        return "niet gevonden"


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
            (
                confirmed[pid],
                promise_in_practice(bank, bank.proposal(pid), confirmed[pid], scan.answers),
            )
            for pid in ids
            if pid in confirmed
        ]
        theme = themes.get(p.id)
        seen_here = found is not None and (
            any(candidates(found.analysis.proposals[pid]) for pid in ids)
            or bool(theme_candidates(found.analysis.priorities[p.id]))
        )
        priorities.append(
            PriorityAgreement(
                p.id, p.name, priority_status(ids, confirmed, theme, found=seen_here), mine, theme
            )
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

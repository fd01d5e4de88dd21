"""The municipality beside its peers: the groups it can choose, the comparison and the peer counts
per proposal, every figure under the disclosure rule (scan/rules/disclosure.py)."""

from __future__ import annotations

from scan.base.formatting import nl_part_of
from scan.content.questionbank import QuestionBank, question_bank
from scan.content.reference import PeerGroup, reference
from scan.records import benchmark_store
from scan.records.round import releases
from scan.records.round.rounds import Round
from scan.rules.benchmark import Comparison, PeerData, build_peer_data, compare, figure_candidates
from scan.rules.recommend import (
    PeerAdoption,
    adoption_candidates,
    peer_adoption,
)
from scan.storage.core import Store
from scan.views.self_scan import SelfScan


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


def default_group(gm_code: str) -> PeerGroup:
    """A round's comparison group until the griffier chooses one: the municipality's own network (the
    first of G4, G40, M50, P10 it is a member of), else its size class. Reference data only, so the
    default never moves with who shares data (a network with too few figures says so)."""
    ref = reference()
    networks = [g for g in ref.peer_groups_for(gm_code) if g in ref.named_groups.values()]
    return networks[0] if networks else ref.size_class_group(gm_code)


def round_group(rnd: Round) -> PeerGroup:
    """The round's comparison group: the one stored with the round, else the default. Every output of
    the round (report, presentation, exports, recommendations) compares with this group."""
    chosen = reference().peer_group(rnd.gm_code, rnd.comparison_group) if rnd.comparison_group else None
    return chosen or default_group(rnd.gm_code)


def group_for(rnd: Round, group_id: str | None) -> PeerGroup:
    """``group_id`` to look around with (Vergelijken), if it is a group the municipality may choose;
    otherwise the round's own group."""
    chosen = reference().peer_group(rnd.gm_code, group_id) if group_id else None
    return chosen or round_group(rnd)


def membership_note(gm_code: str, group: PeerGroup) -> str | None:
    """ "Losser is geen lid van de M50." when the municipality is not in the group it compares with."""
    if gm_code in group.members:
        return None
    return f"{reference().municipality(gm_code).name} is geen lid van de {group_short(group)}."


def group_line(rnd: Round, group: PeerGroup) -> str:
    """The group named where its figures are used: "Vergeleken met de M50 (middelgrote gemeenten), de
    vergelijkingsgroep van deze ronde." plus the membership note."""
    which = (
        "de vergelijkingsgroep van deze ronde"
        if group.id == round_group(rnd).id
        else "om rond te kijken; de ronde zelf vergelijkt met " + group_phrase(round_group(rnd))
    )
    note = membership_note(rnd.gm_code, group)
    return f"Vergeleken met {group_phrase(group)}, {which}." + (f" {note}" if note else "")


def _peer_scope(peers: PeerData, gm_code: str) -> str:
    """Published peer figures are remembered per year and viewing municipality (whose own data is never
    among its peers), one register per figure for every group: the viewer can open any group, so a
    set published for one group counts against every other (scan/rules/disclosure.py)."""
    return f"benchmark:{peers.year}:{gm_code}"


def group_phrase(group: PeerGroup) -> str:
    """The group's name inside a sentence: "de M50 (middelgrote gemeenten)", never "M50: middelgrote
    gemeenten" mid-sentence."""
    label = group.label
    if ":" in label:
        short, _, rest = label.partition(":")
        return f"de {short.strip()} ({rest.strip()})"
    if _describes(label):
        return _lower_first(label)
    return f"de groep {label}"


def _describes(name: str) -> bool:
    """A name that describes its members ("Gemeenten met …", "Provincie Friesland"): lower case inside a
    sentence, without an article of its own."""
    return name.startswith(("De ", "Gemeenten", "Alle ", "Provincie "))


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


def group_short(group: PeerGroup) -> str:
    """The group's name on its own (a heading, a slide): the label without its explanation after a colon."""
    return group.label.partition(":")[0].strip() if ":" in group.label else group.label


def median_of(group: PeerGroup, demo: bool) -> str:
    """The label under a group's median on a slide: "middelste score van M50 (fictief)", "middelste score
    van gemeenten met 50.000 tot 100.000 inwoners (circa; fictief)" (lower case inside the sentence,
    one pair of brackets)."""
    name = group_short(group)
    if _describes(name):
        name = _lower_first(name)
    elif name.endswith("netwerk"):
        name = f"het {name}"
    if demo:
        name = f"{name[:-1]}; fictief)" if name.endswith(")") else f"{name} (fictief)"
    return f"middelste score van {name}"


def municipalities_with_data(n: int, total: int) -> str:
    """ "1 van de 5 gemeenten heeft gegevens", "3 van de 5 gemeenten hebben gegevens": the verb agrees."""
    return f"{nl_part_of(n, total, ('gemeente', 'gemeenten'), ('heeft', 'hebben'), the=True)} gegevens"


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


def comparison(
    store: Store,
    scan: SelfScan,
    peers: PeerData,
    group: PeerGroup,
    bank: QuestionBank | None = None,
    publication: releases.Publication | None = None,
) -> Comparison:
    """The municipality against a group, every figure under the disclosure rule (scan/rules/disclosure.py)."""
    bank = bank or question_bank()
    code = scan.round.gm_code
    candidates = figure_candidates(bank, peers, group, code)
    decisions = releases.resolve(store, _peer_scope(peers, code), candidates, publication=publication)
    return compare(bank, peers, group, code, scan.score, dict(scan.answers), decisions)


def adoption(
    store: Store,
    peers: PeerData,
    group: PeerGroup,
    gm_code: str,
    bank: QuestionBank | None = None,
    publication: releases.Publication | None = None,
) -> dict[str, PeerAdoption]:
    """Per proposal: how many published peers have it in place (the same disclosure rule)."""
    bank = bank or question_bank()
    candidates = adoption_candidates(bank, peers, group, gm_code)
    decisions = releases.resolve(store, _peer_scope(peers, gm_code), candidates, publication=publication)
    return peer_adoption(bank, peers, group, decisions)

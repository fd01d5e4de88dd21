"""Akkoordcheck: read the coalition or council agreement, see per priority and proposal what it says,
and confirm or reject each match. Only confirmed matches count in the recommendations, the agenda,
the presentation and the report."""

from datetime import datetime

import streamlit as st

from scan.base.errors import ScanError
from scan.base.formatting import nl_count, nl_date, nl_number
from scan.base.tables import markdown_table
from scan.records import agreements
from scan.records.round import choices as choices_module
from scan.rules.akkoord import STATUS_LABELS
from scan.rules.akkoord.coverage import (
    Judged,
    Judgement,
    by_state,
    candidates,
    subject,
    theme_candidates,
    theme_key,
)
from scan.ui.components import cached, context, literal, peer_group
from scan.ui.components.agreement_upload import limits_text, upload_form
from scan.ui.components.passages import STYLE, proposal_block, where_label
from scan.ui.services import get_bank, get_reference, get_store
from scan.views import peers as peer_views

KEY = "akkoord"
KEY_PRIORITY = "akkoord_prioriteit"
KEY_PASTE = "akkoord_tekst"
KEY_ERROR = "akkoord_fout"  # a refused read or save, shown above the page on the next run
KEY_READ = "akkoord_gelezen"
UNJUDGED = "nog"
REJECT = "nee"
SOURCES = {"pdf": "PDF", "docx": "Word", "text": "tekst"}
PASTE_FAILED = (
    "Het lezen lukte niet door een fout in de app. Probeer het nog eens; de tekst staat nog in het vak."
)

store, bank = get_store(), get_bank()
rnd = context.require_round()
name = get_reference().municipality(rnd.gm_code).name


def _judge_key(pid: str) -> str:
    return f"akkoord_oordeel_{rnd.id}_{pid}"


def _saved_key(pid: str) -> str:
    return f"akkoord_opgeslagen_{rnd.id}_{pid}"


def _stale_key(pid: str) -> str:
    return f"akkoord_verouderd_{rnd.id}_{pid}"


# What this screen last showed of each decision: a save expects it, so a decision another griffier
# made meanwhile is reported instead of overwritten.
KEY_SHOWN = f"akkoord_getoond_{rnd.id}"
st.session_state.setdefault(KEY_SHOWN, {})
_NOT_SHOWN = object()


def _choice_of(judged: Judged | None, passages: int) -> str:
    if judged is None:
        return UNJUDGED
    if judged.judgement is Judgement.REJECTED:
        return REJECT
    return str(min(judged.passage, passages - 1))


def _save_judgement(pid: str) -> None:
    choice = st.session_state[_judge_key(pid)]
    expected = st.session_state[KEY_SHOWN].get(pid, choices_module.UNCHECKED)
    try:
        if choice == UNJUDGED:
            agreements.judge(store, rnd.id, pid, None, expected=expected)
        elif choice == REJECT:
            agreements.judge(store, rnd.id, pid, Judgement.REJECTED, expected=expected)
        else:
            agreements.judge(store, rnd.id, pid, Judgement.CONFIRMED, int(choice), expected=expected)
    except choices_module.StaleChoice as exc:
        st.session_state[_stale_key(pid)] = str(exc)
        st.session_state[KEY_SHOWN].pop(pid, None)  # the next run shows the newer decision
        return
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)
        return
    st.session_state[KEY_SHOWN].pop(pid, None)  # the next run shows what is stored now
    st.session_state[_saved_key(pid)] = f"Opgeslagen: uw oordeel over {subject(pid)}."


def _read_pasted() -> None:
    # read in a child process with a memory and a time limit (scan.rules.akkoord.runner)
    try:
        agreements.read_pasted(store, rnd.id, st.session_state.get(KEY_PASTE, ""))
    except ScanError as exc:  # an AgreementError too: the pasted text stays in its box
        st.session_state[KEY_ERROR] = str(exc)
        return
    except RuntimeError:  # the child failed by a fault of the app: logged by the runner
        st.session_state[KEY_ERROR] = PASTE_FAILED
        return
    st.session_state[KEY_PASTE] = ""
    st.session_state[KEY_READ] = True


def _set_shared() -> None:
    try:
        agreements.set_shared(store, rnd.id, st.session_state[f"akkoord_delen_{rnd.id}"])
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


def _remove() -> None:
    try:
        agreements.remove(store, rnd.id)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


context.heading("Akkoordcheck", rnd)
if error := st.session_state.pop(KEY_ERROR, None):
    st.error(error, icon=":material/error:")
st.write(
    "Leg het coalitieakkoord, bestuursakkoord of raadsakkoord naast het Democratisch pamflet. De app zoekt per "
    "voorstel naar passages die erover gaan. Zoeken is geen begrijpen: u beoordeelt elke gevonden passage. "
    "Alleen wat u bevestigt, telt mee in de aanbevelingen, de agenda, de presentatie en het rapport."
)
with st.expander("Hoe de check beslist, en wat hij niet kan"):
    st.markdown(
        "- **Staat erin**: een passage noemt het voorstel met een duidelijk woord, bijvoorbeeld *burgerberaad*.\n"
        "- **Deels**: alleen verwante woorden, of een duidelijk woord met *onderzoeken* of *verkennen* erbij.\n"
        "- **Thema genoemd**: een passage gaat duidelijk over de prioriteit, maar noemt geen van haar voorstellen "
        "(bijvoorbeeld een *participatieverordening*, een *rekenkamer*, of *oog voor de stille inwoners*). "
        "Dat vindt de app met een eigen woordenlijst per prioriteit en met een getraind model. U bevestigt het "
        "thema zoals een voorstel; dan telt de prioriteit als *thema genoemd*.\n"
        "- **Niet gevonden**: geen passage, of alleen een ontkenning (*geen referendum*). Dan ziet u wat een "
        "akkoord zou kunnen zeggen. Onder *Misschien relevant* staan de passages die er het meest op lijken.\n"
        "- De app zoekt woorden uit een vaste lijst. Een belofte in andere woorden mist hij; een woord in een "
        "andere betekenis telt hij soms ten onrechte. Daarom beslist u.\n"
        "- De app bewaart alleen wat hij vond (de passages met hun pagina), niet het bestand zelf."
    )

agreement_view = cached.agreement(rnd)
found = agreement_view.agreement
if st.session_state.pop(KEY_READ, False):
    st.success("Het akkoord is gelezen. Beoordeel hieronder wat de app vond.", icon=":material/check:")

# --- reading ----------------------------------------------------------------------------------------
if found is not None:
    pages = ", " + nl_count(found.pages, "pagina", "pagina's") if found.pages else ""
    when = nl_date(datetime.fromisoformat(found.created_at))
    if found.filename == agreements.PASTED and found.source == "text":
        what = "geplakte tekst"
    else:  # a file name is typed by someone: shown as text
        what = f"{literal.markdown(found.filename)} ({SOURCES.get(found.source, found.source)}{pages})"
    st.markdown(
        f"**Gelezen:** {what}, op {when}.  \n"
        f"Bij {nl_number(agreement_view.found)} van de {len(bank.proposals)} voorstellen vond de app een passage: "
        f"{nl_number(agreement_view.confirmed)} bevestigd, {nl_number(agreement_view.rejected)} afgewezen, "
        f"{nl_number(agreement_view.open)} nog te beoordelen."
        + (
            f"  \nBij {nl_count(agreement_view.themes_found, 'prioriteit', 'prioriteiten')} noemt het akkoord het thema "
            f"zonder voorstel: {nl_number(len(agreement_view.themes))} bevestigd, "
            f"{nl_number(agreement_view.themes_rejected)} afgewezen."
            if agreement_view.themes_found
            else ""
        )
    )
    for warning in found.analysis.warnings:
        st.caption(literal.markdown(warning))
    if not found.analysis.language_ok:
        st.caption("Let op: de tekst is kort of lijkt niet helemaal Nederlands; de uitkomst is minder zeker.")
    if not found.current_words:
        st.caption(
            "De woordenlijst van de akkoordcheck is veranderd sinds dit akkoord werd gelezen. "
            "Lees het opnieuw voor de nieuwste uitkomst (uw beoordelingen beginnen dan opnieuw)."
        )


def _reading() -> None:
    st.caption(limits_text())
    file_tab, paste_tab = st.tabs(["Bestand kiezen", "Tekst plakken"])
    with file_tab:
        stored = upload_form(store, rnd.id, KEY, KEY_ERROR)
        if stored is not None:
            st.session_state[KEY_READ] = stored
            st.rerun()
    with paste_tab:
        st.text_area(
            "De tekst van het akkoord",
            key=KEY_PASTE,
            height=200,
            help="Plak de hele tekst. Laat een witregel tussen alinea's; de app noemt dan het nummer van de alinea.",
        )
        st.button("Tekst lezen", on_click=_read_pasted, key="akkoord_plakken", type="primary")


if rnd.is_open and found is None:
    st.subheader("Akkoord lezen")
    _reading()
elif rnd.is_open:
    with st.expander(
        "Een ander akkoord lezen (uw beoordelingen verdwijnen dan)", icon=":material/upload_file:"
    ):
        _reading()
        st.button("Akkoord en beoordelingen verwijderen", on_click=_remove, key="akkoord_verwijderen")
elif found is None:
    st.info("Deze ronde is gesloten en er is geen akkoord gelezen.")

if found is None:
    st.stop()

# --- overview ---------------------------------------------------------------------------------------
st.subheader("Per prioriteit")
analysis = found.analysis
rows = []
for p in agreement_view.priorities:
    # each proposal in its own state, in the words of its card: "staat erin: 2c; deels: 2a"
    found_states = [
        (x.id, analysis.proposals[x.id].label)
        for x in bank.proposals_for(p.priority_id)
        if candidates(analysis.proposals[x.id])
    ]
    confirmed_states = [
        (promise.proposal_id, agreement_view.proposal_label(promise.proposal_id)) for promise, _ in p.promised
    ]
    status = STATUS_LABELS[analysis.priorities[p.priority_id].status]
    rows.append(
        {
            "Prioriteit": f"{p.priority_id}. {p.name}",
            "Wat de app vond": by_state(found_states) if found_states else status,
            "Na uw oordeel": by_state(confirmed_states) if confirmed_states else p.label,
        }
    )
st.markdown(markdown_table(rows))

group = peer_group.round_group(rnd)
peers = cached.agreement_peers(rnd, group.id)
st.caption("De akkoorden van andere gemeenten: " + peer_group.caption_line(rnd))
if not any(m.enough or m.updating for m in peers.mentions.values()):
    st.caption(
        f"Hoeveel andere gemeenten een voorstel in hun akkoord hebben, staat er vanaf 5 gemeenten die hun "
        f"akkoord delen. In {peer_views.group_phrase(group)} zijn dat er nu {nl_number(peers.sharing)}."
    )
if peers.has_demo:
    st.caption("De tellingen van andere gemeenten steunen op fictieve voorbeelddata.")

# --- per proposal, one priority at a time -------------------------------------------------------------
st.subheader("Per voorstel")
options = [p.id for p in bank.core_priorities]


def _to_judge(pid: int) -> int:
    """How many matches of this priority (its proposals, its theme) wait for a decision."""
    theme = bool(theme_candidates(analysis.priorities[pid])) and theme_key(pid) not in agreement_view.judged
    return int(theme) + sum(
        1
        for x in bank.proposals_for(pid)
        if candidates(analysis.proposals[x.id]) and x.id not in agreement_view.judged
    )


if st.session_state.get(KEY_PRIORITY) not in options:
    # start where there is something to judge, else where something was found
    waiting = [pid for pid in options if _to_judge(pid)]
    found_in = [pid for pid in options if analysis.priorities[pid].status != "niet_gevonden"]
    st.session_state[KEY_PRIORITY] = (waiting or found_in or options)[0]
priority_id = st.selectbox(
    "Bekijk de voorstellen bij",
    options,
    format_func=lambda pid: (
        f"{pid}. {bank.priority(pid).name} ({STATUS_LABELS[analysis.priorities[pid].status]})"
    ),
    key=KEY_PRIORITY,
)
st.html(STYLE)


def _mention(pid: str):
    mention = peers.mentions.get(pid)
    return mention if mention is not None and (mention.enough or mention.updating) else None


def _judging(pid: str, passages: list) -> None:
    """The griffier's decision on one match (a proposal, or the priority's theme "P<n>"), saved on change."""
    judged = agreement_view.judged.get(pid)
    choices = [UNJUDGED, *(str(i) for i in range(len(passages))), REJECT]
    key = _judge_key(pid)
    if st.session_state[KEY_SHOWN].get(pid, _NOT_SHOWN) != judged or key not in st.session_state:
        st.session_state[KEY_SHOWN][pid] = judged  # new here, or changed since (by anyone)
        st.session_state[key] = _choice_of(judged, len(passages))

    def label(choice: str) -> str:
        if choice == UNJUDGED:
            return "Nog niet beoordeeld"
        if choice == REJECT:
            return "Klopt niet"
        if len(passages) == 1:
            return "Klopt"
        return f"Klopt: passage {int(choice) + 1} ({passages[int(choice)].where})"

    st.radio(
        f"Uw oordeel over {subject(pid)}",
        choices,
        format_func=label,
        key=key,
        horizontal=True,
        on_change=_save_judgement,
        args=(pid,),
        disabled=not rnd.is_open,
    )
    if stale := st.session_state.pop(_stale_key(pid), None):
        st.warning(stale, icon=":material/group:")
    if saved := st.session_state.pop(_saved_key(pid), None):
        st.caption(f":material/check: {saved}")


for proposal in bank.proposals_for(priority_id):
    coverage = analysis.proposals[proposal.id]
    with st.container(border=True):
        st.html(proposal_block(proposal, coverage, proposal.agreement_for(name), _mention(proposal.id)))
        options_for = candidates(coverage)
        if not options_for:
            continue
        _judging(proposal.id, options_for)

# --- the priority beyond its proposals: "thema genoemd" and "misschien relevant" -------------------
priority_coverage = analysis.priorities[priority_id]
if priority_coverage.theme:
    with st.container(border=True):
        st.markdown(
            "**Thema genoemd.** Deze passages gaan over deze prioriteit, maar noemen geen van haar voorstellen. "
            "Klopt het? Bevestig dan de passage die het laat zien: als u geen voorstel van deze prioriteit "
            "bevestigt, telt de prioriteit in het rapport en de presentatie als *thema genoemd*."
        )
        for n, passage in enumerate(priority_coverage.theme, start=1):
            number = f"{n}. " if len(priority_coverage.theme) > 1 else ""
            st.markdown(
                f"{number}*{where_label(passage)}:* {literal.markdown(' '.join(passage.text.split()))}"
            )
        _judging(theme_key(priority_id), theme_candidates(priority_coverage))
if priority_coverage.maybe:
    with st.expander(f"Misschien relevant ({nl_count(len(priority_coverage.maybe), 'passage', 'passages')})"):
        st.caption(
            "De app vond hier geen duidelijke belofte, maar deze passages lijken het meest op deze prioriteit. "
            "Zo mist u minder: lees ze, en kijk zelf in het akkoord als er iets tussen zit."
        )
        for passage in priority_coverage.maybe:
            st.markdown(f"*{where_label(passage)}:* {literal.markdown(' '.join(passage.text.split()))}")

# --- sharing ----------------------------------------------------------------------------------------
st.subheader("Delen met andere gemeenten")
st.toggle(
    "Deel de bevestigde uitkomst (welke voorstellen in het akkoord staan) met andere gemeenten",
    value=found.shared,
    key=f"akkoord_delen_{rnd.id}",
    on_change=_set_shared,
)
st.caption(
    "Andere gemeenten zien alleen tellingen over minstens 5 gemeenten, nooit uw naam of uw passages. "
    "Uw akkoord telt mee zodra deze ronde gesloten is, net als bij de benchmark."
)

st.page_link("scan/ui/pages/recommendations.py", label="Naar de aanbevelingen", icon=":material/lightbulb:")
st.page_link("scan/ui/pages/agenda.py", label="Naar de democratiseringsagenda", icon=":material/assignment:")

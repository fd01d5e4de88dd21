"""Workshop leiden (``/leiden?workshop=REF``): open, close and show questions, moderate open answers,
run the dot-vote, look back, export; see how many joined and close the room to new joins.

Live: the part that changes redraws itself every second (one facilitator: cheap), so the counts
follow the room without a tap. The next step is always the one primary button; steps that cannot
be undone (close, show, end) ask for confirmation. Owns the session keys ``leiden_*``.
"""

import math
import time
from datetime import date

import streamlit as st

from scan.base.errors import ScanError
from scan.base.filenames import file_name
from scan.base.formatting import countdown, nl_count, nl_number, nl_part_of
from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.records.round import rounds
from scan.records.workshop import export
from scan.records.workshop import words as workshop_words
from scan.ui.components import literal, room_questions, workshop_access, workshop_view
from scan.ui.components.links import app_root
from scan.ui.services import get_reference, get_store
from scan.views import report
from scan.views.workshops import workshop_report
from scan.web.joins import JOINS, MAX_COUNTED
from scan.web.phone import join_path

KEY_ERROR = "leiden_fout"
KEY_CONFIRM = "leiden_bevestig"
KEY_SHAPE = "leiden_vorm"  # what the parts outside the live block showed at the last full run (_shape)
KEY_SCREEN = "leiden_op_scherm"  # {open question id: ids of the unread answers shown as cards}
DEFAULT_OPEN_QUESTION = "Wat moet beter in onze lokale democratie?"
TIMER_LABELS = {30: "30 seconden", 60: "1 minuut", 120: "2 minuten", 300: "5 minuten"}

store, bank = get_store(), question_bank()
st.html(workshop_view.CSS)
st.title("Workshop leiden")
chosen = workshop_access.from_url(store)
found_secret = workshop_access.facilitator_secret(store, chosen)
if found_secret is None:
    workshop_access.login(store, chosen, "Workshop leiden")
    st.stop()
secret: str = found_secret  # a name the callbacks below see as a str
griffier = workshop_access.is_griffier(store, chosen)


def _shape(ws: workshop.Workshop) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """What the parts of the page outside the live block show of the workshop: its phase, its
    questions and their statuses (the list "Alle vragen van deze workshop, met uw notities"). The
    live block redraws only itself, so when this changes it draws the whole page again; otherwise
    that list kept "nog niet geopend" after "Openen" until the next full run (the walk of issue 27)."""
    states = workshop.statuses(store, ws.id)
    return ws.phase, tuple(ws.question_ids), tuple(states.get(q, "") for q in ws.question_ids)


st.session_state[KEY_SHAPE] = _shape(chosen)


def _do(action, *args):
    """Run a facilitator action; its result, or None with its Dutch refusal shown on the next run."""
    st.session_state.pop(KEY_CONFIRM, None)
    try:
        return action(store, chosen.id, secret, *args)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)
        return None


def _ask(name: str, label: str, warning: str, action, *args, primary: bool = False) -> None:
    """A button for a step that cannot be undone: the first click asks, the second does it."""
    if st.session_state.get(KEY_CONFIRM) == name:
        st.warning(warning)
        yes, no = st.columns(2)
        yes.button(
            f"Ja, {label.lower()}",
            key=f"leiden_ja_{name}",
            type="primary",
            on_click=_do,
            args=(action, *args),
        )
        no.button(
            "Annuleren", key=f"leiden_nee_{name}", on_click=st.session_state.pop, args=(KEY_CONFIRM, None)
        )
    else:
        st.button(
            label,
            key=f"leiden_{name}",
            type="primary" if primary else "secondary",
            on_click=st.session_state.__setitem__,
            args=(KEY_CONFIRM, name),
        )


def _step(name: str, label: str, action, *args, primary: bool = False, disabled: bool = False) -> None:
    st.button(
        label,
        key=f"leiden_{name}",
        type="primary" if primary else "secondary",
        on_click=_do,
        args=(action, *args),
        disabled=disabled,
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _report_pdf_made(path: str, workshop_id: int, version: int, today: date) -> bytes:
    return report.workshop_pdf(workshop_report(store, workshop_id, bank, today))


def _report_pdf(store, workshop_id: int) -> bytes:
    """The workshop's short report for the council and the agenda (same figures as the Excel). Made
    with the page like the other downloads, so kept per workshop version: an ended workshop's page
    would otherwise spend half a second on the PDF at every rerun."""
    version = workshop.get(store, workshop_id).version
    return _report_pdf_made(str(store.path), workshop_id, version, date.today())


root = app_root()
st.html(
    f'<p style="font-size:1.15rem;margin:0"><strong>{literal.html(chosen.title or "Workshop")}</strong> · '
    f"code voor de zaal: <strong>{workshop.format_code(chosen.join_code)}</strong> · "
    f"publiek: {literal.html(chosen.audience.label)}</p>"
)
links = st.columns([1, 2])
links[0].page_link(
    "scan/ui/pages/projector.py",
    label="Projectiescherm openen",
    icon=":material/present_to_all:",
    query_params={"projectie": chosen.ref},
)
links[1].markdown(  # not a caption: a link in grey caption text is below AA contrast
    f"Telefoons: scan de QR-code op het projectiescherm of ga naar {root}{join_path(chosen.join_code)}"
)


def _new_pin() -> None:
    workshop.new_pin(store, chosen.id)  # the new PIN shows on the rerun this click starts


if griffier:
    pin_cols = st.columns([3, 1])
    pin_cols[0].markdown(
        f"Pincode voor een andere begeleider: **{workshop.format_pin(secret)}** "
        "(met deze pincode kan iemand zonder wachtwoord deze workshop leiden en projecteren)."
    )
    pin_cols[1].button("Nieuwe pincode", key="leiden_nieuwe_pin", on_click=_new_pin)


def _questions(ws: workshop.Workshop) -> None:
    qid, index, total = ws.current_question, ws.current, len(ws.question_ids)
    if qid is None:  # a workshop in its questions phase always has one; nothing to show otherwise
        return
    is_open = workshop.is_open_question(qid)
    t = workshop.preview(store, ws.id, qid)
    st.html(
        f'<h2 style="font-size:1.6rem;margin:0.3rem 0">Vraag {index + 1} van {total}: {literal.html(ws.text_of(qid, bank))}</h2>'
    )
    if note := workshop.notes(store, ws.id).get(qid):  # the facilitator's own: never on a screen in the room
        st.html(
            '<p class="ws-note" style="white-space:pre-wrap;border-left:4px solid #8a4b00;padding-left:0.6rem">'
            f"<strong>Uw notitie</strong> (alleen voor u): {literal.html(note)}</p>"
        )
    st.markdown(
        f"Stand: **{workshop.STATUS_LABELS[t.status]}** · "
        f"**{nl_part_of(t.answered, t.participants, ('deelnemer', 'deelnemers'), ('heeft', 'hebben'))} geantwoord**"
    )
    last = index >= total - 1
    cols = st.columns(4)
    with cols[0]:
        if t.status == "hidden":
            _step("open", "Openen", workshop.set_status, qid, "open", primary=True)
        elif t.status == "open":
            _ask(
                "sluit",
                "Sluiten",
                "Na sluiten kan deze vraag niet meer open.",
                workshop.set_status,
                qid,
                "closed",
                primary=True,
            )
        elif t.status == "closed":
            _ask(
                "toon",
                "Uitkomst tonen",
                "De hele zaal ziet dan de uitkomst. Daarna kan deze vraag niet meer open.",
                workshop.set_status,
                qid,
                "revealed",
                primary=True,
            )
        elif last:
            _step("stemmen", "Naar het stemmen", workshop.set_phase, "voting", primary=True)
        else:
            _step("volgende", "Volgende vraag →", workshop.go_to, index + 1, primary=True)
    with cols[1]:
        _step(
            "vorige", "← Vorige vraag", workshop.go_to, index - 1, disabled=index == 0 or t.status == "open"
        )
    with cols[2]:
        if t.status != "revealed" and not last:
            if t.status == "open":
                _ask(
                    "verder",
                    "Volgende vraag →",
                    "De open vraag sluit dan, en gaat niet meer open.",
                    workshop.go_to,
                    index + 1,
                )
            else:
                _step("verder", "Volgende vraag →", workshop.go_to, index + 1)
    with cols[3]:
        if not (t.status == "revealed" and last):
            _ask(
                "naar_stemmen",
                "Naar het stemmen",
                "Een open vraag sluit dan, en gaat niet meer open.",
                workshop.set_phase,
                "voting",
            )
    if t.status in ("hidden", "open"):
        _timer(ws, qid, t.status)
    if is_open:
        _moderation(ws, qid)
    elif t.status == "open":
        st.caption(
            "De verdeling ziet u zodra u de vraag sluit (alleen u, als voorbeeld), en de zaal als u hem toont. "
            "Zo kan niemand afleiden wat één persoon antwoordde."
        )
    elif t.status in ("closed", "revealed"):
        title = "Voorbeeld, alleen voor u" if t.status == "closed" else "Dit ziet de zaal"
        st.html(f"<h3>{title}</h3>" + workshop_view.distribution(store, ws, qid, t.counts, t.answered))


def _hinted(where, label: str, name: str, hint: str, callback, *args) -> None:
    """A secondary button with a tooltip that says what it does; ``name`` makes its key ``leiden_<name>``."""
    where.button(label, key=f"leiden_{name}", help=hint, on_click=callback, args=args)


def _start_timer(qid: str) -> None:
    seconds, reveal = st.session_state[f"leiden_timer_{qid}"], st.session_state[f"leiden_timer_toon_{qid}"]
    _do(workshop.start_timer, qid, seconds, reveal)


def _timer(ws: workshop.Workshop, qid: str, status: str) -> None:
    """A countdown for this question. At zero it closes (and shows its outcome, if ticked) by itself:
    the server does that, also when this page is closed (workshop.close_expired)."""
    running = workshop.timer(store, ws.id, qid) if status == "open" else None
    row = st.container(horizontal=True, vertical_alignment="center")
    if running is not None:
        left = max(0, math.ceil(running.ends_at - time.time()))
        then = "sluit de vraag vanzelf" + (" en ziet de zaal de uitkomst" if running.reveal else "")
        row.markdown(f"**Timer: nog {countdown(left)}**, daarna {then}.")
        _hinted(
            row,
            "Timer stoppen",
            f"timer_stop_{qid}",
            "De vraag blijft dan open tot u hem sluit.",
            _do,
            workshop.stop_timer,
            qid,
        )
        return
    row.radio(
        "Timer",
        workshop.TIMER_SECONDS,
        format_func=TIMER_LABELS.__getitem__,
        index=1,
        horizontal=True,
        key=f"leiden_timer_{qid}",
    )
    row.checkbox("Bij nul ook de uitkomst tonen", key=f"leiden_timer_toon_{qid}")
    opens = "De vraag gaat meteen open. " if status == "hidden" else ""
    hint = f"{opens}Telefoons en projectiescherm tellen af; bij nul sluit de vraag vanzelf."
    _hinted(row, "Timer starten", f"timer_start_{qid}", hint, _start_timer, qid)


def _decide(qid: str, answer_ids: list[int], status: str, expected: str) -> None:
    """A moderation click: it changes only the answers that are still as the screen showed them. An
    answer taken back ("nieuw") joins the cards on the screen straight away."""
    changed = _do(workshop.moderate, answer_ids, status, expected)
    if changed is not None and changed < len(answer_ids):
        st.session_state[KEY_ERROR] = (
            "Een andere begeleider had dit antwoord intussen al beoordeeld; die keuze blijft staan."
            if len(answer_ids) == 1
            else f"{len(answer_ids) - changed} van deze antwoorden had een andere begeleider intussen al "
            "beoordeeld; die keuzes blijven staan."
        )
    if status == "nieuw":
        screen = st.session_state.setdefault(KEY_SCREEN, {})
        screen[qid] = [*screen.get(qid, []), *answer_ids]


def _card(qid: str, a: workshop.OpenAnswer) -> None:
    with st.container(border=True):
        st.html(f'<p style="font-size:1.1rem;margin:0">{literal.html(a.text)}</p>')
        row = st.container(horizontal=True)
        for name, label, status in (("goed", "Goedkeuren", "goedgekeurd"), ("af", "Afwijzen", "afgewezen")):
            row.button(
                label, key=f"leiden_{name}_{a.id}", on_click=_decide, args=(qid, [a.id], status, "nieuw")
            )


def _unread(qid: str, new: list[workshop.OpenAnswer]) -> None:
    """The unread answers as cards. The cards stay put while the facilitator reads them; answers
    that arrive meanwhile come below "Alle N goedkeuren", which approves exactly the N cards above it
    (issue 27.4). Once those are decided on, the ones that came in later take their place."""
    screen = st.session_state.setdefault(KEY_SCREEN, {})
    unread = {a.id for a in new}
    on_screen = [i for i in screen.get(qid, []) if i in unread] or [a.id for a in new]
    screen[qid] = on_screen
    cards = [a for a in new if a.id in on_screen]
    for a in cards:
        _card(qid, a)
    if len(cards) > 1:
        hint = "Alleen de antwoorden hierboven. Wat daarna binnenkomt, wacht op u."
        ids = [a.id for a in cards]
        _hinted(
            st, f"Alle {len(cards)} goedkeuren", "alles_goed", hint, _decide, qid, ids, "goedgekeurd", "nieuw"
        )
    if later := [a for a in new if a.id not in on_screen]:
        st.markdown(
            f"**Net binnengekomen ({len(later)})**"
            + (f", niet bij de {len(cards)} hierboven." if len(cards) > 1 else "")
        )
        # a full room sends answers while the first ones are read: take these in with the block above,
        # so "Alle N goedkeuren" can cover them too (only the ones listed here at this click)
        st.button(
            f"Bij de antwoorden hierboven zetten ({len(later)})",
            key=f"leiden_erbij_{qid}",
            on_click=_take_in,
            args=(qid, [a.id for a in later]),
        )
        for a in later:
            _card(qid, a)


def _take_in(qid: str, answer_ids: list[int]) -> None:
    screen = st.session_state.setdefault(KEY_SCREEN, {})
    screen[qid] = [*screen.get(qid, []), *answer_ids]


def _moderation(ws: workshop.Workshop, qid: str) -> None:
    found = workshop.open_answers(store, ws.id, qid)
    new = [a for a in found if a.status == "nieuw"]
    approved = [a for a in found if a.status == "goedgekeurd"]
    rejected = [a for a in found if a.status == "afgewezen"]
    st.markdown(
        f"**Open antwoorden**: {nl_count(len(new), 'wacht', 'wachten')} op u, {nl_number(len(approved))} goedgekeurd, "
        f"{nl_number(len(rejected))} afgewezen. "
        "Alleen goedgekeurde antwoorden komen op het scherm (als u de vraag toont). Elke keuze is terug te draaien."
    )
    _unread(qid, new)
    if approved:
        st.markdown(
            "**Goedgekeurd** (vink aan wat als inbreng naar de agenda gaat). Het scherm toont de goedgekeurde "
            "antwoorden een scherm tegelijk en wisselt vanzelf; zet antwoorden vast om ze te bespreken: dan "
            "toont het scherm alleen die."
        )
        pairs = workshop.cloud([a.text for a in approved])
        if pairs:  # the projector's word cloud in words: what the room sees, with the counts
            st.html(
                f'<p class="ws-note">Woordwolk op het scherm (aantal mensen): '
                f"{literal.html(workshop_words.as_text(pairs))}</p>"
            )
        for number, a in enumerate(approved, start=1):
            # the typed text as plain HTML beside a label of our own: a label is Markdown, and its
            # escapes would be read aloud by a screen reader
            st.html(f'<p style="margin:0.4rem 0 0">{number}. {literal.html(a.text)}</p>')
            row = st.container(horizontal=True, vertical_alignment="center")
            for name, label, value, action in (
                ("agenda", "naar de agenda", a.for_agenda, workshop.set_for_agenda),
                ("vast", "vast op het scherm", a.pinned, workshop.set_pinned),
            ):
                row.checkbox(
                    f"Antwoord {number} {label}",
                    value=value,
                    key=f"leiden_{name}_{a.id}_{int(value)}",
                    on_change=_do,
                    args=(action, a.id, not value),
                )
            hint = "Het antwoord gaat van het scherm en wacht weer op u."
            _hinted(
                row,
                "Goedkeuring intrekken",
                f"intrekken_{a.id}",
                hint,
                _decide,
                qid,
                [a.id],
                "nieuw",
                "goedgekeurd",
            )
    if rejected:
        with st.expander(f"Afgewezen ({len(rejected)})"):
            for a in rejected:
                row = st.container(horizontal=True, vertical_alignment="center")
                row.html(f'<p style="margin:0">{literal.html(a.text)}</p>')
                hint = "Het antwoord wacht weer op u: goedkeuren of afwijzen."
                _hinted(
                    row,
                    "Terugzetten",
                    f"terugzetten_{a.id}",
                    hint,
                    _decide,
                    qid,
                    [a.id],
                    "nieuw",
                    "afgewezen",
                )


def _voting(ws: workshop.Workshop) -> None:
    voters, people = workshop.voters(store, ws.id), workshop.participants(store, ws.id)
    dots = sum(n for _, n in workshop.vote_results(store, ws.id))
    st.subheader("Stemmen met stippen")
    st.markdown(
        f"**{nl_part_of(voters, people, ('deelnemer', 'deelnemers'), ('heeft', 'hebben'))} gestemd** "
        f"({nl_count(dots, 'stip', 'stippen')}). "
        "De uitslag ziet iedereen als u de stemming afsluit."
    )
    cols = st.columns(2)
    with cols[0]:
        _ask(
            "einde",
            "Stemming afsluiten en uitslag tonen",
            "De workshop eindigt: daarna kan niemand meer antwoorden of stemmen. U kunt de uitkomsten wel terugkijken.",
            workshop.set_phase,
            "ended",
            primary=True,
        )
    with cols[1]:
        _step("terug", "Terug naar de vragen", workshop.set_phase, "questions")


def _ended(ws: workshop.Workshop) -> None:
    st.subheader("De workshop is afgelopen")
    st.html(
        workshop_view.vote_ranking(
            workshop.published_vote_results(store, ws.id), workshop.voters(store, ws.id)
        )
    )
    st.markdown("**Terugkijken**: kies wat het projectiescherm laat zien (er kan niets meer bij).")
    row = st.container(horizontal=True)  # buttons as wide as their words, wrapping on a small screen
    row.button(
        "Uitslag stemming",
        key="leiden_terug_stem",
        on_click=_do,
        args=(workshop.review, None),
        type="primary" if not ws.reviewing else "secondary",
    )
    for i, qid in enumerate(ws.question_ids):
        row.button(
            f"Vraag {i + 1}",
            key=f"leiden_terug_{qid}",
            on_click=_do,
            args=(workshop.review, i),
            type="primary" if ws.reviewing and ws.current == i else "secondary",
        )
    if ws.reviewing and ws.current_question:
        qid = ws.current_question
        if workshop.is_open_question(qid):
            st.html(workshop_view.open_answers(workshop.published_open_answers(store, ws.id, qid) or []))
        else:
            t = workshop.tally(store, ws.id, qid)
            st.html(
                f"<h3>{literal.html(ws.text_of(qid, bank))}</h3>"
                + workshop_view.distribution(store, ws, qid, t.counts, t.answered)
            )


def _joining(ws: workshop.Workshop) -> None:
    """How many phones joined, a warning when one address joins more than a room does (scan/web/
    joins.py), and closing the room to new joins once everyone is in."""
    people, is_open = workshop.participants(store, ws.id), workshop.joining_open(store, ws.id)
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(
        f"**{nl_number(people)} aangemeld** · "
        + ("aanmelden open" if is_open else "aanmelden gesloten: wie al meedoet, gaat gewoon verder")
    )
    row.button(
        "Aanmelden stoppen" if is_open else "Aanmelden weer openzetten",
        key="leiden_aanmelden",
        help="Als iedereen binnen is: dan kan geen nieuwe telefoon meer meedoen. Wie al meedoet, gaat gewoon verder."
        if is_open
        else "Voor wie later binnenkomt. Sluit het daarna weer.",
        on_click=_do,
        args=(workshop.set_joining, not is_open),
    )
    for burst in JOINS.bursts(ws.id):
        most = nl_number(burst.most_in_window)
        st.warning(
            f"Let op: vanaf één internetadres kwamen {'minstens ' if burst.most_in_window >= MAX_COUNTED else ''}"
            f"{most} aanmeldingen binnen een minuut ({nl_number(burst.total)} in totaal). Zo snel meldt een zaal "
            "op één wifi zich niet aan, behalve een zaal met meer dan 60 mensen. Zijn er minder telefoons in de "
            "zaal dan er zijn aangemeld? Dan doet iemand vaker mee. Stop het aanmelden zodra iedereen binnen is.",
            icon=":material/warning:",
        )


def live() -> None:
    workshop.close_expired(store, [chosen.id])  # a countdown that reached zero closes its question
    ws = workshop.get(store, chosen.id)
    if _shape(ws) != st.session_state.get(KEY_SHAPE):
        st.rerun(scope="app")  # a new phase or status: the parts outside this block change too
    if error := st.session_state.pop(KEY_ERROR, None):
        st.error(error)
    if ws.phase != "ended":
        _joining(ws)
    if ws.phase == "questions":
        _questions(ws)
    elif ws.phase == "voting":
        _voting(ws)
    else:
        _ended(ws)
    room_questions.facilitator_part(store, ws, _do)


# the live part follows the room every second; an ended workshop changes no more, so its page stands
# still (a download button that is drawn again every second can lose the click that asked for it)
live_part = st.fragment(live) if chosen.phase == "ended" else st.fragment(run_every=1)(live)
live_part()
if chosen.phase == "ended":
    st.subheader("Uitkomsten bewaren")
    st.caption(
        "Alleen samengevatte cijfers, elk met zijn n; verdelingen en de stemming alleen vanaf 5 mensen."
    )
    downloads = [
        (
            "Excel",
            export.to_xlsx,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("CSV", export.to_csv, "csv", "text/csv"),
        ("PDF-verslag", _report_pdf, "pdf", "application/pdf"),
    ]
    held_in = rounds.by_id(store, chosen.round_id)
    municipality = get_reference().municipality(held_in.gm_code).name
    for col, (label, make, extension, mime) in zip(st.columns(3), downloads, strict=True):
        col.download_button(
            f"Uitkomsten downloaden ({label})",
            # made with the page, not on click: an ended workshop's summary is a few kB, and the
            # click-time (deferred) download lost the click in 2 of 4 CI runs (cause not found)
            data=make(store, chosen.id),
            file_name=file_name("workshop", municipality, held_in.year, extension, chosen.join_code),
            mime=mime,
            key=f"leiden_{extension}",
        )
    if not chosen.added_to_round:
        st.button(
            "Antwoorden toevoegen aan de scanronde (als groep Workshopdeelnemers)",
            key="leiden_toevoegen",
            on_click=_do,
            args=(workshop.add_to_round,),
        )
    else:
        st.write(
            "De antwoorden staan in de scanronde, als groep Workshopdeelnemers (zie Rollen vergelijken)."
        )
else:
    with st.expander("Open vraag toevoegen"), st.form("leiden_open_vraag"):
        text = st.text_input(
            "Open vraag", value=DEFAULT_OPEN_QUESTION, max_chars=300, key="leiden_open_tekst"
        )
        limit = st.number_input(
            "Antwoorden per deelnemer",
            min_value=1,
            max_value=10,
            value=workshop.DEFAULT_ANSWER_LIMIT,
            step=1,
            key="leiden_open_aantal",
        )
        if st.form_submit_button("Toevoegen aan het eind"):
            _do(workshop.add_open_question, text, int(limit))
            st.rerun()
    with st.expander("Keuzelijst voor het stemmen"):
        current = chosen.choice_list(bank)
        with st.form("leiden_keuzelijst"):
            st.write("Waaruit kiezen de deelnemers? Standaard de voorstellen die de scan aanraadt.")
            picked = [
                p.id
                for p in bank.proposals
                if st.checkbox(f"{p.id} {p.title}", value=p.id in current, key=f"leiden_keuze_{p.id}")
            ]
            dots = st.radio(
                "Stippen per deelnemer",
                [1, 2, 3, 4, 5],
                index=chosen.max_votes - 1,
                horizontal=True,
                key="leiden_stippen",
            )
            if st.form_submit_button("Keuzelijst bewaren"):
                _do(workshop.set_vote_options, picked, dots)
                st.rerun()

with st.expander("Alle vragen van deze workshop, met uw notities"):
    states, own = workshop.statuses(store, chosen.id), workshop.notes(store, chosen.id)
    if chosen.phase == "ended":
        for i, qid in enumerate(chosen.question_ids):
            st.html(
                f"<p>{i + 1}. {literal.html(chosen.text_of(qid, bank))} — {workshop.STATUS_LABELS[states[qid]]}</p>"
            )
    else:
        with st.form("leiden_notities"):
            st.caption(
                "Een notitie ziet alleen u, hier en bij de vraag (wat u de zaal daarna wilt vragen): niet het "
                "projectiescherm, niet de telefoons, niet de downloads."
            )
            typed: dict[str, str] = {}
            limits: dict[str, int] = {}
            for i, qid in enumerate(chosen.question_ids):
                st.html(
                    f"<p>{i + 1}. {literal.html(chosen.text_of(qid, bank))} — {workshop.STATUS_LABELS[states[qid]]}</p>"
                )
                typed[qid] = st.text_area(
                    f"Notitie bij vraag {i + 1}",
                    value=own.get(qid, ""),
                    max_chars=workshop.MAX_NOTE,
                    height=68,
                    key=f"leiden_notitie_{qid}",
                )
                if workshop.is_open_question(qid) and states[qid] in ("hidden", "open"):
                    limits[qid] = int(
                        st.number_input(
                            f"Antwoorden per deelnemer bij vraag {i + 1}",
                            min_value=1,
                            max_value=10,
                            value=chosen.answer_limits.get(qid, workshop.DEFAULT_ANSWER_LIMIT),
                            step=1,
                            key=f"leiden_aantal_{qid}",
                        )
                    )
            if st.form_submit_button("Notities bewaren"):
                for qid, note in typed.items():
                    if note.strip() != own.get(qid, ""):
                        _do(workshop.set_note, qid, note)
                for qid, limit in limits.items():
                    if limit != chosen.answer_limits.get(qid):
                        _do(workshop.set_answer_limit, qid, limit)
                st.rerun()

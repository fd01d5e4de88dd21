"""Democratiseringsagenda (Voorstel 1a): the chosen proposals and the municipality's own items as an
editable, downloadable draft, followed up with a status and dated notes per item; at the top, what
happened with the previous round's agenda (scan/ui/components/agenda_follow_up.py)."""

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from scan.base.errors import ScanError
from scan.base.filenames import file_name
from scan.records.round import choices, follow_up
from scan.rules.agenda import OWN_PREFIX, AgendaItem, to_docx, to_plain_text
from scan.ui.components import cached, context, literal
from scan.ui.components.agenda_follow_up import previous_block, progress_block
from scan.ui.components.tip_card import tips_block
from scan.ui.services import get_bank, get_reference, get_store
from scan.views.exports import MIME

store, bank = get_store(), get_bank()
rnd = context.require_round()

name = get_reference().municipality(rnd.gm_code).name
FIELDS = {
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "text": "Tekstsuggestie voor het akkoord",
}
OWN_FIELDS = {
    "title": "Titel",
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "budget": "Budget",
}


def _own_id(pid: str) -> int | None:
    """The own item's id in an item key ("eigen-7" -> 7); None for a proposal."""
    return int(pid.removeprefix(OWN_PREFIX)) if pid.startswith(OWN_PREFIX) else None


def _what(pid: str) -> str:
    return "dit eigen punt" if _own_id(pid) is not None else f"voorstel {pid}"


def _key(pid: str, field: str) -> str:
    return f"agenda_{rnd.id}_{pid}_{field}"


def _saved_key(pid: str) -> str:
    return f"agenda_opgeslagen_{rnd.id}_{pid}"


def _mine_key(pid: str, field: str) -> str:
    """The user's own text that was not saved because someone else changed the field first."""
    return f"agenda_eigen_{rnd.id}_{pid}_{field}"


# What this screen last showed of each field: (the stored edit or None, the text in the field). A save
# expects the stored edit, so a change someone else made meanwhile is reported instead of overwritten.
KEY_SHOWN = f"agenda_getoond_{rnd.id}"
st.session_state.setdefault(KEY_SHOWN, {})


def _show(pid: str, field: str, stored: str | None, text: str) -> None:
    st.session_state[KEY_SHOWN][(pid, field)] = (stored, text)
    st.session_state[_key(pid, field)] = text


def _write(pid: str, field: str, value: str, expected: str | None) -> bool:
    own = _own_id(pid)
    try:
        if own is None:
            choices.save_agenda_field(store, rnd.id, pid, expected={field: expected}, **{field: value})
        else:
            follow_up.save_own_field(store, rnd.id, own, expected={field: expected}, **{field: value})
    except choices.StaleChoice as exc:
        # keep what the user typed beside the field; the field shows the newer text
        st.session_state[_mine_key(pid, field)] = (value, str(exc), exc.current)
        st.session_state[KEY_SHOWN].pop((pid, field), None)  # the next run shows what is stored now
        return False
    except ScanError as exc:
        st.session_state["agenda_fout"] = str(exc)
        return False
    st.session_state.pop(_mine_key(pid, field), None)
    st.session_state[KEY_SHOWN][(pid, field)] = (value, value)
    st.session_state[_saved_key(pid)] = (
        f"Opgeslagen: {OWN_FIELDS.get(field, FIELDS.get(field))} van {_what(pid)}."
    )
    return True


def _save(pid: str, field: str) -> None:
    expected = st.session_state[KEY_SHOWN].get((pid, field), (None, ""))[0]
    _write(pid, field, st.session_state[_key(pid, field)], expected)


def _keep_mine(pid: str, field: str) -> None:
    """Save the user's text after all, over the newer text the user has now seen."""
    mine, _, newer = st.session_state[_mine_key(pid, field)]
    if _write(pid, field, mine, newer):
        _show(pid, field, mine, mine)


def _drop_mine(pid: str, field: str) -> None:
    st.session_state.pop(_mine_key(pid, field), None)


context.heading("Democratiseringsagenda", rnd)
if error := st.session_state.pop("agenda_fout", None):
    st.error(literal.markdown(error))  # it may quote text someone typed: shown as text
st.write(
    "Voorstel 1a uit het pamflet: leg in een democratiseringsagenda vast hoe de gemeente de democratie vernieuwt. "
    "Hieronder staan de voorstellen die u koos, met een voorstel voor doel, eigenaar, planning en tekst, en de "
    "punten die de gemeente zelf toevoegde. "
    "Het doel volgt uit uw antwoorden: wat er nog moet gebeuren, in de woorden van de vragen, en wat het akkoord "
    "al belooft. "
    "Schrijf het in uw eigen woorden, zo concreet dat de raad kan zien of het gehaald is. "
    "Pas alles aan; elke wijziging wordt direct bewaard. Houd per punt bij hoe het gaat (gestart, loopt, klaar "
    "of gestopt) en wat er gebeurde, met een datum; de volgende ronde begint daarmee."
)
agenda = cached.agenda(rnd)
items = agenda.items
edits = choices.agenda_edits(store, rnd.id)
if agenda.previous is not None:
    previous_block(rnd, agenda.previous)
if not items:
    st.info(
        "U heeft nog geen voorstellen gekozen. Kies ze op de pagina Aanbevelingen, of zet hieronder een "
        "eigen punt op de agenda."
    )
    st.page_link(
        "scan/ui/pages/recommendations.py", label="Naar de aanbevelingen", icon=":material/lightbulb:"
    )


def _field_widget(
    item: AgendaItem, field: str, label: str, value: str, stored: str | None, name: str
) -> None:
    """One editable field, saved on change against what this screen showed (see _write)."""
    pid = item.key
    if (
        st.session_state[KEY_SHOWN].get((pid, field)) != (stored, value)
        or _key(pid, field) not in st.session_state
    ):
        _show(pid, field, stored, value)  # new here, or changed since (by anyone)
    widget = st.text_area if field in ("text", "goal") else st.text_input
    extra: dict[str, Any] = {"height": 90} if field == "goal" else {}
    widget(
        f"{label} ({name})",
        **extra,
        key=_key(pid, field),
        on_change=_save,
        args=(pid, field),
        max_chars=200 if field == "title" else 4000,
        disabled=not rnd.is_open,
    )
    if mine := st.session_state.get(_mine_key(pid, field)):
        with st.container(border=True):
            # the newer text and the user's own, both quoted: typed text, shown as text
            st.warning(literal.markdown(mine[1]), icon=":material/group:")
            cols = st.columns(2)
            cols[0].button(
                "Mijn tekst toch bewaren",
                key=f"agenda_mijn_{rnd.id}_{pid}_{field}",
                on_click=_keep_mine,
                args=(pid, field),
                disabled=not rnd.is_open,
            )
            cols[1].button(
                "Nieuwere tekst houden",
                key=f"agenda_hunne_{rnd.id}_{pid}_{field}",
                on_click=_drop_mine,
                args=(pid, field),
            )


def _delete_own(own_id: int) -> None:
    try:
        follow_up.delete_own_item(store, rnd.id, own_id)
    except ScanError as exc:
        st.session_state["agenda_fout"] = str(exc)


own_number = 0
for item in items:
    with st.container(border=True):
        st.subheader(literal.markdown(item.heading))  # an own item's title is typed text
        if item.proposal is not None:
            p = item.proposal
            about = []
            if item.promise is not None:
                # document text: shown exactly as the agreement has it
                about.append(f"**Wat het akkoord al zegt:** {literal.markdown(item.promise_line)}")
            if item.workshop_lines:
                lines = "; ".join(literal.markdown(line) for line in item.workshop_lines)
                about.append(f"**Workshops:** {lines}.")
            if about:
                st.markdown("\n\n".join(about))
            values = {"goal": item.goal, "owner": item.owner, "timeline": item.timeline, "text": item.text}
            for field, label in FIELDS.items():
                stored = edits.get(p.id, {}).get(field) or None
                _field_widget(item, field, label, values[field], stored, p.id)
        else:
            assert item.own is not None
            own_number += 1
            if item.own.carried_from is not None:
                st.caption("Overgenomen uit de agenda van de vorige ronde.")
            for field, label in OWN_FIELDS.items():
                value = getattr(item.own, field)
                _field_widget(item, field, label, value, value or None, f"eigen punt {own_number}")
            with st.popover("Punt verwijderen", icon=":material/delete:", disabled=not rnd.is_open):
                st.write("Dit punt gaat van de agenda af, met zijn stand en notities.")
                st.button(
                    "Ja, verwijder dit punt",
                    key=f"agenda_verwijder_{rnd.id}_{item.key}",
                    on_click=_delete_own,
                    args=(item.own.id,),
                    type="primary",
                )
        if saved := st.session_state.pop(_saved_key(item.key), None):
            st.caption(f":material/check: {saved}")
        progress_block(rnd.id, item)

NEW_OWN = {field: f"agenda_nieuw_{rnd.id}_{field}" for field in OWN_FIELDS}


def _add_own() -> None:
    """Add the typed own item; on a refusal the typed text stays in the fields."""
    values = {field: st.session_state[key] for field, key in NEW_OWN.items()}
    try:
        follow_up.add_own_item(store, rnd.id, **values)
    except ScanError as exc:
        st.session_state["agenda_nieuw_fout"] = str(exc)
        return
    for key in NEW_OWN.values():
        st.session_state[key] = ""
    st.session_state["agenda_nieuw_bewaard"] = f"‘{values['title'].strip()}’ staat op de agenda."


if rnd.is_open:
    with st.expander("Een eigen punt toevoegen", icon=":material/add:"):
        st.caption(
            "Iets wat de gemeente zelf wil doen, ook als het niet uit het pamflet komt: met eigenaar, "
            "planning en budget."
        )
        with st.form(f"agenda_nieuw_{rnd.id}", border=False):
            for field, label in OWN_FIELDS.items():
                widget = st.text_area if field == "goal" else st.text_input
                widget(label, key=NEW_OWN[field], max_chars=200 if field == "title" else 4000)
            st.form_submit_button(
                "Punt toevoegen", on_click=_add_own, type="primary", key=f"agenda_nieuw_knop_{rnd.id}"
            )
if error := st.session_state.pop("agenda_nieuw_fout", None):
    st.error(literal.markdown(error))
if added := st.session_state.pop("agenda_nieuw_bewaard", None):
    st.success(literal.markdown(added))

if agenda.inputs:
    st.subheader("Inbreng uit de workshops")
    st.caption(
        "Goedgekeurde antwoorden op open vragen die de begeleider naar de agenda stuurde. "
        "Gebruik ze bij het doel of de tekst; ze staan ook in de downloads."
    )
    # typed by participants: plain escaped HTML, so no Markdown, link or image can come of it
    st.html(
        "<ul>"
        + "".join(
            f"<li>{literal.html(text)} ({literal.html(title)}: {literal.html(question)})</li>"
            for title, question, text in agenda.inputs
        )
        + "</ul>"
    )

if items:
    today = date.today()
    st.subheader("Downloaden")
    st.caption("Als Word-bestand om verder te bewerken, of als platte tekst voor een e-mail.")
    downloads: tuple[tuple[str, Callable[..., str | bytes], str, str], ...] = (
        ("Download als Word (.docx)", to_docx, "docx", MIME["docx"]),
        ("Download als tekst (.txt)", to_plain_text, "txt", "text/plain"),
    )
    for col, (label, write, extension, mime) in zip(st.columns(len(downloads)), downloads, strict=True):
        col.download_button(
            label,
            data=write(items, name, rnd.year, today, agenda.inputs),
            file_name=file_name("democratiseringsagenda", name, rnd.year, extension),
            mime=mime,
            icon=":material/download:",
            key=f"agenda_{extension}",
        )

tips_block(bank, "agenda", "Tips voor het hoe (uit het pamflet)")

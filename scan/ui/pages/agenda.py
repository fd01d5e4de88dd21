"""Democratiseringsagenda (Voorstel 1a): the chosen proposals as an editable, downloadable draft."""

from datetime import date
from typing import Any

import streamlit as st

from scan.base.errors import ScanError
from scan.base.filenames import file_name
from scan.records.round import choices
from scan.rules.agenda import to_docx, to_markdown
from scan.ui.components import cached, context, literal
from scan.ui.components.tip_card import tips_block
from scan.ui.services import get_bank, get_reference, get_store

store, bank = get_store(), get_bank()
rnd = context.require_round()

name = get_reference().municipality(rnd.gm_code).name
FIELDS = {
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "text": "Tekstsuggestie voor het akkoord",
}


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
    try:
        choices.save_agenda_field(store, rnd.id, pid, expected={field: expected}, **{field: value})
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
    st.session_state[_saved_key(pid)] = f"Opgeslagen: {FIELDS[field]} van voorstel {pid}."
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
    "Hieronder staan de voorstellen die u koos, met een voorstel voor doel, eigenaar, planning en tekst. "
    "Het doel volgt uit uw antwoorden: welke vraag naar welk niveau moet, en wat het akkoord al belooft. "
    "Schrijf het in uw eigen woorden, zo concreet dat de raad kan zien of het gehaald is. "
    "Pas alles aan; elke wijziging wordt direct bewaard."
)
agenda = cached.agenda(rnd)
items = agenda.items
edits = choices.agenda_edits(store, rnd.id)
if not items:
    st.info("U heeft nog geen voorstellen gekozen. Kies ze op de pagina Aanbevelingen.")
    st.page_link(
        "scan/ui/pages/recommendations.py", label="Naar de aanbevelingen", icon=":material/lightbulb:"
    )

for item in items:
    p = item.proposal
    with st.container(border=True):
        st.subheader(f"Voorstel {p.id}: {p.title}")
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
            if (
                st.session_state[KEY_SHOWN].get((p.id, field)) != (stored, values[field])
                or _key(p.id, field) not in st.session_state
            ):
                _show(p.id, field, stored, values[field])  # new here, or changed since (by anyone)
            widget = st.text_area if field in ("text", "goal") else st.text_input
            extra: dict[str, Any] = {"height": 90} if field == "goal" else {}
            widget(
                f"{label} ({p.id})",
                **extra,
                key=_key(p.id, field),
                on_change=_save,
                args=(p.id, field),
                max_chars=4000,
                disabled=not rnd.is_open,
            )
            if mine := st.session_state.get(_mine_key(p.id, field)):
                with st.container(border=True):
                    # the newer text and the user's own, both quoted: typed text, shown as text
                    st.warning(literal.markdown(mine[1]), icon=":material/group:")
                    cols = st.columns(2)
                    cols[0].button(
                        "Mijn tekst toch bewaren",
                        key=f"agenda_mijn_{rnd.id}_{p.id}_{field}",
                        on_click=_keep_mine,
                        args=(p.id, field),
                        disabled=not rnd.is_open,
                    )
                    cols[1].button(
                        "Nieuwere tekst houden",
                        key=f"agenda_hunne_{rnd.id}_{p.id}_{field}",
                        on_click=_drop_mine,
                        args=(p.id, field),
                    )
        if saved := st.session_state.pop(_saved_key(p.id), None):
            st.caption(f":material/check: {saved}")

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
    cols = st.columns(2)
    cols[0].download_button(
        "Download als Word (.docx)",
        data=to_docx(items, name, rnd.year, today, agenda.inputs),
        file_name=file_name("democratiseringsagenda", name, rnd.year, "docx"),
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/download:",
        key="agenda_docx",
    )
    cols[1].download_button(
        "Download als Markdown",
        data=to_markdown(items, name, rnd.year, today, agenda.inputs),
        file_name=file_name("democratiseringsagenda", name, rnd.year, "md"),
        mime="text/markdown",
        icon=":material/download:",
        key="agenda_md",
    )

tips_block(bank, "agenda", "Tips voor het hoe (uit het pamflet)")

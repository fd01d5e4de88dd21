"""Democratiseringsagenda (Voorstel 1a): the chosen proposals as an editable, downloadable draft."""

from datetime import date

import streamlit as st

from scan import choices
from scan.agenda import build_agenda, to_docx, to_markdown
from scan.errors import ScanError
from scan.ui.components import context
from scan.ui.components.tip_card import tips_block
from scan.ui.services import get_bank, get_reference, get_store

store, bank = get_store(), get_bank()
rnd = context.require_round()
if rnd is None:
    st.stop()

name = get_reference().municipality(rnd.gm_code).name
FIELDS = {
    "goal": "Doel",
    "owner": "Eigenaar",
    "timeline": "Planning",
    "text": "Tekstsuggestie voor het akkoord",
}


def _key(pid: str, field: str) -> str:
    return f"agenda_{rnd.id}_{pid}_{field}"


def _save(pid: str, field: str) -> None:
    try:
        choices.save_agenda_field(store, rnd.id, pid, **{field: st.session_state[_key(pid, field)]})
    except ScanError as exc:
        st.session_state["agenda_fout"] = str(exc)


context.heading("Democratiseringsagenda", rnd)
if error := st.session_state.pop("agenda_fout", None):
    st.error(error)
st.write(
    "Voorstel 1a uit het pamflet: leg in een democratiseringsagenda vast hoe de gemeente de democratie vernieuwt. "
    "Hieronder staan de voorstellen die u koos, met een voorstel voor doel, eigenaar, planning en tekst. "
    "Pas alles aan; elke wijziging wordt direct bewaard."
)
items = build_agenda(
    bank, choices.statuses(store, rnd.id), choices.agenda_edits(store, rnd.id), name, rnd.year
)
if not items:
    st.info("U heeft nog geen voorstellen gekozen. Kies ze op de pagina Aanbevelingen.")
    st.page_link(
        "scan/ui/pages/recommendations.py", label="Naar de aanbevelingen", icon=":material/lightbulb:"
    )

for item in items:
    p = item.proposal
    with st.container(border=True):
        st.subheader(f"Voorstel {p.id}: {p.title}")
        values = {"goal": item.goal, "owner": item.owner, "timeline": item.timeline, "text": item.text}
        for field, label in FIELDS.items():
            widget = st.text_area if field == "text" else st.text_input
            widget(
                f"{label} ({p.id})",
                value=values[field],
                key=_key(p.id, field),
                on_change=_save,
                args=(p.id, field),
                max_chars=4000,
                disabled=not rnd.is_open,
            )

if items:
    today = date.today()
    cols = st.columns(2)
    cols[0].download_button(
        "Download als Word (.docx)",
        data=to_docx(items, name, rnd.year, today),
        file_name=f"democratiseringsagenda-{rnd.gm_code}-{rnd.year}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/download:",
        key="agenda_docx",
    )
    cols[1].download_button(
        "Download als Markdown",
        data=to_markdown(items, name, rnd.year, today),
        file_name=f"democratiseringsagenda-{rnd.gm_code}-{rnd.year}.md",
        mime="text/markdown",
        icon=":material/download:",
        key="agenda_md",
    )

tips_block(bank, "agenda", "Tips voor het hoe (uit het pamflet)")

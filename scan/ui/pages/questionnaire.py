"""Questionnaire: one priority at a time, every answer saved the moment it is given."""

import streamlit as st

from scan import answers as answer_store
from scan.errors import ScanError
from scan.models import SELF_ROLE
from scan.scoring import score_scan
from scan.ui.components import context, glossary
from scan.ui.components.tip_card import tip_card
from scan.ui.services import get_bank, get_store

DONT_KNOW = "weet_niet"
KEY_ERROR = "vragenlijst_fout"

store, bank = get_store(), get_bank()
rnd = context.require_round()
if rnd is None:
    st.stop()

KEY_SECTION = f"vragenlijst_onderdeel_{rnd.id}"  # the widget's key (dropped when another page runs)
KEY_PLACE = f"vragenlijst_plek_{rnd.id}"  # where this session is in the round: kept across pages


def _answer_key(qid: str) -> str:
    return f"antwoord_{rnd.id}_{qid}"


def _comment_key(qid: str) -> str:
    return f"toelichting_{rnd.id}_{qid}"


def _save_answer(qid: str) -> None:
    choice = st.session_state[_answer_key(qid)]
    try:
        if choice == DONT_KNOW:
            answer_store.save(store, rnd.id, qid, None, dont_know=True)
        else:
            answer_store.save(store, rnd.id, qid, choice)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


def _save_comment(qid: str) -> None:
    try:
        answer_store.save_comment(store, rnd.id, qid, st.session_state[_comment_key(qid)])
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


def _go_to(section: int) -> None:
    st.session_state[KEY_SECTION] = section
    _remember_section()


def _remember_section() -> None:
    # kept in the session and in the URL (a reload or a bookmark opens the same section), not in
    # the database: where someone is reading is not data of the round
    st.session_state[KEY_PLACE] = st.session_state[KEY_SECTION]
    st.query_params["onderdeel"] = str(st.session_state[KEY_SECTION])


context.heading("Vragenlijst", rnd)
if error := st.session_state.pop(KEY_ERROR, None):
    st.error(error)

answers = answer_store.of(store, rnd.id)
score = score_scan(bank, answers, SELF_ROLE)
progress = score.all_counts
st.progress(
    progress.answered / progress.total if progress.total else 0,
    text=f"{progress.answered} van {progress.total} vragen beantwoord (alle onderdelen)",
)

sections = [p.id for p in bank.priorities]


def _section_status(pid: int) -> str:
    ps = score.by_id(pid)
    return "✓ klaar" if ps.open == 0 else f"nog {ps.open} open"


# Option labels stay fixed: a label that changes while the page is open confuses the widget.
def _section_label(pid: int) -> str:
    return f"{pid}. {bank.priority(pid).name}"


if KEY_PLACE not in st.session_state:
    # the section in the URL, else the first section with open questions (where the griffier stopped)
    linked = st.query_params.get("onderdeel", "")
    first_open = next((pid for pid in sections if score.by_id(pid).open), sections[0])
    st.session_state[KEY_PLACE] = int(linked) if linked in {str(pid) for pid in sections} else first_open
st.session_state[KEY_SECTION] = st.session_state[KEY_PLACE]
section = st.selectbox(
    "Onderdeel",
    sections,
    format_func=_section_label,
    key=KEY_SECTION,
    on_change=_remember_section,
    help="Spring naar elk onderdeel; wat u al invulde, blijft bewaard.",
)
if st.query_params.get("onderdeel") != str(section):
    st.query_params["onderdeel"] = str(section)  # a reload opens this section again
st.caption("Per onderdeel: " + " · ".join(f"{pid}: {_section_status(pid)}" for pid in sections))
priority = bank.priority(section)
st.header(f"{priority.id}. {priority.name}")
st.write(priority.description)
st.page_link(glossary.PAGE, label="Begrippenlijst: moeilijke woorden uitgelegd", icon=":material/menu_book:")

for q in bank.questions_for(section, SELF_ROLE):
    current = answers.get(q.id)
    options = [*q.scale, DONT_KNOW]
    if current is None or not current.is_answered:
        index = None
    else:
        index = options.index(DONT_KNOW if current.dont_know else current.value)
    with st.container(border=True):
        if index is None:
            st.badge("Nog open", icon=":material/radio_button_unchecked:", color="orange")
        else:
            st.badge("Beantwoord", icon=":material/check_circle:", color="green")
        st.markdown(f"**{q.id}** {q.statement}")
        st.caption(q.help)
        st.radio(
            f"Antwoord op vraag {q.id}",
            options,
            index=index,
            format_func=lambda v, q=q: (
                "Weet niet / niet van toepassing" if v == DONT_KNOW else f"{v} · {q.scale[v]}"
            ),
            key=_answer_key(q.id),
            on_change=_save_answer,
            args=(q.id,),
            disabled=not rnd.is_open,
        )
        st.text_area(
            f"Toelichting bij vraag {q.id} (niet verplicht)",
            value=current.comment if current else "",
            key=_comment_key(q.id),
            on_change=_save_comment,
            args=(q.id,),
            max_chars=2000,
            height=68,
            disabled=not rnd.is_open,
        )
        glossary.terms_expander(bank.terms_for(q), link=True)
        for tip_id in q.tips:  # a Bestuurscultuur question asks about a tip: the tip with its examples
            tip_card(bank.tip(tip_id))

position = sections.index(section)
prev_col, next_col = st.columns(2)
if position > 0:
    prev_col.button(
        f"← Vorige: {bank.priority(sections[position - 1]).name}",
        key="vragenlijst_vorige",
        on_click=_go_to,
        args=(sections[position - 1],),
    )
if position < len(sections) - 1:
    next_col.button(
        f"Volgende: {bank.priority(sections[position + 1]).name} →",
        key="vragenlijst_volgende",
        on_click=_go_to,
        args=(sections[position + 1],),
        type="primary",
    )
else:
    next_col.page_link("scan/ui/pages/results.py", label="Naar de resultaten", icon=":material/insights:")

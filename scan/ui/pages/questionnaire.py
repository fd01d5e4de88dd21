"""Questionnaire: one priority at a time, every answer saved the moment it is given."""

from collections.abc import Callable

import streamlit as st

from scan.base.errors import ScanError
from scan.base.text import markdown_literal
from scan.content.models import SELF_ROLE
from scan.records.round import answers as answer_store
from scan.records.round.answers import StaleEdit
from scan.rules.answer_words import choice_of
from scan.rules.scoring import Answer, score_scan
from scan.ui.components import context, glossary
from scan.ui.components.answer_choice import answer_radio, chosen
from scan.ui.components.tip_card import tip_card
from scan.ui.services import get_bank, get_store

KEY_ERROR = "vragenlijst_fout"

store, bank = get_store(), get_bank()
rnd = context.require_round()

KEY_SECTION = f"vragenlijst_onderdeel_{rnd.id}"  # the widget's key (dropped when another page runs)
KEY_PLACE = f"vragenlijst_plek_{rnd.id}"  # where this session is in the round: kept across pages
# What this screen last showed of each stored answer: a save expects it, so a change someone else made
# meanwhile (two griffiers on one round) is reported instead of overwritten.
KEY_SHOWN = f"vragenlijst_getoond_{rnd.id}"
KEY_TOP = "vragenlijst_verplaatst"  # how often this session moved to another section with the buttons
KEY_SCROLL = "vragenlijst_naar_boven"  # this run follows such a move: scroll to the top


def _answer_key(qid: str) -> str:
    return f"antwoord_{rnd.id}_{qid}"


def _comment_key(qid: str) -> str:
    return f"toelichting_{rnd.id}_{qid}"


def _shown(qid: str) -> Answer:
    return st.session_state[KEY_SHOWN].get(qid) or Answer(qid)


def _show(answer: Answer) -> None:
    """Put a stored answer on the screen (before its widgets are drawn, or from a callback)."""
    st.session_state[KEY_SHOWN][answer.question_id] = answer
    st.session_state[_answer_key(answer.question_id)] = choice_of(answer)
    st.session_state[_comment_key(answer.question_id)] = answer.comment


def _saving(qid: str, save: Callable[[], Answer]) -> None:
    """Run one save from a widget's callback: what it stored is what the screen now shows; a stale or
    refused save becomes the message above the questions."""
    try:
        st.session_state[KEY_SHOWN][qid] = save()
    except StaleEdit as exc:
        st.session_state[KEY_ERROR] = str(exc)
        _show(exc.current)
    except ScanError as exc:
        st.session_state[KEY_ERROR] = str(exc)


def _save_answer(qid: str) -> None:
    value, dont_know = chosen(st.session_state[_answer_key(qid)])
    _saving(
        qid,
        lambda: answer_store.save(store, rnd.id, qid, value, dont_know=dont_know, expected=_shown(qid)),
    )


def _save_comment(qid: str) -> None:
    text = st.session_state[_comment_key(qid)]
    _saving(qid, lambda: answer_store.save_comment(store, rnd.id, qid, text, expected=_shown(qid).comment))


def _confirm(qid: str) -> None:
    """The answer still holds for the changed question: store it again, now for today's wording."""
    shown = _shown(qid)
    _saving(
        qid,
        lambda: answer_store.save(store, rnd.id, qid, shown.value, dont_know=shown.dont_know, expected=shown),
    )


def _go_to(section: int) -> None:
    st.session_state[KEY_SECTION] = section
    _remember_section()
    st.session_state[KEY_TOP] = st.session_state.get(KEY_TOP, 0) + 1  # start the section at its top
    st.session_state[KEY_SCROLL] = True


def _remember_section() -> None:
    # kept in the session and in the URL (a reload or a bookmark opens the same section), not in
    # the database: where someone is reading is not data of the round
    st.session_state[KEY_PLACE] = st.session_state[KEY_SECTION]
    st.query_params["onderdeel"] = str(st.session_state[KEY_SECTION])


context.heading("Vragenlijst", rnd)
if error := st.session_state.pop(KEY_ERROR, None):
    st.error(markdown_literal(error))  # it may quote a comment someone typed: shown as text

st.session_state.setdefault(KEY_SHOWN, {})

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
    current = answers.get(q.id) or Answer(q.id)
    if st.session_state[KEY_SHOWN].get(q.id) != current or _answer_key(q.id) not in st.session_state:
        _show(current)  # new on this screen, or changed since (here or by someone else): show what is stored
    with st.container(border=True):
        if not current.is_answered:
            st.badge("Nog open", icon=":material/radio_button_unchecked:", color="orange")
        else:
            st.badge("Beantwoord", icon=":material/check_circle:", color="green")
        st.markdown(f"**{q.id}** {q.statement}")
        st.caption(q.help)
        changed = current.is_answered and q.meaning_changed_since(current.version)
        if changed:
            st.warning(
                "Deze vraag is veranderd sinds u hem beantwoordde: "
                + " ".join(h.change for h in q.changes_since(current.version))
                + " Kijk of uw antwoord nog klopt.",
                icon=":material/update:",
            )
        answer_radio(
            q,
            label=f"Antwoord op vraag {q.id}",
            key=_answer_key(q.id),
            on_change=_save_answer,
            args=(q.id,),
            disabled=not rnd.is_open,
            from_state=True,
        )
        if changed and rnd.is_open:
            st.button(
                "Mijn antwoord klopt nog",
                key=f"vragenlijst_klopt_{rnd.id}_{q.id}",
                on_click=_confirm,
                args=(q.id,),
            )
        st.text_area(
            f"Toelichting bij vraag {q.id} (niet verplicht)",
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

if st.session_state.pop(KEY_SCROLL, False):
    moved = st.session_state[KEY_TOP]
    # "Volgende" and "Vorige" keep the scroll position of the old section, at its bottom: scroll up, so
    # the first questions of the new one are not skipped. (The count makes each script new, so it runs.)
    st.html(
        f"<script>/* {moved} */ window.scrollTo(0, 0); document.querySelectorAll("
        '\'[data-testid="stMain"], [data-testid="stAppViewContainer"]\').forEach('
        "function (e) { e.scrollTo(0, 0); });</script>",
        unsafe_allow_javascript=True,
    )

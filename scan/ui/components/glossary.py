"""Hard words explained where they appear: per question ("Uitleg bij moeilijke woorden") and the
whole list (the page Begrippen for the griffier, an expander on the respondent's page).

The terms and explanations are content (questions/begrippen.yaml); ``bank.terms_for(item)`` finds
the ones a question, proposal or tip uses.
"""

from __future__ import annotations

import streamlit as st

from scan.content.models import GlossaryTerm
from scan.content.questionbank import QuestionBank

PAGE = "scan/ui/pages/glossary.py"


def terms_markdown(terms: tuple[GlossaryTerm, ...] | list[GlossaryTerm], refs: bool = False) -> str:
    """A list of terms with their explanations (and where the pamphlet uses them)."""
    lines = []
    for term in terms:
        line = f"- **{term.term}**: {term.explanation}"
        if refs and term.pamphlet:
            line += f" *(In het pamflet: {', '.join(term.pamphlet)}.)*"
        lines.append(line)
    return "\n".join(lines)


def label(terms: tuple[GlossaryTerm, ...]) -> str:
    names = ", ".join(t.term for t in terms)
    return f"Uitleg bij moeilijke woorden: {names}"


def terms_expander(terms: tuple[GlossaryTerm, ...], link: bool = False) -> None:
    """The hard words of one question, one tap away; nothing when it has none.
    ``link``: also a link to the whole list (griffier pages only: respondents have one page)."""
    if not terms:
        return
    with st.expander(label(terms), icon=":material/menu_book:"):
        st.markdown(terms_markdown(terms))
        if link:
            st.page_link(PAGE, label="Alle begrippen", icon=":material/menu_book:")


def sorted_terms(bank: QuestionBank) -> list[GlossaryTerm]:
    return sorted(bank.glossary, key=lambda t: t.term.casefold())


def all_terms_expander(bank: QuestionBank) -> None:
    """The whole glossary in one expander (the respondent's page, which has no other pages)."""
    with st.expander("Begrippenlijst: alle moeilijke woorden uitgelegd", icon=":material/menu_book:"):
        st.markdown(terms_markdown(sorted_terms(bank)))

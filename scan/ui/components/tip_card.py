"""A tip from the pamphlet (het HOE) with its ideas and the municipalities it names as examples.

Used wherever a tip appears: the start page (tip 7), the questionnaire (Bestuurscultuur questions),
the results page and the agenda. One Markdown element per tip: every element costs on each rerun.
"""

from __future__ import annotations

import streamlit as st

from scan.content.models import Tip
from scan.content.questionbank import QuestionBank


def tip_markdown(tip: Tip) -> str:
    """The tip's summary, the pamphlet's ideas and its example municipalities, in Markdown."""
    parts = [tip.summary]
    if tip.ideas:
        parts.append("**Ideeën uit het pamflet:**\n\n" + "\n".join(f"- {idea}" for idea in tip.ideas))
    if tip.examples:
        lines = []
        for example in tip.examples:
            name = f"[{example.gemeente}]({example.url})" if example.url else f"**{example.gemeente}**"
            lines.append(f"- {name}" + (f": {example.note}" if example.note else ""))
        parts.append("**Voorbeelden uit het pamflet:**\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def tip_label(tip: Tip) -> str:
    return f"Tip {tip.id} uit het pamflet: {tip.title}"


def tip_card(tip: Tip, expanded: bool = False) -> None:
    """The tip in an expander: its title always visible, the rest one tap away."""
    with st.expander(tip_label(tip), expanded=expanded, icon=":material/tips_and_updates:"):
        st.markdown(tip_markdown(tip))


def tips_block(bank: QuestionBank, place: str, heading: str | None = "Tips uit het pamflet: het hoe") -> None:
    """Every tip that fits ``place`` (tips.yaml ``shown_with``), under one heading."""
    tips = bank.tips_shown_with(place)
    if not tips:
        return
    if heading:
        st.subheader(heading)
    for tip in tips:
        tip_card(tip)

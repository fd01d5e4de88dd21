"""The griffier's path on the start page, drawn: the steps come from scan/views/plan.py."""

from __future__ import annotations

import streamlit as st

from scan.records.round.rounds import Round
from scan.views.plan import Step, current


def show(plan: list[Step], rnd: Round | None) -> int | None:
    """The plan as one numbered list, the current step marked; returns the current step's index."""
    now = current(plan)
    lines = []
    for i, step in enumerate(plan):
        mark = "✓" if step.done else ("➜" if i == now else "○")
        extra = " (niet verplicht)" if step.optional else ""
        here = " — **hier bent u nu**" if i == now else ""
        lines.append(
            f"{i + 1}. {mark} **{step.title}**{extra} · *wie:* {step.who}.{here}  \n"
            f"   {step.what}  \n   *Stand:* {step.status}"
        )
    heading = f"Zo werkt de scan{f' — stand van scan {rnd.year}' if rnd else ''}"
    st.subheader(heading)
    st.markdown("\n".join(lines))
    return now

"""Projector view of a workshop: join code and QR, live count, and results once revealed.

The only page with a self-refreshing fragment: it redraws every two seconds. Read-only.
"""

import segno
import streamlit as st

from scan import charts, workshop
from scan.ui.components.big_type import big_type
from scan.ui.components.links import app_link
from scan.ui.components.vote_results import vote_results
from scan.ui.components.workshop_select import selected_workshop
from scan.ui.services import get_bank, get_store

store, bank = get_store(), get_bank()
big_type()
chosen = selected_workshop(store)
if chosen is None:
    st.stop()
join_url = app_link(ws=chosen.join_code)


@st.fragment(run_every=2)
def live() -> None:
    ws = workshop.get(store, chosen.id)
    left, right = st.columns([3, 1])
    with right:
        qr = segno.make(join_url, error="m")
        st.html(
            f'<div role="img" aria-label="QR-code om mee te doen: {join_url}">{qr.svg_inline(scale=6, dark="#000")}</div>'
        )
        st.markdown(f"Code: **{ws.join_code}**")
    with left:
        st.title(ws.title or "Workshop")
        st.markdown(f"Doe mee op uw telefoon: scan de QR-code of ga naar `{join_url}`")
        if ws.phase == "questions":
            qid = ws.current_question
            t = workshop.tally(store, ws.id, qid)
            st.header(bank.question(qid).statement)
            state = {
                "hidden": "Even wachten…",
                "open": "U kunt nu antwoorden",
                "closed": "Gesloten",
                "revealed": "Uitkomst",
            }[t.status]
            st.markdown(f"**{state}** · {t.answered} van {t.participants} deelnemers hebben geantwoord")
            if t.status == "revealed" and t.counts is None:
                st.markdown(
                    f"De uitkomst blijft verborgen: te weinig antwoorden (n = {t.answered}); "
                    "we tonen verdelingen pas vanaf 5 antwoorden."
                )
            if t.counts is not None:
                labels, values = workshop.distribution_rows(bank.question(qid), t.counts)
                fig = charts.distribution(labels, values)
                st.plotly_chart(
                    fig, key="projectie_uitkomst", config={"displayModeBar": False, "staticPlot": True}
                )
                st.markdown(
                    " · ".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True))
                )
        elif ws.phase == "voting":
            st.header("Kies op uw telefoon hoogstens drie voorstellen")
            voters = sum(n for _, n in workshop.vote_results(store, ws.id))
            st.markdown(f"Er zijn al {voters} stippen geplakt.")
        else:
            st.header("Uitslag van de stemming")
            vote_results(ws.id)


live()

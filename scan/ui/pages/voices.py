"""Voices: results per role and combined, and where the roles see it differently."""

import streamlit as st

from scan.rules.benchmark import MIN_N
from scan.ui.components import cached, context
from scan.ui.services import get_store
from scan.views import response as response_views

rnd = context.require_round()

context.heading("Rollen vergelijken", rnd)
st.write(
    f"Hoe kijken griffie, college, ambtelijke organisatie, gemeenteraad, inwoners en maatschappelijke partners naar de democratie? Een groep telt pas mee "
    f"vanaf {MIN_N} respondenten; daaronder ziet u alleen het aantal."
)
said = response_views.response(get_store(), rnd).sentences
if said:
    st.write(f"**Wie deden mee?** {'; '.join(said)}.")
table, figure, sentences, any_shown, left_out = cached.voices(rnd)
st.markdown(table)
if figure is not None:
    st.plotly_chart(figure, key="rollen_grafiek", config={"displayModeBar": False})
    if left_out:  # the chart never shows them: say so, with the count, like the table
        st.caption(f"Niet in de grafiek, want minder dan {MIN_N} respondenten: {', '.join(left_out)}.")

st.subheader("Gespreksstarters: hier verschillen de blikken")
if not sentences:
    st.write(
        "Geen verschillen van 25 punten of meer tussen rollen met genoeg respondenten"
        + ("." if any_shown else " (nog geen rol met 5 of meer respondenten).")
    )
else:
    st.markdown("\n".join(f"- {sentence}" for sentence in sentences))

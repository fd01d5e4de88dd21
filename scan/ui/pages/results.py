"""Results: radar, a bar per priority with coverage, strongest and weakest in words."""

import functools

import streamlit as st

from scan.base.formatting import nl_number
from scan.records.round import rounds
from scan.rules.scoring import METHOD_NL
from scan.ui.components import cached, context, peer_group
from scan.ui.components.document_download import document_button
from scan.ui.components.tip_card import tips_block
from scan.ui.services import get_bank, get_reference, get_store
from scan.views.exports import export

store, bank = get_store(), get_bank()
rnd = context.require_round()

context.heading("Resultaten", rnd)
name = get_reference().municipality(rnd.gm_code).name
score = cached.self_score(rnd)
radar_figure, bars_figure = cached.result_figures(rnd, name)

core = score.core_counts
cols = st.columns(3)
cols[0].metric(
    "Totaalscore (acht prioriteiten)",
    f"{nl_number(score.overall)} van 100" if score.overall is not None else "nog geen",
)
cols[1].metric("Vragen beantwoord (acht prioriteiten)", f"{core.answered} van {core.total}")
cols[2].metric("Waarvan weet niet / n.v.t.", nl_number(core.dont_know))

st.toggle(
    "Delen met de benchmark (anoniem als deel van groepscijfers, alleen bij 5 of meer gemeenten)",
    value=rnd.share_benchmark,
    key=f"resultaten_delen_{rnd.id}",
    on_change=lambda: rounds.set_share_benchmark(
        store, rnd.id, st.session_state[f"resultaten_delen_{rnd.id}"]
    ),
)

in_short, score_table, arithmetic = cached.results_text(rnd)
st.subheader("In het kort")
st.write(in_short)

left, right = st.columns(2)
with left:
    st.plotly_chart(
        radar_figure,
        key="resultaten_radar",
        config={"displayModeBar": False},
    )
with right:
    st.plotly_chart(
        bars_figure,
        key="resultaten_balken",
        config={"displayModeBar": False},
    )

st.subheader("Score per prioriteit")
st.markdown(score_table)
if rnd.is_demo:
    st.caption("Fictieve voorbeelddata.")
st.caption("Bestuurscultuur (de acht tips) staat apart en telt niet mee in de totaalscore.")

st.subheader("Rapport en gegevens downloaden")
st.caption(
    "Het rapport voor de raad (PDF, Word of als webpagina) bevat een samenvatting op één pagina, per prioriteit de "
    "antwoorden met uw toelichting, Bestuurscultuur, de ontwikkeling sinds de vorige scan, de vergelijking, de rollen, "
    "de workshops, de agenda en de werkwijze. De PDF is toegankelijk (PDF/UA). Het maken duurt een paar seconden."
)
st.caption(peer_group.caption_line(rnd))  # the report and the Excel file compare with the round's group
# two rows of three (the report, then the data): five in a row are cut off beside the menu at 1280 px
download_cols = [*st.columns(3), *st.columns(3)[:2]]
for col, (fmt, label) in zip(
    download_cols,
    [
        ("pdf", "Rapport (PDF)"),
        ("docx", "Rapport (Word)"),
        ("html", "Rapport (webpagina)"),
        ("xlsx", "Gegevens (Excel)"),
        ("csv", "Antwoorden (CSV)"),
    ],
    strict=True,
):
    document_button(
        label, functools.partial(export, store, rnd, fmt), rnd, fmt, f"resultaten_download_{fmt}", col
    )
document_button(
    "Raadsinformatiebrief (Word)",
    functools.partial(export, store, rnd, "letter-docx"),
    rnd,
    "letter-docx",
    "resultaten_download_brief",
)
st.caption(
    "Een brief aan de raad met de uitkomsten, de vergelijking, de rollen, wat het akkoord belooft en de agenda. "
    "In Word, zodat u hem zelf kunt aanpassen."
)

with st.expander("Hoe wordt de score berekend?"):
    st.markdown(
        f"{METHOD_NL}\n\n**De berekening voor deze scan** (punten per beantwoorde vraag):\n\n{arithmetic}"
    )

tips_block(bank, "results")

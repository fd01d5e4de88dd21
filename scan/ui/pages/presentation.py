"""Council presentation: large type, one priority per screen, read-only (no input widgets at all).

Move with the links or the arrow keys; the screen number is in the URL (``dia``).
"""

import streamlit as st

from scan.charts import radar
from scan.errors import ScanError
from scan.formatting import nl_number
from scan.presentation import build
from scan.sharing import round_for_token
from scan.trend import arrow
from scan.ui.components import context, peer_group
from scan.ui.components.access import attempt
from scan.ui.components.big_type import big_type
from scan.ui.services import get_bank, get_store

store, bank = get_store(), get_bank()
big_type()

token = st.query_params.get("presentatie")
if token is not None:
    try:
        rnd = attempt("presentatielink", round_for_token, store, token)
    except ScanError as exc:
        st.error(str(exc))
        st.stop()
    keep = {"presentatie": token}
else:
    rnd = context.require_round()
    if rnd is None:
        st.stop()
    keep = {"gemeente": rnd.gm_code, "jaar": str(rnd.year)}

deck = build(store, rnd, peer_group.chosen_id(rnd))
last = len(deck.slides) + 1
raw = st.query_params.get("dia", "0")
slide = int(raw) if raw.isdigit() and int(raw) <= last else 0


def _href(n: int) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode({**keep, "dia": n})


nav = []
if slide > 0:
    nav.append(f'<a id="dia-vorige" href="{_href(slide - 1)}" target="_self">← Vorige</a>')
if slide < last:
    nav.append(f'<a id="dia-volgende" href="{_href(slide + 1)}" target="_self">Volgende →</a>')
nav.append(f"<span>Scherm {slide + 1} van {last + 1}</span>")
st.html(f'<nav class="dia-nav" aria-label="Schermen">{" ".join(nav)}</nav>')
# Arrow keys move between screens by following the same links.
st.html(
    """<script>
    document.addEventListener('keydown', (e) => {
      const id = e.key === 'ArrowRight' ? 'dia-volgende' : e.key === 'ArrowLeft' ? 'dia-vorige' : null;
      const link = id && window.parent.document.getElementById(id);
      if (link) { link.click(); }
    }, {once: true});
    </script>""",
    unsafe_allow_javascript=True,
)
fictief = " (fictieve voorbeelddata)" if deck.own_is_demo else ""
peers_fictief = " (fictief)" if deck.peers_are_demo else ""

if slide == 0:
    st.title(f"Democratiescan {deck.municipality} {deck.year}{fictief}")
    total = deck.score.overall
    st.metric("Totaalscore", f"{nl_number(total)} van 100" if total is not None else "nog geen")
    st.markdown(deck.summary)
    st.plotly_chart(
        radar(bank, deck.score, deck.municipality, deck.own_is_demo),
        key="presentatie_radar",
        config={"displayModeBar": False, "staticPlot": True},
    )
elif slide <= len(deck.slides):
    s = deck.slides[slide - 1]
    st.title(f"{s.priority_id}. {s.name}")
    st.markdown(s.description)
    cols = st.columns(3)
    cols[0].metric("Score", f"{nl_number(s.score)} van 100" if s.score is not None else "nog geen")
    if s.peer.enough:
        cols[1].metric(
            f"Mediaan {s.peer_label}{peers_fictief}", nl_number(s.peer.median), help=f"n = {s.peer.n}"
        )
    else:
        cols[1].metric("Vergelijking", "te weinig vergelijkingsmateriaal")
    if s.previous_year is not None:
        cols[2].metric(
            f"Sinds {s.previous_year}",
            f"{arrow(s.delta)} {nl_number(s.delta) if s.delta is not None else ''}".strip(),
        )
    st.markdown(f"Gebaseerd op {s.scored} van {s.total} vragen{fictief}.")
    if s.proposals:
        st.subheader("Voorstellen uit het pamflet")
        for pid, title, chosen in s.proposals:
            st.markdown(f"- **{pid}** {title}{' (gekozen)' if chosen else ''}")
else:
    st.title("Gekozen voorstellen")
    chosen = [(s.name, p) for s in deck.slides for p in s.proposals if p[2]]
    if not chosen:
        st.markdown("Er zijn nog geen voorstellen gekozen voor de democratiseringsagenda.")
    for name, (pid, title, _) in chosen:
        st.markdown(f"- **{pid}** {title} ({name})")

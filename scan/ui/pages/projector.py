"""Projector view of a workshop (``/projectie?projectie=REF``): full screen, no menu, readable at 8 m.

Join box (QR code, short address, code), the question, live counts, and the published outcome
once the facilitator shows it. Redraws itself every second as one block of HTML (see
workshop_view.py). Only for the griffier of the municipality, the beheerder or the facilitator.
"""

import streamlit as st

from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.ui.components import literal, workshop_access, workshop_view
from scan.ui.components.links import app_root
from scan.ui.services import get_store
from scan.web.phone import PREFIX, join_path

STYLE = """
<style>
  header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stToolbar"] { display: none !important; }
  .stMainBlockContainer { max-width: none; padding: 1.2rem 2.5rem 1rem; }
  .pj { display: grid; grid-template-columns: minmax(0, 1fr) 34rem; gap: 3rem; color: #000;
        font-size: 32px; line-height: 1.3; }
  .pj h1 { font-size: 36px; margin: 0 0 0.6rem; color: #33383d; font-weight: 700; padding: 0; }
  .pj h2 { font-size: 52px; line-height: 1.2; margin: 0.2rem 0 1rem; color: #000; font-weight: 800; padding: 0; }
  .pj .stap { font-size: 30px; color: #33383d; margin: 0; font-weight: 700; }
  .pj .stand { font-size: 34px; font-weight: 700; margin: 0.6rem 0; }
  .pj .ws-bars { font-size: 32px; }
  .pj .ws-note { font-size: 28px; }
  .pj .ws-open { font-size: 30px; columns: 2; column-gap: 2.5rem; padding-left: 1.2em; }
  .pj .ws-open li { break-inside: avoid; margin-bottom: 0.4rem; }
  .pj .join { text-align: center; border: 3px solid #0B5394; border-radius: 16px; padding: 1rem; align-self: start; }
  .pj .join img { width: 100%; max-width: 26rem; image-rendering: pixelated; }
  .pj .join .adres { font-size: 34px; font-weight: 700; margin: 0.3rem 0; word-break: break-all; }
  .pj .join .code { font-size: 76px; font-weight: 800; letter-spacing: 0.08em; margin: 0; line-height: 1.1;
                    font-family: "DejaVu Sans Mono", monospace; }
  .pj p, .pj li, .pj th, .pj td { font-size: inherit !important; }
  .pj .join p { margin: 0.2rem 0; font-size: 30px !important; }
  .pj .join .adres { font-size: 36px !important; }
  .pj .join .code { font-size: 68px !important; white-space: nowrap; }
  .pj .opties { font-size: 32px; list-style: none; padding: 0; }
  .pj .opties li { margin: 0.3rem 0; }
</style>
"""

store, bank = get_store(), question_bank()
st.html(STYLE)
st.html(workshop_view.CSS)
chosen = workshop_access.from_url(store, "projectie")
if chosen is None:
    st.stop()
if workshop_access.facilitator_secret(store, chosen) is None:
    workshop_access.login(store, chosen, "Projectiescherm")
    st.stop()
root = app_root()
join_url = root + join_path(chosen.join_code)
short = (root.split("://", 1)[-1]) + PREFIX


def _join_box(ws: workshop.Workshop) -> str:
    return (
        '<div class="join">'
        f'<img src="{workshop_view.qr_data_uri(join_url)}" alt="QR-code om mee te doen: {literal.html(join_url)}">'
        "<p>Scan de QR-code of ga naar</p>"
        f'<p class="adres">{literal.html(short)}</p>'
        "<p>en typ de code</p>"
        f'<p class="code">{literal.html(workshop.format_code(ws.join_code))}</p>'
        "</div>"
    )


def _question(ws: workshop.Workshop, qid: str) -> str:
    number = ws.question_ids.index(qid) + 1
    t = workshop.tally(store, ws.id, qid)
    head = f'<p class="stap">Vraag {number} van {len(ws.question_ids)}</p><h2>{literal.html(ws.text_of(qid, bank))}</h2>'
    is_open = workshop.is_open_question(qid)
    state = {
        "hidden": "Even wachten…",
        "open": "Antwoord nu op uw telefoon",
        "closed": "Gesloten",
        "revealed": "Uitkomst",
    }[t.status]
    people = "mensen hebben een antwoord gestuurd" if is_open else "deelnemers hebben geantwoord"
    body = f'<p class="stand">{state} · {t.answered} van {t.participants} {people}</p>'
    if t.status == "revealed":
        if is_open:
            shown = workshop.published_open_answers(store, ws.id, qid) or []
            body += (
                workshop_view.open_answers(shown)
                or '<p class="ws-note">Nog geen goedgekeurde antwoorden.</p>'
            )
        else:
            body += workshop_view.distribution(store, ws, qid, t.counts, t.answered)
    return head + body


def _voting(ws: workshop.Workshop) -> str:
    options = "".join(
        f"<li><strong>{pid}</strong> {literal.html(bank.proposal(pid).title)}</li>"
        for pid in ws.choice_list(bank)
    )
    return (
        f"<h2>Kies op uw telefoon hoogstens {ws.max_votes} voorstellen</h2>"
        f'<ul class="opties">{options}</ul>'
        f'<p class="stand">{workshop.voters(store, ws.id)} van {workshop.participants(store, ws.id)} '
        "deelnemers hebben gestemd</p>"
    )


def _ended(ws: workshop.Workshop) -> str:
    results = workshop.published_vote_results(store, ws.id)
    return "<h2>Uitslag van de stemming</h2>" + workshop_view.vote_ranking(
        results, workshop.voters(store, ws.id)
    )


@st.fragment(run_every=1)
def live() -> None:
    ws = workshop.get(store, chosen.id)
    if ws.phase == "voting":
        main = _voting(ws)
    elif ws.current_question is not None:
        main = _question(ws, ws.current_question)
    else:
        main = _ended(ws)
    st.html(
        f'<div class="pj"><div><h1>{literal.html(ws.title or "Workshop")}</h1>{main}</div>{_join_box(ws)}</div>'
    )


live()

"""Projector view of a workshop (``/projectie?projectie=REF``): full screen, no menu, readable at 8 m.

Join box (QR code, short address, code), the question, live counts, and the published outcome
once the facilitator shows it (then across the whole screen: the join box gives way). Redraws itself every second as one block of HTML (see
workshop_view.py). Only for the griffier of the municipality, the beheerder or the facilitator.
"""

import math
import time

import streamlit as st

from scan.base.formatting import countdown, nl_count, nl_number, nl_part_of
from scan.content.questionbank import question_bank
from scan.records import workshop
from scan.rules import screenful
from scan.rules.benchmark import MIN_N
from scan.ui.components import literal, workshop_access, workshop_view
from scan.ui.components.links import app_root
from scan.ui.services import get_store
from scan.views.workshops import ProjectorView, projector_view
from scan.web.phone import PREFIX, join_path

# Every size is in em of .pj, whose font size follows the screen (min of height and width, so a
# 16:9 screen of any resolution shows the same layout, and a narrower one a smaller one). The
# projector is fixed to the viewport: nothing can run off it, and what does not fit one screen is
# paged (scan/rules/screenful.py) with the sizes below. U: the font size of .pj.
SCREEN_HEIGHT_U = 100 / 2.9  # the viewport's height in U on a 16:9 screen (or wider)
SCREEN_WIDTH_U = 16 / 9 * SCREEN_HEIGHT_U
PAGE_SECONDS = 15  # a page of open answers or proposals stays this long
STYLE = """
<style>
  header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stToolbar"], [data-testid="stBottom"] { display: none !important; }
  .pj { position: fixed; inset: 0; z-index: 10; background: #fff; box-sizing: border-box;
        padding: 0.7em 1.2em; overflow: hidden; font-size: min(2.9vh, 1.63vw); line-height: 1.25;
        display: grid; grid-template-columns: minmax(0, 1fr) 15em; gap: 1.5em; color: #000; }
  .pj.breed { grid-template-columns: minmax(0, 1fr); }
  .pj .main { display: flex; flex-direction: column; min-height: 0; min-width: 0; overflow: hidden; }
  .pj .main > * { flex: none; }
  .pj h1 { font-size: 1em; line-height: 1.2; margin: 0 0 0.2em; color: #33383d; font-weight: 700; padding: 0;
           white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .pj .stap { font-size: 0.85em; line-height: 1.2; color: #33383d; margin: 0; font-weight: 700; }
  .pj h2 { font-size: 1.45em; line-height: 1.15; margin: 0.2em 0 0.4em; color: #000; font-weight: 800;
           padding: 0; overflow-wrap: anywhere; }
  .pj h2.lang { font-size: 1.1em; }
  .pj .stand { font-size: 1em; font-weight: 700; margin: 0 0 0.3em; }
  .pj .timer { font-size: 2.4em; font-weight: 800; margin: 0.1em 0 0; font-variant-numeric: tabular-nums; }
  .pj .timer.bijna { color: #8a1c1c; }
  .pj .pager { font-size: 0.8em; color: #33383d; margin: 0 0 0.3em; font-weight: 600; }
  .pj .ws-bars { font-size: 0.85em; border-spacing: 0 0.3em; }
  .pj .ws-bars th { white-space: normal; width: 45%; }
  .pj .ws-bars td.bar { width: 40%; }
  .pj .ws-note { font-size: 0.8em; }
  .pj .ws-cloud { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.6em; row-gap: 2em;
                  max-height: 2.16em; overflow: hidden; margin: 0 0 0.4em; line-height: 1.2; }
  .pj .ws-cloud span { margin: 0; }
  .pj .ws-open { font-size: 0.9em; line-height: 1.25; margin: 0; padding-left: 1.3em; min-height: 0;
                 overflow: hidden; flex: 1 1 auto; }
  .pj .ws-open li { margin: 0 0 0.3em; overflow-wrap: anywhere; }
  .pj .opties { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.5em; flex: 1 1 auto; min-height: 0;
                overflow: hidden; }
  .pj .opties ul { font-size: 0.85em; line-height: 1.25; list-style: none; padding: 0; margin: 0; }
  .pj .opties li { margin: 0 0 0.3em; overflow-wrap: anywhere; }
  .pj .join { text-align: center; border: 3px solid #0B5394; border-radius: 0.5em; padding: 0.5em;
              align-self: start; min-width: 0; }
  .pj .join img { width: 100%; max-width: 13em; image-rendering: pixelated; display: block; margin: 0 auto; }
  .pj .join p { margin: 0.15em 0; font-size: 0.8em; }
  .pj .join .adres { font-size: 0.9em; font-weight: 700; word-break: break-all; }
  .pj .join .code { font-size: 2.05em; font-weight: 800; letter-spacing: 0.02em; margin: 0; line-height: 1.1;
                    font-family: "DejaVu Sans Mono", monospace; white-space: nowrap; }
</style>
"""
# the main column in U: the screen less padding, the join box and the gap; without the join box
# (a question's results: .pj.breed) the whole screen less padding
MAIN_WIDTH_U = SCREEN_WIDTH_U - 2 * 1.2 - 15 - 1.5
WIDE_WIDTH_U = SCREEN_WIDTH_U - 2 * 1.2
MAIN_HEIGHT_U = SCREEN_HEIGHT_U - 2 * 0.7
# what sits above a list (title, step, count, pager line), in U
HEAD_U = 1.4 + 0.85 * 1.2 + 1.25 + 0.3 + 0.8 * 1.25 + 0.3
CLOUD_U = 1.8 * 1.2 + 0.4
SAFETY = 0.95  # of the computed room: rounding, fonts that run wider than the mean


store, bank = get_store(), question_bank()
st.html(STYLE)
st.html(workshop_view.CSS)
chosen = workshop_access.from_url(store, "projectie")
if workshop_access.facilitator_secret(store, chosen) is None:
    workshop_access.login(store, chosen, "Projectiescherm")
    st.stop()
root = app_root()
join_url = root + join_path(chosen.join_code)
short = (root.split("://", 1)[-1]) + PREFIX


def _join_box(ws: workshop.Workshop) -> str:
    if ws.phase == "ended":  # nobody can join any more: no QR code that leads to a dead end
        return (
            '<div class="join" role="status"><p class="code" style="white-space:normal;font-family:inherit">Afgelopen</p>'
            "<p>De workshop is afgelopen. Meedoen en stemmen kan niet meer.</p>"
            "<p><strong>Bedankt voor uw deelname!</strong></p></div>"
        )
    return (
        '<div class="join">'
        f'<img src="{workshop_view.qr_data_uri(join_url)}" alt="QR-code om mee te doen: {literal.html(join_url)}">'
        "<p>Scan de QR-code of ga naar</p>"
        f'<p class="adres">{literal.html(short)}</p>'
        "<p>en typ de code</p>"
        f'<p class="code">{literal.html(workshop.format_code(ws.join_code))}</p>'
        "</div>"
    )


def _heading(text: str, width: float = MAIN_WIDTH_U) -> tuple[str, float]:
    """The h2 of a question or instruction and its height in U: long texts get a smaller size."""
    size, css = 1.45, ""
    if screenful.lines(text, width / size) > 2:
        size, css = 1.1, ' class="lang"'
    rows = screenful.lines(text, width / size)
    return f"<h2{css}>{literal.html(text)}</h2>", size * (rows * 1.15 + 0.6)


def _open_answers(view: ProjectorView, above: float, width: float) -> str:
    """Approved answers a screenful at a time: the pinned ones if the facilitator pinned any, else
    all of them, moving on every PAGE_SECONDS. The line under the count says what is not on screen."""
    shown, pinned = view.answers, view.pinned
    if not shown:
        return '<p class="pager">Nog geen goedgekeurde antwoorden.</p>'
    texts = pinned or shown
    font = 0.9
    room = (MAIN_HEIGHT_U - above - CLOUD_U) * SAFETY / (font * 1.25)
    pages = screenful.pages(texts, (width - 1.3 * font) / font, room, gap=0.3 / 1.25)
    page = pages[screenful.page_now(len(pages), time.time(), PAGE_SECONDS)]
    rest = len(shown) - len(page)
    if pinned:
        note = f"Vastgezet door de begeleider: {nl_count(len(page), 'antwoord', 'antwoorden')}"
        if len(pages) > 1:
            note += f" ({page.start + 1}–{page.stop} van {nl_number(len(pinned))})"
    elif len(pages) > 1:
        note = (
            f"Antwoorden {page.start + 1}–{page.stop} van {nl_number(len(shown))} · "
            f"het scherm wisselt elke {PAGE_SECONDS} seconden"
        )
    else:
        note = f"{nl_count(len(shown), 'goedgekeurd antwoord', 'goedgekeurde antwoorden')}"
    if rest:
        note += f" · nog {nl_count(rest, 'antwoord', 'antwoorden')}"
    cloud = workshop_view.cloud(list(view.words), largest=1.8)
    items = "".join(f"<li>{literal.html(texts[i])}</li>" for i in page)
    return f'<p class="pager">{note}</p>{cloud}<ul class="ws-open" start="{page.start + 1}">{items}</ul>'


def _question(view: ProjectorView) -> str:
    ws, qid, t, is_open = view.workshop, view.question, view.tally, view.is_open
    if qid is None or t is None:  # projector_view fills both in the questions phase
        return ""
    width = WIDE_WIDTH_U if view.question_results else MAIN_WIDTH_U
    h2, h2_height = _heading(view.text, width)
    head = f'<p class="stap">Vraag {view.number} van {len(ws.question_ids)}</p>{h2}'
    state = {
        "hidden": "Even wachten…",
        "open": "Antwoord nu op uw telefoon",
        "closed": "Gesloten",
        "revealed": "Uitkomst",
    }[t.status]
    people = ("persoon", "mensen") if is_open else ("deelnemer", "deelnemers")
    did = nl_part_of(t.answered, t.participants, people, ("heeft", "hebben"))
    body = f'<p class="stand">{state} · {did} {"een antwoord gestuurd" if is_open else "geantwoord"}</p>'
    if t.status == "open" and view.ends_at is not None:
        left = max(0, math.ceil(view.ends_at - time.time()))
        body += (
            f'<p class="timer{" bijna" if left <= 10 else ""}" role="timer">'
            + (f"Nog {countdown(left)}" if left else "De tijd is om")
            + "</p>"
        )
    if t.status == "revealed":
        if is_open:
            body += _open_answers(view, HEAD_U + h2_height, width)
        else:
            body += workshop_view.distribution(store, ws, qid, t.counts, t.answered)
    return head + body


def _paged_columns(texts: list[str], markup: list[str], above: float) -> tuple[str, str]:
    """Items in two columns, a screenful at a time: (the pager line, the columns). The pages are
    estimated from the visible ``texts``; ``markup`` is what is shown for each."""
    font = 0.85
    room = (MAIN_HEIGHT_U - above) * SAFETY / (font * 1.25)
    columns = screenful.pages(texts, (MAIN_WIDTH_U - 1.5) / 2 / font, room, gap=0.3 / 1.25)
    screens = [columns[i : i + 2] for i in range(0, len(columns), 2)]
    screen = screens[screenful.page_now(len(screens), time.time(), PAGE_SECONDS)]
    first, last = screen[0].start, screen[-1].stop
    note = ""
    if len(screens) > 1:
        note = (
            f"Voorstellen {first + 1}–{last} van {nl_number(len(texts))} · nog "
            f"{nl_count(len(texts) - (last - first), 'voorstel', 'voorstellen')} · het scherm wisselt elke "
            f"{PAGE_SECONDS} seconden"
        )
    body = "".join("<ul>" + "".join(f"<li>{markup[i]}</li>" for i in column) + "</ul>" for column in screen)
    return f'<p class="pager">{note}</p>', f'<div class="opties">{body}</div>'


def _voting(view: ProjectorView) -> str:
    h2, h2_height = _heading(
        f"Kies op uw telefoon hoogstens {nl_count(view.workshop.max_votes, 'voorstel', 'voorstellen')}"
    )
    plain = [f"{pid} {title}" for pid, title in view.choices]
    markup = [f"<strong>{pid}</strong> {literal.html(title)}" for pid, title in view.choices]
    note, columns = _paged_columns(plain, markup, HEAD_U + h2_height)
    voted = nl_part_of(view.voters, view.participants, ("deelnemer", "deelnemers"), ("heeft", "hebben"))
    count = f'<p class="stand">{voted} gestemd</p>'
    return h2 + count + note + columns


def _ended(view: ProjectorView) -> str:
    results = None if view.results is None else list(view.results)
    voters = view.voters
    h2, h2_height = _heading("Uitslag van de stemming")
    h2 = '<p class="stap">De workshop is afgelopen</p>' + h2
    if not results:
        return h2 + workshop_view.vote_ranking(results, voters)
    # a long ranking a screenful at a time: the label column is about half the width, a row at
    # least as high as its bar; the caption (two lines) stays below
    font = 0.85
    room = (MAIN_HEIGHT_U - HEAD_U - h2_height - 2 * 0.8 * 1.25) * SAFETY / (font * 1.25)
    labels = [f"{pid} {bank.proposal(pid).title}" for pid, _ in results]
    pages = screenful.pages(labels, MAIN_WIDTH_U * 0.45 / font, room, gap=0.5)
    page = pages[screenful.page_now(len(pages), time.time(), PAGE_SECONDS)]
    note = ""
    if len(pages) > 1:
        rest = len(results) - len(page)
        note = (
            f"Plaats {page.start + 1}–{page.stop} van {nl_number(len(results))} · nog "
            f"{nl_count(rest, 'voorstel', 'voorstellen')} · het scherm wisselt elke {PAGE_SECONDS} seconden"
        )
    return h2 + f'<p class="pager">{note}</p>' + workshop_view.vote_ranking(results, voters, page)


def _room_questions(view: ProjectorView) -> str:
    """Questions from the room: the top approved ones that fit one screen (most upvoted first, from
    five upvoters; newest first before that), with what is not on screen said below the count."""
    room = view.board
    if room is None:
        return ""
    h2, h2_height = _heading("Stel uw vraag op uw telefoon")
    head = '<p class="stap">Vragen uit de zaal</p>' + h2
    questions = room.questions
    count = (
        f'<p class="stand">{nl_count(len(questions), "vraag", "vragen")} in de lijst · '
        f"{nl_part_of(room.voters, view.participants, ('deelnemer', 'deelnemers'), ('steunde', 'steunden'))} "
        "vragen</p>"
    )
    if not questions:
        return head + count + '<p class="pager">Nog geen vragen in de lijst.</p>'
    votes = [room.count(q) for q in questions]
    # "gesteund", never "stemmen": the room also votes with dots, and the two must not be confused
    suffix = ["" if v is None else f" ({nl_number(v)}× gesteund)" for v in votes]
    texts = [q.text + extra for q, extra in zip(questions, suffix, strict=True)]
    font = 0.9
    room_lines = (MAIN_HEIGHT_U - HEAD_U - h2_height) * SAFETY / (font * 1.25)
    page = screenful.pages(texts, (MAIN_WIDTH_U - 1.3 * font) / font, room_lines, gap=0.3 / 1.25)[0]
    note = "Meeste steun eerst" if room.counted else f"Nieuwste eerst: steun telt vanaf {MIN_N} deelnemers"
    if rest := len(questions) - len(page):
        note += f" · nog {nl_count(rest, 'vraag', 'vragen')} op de telefoons"
    items = "".join(
        f"<li>{literal.html(questions[i].text)}{f'<strong>{suffix[i]}</strong>' if suffix[i] else ''}</li>"
        for i in page
    )
    return head + count + f'<p class="pager">{note}</p><ul class="ws-open">{items}</ul>'


@st.fragment(run_every=1)
def live() -> None:
    # a countdown at zero closes its question, also with no phone open
    workshop.close_expired(store, [chosen.id])
    view = projector_view(store, chosen.id, bank)
    ws = view.workshop
    if view.board is not None:
        main = _room_questions(view)
    elif ws.phase == "voting":
        main = _voting(view)
    elif view.question is not None:
        main = _question(view)
    else:
        main = _ended(view)
    # during a question's results the join box gives way to them (the room has joined by then)
    wide = view.question_results
    st.html(
        f'<div class="pj{" breed" if wide else ""}"><div class="main">'
        f"<h1>{literal.html(ws.title or 'Workshop')}</h1>{main}</div>"
        f"{'' if wide else _join_box(ws)}</div>"
    )


live()

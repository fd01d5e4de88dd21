"""The Dutch upload form of the akkoordcheck: choose or drop a file, see it being sent and read.

Streamlit's st.file_uploader shows English ("Upload", "… per file", "File must be … or smaller", and
English labels for screen readers) that no option of Streamlit 1.67 changes. This form is our own
(st.components.v2: HTML and a small script in the page itself, no iframe): a visually hidden file
input behind a Dutch label that looks like a button, a drop zone, the limits in words, a progress bar
with a spoken status. The file goes to the route in scan/web/agreement_upload.py with a ticket the
page issued after its access check; when the agreement is stored the form asks the page to redraw.
"""

from __future__ import annotations

import streamlit as st

from scan.akkoord import MAX_PAGES, Limits
from scan.formatting import nl_number
from scan.web import agreement_upload

ACCEPT = ".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"

HTML = """
<div class="akk-upload" data-testid="akkoord-upload">
  <div class="akk-zone">
    <input type="file" id="akk-bestand" class="akk-verborgen" accept="{accept}">
    <label for="akk-bestand" class="akk-kies">Bestand kiezen</label>
    <span class="akk-sleep">of sleep het bestand hierheen</span>
    <p class="akk-gekozen" id="akk-gekozen">Nog geen bestand gekozen.</p>
  </div>
  <button type="button" class="akk-lees" id="akk-lees" disabled>Akkoord lezen</button>
  <div class="akk-voortgang" id="akk-voortgang" hidden>
    <progress id="akk-balk" max="100" value="0" aria-labelledby="akk-stap"></progress>
    <p id="akk-stap" class="akk-stap">Voortgang van het lezen</p>
  </div>
  <p id="akk-melding" class="akk-melding" role="status" aria-live="polite"></p>
</div>
"""

CSS = """
.akk-upload { font-family: inherit; color: var(--st-text-color, #1A1A1A); margin: 0.25rem 0 1rem; }
.akk-zone { border: 2px dashed #6B7785; border-radius: 0.5rem; padding: 1rem; background: #F7F9FB; }
.akk-zone.akk-boven { border-color: #0B5394; background: #E8EEF5; }
.akk-verborgen { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.akk-kies, .akk-lees { display: inline-block; min-height: 2.75rem; padding: 0.55rem 1rem; border-radius: 0.5rem;
  font: inherit; font-weight: 600; cursor: pointer; box-sizing: border-box; }
.akk-kies { border: 1px solid #0B5394; color: #0B5394; background: #FFFFFF; }
.akk-verborgen:focus-visible + .akk-kies { outline: 3px solid #0B5394; outline-offset: 2px; }
.akk-sleep { margin-left: 0.75rem; color: #3A4452; }
.akk-gekozen { margin: 0.6rem 0 0; }
.akk-lees { margin-top: 0.75rem; border: 1px solid #0B5394; color: #FFFFFF; background: #0B5394; }
.akk-lees:disabled { background: #C3CAD3; border-color: #C3CAD3; color: #1A1A1A; cursor: not-allowed; }
.akk-lees:focus-visible { outline: 3px solid #1A1A1A; outline-offset: 2px; }
.akk-voortgang progress { width: 100%; height: 1.25rem; margin-top: 0.75rem; accent-color: #0B5394; }
.akk-stap { margin: 0.25rem 0 0; }
.akk-melding { margin: 0.5rem 0 0; }
.akk-melding.akk-fout { color: #8A1C1C; font-weight: 600; }
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.akk-upload');
  if (!root) { return; }
  root.akkData = data;  // the latest ticket and limits; the listeners below are added once
  if (root.dataset.klaar === '1') { return; }
  root.dataset.klaar = '1';
  const $ = (id) => root.querySelector('#' + id);
  const input = $('akk-bestand'), button = $('akk-lees'), chosen = $('akk-gekozen');
  const zone = root.querySelector('.akk-zone'), box = $('akk-voortgang'), bar = $('akk-balk');
  const step = $('akk-stap'), note = $('akk-melding');
  let file = null;
  const mb = (n) => n < 1048576 ? Math.max(1, Math.round(n / 1024)).toLocaleString('nl-NL') + ' kB' : (n / 1048576).toLocaleString('nl-NL', { maximumFractionDigits: 1 }) + ' MB';
  const say = (text, bad) => { note.textContent = text; note.className = 'akk-melding' + (bad ? ' akk-fout' : ''); note.setAttribute('role', bad ? 'alert' : 'status'); };
  const show = (fraction, text) => { box.hidden = false; bar.value = Math.round(100 * fraction); step.textContent = text + ' (' + bar.value + '%)'; };
  const pick = (f) => {
    file = f || null;
    say('', false);
    if (!file) { chosen.textContent = 'Nog geen bestand gekozen.'; button.disabled = true; return; }
    chosen.textContent = 'Gekozen: ' + file.name + ' (' + mb(file.size) + ')';
    button.disabled = false;
  };
  input.addEventListener('change', () => pick(input.files[0]));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('akk-boven'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('akk-boven'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('akk-boven'); pick(e.dataTransfer.files[0]); });
  button.addEventListener('click', () => {
    const d = root.akkData;
    if (!file) { return; }
    if (file.size === 0) { say(file.name + ' is leeg (0 bytes). Kies het bestand opnieuw of plak de tekst.', true); return; }
    if (file.size > d.maxBytes) { say(file.name + ' is te groot (' + mb(file.size) + '). De akkoordcheck leest bestanden tot ' + d.maxSize + '.', true); return; }
    button.disabled = true; input.disabled = true;
    say('', false);
    show(0, 'Versturen');
    const xhr = new XMLHttpRequest();
    let seen = 0, last = null;
    xhr.open('POST', d.url);
    xhr.setRequestHeader('X-Akkoord-Ticket', d.ticket);
    xhr.setRequestHeader('X-Bestandsnaam', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) { show(0.3 * e.loaded / e.total, 'Versturen'); } };
    const lines = () => {
      const text = xhr.responseText;
      let end;
      while ((end = text.indexOf('\\n', seen)) >= 0) {
        const line = text.slice(seen, end); seen = end + 1;
        if (!line.trim()) { continue; }
        try { last = JSON.parse(line); } catch (err) { continue; }
        if (typeof last.deel === 'number') { show(0.3 + 0.7 * last.deel, last.tekst); }
      }
    };
    const done = (message) => { button.disabled = false; input.disabled = false; box.hidden = true; say(message, true); };
    xhr.onprogress = lines;
    xhr.onload = () => {
      lines();
      if (last && last.klaar) {
        show(1, 'Klaar');
        say('Het akkoord is gelezen. De uitkomst staat hieronder.', false);
        setTriggerValue('gelezen', last.klaar);
      } else {
        done((last && last.fout) || 'Het lezen lukte niet. Probeer het nog eens, of plak de tekst van het akkoord.');
      }
    };
    xhr.onerror = () => done('Het versturen lukte niet. Controleer de verbinding en probeer het nog eens.');
    xhr.send(file);
  });
}
"""

_COMPONENT = None


def _component():
    global _COMPONENT
    if _COMPONENT is None:  # registered once per process (a second registration only logs a warning)
        _COMPONENT = st.components.v2.component(
            "democratiescan.akkoord_upload",
            html=HTML.replace("{accept}", ACCEPT),
            css=CSS,
            js=JS,
            isolate_styles=False,
        )
    return _COMPONENT


def limits_text() -> str:
    """The limits in words, shown beside the form."""
    limits = Limits.default()
    return (
        f"PDF, Word (.docx) of tekst (.txt); hoogstens {nl_number(MAX_PAGES)} pagina's en "
        f"{limits.size_text}. Een gescande PDF zonder tekst, een oud Word-bestand (.doc) of een bestand "
        "met een wachtwoord kan de app niet lezen."
    )


def upload_form(round_id: int, db: str, key: str) -> bool:
    """Draw the form; True in the run right after an agreement was stored."""
    ticket_key = f"{key}_ticket"
    ticket = st.session_state.get(ticket_key)
    if not ticket or not agreement_upload.valid(ticket, round_id):
        ticket = st.session_state[ticket_key] = agreement_upload.issue(round_id, db)
    limits = Limits.default()
    result = _component()(
        data={
            "ticket": ticket,
            "url": agreement_upload.PATH,
            "maxBytes": limits.max_bytes,
            "maxSize": limits.size_text,
        },
        key=key,
        on_gelezen_change=lambda: None,
    )
    return bool(getattr(result, "gelezen", None))

"""Streamlit's own words in Dutch, and tap targets of at least 44 px on phones: one piece of CSS and
a small script in the app's HTML page (added by scan/ui/html_lang.py), so it holds on every page and
in every mode (griffier, respondent, presentation, projector) before the first script run.

Streamlit has no translations of its own (1.67 has no locale or language option: its English is
written into the frontend bundle, streamlit/static). Its built-in English (the skip link, "Press Enter to
apply" under text fields, "No results" in a list, "Running..." and "Stop", labels for screen readers
such as "Help for …", "Collapse sidebar", "Copy to clipboard") is replaced where it appears: exact
texts and a few patterns, in text and in the attributes aria-label, title and placeholder. Text that
people type or that the app writes is never touched: Markdown, HTML, code blocks, charts and form
fields are skipped.

A workaround that an upgrade can break silently (Streamlit rewords a text, and it shows in English
again): tests/test_dutch.py checks that every text and pattern here still comes from the installed
bundle, and fails naming the ones that no longer do.
"""

from __future__ import annotations

import json

from babel.dates import get_month_names

from scan.ui import dutch_outage as outage

# Exact texts (text nodes and attribute values) -> Dutch.
TEXTS: dict[str, str] = {
    "Skip to main content": "Direct naar de inhoud",
    "No results": "Geen resultaten",
    "Press Enter to apply": "Druk op Enter om op te slaan",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press Ctrl+Enter to apply": "Druk op Ctrl+Enter om op te slaan",
    "Press ⌘+Enter to apply": "Druk op ⌘+Enter om op te slaan",
    "Press Ctrl+Enter to submit form": "Druk op Ctrl+Enter om te versturen",
    "Press ⌘+Enter to submit form": "Druk op ⌘+Enter om te versturen",
    "Choose an option": "Kies een optie",
    "Choose options": "Kies een of meer opties",
    "No options to select": "Geen opties",
    "Running...": "Bezig…",
    "Stopping...": "Stoppen…",
    "Stop": "Stoppen",
    "Rerun": "Opnieuw",
    "Connecting": "Verbinden…",
    "Please wait...": "Even geduld…",
    "Connection error": "Geen verbinding",
    "Page not found": "Pagina niet gevonden",
    "Collapse sidebar": "Menu inklappen",
    "Expand sidebar": "Menu uitklappen",
    "Sidebar": "Menu",
    "App pages": "Pagina's",
    "Main menu": "Hoofdmenu",
    "Link to heading": "Link naar deze kop",
    "Open": "Openen",
    "Close": "Sluiten",
    "Clear all": "Alles wissen",
    "Clear value": "Wissen",
    "Selectbox options": "Keuzes",
    "Selected values": "Gekozen",
    "Increment": "Hoger",
    "Decrement": "Lager",
    "Show password": "Wachtwoord tonen",
    "Hide password": "Wachtwoord verbergen",
    "Copy to clipboard": "Kopiëren",
    "Copied": "Gekopieerd",
    "Fullscreen": "Volledig scherm",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Close fullscreen": "Volledig scherm sluiten",
    "Notifications": "Meldingen",
    "Dismiss": "Sluiten",
    # the file uploader (Akkoord page)
    "Drag and drop a file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop directories here": "Sleep mappen hierheen",
    "Upload": "Bestand kiezen",
    "Upload directories": "Map kiezen",
    "Add files": "Bestanden toevoegen",
    "Delete": "Verwijderen",
    "Error uploading file": "Het versturen van het bestand lukte niet",
    "file upload": "Bestand kiezen",
    "add icon": "Toevoegen",
    "Error:": "Fout:",
    # the date field (Deelnemers: the closing date; the agenda's follow-up): its calendar and, for
    # screen readers, an empty part of the date; "yyyy" is the year's placeholder in the field
    "Choose date": "Datum kiezen",
    "Clear date": "Datum wissen",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Kies een dag met de pijltjestoetsen. Enter kiest de dag, Escape sluit de kalender."
    ),
    "Previous month": "Vorige maand",
    "Next month": "Volgende maand",
    "Empty": "Leeg",
    "yyyy": "jjjj",
}
TEXTS |= outage.TEXTS  # the outage dialog's body (scan/ui/dutch_outage.py)
# A date field's month for screen readers ("12 – December"): the browser names it in English.
MONTHS = {
    english: get_month_names("wide", locale="nl")[number]
    for number, english in get_month_names("wide", locale="en").items()
}
# Patterns (JavaScript regular expressions, matched on the whole trimmed text) -> Dutch.
PATTERNS: list[tuple[str, str]] = [
    (r"^Help for (.+)$", "Uitleg bij $1"),
    # the date field's parts and calendar, named for screen readers in the field's fixed English locale
    (r"^day, (.+)$", "dag, $1"),
    (r"^month, (.+)$", "maand, $1"),
    (r"^year, (.+)$", "jaar, $1"),
    (r"^Choose date, (.+)$", "Datum kiezen, $1"),
    *[(rf"^(\d{{1,2}}) – {english}$", f"$1 – {dutch}") for english, dutch in MONTHS.items()],
    (r"^Remove (.+)$", "$1 verwijderen"),
    # the file uploader's limit ("50MB per file", "Limit 200MB per file") and its refusals
    (r"^(?:Limit )?(\d+(?:\.\d+)?)\s*([KMG]?B) per file$", "Hoogstens $1 $2 per bestand"),
    (
        r"^File is too large\. Maximum size is \d+ bytes\.$",
        "Dit bestand is te groot. Kies een kleiner bestand of plak de tekst.",
    ),
    (
        r"^File must be .+ or smaller\.$",
        "Dit bestand is te groot. Kies een kleiner bestand of plak de tekst.",
    ),
    (r"^.* files are not allowed\.$", "Dit soort bestand kan de app niet lezen."),
    # a number field outside its range (after "Error: ", its own text node or the same one)
    (
        r"^(?:Error: )?Number is outside the allowed range\. Please enter a value between (.+) and (.+)\.$",
        "Dit getal kan niet: kies een getal van $1 tot en met $2.",
    ),
    (
        r"^(?:Error: )?Number is below the allowed range\. Please enter a value greater than or equal to (.+)\.$",
        "Dit getal is te laag: kies $1 of hoger.",
    ),
    (
        r"^(?:Error: )?Number is above the allowed range\. Please enter a value less than or equal to (.+)\.$",
        "Dit getal is te hoog: kies $1 of lager.",
    ),
    (r"^(?:Error: )?Number is below the allowed range\.$", "Dit getal is te laag."),
    (r"^(?:Error: )?Number is above the allowed range\.$", "Dit getal is te hoog."),
    # a chosen file's size ("148.0KB") and its label for screen readers ("akkoord.pdf, 148.0KB")
    (r"^(\d+)\.(\d+)\s?([KMG]?B)$", "$1,$2 $3"),
    (r"^(.+), (\d+)\.(\d+)\s?([KMG]?B)$", "$1, $2,$3 $4"),
    (
        r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
        r"Running the app's main page\.$",
        "De pagina /$1 bestaat niet. U ziet de startpagina.",
    ),
    (
        r"^The page that you have requested does not seem to exist\. Running the app's main page\.$",
        "Deze pagina bestaat niet. U ziet de startpagina.",
    ),
]
# Never translated: what the app or a user wrote.
SKIP = (
    '[data-testid="stMarkdownContainer"], [data-testid="stText"], [data-testid="stCode"] pre, '
    '[data-testid="stHtml"], .stHtml, .js-plotly-plot, textarea, input, [contenteditable]'
)
# Streamlit's own words inside a skipped element: the file uploader's button label is Markdown; an
# empty part of a date field ("yyyy") is an editable element.
ALLOW = '[data-testid="stFileUploaderDropzone"] button, [data-testid="stDateInputField"] [data-placeholder="true"]'
ATTRIBUTES = ("aria-label", "title", "placeholder", "aria-valuetext")

CSS = """
/* Phones: every tap target at least 44 px high (WCAG 2.5.5), answer options as whole-width blocks.
   !important: Streamlit's own styles come later in the page and would win otherwise. */
@media (max-width: 640px) {
  .stElementContainer:has(> [data-testid="stRadio"]), [data-testid="stRadio"], [data-testid="stRadioGroup"],
  [data-testid="stRadioGroup"] > div { width: 100% !important; }
  [data-testid="stRadioOption"] {
    display: flex !important; min-height: 44px !important; width: 100% !important; box-sizing: border-box !important;
    align-items: center !important; padding: 0.35rem 0.6rem !important; margin: 0 0 0.5rem 0 !important;
    border: 1px solid #6b7580 !important; border-radius: 8px !important;
  }
  [data-testid="stCheckbox"] label { min-height: 44px !important; align-items: center !important; }
  [data-testid="stTextInputRootElement"], [data-testid="stNumberInputContainer"] {
    height: auto !important; min-height: 44px !important;
  }
  [data-testid="stTextInputRootElement"] input, [data-testid="stNumberInputContainer"] input {
    min-height: 44px !important; box-sizing: border-box !important;
  }
  .stButton button, .stDownloadButton button, .stFormSubmitButton button, .stLinkButton a,
  [data-testid="stPageLink"] a, [data-testid="stExpander"] summary { min-height: 44px !important; }
  /* a list to choose from and the file uploader's button */
  [data-testid="stSelectbox"] [role="group"], [data-testid="stSelectbox"] [role="combobox"],
  [data-testid="stSelectbox"] [role="group"] button { min-height: 44px !important; box-sizing: border-box !important; }
  [data-testid="stFileUploaderDropzone"] button { min-height: 44px !important; }
  /* the link beside a heading shows on hover only: no tap target on a phone */
  [data-testid="stHeaderActionElements"] { display: none !important; }
  /* a table fits the screen: smaller type and padding, and only a word longer than its column breaks; the
     page never pans sideways, and no scrolling box without a keyboard stop (axe: scrollable-region-focusable) */
  [data-testid="stMarkdownContainer"] table { max-width: 100% !important; font-size: 0.85rem !important; }
  [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {
    padding: 0.3rem 0.35rem !important; overflow-wrap: anywhere !important;
  }
}
"""


def _script() -> str:
    texts = json.dumps(TEXTS, ensure_ascii=False)
    patterns = json.dumps(PATTERNS, ensure_ascii=False)
    return f"""(function () {{
  var T = {texts}, P = {patterns}.map(function (p) {{ return [new RegExp(p[0]), p[1]]; }});
  var SKIP = {json.dumps(SKIP)}, ALLOW = {json.dumps(ALLOW)}, A = {json.dumps(list(ATTRIBUTES))};
  function tr(v) {{
    var t = (v || "").trim();
    if (!t) return null;
    if (Object.prototype.hasOwnProperty.call(T, t)) return v.replace(t, T[t]);
    for (var i = 0; i < P.length; i++) if (P[i][0].test(t)) return t.replace(P[i][0], P[i][1]);
    return null;
  }}
  function attrs(el) {{
    for (var i = 0; i < A.length; i++) {{
      var v = el.getAttribute(A[i]);
      if (v) {{ var n = tr(v); if (n !== null && n !== v) el.setAttribute(A[i], n); }}
    }}
  }}
  function text(node) {{
    var p = node.parentElement;
    if (!p || (p.closest(SKIP) && !p.closest(ALLOW))) return;
    var n = tr(node.nodeValue);
    if (n !== null && n !== node.nodeValue) node.nodeValue = n;
  }}
  function walk(root) {{
    if (root.nodeType === 3) return text(root);
    if (root.nodeType !== 1) return;
    attrs(root);
    root.querySelectorAll("[aria-label],[title],[placeholder],[aria-valuetext]").forEach(attrs);
    var w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), n;
    while ((n = w.nextNode())) text(n);
  }}
  new MutationObserver(function (ms) {{
    ms.forEach(function (m) {{
      if (m.type === "childList") m.addedNodes.forEach(walk);
      else if (m.type === "characterData") text(m.target);
      else attrs(m.target);
    }});
  }}).observe(document.documentElement, {{
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: A
  }});
  if (document.body) walk(document.body);
  else document.addEventListener("DOMContentLoaded", function () {{ walk(document.body); }});
}})();"""


def head_snippet() -> bytes:
    """The <style> and <script> for the app page's <head>."""
    return f"<style>{CSS}</style><script>{_script()}</script>".encode()

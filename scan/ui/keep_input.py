"""What a user typed or chose is not lost by a key or a reload: a small script in the app's HTML page
(added by scan/ui/html_lang.py beside scan/ui/dutch.py's), so it holds on every page.

- Esc in a list to choose from (a selectbox, such as the municipality box on the start page) closes
  the list and keeps the choice; Streamlit's list clears the chosen value on Esc.
- A text area being typed in (a comment in the questionnaire) is saved when it loses focus: leaving or
  reloading the page before that asks first (the browser's own "leave this page?" question).
"""

from __future__ import annotations

SCRIPT = """(function () {
  var BOX = '[data-testid="stSelectbox"]';
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !e.target || !e.target.closest || !e.target.closest(BOX)) return;
    e.stopPropagation();
    e.preventDefault();
    var input = e.target;
    input.blur();  // closes the list without touching the chosen value
    setTimeout(function () { input.focus({ preventScroll: true }); }, 0);
  }, true);
  var typing = new Set();
  document.addEventListener("input", function (e) {
    if (e.target && e.target.tagName === "TEXTAREA") typing.add(e.target);
  }, true);
  function saved(e) { typing.delete(e.target); }
  document.addEventListener("blur", saved, true);  // Streamlit sends a text area's value on blur
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) saved(e);  // ... and on Ctrl+Enter
  }, true);
  window.addEventListener("beforeunload", function (e) {
    var unsaved = false;
    typing.forEach(function (t) { if (document.contains(t)) unsaved = true; });
    if (unsaved) { e.preventDefault(); e.returnValue = ""; }
  });
})();"""


def head_snippet() -> bytes:
    """The <script> for the app page's <head>."""
    return f"<script>{SCRIPT}</script>".encode()

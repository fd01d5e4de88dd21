"""Streamlit's built-in English, as it appears on a screen or is read out by a screen reader.

``english(page)`` returns what a page still shows of it: in its visible text, and in the
attributes a screen reader reads (aria-label, title, placeholder, aria-valuetext). Used by every browser test
that checks a page is Dutch only.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page

# Whole words or phrases in the visible text (frontend, widgets, dialogs).
TEXT = [
    "Skip to main content",
    "Choose an option",
    "Choose options",
    "Select all",
    "You can only select up to",
    "No results",
    "No options to select",
    "Press Enter to apply",
    "Press Enter to submit form",
    "Press Ctrl+Enter to apply",
    "Press Ctrl+Enter to submit form",
    "Page not found",
    "You have requested page",
    "Running",
    "Rerun",
    "Deploy",
    "Made with Streamlit",
    "Settings",
    "Clear cache",
    "Print",
    "Record a screencast",
    "Connecting",
    "Please wait",
    "Oh no",
    "Error running app",
    "Connection error",
    "is not responding",
    "Are you connected",
    "Is Streamlit still running",
    "View fullscreen",
    "Download as CSV",
    "Search",
    "Loading",
    "Drag and drop",
    "Browse files",
    "Upload",
    "Upload directories",
    "Add files",
    "per file",
    "files are not allowed",
    "File is too large",
    "File must be",
    "Error uploading file",
    "Error",
    "Number is outside the allowed range",
    "Number is below the allowed range",
    "Number is above the allowed range",
    "Please enter a value",
    "Delete",
    "Show password",
    "Close",
    "Cancel",
    "Submit",
    "Stop",
    "Copied",
    "yyyy",  # the date field's empty year
    "Use arrow keys",  # the date field's calendar
]
# Whole attribute values (or their start) that Streamlit writes in English.
ATTRIBUTE = re.compile(
    r"^(Skip to main content|Link to heading|Collapse sidebar|Expand sidebar|Sidebar|App pages|Main menu|"
    r"Open|Close|Clear all|Clear value|Selectbox options|Selected values|Increment|Decrement|"
    r"Show password|Hide password|Copy to clipboard|Copied|Fullscreen|Exit fullscreen|Close fullscreen|"
    r"Notifications|Running\.\.\.|Stop script|Dismiss|Choose an option|Choose options|"
    r"Delete|Upload|file upload|Help for .*|Remove .*|"
    # the date field: its button and calendar, its parts and an empty part, a month (aria-valuetext)
    r"Choose date.*|Clear date|(day|month|year), .*|Empty|Previous month|Next month|\d{1,2} – [A-Z][a-z]+)$"
)
_JS = """() => {
  const attrs = [];
  const names = ['aria-label', 'title', 'placeholder', 'aria-valuetext'];
  for (const e of document.querySelectorAll(names.map(a => '[' + a + ']').join(',')))
    for (const a of names) { const v = e.getAttribute(a); if (v) attrs.push(v.trim()); }
  return {text: document.body.innerText, attrs};
}"""


def english(page: Page) -> list[str]:
    found = page.evaluate(_JS)
    words = [s for s in TEXT if re.search(rf"\b{re.escape(s)}\b", found["text"])]
    return words + sorted({a for a in found["attrs"] if ATTRIBUTE.match(a)})

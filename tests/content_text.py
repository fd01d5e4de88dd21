"""Text tools for the content tests: overlap with the source documents, and sentence length.

Overlap is measured on a letters-and-digits-only stream: case, accents, punctuation, spaces and line
breaks are dropped, so a word the PDF split over two lines ("onderwijsinstel / lingen") or hyphenated
("wijk/dorps-agenda") still matches its whole form in our text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

SEEDS_DIR = Path(__file__).resolve().parent / "data" / "seeds"
RUN = 8  # this many words in a row shared with a source document is copying
MAX_SENTENCE_WORDS = 25  # B1 aims at 20 or fewer; longer than this fails

# Names we may quote as they are: they are titles, not sentences. Keep this list short and say why.
TITLE_EXCEPTIONS: tuple[str, ...] = (
    # the pamphlet's own title, in the `source:` line of the catalogue files
    "Democratisch pamflet: Mee(r) doen met lokale democratie",
    # the title of tip 6, cited as the name of the tip
    "Geef de rol van de gemeenteraad extra aandacht",
    # report and guide titles named as sources
    "Eerste Hulp bij Online Participatie",
    "Handvatten voor een breed gemeentelijk mediabeleid",
    "Nederland op weg naar burgerbegroting",
    "Het Gronings model voor wijk- en dorpsdemocratie",
    "Vitalisering democratie in Den Haag",
    "Centrum voor Budgetmonitoring en Burgerparticipatie",
)

URL = re.compile(r"https?://\S+|\b[\w.-]+\.(?:nl|com|org|scot)(?:/\S*)?")
WORD = re.compile(r"[^\W_]+")  # letters and digits, any script


def fold(text: str) -> str:
    """Lower case without accents: 'Geïnvesteerd' -> 'geinvesteerd'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def seed_stream(text: str) -> str:
    """A source document as one string of letters and digits, without spaces or breaks."""
    return "".join(words(text))


def load_seeds(directory: Path = SEEDS_DIR) -> dict[str, str]:
    return {p.name: seed_stream(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.txt"))}


def _segments(text: str) -> Iterator[str]:
    """The text cut at links and at excepted titles: a run of words never spans one of those."""
    cut = URL.sub("\n\x00\n", text)
    for title in TITLE_EXCEPTIONS:
        cut = re.sub(re.escape(title), "\n\x00\n", cut, flags=re.IGNORECASE)
    yield from cut.split("\x00")


@dataclass(frozen=True)
class Overlap:
    seed: str
    words: str


def overlaps(text: str, seeds: dict[str, str], run: int = RUN) -> list[Overlap]:
    """Every run of ``run`` words in ``text`` that also stands in a source document."""
    found: list[Overlap] = []
    for segment in _segments(text):
        tokens = words(segment)
        for i in range(len(tokens) - run + 1):
            window = tokens[i : i + run]
            joined = "".join(window)
            for name, stream in seeds.items():
                if joined in stream:
                    found.append(Overlap(name, " ".join(window)))
    return found


def merged(found: list[Overlap]) -> list[str]:
    """Overlapping windows of one passage, reported once each."""
    return sorted({f"{o.seed}: …{o.words}…" for o in found})


# --- sentences ---------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(" ".join(text.split())) if s]


def word_count(sentence: str) -> int:
    return sum(1 for token in sentence.split() if WORD.search(token))


def prose_fields(directory: Path) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) for every reader-facing text in the content files."""
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "priority" in data:
            yield path.name, "priority.description", data["priority"]["description"]
            for q in data["questions"]:
                yield path.name, f"{q['id']}.statement", q["statement"]
                yield path.name, f"{q['id']}.help", q["help"]
                for level, text in (q.get("levels") or {}).items():
                    yield path.name, f"{q['id']}.levels.{level}", text
        for p in data.get("proposals", []):
            for key in ("summary", "agreement_text", "reading_note"):
                if p.get(key):
                    yield path.name, f"{p['id']}.{key}", p[key]
            for j, e in enumerate(p.get("examples", [])):
                if e.get("note"):
                    yield path.name, f"{p['id']}.examples[{j}].note", e["note"]
        for t in data.get("tips", []):
            yield path.name, f"tip {t['id']}.summary", t["summary"]
            for j, idea in enumerate(t.get("ideas", [])):
                yield path.name, f"tip {t['id']}.ideas[{j}]", idea
            for j, e in enumerate(t.get("examples", [])):
                if e.get("note"):
                    yield path.name, f"tip {t['id']}.examples[{j}].note", e["note"]
        for term in data.get("terms", []):
            yield path.name, f"{term['term']}.explanation", term["explanation"]

"""The real-text corpus of the akkoordcheck (tests/akkoord/corpus/*.yaml): load, label, split.

Each source is one public web page (a party's municipal election programme, a municipality's page
on its agreement, a local news item quoting one), with its municipality and year; its passages carry
the proposals they promise (``labels``) and the priorities they serve without a proposal
(``themes``). The labelling guide is corpus/README.md.

Split: by municipality, never by passage, so no municipality is in both. A municipality is in the
test split when a hash of its CBS code falls in the last third; the rule depends on the code only,
so adding sources never moves a municipality from one split to the other.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = Path(__file__).with_name("corpus")
# A third person's decisions where the first and a blind second labeller differed
# (tools/second_labels.py); applied over the first labels unless asked not to.
ADJUDICATED = CORPUS_DIR / "adjudication" / "decisions.yaml"
MUNICIPALITIES = ROOT / "benchmarks" / "gemeenten_2025.csv"
REGISTERS = ("agreement", "programme", "news")
SPLITS = ("development", "test")

# Kept out of the corpus in every form: reserved for an independent evaluation (issue 24).
RESERVED_NAMES = frozenset(
    {
        "Rotterdam",
        "Amsterdam",
        "'s-Gravenhage",
        "Utrecht",
        "Arnhem",
        "Apeldoorn",
        "Alphen aan den Rijn",
        "Geertruidenberg",
        "Alblasserdam",
        "Kaag en Braassem",
        "Stadskanaal",
        "Zwartewaterland",
        "Huizen",
        "Weert",
        "Waalwijk",
        "Zevenaar",
        "Westerkwartier",
        "Hellendoorn",
        "Voorschoten",
        "Alkmaar",
    }
)
RESERVED_SOURCES = ("g40-coalitieakkoorden-stadslogistiek",)
ALIASES = {"Den Haag": "'s-Gravenhage"}


@dataclass(frozen=True)
class CorpusPassage:
    id: str
    text: str
    labels: tuple[str, ...]  # proposals it promises
    themes: tuple[int, ...]  # priorities it serves without one of their proposals
    trap: bool  # a hard negative: a word of the list in another sense
    municipality: str
    code: str
    year: int
    register: str
    source: str
    chapter: str = ""  # the source's subject when it is one chapter (e.g. "mobiliteit")

    @property
    def priorities(self) -> frozenset[int]:
        return frozenset({int(pid[0]) for pid in self.labels} | set(self.themes))

    @property
    def positive(self) -> bool:
        return bool(self.priorities)

    @property
    def split(self) -> str:
        return split_of(self.code)


@cache
def municipality_codes() -> dict[str, str]:
    with MUNICIPALITIES.open(encoding="utf-8") as handle:
        return {row["gemeente_naam"]: row["gm_code"] for row in csv.DictReader(handle)}


def code_of(name: str) -> str:
    codes = municipality_codes()
    name = ALIASES.get(name, name)
    if name not in codes:
        raise ValueError(f"unknown municipality in the corpus: {name!r}")
    return codes[name]


def is_reserved(name: str, code: str, source: str) -> bool:
    return (
        ALIASES.get(name, name) in RESERVED_NAMES
        or code.endswith("7")
        or any(marker in source for marker in RESERVED_SOURCES)
    )


def text_sha(text: str) -> str:
    """A passage's fingerprint in a label file: a label never moves silently to a changed text."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def split_of(code: str) -> str:
    digest = hashlib.sha256(code.encode()).digest()
    return "test" if digest[0] % 3 == 0 else "development"


@cache
def load_corpus(directory: Path = CORPUS_DIR, adjudicated: bool = True) -> tuple[CorpusPassage, ...]:
    passages = _first_labels(directory)
    decisions_file = directory / ADJUDICATED.relative_to(CORPUS_DIR)
    if not adjudicated or not decisions_file.is_file():
        return passages
    decisions = yaml.safe_load(decisions_file.read_text("utf-8"))
    by_id = {d["id"]: d for d in decisions or ()}
    unknown = set(by_id) - {p.id for p in passages}
    if unknown:
        raise ValueError(f"adjudicated passages not in the corpus: {sorted(unknown)}")
    out: list[CorpusPassage] = []
    for p in passages:
        d = by_id.get(p.id)
        if d is None:
            out.append(p)
            continue
        if d["sha"] != text_sha(p.text):
            raise ValueError(f"{p.id}: the adjudicated passage's text changed since the decision")
        out.append(
            dataclasses.replace(
                p,
                labels=tuple(d.get("labels") or ()),
                themes=tuple(int(x) for x in d.get("themes") or ()),
                trap=bool(d.get("trap", False)),
            )
        )
    return tuple(out)


def _first_labels(directory: Path) -> tuple[CorpusPassage, ...]:
    passages: list[CorpusPassage] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for s, source in enumerate(data["sources"]):
            name = source["municipality"]
            code = code_of(name)
            for p, item in enumerate(source["passages"]):
                passages.append(
                    CorpusPassage(
                        id=f"{path.stem}-{s}-{p}",
                        text=" ".join(str(item["text"]).split()),
                        labels=tuple(item.get("labels", ())),
                        themes=tuple(int(x) for x in item.get("themes", ())),
                        trap=bool(item.get("trap", False)),
                        municipality=name,
                        code=code,
                        year=int(source["year"]),
                        register=source["register"],
                        source=source["url"],
                        chapter=source.get("chapter", ""),
                    )
                )
    return tuple(passages)


def split(name: str) -> list[CorpusPassage]:
    return [p for p in load_corpus() if p.split == name]


# --- the pamphlet's own text suggestions: a public check, never training material -------------------

SEED = ROOT / "tests" / "data" / "seeds" / "002_ca677ce21c904979.txt"


def pamphlet_suggestions() -> list[tuple[int, str]]:
    """The eight quoted "tekstsuggesties" of the pamphlet, priority 1 to 8, in its own order."""
    import re

    text = SEED.read_text(encoding="utf-8")
    quotes = [" ".join(q.split()) for q in re.findall(r"“([^”]{200,})”", text)]
    if len(quotes) != 8:
        raise ValueError(f"expected the pamphlet's 8 text suggestions, found {len(quotes)}")
    return list(enumerate(quotes, start=1))

"""A second, blind labelling of the akkoordcheck's real-text corpus, and how far two labellers agree.

Each batch of tests/akkoord/corpus/ was labelled by one person. How noisy those labels are bounds
what any check can score against them: if two careful labellers following the same guide agree at
F1 0,8, a check at F1 0,9 would be fitting one labeller's habits. This script

- ``export DIR``: writes the passages without their labels, in chunks per split, for a second
  labeller who never sees the first labels;
- ``check FILE``: checks a second labeller's file (every id once, known proposals, priorities 1-8);
- ``agreement``: compares the two labellings per split and register (priority level: F1 of the
  second against the first, Cohen's kappa per priority; proposal level: F1);
- ``disagreements DIR``: writes the passages where the two differ, with both labellings as A and B in
  a random order (the adjudicator does not know which came first) and the neighbouring passages of
  the same page, for a third person who decides by the guide. Their decisions go into
  tests/akkoord/corpus/adjudicated.yaml (same form as a second labeller's file), which the corpus
  loader applies over the first labels.

Second labels live in tests/akkoord/corpus/second/*.yaml as a list of
``{id, sha, labels, themes, trap}``; ``sha`` is the start of the passage text's SHA-256, so a label
can never silently move to another passage when a batch file changes.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scan.content.questionbank import PAMPHLET_PROPOSALS  # noqa: E402
from tests.akkoord.corpus import CORPUS_DIR, SPLITS, CorpusPassage, load_corpus, text_sha  # noqa: E402

SECOND_DIR = CORPUS_DIR / "second"
PRIORITIES = range(1, 9)


@dataclass(frozen=True)
class SecondLabel:
    id: str
    sha: str
    labels: tuple[str, ...]
    themes: tuple[int, ...]
    trap: bool

    @property
    def priorities(self) -> frozenset[int]:
        return frozenset({int(pid[0]) for pid in self.labels} | set(self.themes))


class LabelFileError(ValueError):
    pass


def parse_file(path: Path, known: dict[str, CorpusPassage]) -> list[SecondLabel]:
    """One second labeller's file, checked against the corpus; raises LabelFileError naming the id."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise LabelFileError(f"{path.name}: expected a list of labelled passages")
    out: list[SecondLabel] = []
    for item in data:
        pid = item.get("id") if isinstance(item, dict) else None
        if pid not in known:
            raise LabelFileError(f"{path.name}: unknown passage id {pid!r}")
        extra = set(item) - {"id", "sha", "labels", "themes", "trap", "note"}
        if extra:
            raise LabelFileError(f"{path.name}: {pid}: unknown fields {sorted(extra)}")
        if item.get("sha") != text_sha(known[pid].text):
            raise LabelFileError(f"{path.name}: {pid}: sha does not match the passage text")
        labels = tuple(item.get("labels") or ())
        themes = tuple(int(t) for t in item.get("themes") or ())
        if any(label not in PAMPHLET_PROPOSALS for label in labels):
            raise LabelFileError(f"{path.name}: {pid}: unknown proposal in {labels}")
        if any(t not in PRIORITIES for t in themes):
            raise LabelFileError(f"{path.name}: {pid}: a theme outside 1-8 in {themes}")
        out.append(SecondLabel(pid, item["sha"], labels, themes, bool(item.get("trap", False))))
    ids = [label.id for label in out]
    if len(ids) != len(set(ids)):
        raise LabelFileError(f"{path.name}: a passage is labelled twice")
    return out


def load_second(directory: Path = SECOND_DIR) -> dict[str, SecondLabel]:
    known = {p.id: p for p in load_corpus()}
    labels: dict[str, SecondLabel] = {}
    for path in sorted(directory.glob("*.yaml")):
        for label in parse_file(path, known):
            if label.id in labels:
                raise LabelFileError(f"{path.name}: {label.id} is also in another file")
            labels[label.id] = label
    return labels


# --- export -------------------------------------------------------------------------------------


def export(directory: Path, chunk_size: int) -> None:
    """Blind chunks: per split, whole sources kept together (a labeller reads a passage in its page)."""
    directory.mkdir(parents=True, exist_ok=True)
    for split_name in SPLITS:
        passages = [p for p in load_corpus() if p.split == split_name]
        chunks: list[list[CorpusPassage]] = [[]]
        for p in passages:
            new_source = not chunks[-1] or chunks[-1][-1].source != p.source
            if len(chunks[-1]) >= chunk_size and new_source:
                chunks.append([])
            chunks[-1].append(p)
        for n, chunk in enumerate(chunks, start=1):
            items = [
                {
                    "id": p.id,
                    "sha": text_sha(p.text),
                    "municipality": p.municipality,
                    "year": p.year,
                    "register": p.register,
                    "source": p.source,
                    "text": p.text,
                }
                for p in chunk
            ]
            path = directory / f"{split_name}-{n:02d}.yaml"
            path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100))
            print(f"{path}: {len(items)} passages")


def export_disagreements(directory: Path, chunks: int, seed: int = 24) -> None:
    rng = random.Random(seed)
    corpus = load_corpus(adjudicated=False)
    second = load_second()
    by_source: dict[str, list[CorpusPassage]] = {}
    for p in corpus:
        by_source.setdefault(p.source + p.municipality, []).append(p)
    items: list[dict[str, object]] = []
    for p in corpus:
        s = second.get(p.id)
        if s is None or (set(p.labels) == set(s.labels) and p.priorities == s.priorities):
            continue
        first = {"labels": list(p.labels), "themes": list(p.themes), "trap": p.trap}
        other = {"labels": list(s.labels), "themes": list(s.themes), "trap": s.trap}
        a, b = (first, other) if rng.random() < 0.5 else (other, first)
        page = by_source[p.source + p.municipality]
        at = page.index(p)
        items.append(
            {
                "id": p.id,
                "sha": text_sha(p.text),
                "split": p.split,
                "municipality": p.municipality,
                "register": p.register,
                "source": p.source,
                "before": page[at - 1].text if at else "",
                "text": p.text,
                "after": page[at + 1].text if at + 1 < len(page) else "",
                "A": a,
                "B": b,
            }
        )
    directory.mkdir(parents=True, exist_ok=True)
    for split_name in SPLITS:
        part = [item for item in items if item["split"] == split_name]
        size = -(-len(part) // chunks)
        for n in range(chunks):
            chunk = part[n * size : (n + 1) * size]
            path = directory / f"adjudicate-{split_name}-{n + 1}.yaml"
            path.write_text(yaml.safe_dump(chunk, allow_unicode=True, sort_keys=False, width=100))
            print(f"{path}: {len(chunk)} passages")


# --- agreement ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    n: int
    both: int  # (passage, priority) pairs both labellers gave
    first_only: int
    second_only: int
    proposals_both: int
    proposals_first_only: int
    proposals_second_only: int
    kappa: dict[int, float]

    @property
    def f1(self) -> float:
        return _f1(self.both, self.first_only, self.second_only)

    @property
    def proposal_f1(self) -> float:
        return _f1(self.proposals_both, self.proposals_first_only, self.proposals_second_only)

    @property
    def precision(self) -> float:
        """The second labeller's precision against the first (as if the second were the check)."""
        return self.both / (self.both + self.second_only) if self.both + self.second_only else 0.0

    @property
    def recall(self) -> float:
        return self.both / (self.both + self.first_only) if self.both + self.first_only else 0.0


def _f1(both: int, a_only: int, b_only: int) -> float:
    return 2 * both / (2 * both + a_only + b_only) if both else 0.0


def cohen_kappa(pairs: Sequence[tuple[bool, bool]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    pa = sum(a for a, _ in pairs) / n
    pb = sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(passages: Iterable[CorpusPassage], second: dict[str, SecondLabel]) -> Agreement | None:
    rows = [(p, second[p.id]) for p in passages if p.id in second]
    if not rows:
        return None
    both = first_only = second_only = 0
    pb = pf = ps = 0
    for p, s in rows:
        a, b = p.priorities, s.priorities
        both += len(a & b)
        first_only += len(a - b)
        second_only += len(b - a)
        la, lb = set(p.labels), set(s.labels)
        pb += len(la & lb)
        pf += len(la - lb)
        ps += len(lb - la)
    kappa = {k: cohen_kappa([(k in p.priorities, k in s.priorities) for p, s in rows]) for k in PRIORITIES}
    return Agreement(len(rows), both, first_only, second_only, pb, pf, ps, kappa)


def report(second: dict[str, SecondLabel]) -> list[str]:
    lines: list[str] = []
    corpus = load_corpus(adjudicated=False)
    groups: list[tuple[str, list[CorpusPassage]]] = []
    for split_name in SPLITS:
        in_split = [p for p in corpus if p.split == split_name]
        groups.append((split_name, in_split))
        for register in ("agreement", "programme", "news"):
            groups.append((f"{split_name}/{register}", [p for p in in_split if p.register == register]))
    groups.append(("all", list(corpus)))
    lines.append(
        "group                  n  prio P(2nd|1st) R      F1     proposals F1  kappa per priority 1..8"
    )
    for name, passages in groups:
        a = agreement(passages, second)
        if a is None:
            continue
        kappas = " ".join(f"{a.kappa[k]:.2f}" for k in PRIORITIES)
        lines.append(
            f"{name:<20} {a.n:>4}  {a.precision:.3f}       {a.recall:.3f}  {a.f1:.3f}"
            f"  {a.proposal_f1:.3f}         {kappas}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("directory", type=Path)
    ex.add_argument("--chunk", type=int, default=200)
    ch = sub.add_parser("check")
    ch.add_argument("file", type=Path)
    sub.add_parser("agreement")
    dis = sub.add_parser("disagreements")
    dis.add_argument("directory", type=Path)
    dis.add_argument("--chunks", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "export":
        export(args.directory, args.chunk)
    elif args.command == "check":
        known = {p.id: p for p in load_corpus()}
        try:
            labels = parse_file(args.file, known)
        except LabelFileError as error:
            print(error)
            return 1
        print(f"{args.file.name}: {len(labels)} passages, well formed")
    elif args.command == "disagreements":
        export_disagreements(args.directory, args.chunks)
    else:
        for line in report(load_second()):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

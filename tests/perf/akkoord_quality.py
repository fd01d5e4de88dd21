"""Akkoordcheck: quality on the passage sets, then speed. Prints figures only.

    python tests/perf/akkoord_quality.py [--skip-speed] [--agreements 100] [--sets labelled,development]

Sets: labelled.yaml and development.yaml are the tuning sets (their misses are printed);
holdout.yaml and holdout2.yaml are never used for tuning (figures and confusion only).

Quality: precision and recall at priority level (target P >= 0.9, R >= 0.85) and at proposal level
(P >= 0.8, R >= 0.7), counting "staat erin" and "deels" as found (and, as "strict", only
"staat erin"); the confusion per priority. Speed: a generated 100-page agreement (target <= 5 s)
and a folder of generated agreements through the CLI (target: 100 in <= 5 min), generated with a
fixed seed into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scan.cli import main as cli_main
from scan.rules.akkoord import analyse
from tests.akkoord.fixtures import (
    DEVELOPMENT,
    HOLDOUT,
    HOLDOUT2,
    LABELLED,
    LabelledPassage,
    agreement_paragraphs,
    load_passages,
    write_docx,
    write_pdf,
    write_two_column_pdf,
)
from tests.akkoord.quality import Quality, evaluate, evaluate_documents

# Tuning sets: their misses are printed, to be worked on. Hold-out sets: figures and confusion
# only; which passages they miss is never printed, so it cannot steer the vocabulary (TUNING.md).
TUNING_SETS = {"labelled": LABELLED, "development": DEVELOPMENT}
HOLDOUT_SETS = {"holdout": HOLDOUT, "holdout2": HOLDOUT2}


def line(name: str, quality: Quality) -> str:
    pr, pp = quality.priorities, quality.proposals
    return (
        f"{name:<34} priorities P {pr.precision:.3f} R {pr.recall:.3f}   "
        f"proposals P {pp.precision:.3f} R {pp.recall:.3f}"
    )


def describe(passages: list[LabelledPassage]) -> str:
    kinds = Counter(p.kind for p in passages)
    return f"{len(passages)} ({kinds['promise']} promises, {kinds['other']} other, {kinds['trap']} traps)"


def confusion(quality: Quality) -> None:
    print("  prio   tp   fp   fn   tn")
    for priority, counts in quality.confusion.items():
        print(f"  {priority:>4} {counts['tp']:>4} {counts['fp']:>4} {counts['fn']:>4} {counts['tn']:>4}")


def report_quality(names: list[str]) -> None:
    print("targets: priorities P >= 0.9, R >= 0.85; proposals P >= 0.8, R >= 0.7")
    for name in names:
        path = TUNING_SETS.get(name) or HOLDOUT_SETS[name]
        passages = load_passages(path)
        quality = evaluate(passages)
        print(f"\n== {name}: {describe(passages)}")
        print(line(f"{name}, per passage", quality))
        print(line(f"{name}, per passage, strict", evaluate(passages, strict=True)))
        if name == "labelled":
            print(line("labelled, 30 made-up agreements", evaluate_documents()))
        print(f"confusion per priority ({name}, per passage):")
        confusion(quality)
        if name in TUNING_SETS and quality.proposals.errors:
            print(f"{name} errors:")
            for error in quality.proposals.errors:
                print(f"  {error}")


def make_folder(folder: Path, count: int, seed: int = 2026) -> int:
    """``count`` agreements of 10-60 pages: 40% PDF (a third of them two-column), 40% .docx, 20% .txt."""
    rng = random.Random(seed)
    pages_total = 0
    for i in range(count):
        pages = rng.randint(10, 60)
        pages_total += pages
        paragraphs = [p.text for p in agreement_paragraphs(seed + i, 12 * pages)]
        kind = rng.random()
        if kind < 0.4:
            if i % 3 == 0:
                half = len(paragraphs) // 2
                write_two_column_pdf(paragraphs[:half], paragraphs[half:], folder / f"akkoord-{i:03}.pdf")
            else:
                write_pdf(paragraphs, folder / f"akkoord-{i:03}.pdf")
        elif kind < 0.8:
            write_docx(paragraphs, folder / f"akkoord-{i:03}.docx", page_break_every=12)
        else:
            (folder / f"akkoord-{i:03}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    return pages_total


def report_speed(agreements: int) -> None:
    print(f"\nspeed on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        paragraphs = [p.text for p in agreement_paragraphs(1, 120, promises=20)]
        one = write_pdf(paragraphs, tmp_path / "honderd.pdf", pages=100)
        half = len(paragraphs) // 2
        two = write_two_column_pdf(paragraphs[:half] * 5, paragraphs[half:] * 5, tmp_path / "twee.pdf")
        for path in (one, two):
            data = path.read_bytes()
            analyse(data, path.name)  # warm: imports, vocabulary, stemmer cache
            times = []
            for _ in range(3):
                start = time.perf_counter()
                result = analyse(data, path.name)
                times.append(time.perf_counter() - start)
            print(
                f"{path.name}: {result.pages} pages, {len(data) / 1e6:.1f} MB: "
                f"best {min(times):.2f} s, worst {max(times):.2f} s (target <= 5 s)"
            )

        folder = tmp_path / "akkoorden"
        folder.mkdir()
        start = time.perf_counter()
        pages = make_folder(folder, agreements)
        print(f"generated {agreements} agreements ({pages} pages) in {time.perf_counter() - start:.0f} s")
        for workers in (1, 2):
            start = time.perf_counter()
            code = cli_main(
                [
                    "akkoord",
                    str(folder),
                    "--csv",
                    str(tmp_path / f"uit-{workers}.csv"),
                    "--workers",
                    str(workers),
                    "--quiet",
                ]
            )
            elapsed = time.perf_counter() - start
            print(
                f"folder of {agreements}, {workers} worker(s): {elapsed:.1f} s "
                f"({elapsed / agreements:.2f} s per agreement; exit {code}; target 100 in <= 300 s)"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--agreements", type=int, default=100)
    parser.add_argument(
        "--sets",
        default="labelled,development,holdout,holdout2",
        help="comma-separated: labelled, development (tuning sets), holdout, holdout2 (hold-out sets)",
    )
    args = parser.parse_args()
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    if unknown := [n for n in names if n not in TUNING_SETS and n not in HOLDOUT_SETS]:
        parser.error(f"unknown set(s): {', '.join(unknown)}")
    report_quality(names)
    if not args.skip_speed:
        report_speed(args.agreements)

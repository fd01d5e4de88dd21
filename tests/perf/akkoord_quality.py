"""Akkoordcheck: quality on the real-text corpus and the own sets, then speed and memory. Prints figures only.

    python tests/perf/akkoord_quality.py [--skip-speed] [--agreements 100] [--sets ...]

Real text (tests/akkoord/corpus/, split by municipality): per split (development, test) and per
register (agreement, programme, news) the priority- and proposal-level precision, recall and F1,
recall@5 (a relevant passage among the first five shown per priority: each source read as one
document, as the griffier meets it, and a harder variant with every passage of the split that does
not serve the priority as distractors), and which priority each of
the pamphlet's eight text suggestions gets. Targets on the test split: priorities P >= 0.90 and
R >= 0.85, proposals F1 >= 0.7, recall@5 >= 0.95, the eight suggestions each under their own priority.
The own sets (labelled, development: tuning; holdout, holdout2: never tuned on) are printed as before.
Speed: a generated 100-page agreement (target <= 5 s), a folder of generated agreements through the
CLI (target: 100 in <= 5 min), and the peak memory of analysing one agreement (target <= 500 MiB).
The last line starts with SUMMARY.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import second_labels  # tools/second_labels.py

from scan.cli import main as cli_main
from scan.rules.akkoord import analyse
from tests.akkoord.corpus import REGISTERS, SPLITS, load_corpus, pamphlet_suggestions, split
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
from tests.akkoord.quality import (
    Quality,
    evaluate,
    evaluate_corpus,
    evaluate_documents,
    f1,
    found_priorities,
    recall_at_5,
    recall_at_5_documents,
)

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


def corpus_line(name: str, quality) -> str:
    pr, pp = quality.priorities, quality.proposals
    return (
        f"{name:<24} n {quality.passages:>4}   priorities P {pr.precision:.3f} R {pr.recall:.3f} F1 {f1(pr):.3f}"
        f"   proposals P {pp.precision:.3f} R {pp.recall:.3f} F1 {f1(pp):.3f}"
    )


def human_lines(name: str) -> list[str]:
    """A blind second labeller read as if it were the check: the most a check can expect to agree with
    labels that people (here: helpers following the same guide) set."""
    second = second_labels.load_second()
    lines = []
    for against, adjudicated in (("the first labels (blind)", False), ("the final labels", True)):
        passages = [p for p in load_corpus(adjudicated=adjudicated) if p.split == name]
        a = second_labels.agreement(passages, second)
        if a is None:
            continue
        lines.append(
            f"  second labeller vs {against}: n {a.n}   priorities P {a.precision:.3f} R {a.recall:.3f}"
            f" F1 {a.f1:.3f}   proposals F1 {a.proposal_f1:.3f}"
        )
    return lines


def report_corpus() -> dict[str, float]:
    """Figures on the real text; returns those of the test split for the summary."""
    summary: dict[str, float] = {}
    print("== real text (tests/akkoord/corpus), each passage read on its own")
    for name in SPLITS:
        passages = split(name)
        municipalities = len({p.code for p in passages})
        positives = sum(p.positive for p in passages)
        traps = sum(p.trap for p in passages)
        registers = ", ".join(
            f"{r} {sum(p.register == r for p in passages)} ({sum(p.positive for p in passages if p.register == r)} positive)"
            for r in REGISTERS
        )
        print(
            f"\n{name}: {len(passages)} passages, {positives} serving a priority, {traps} hard negatives, "
            f"{municipalities} municipalities; {registers}"
        )
        quality = evaluate_corpus(passages)
        print(corpus_line(f"{name}, all", quality))
        first = [p for p in load_corpus(adjudicated=False) if p.split == name]
        print(corpus_line("  against first labels", evaluate_corpus(first)))
        for line in human_lines(name):
            print(line)
        for register in REGISTERS:
            part = [p for p in passages if p.register == register]
            if part:
                print(corpus_line(f"  {register}", evaluate_corpus(part)))
        hits, pairs = recall_at_5_documents(passages)
        at5 = hits / pairs if pairs else 1.0
        print(
            f"recall@5 ({name}, each source read as one document): "
            f"{hits} of {pairs} (passage, priority) pairs = {at5:.3f}"
        )
        hits, pairs = recall_at_5(passages)
        hard = hits / pairs if pairs else 1.0
        print(
            f"recall@5 ({name}, harder: each positive among all passages of the split not serving "
            f"the priority): {hits} of {pairs} = {hard:.3f}"
        )
        if name == "test":
            summary = {
                "P": quality.priorities.precision,
                "R": quality.priorities.recall,
                "F1prop": f1(quality.proposals),
                "at5": at5,
                "at5hard": hard,
            }
    print("\nthe pamphlet's eight text suggestions (a public check, never training material):")
    own = 0
    for priority, text in pamphlet_suggestions():
        result = analyse(text.encode("utf-8"), "suggestie.txt")
        got = sorted(found_priorities(result))
        statuses = ", ".join(f"{p} {result.priorities[p].label}" for p in got) or "niets"
        mark = "ok" if priority in got else "MIST"
        own += priority in got
        print(f"  suggestion {priority}: {statuses} [{mark}]")
    summary["pamphlet"] = own
    return summary


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


def peak_memory_one_agreement(path: Path) -> float:
    """Peak resident memory (MiB) of a fresh process that analyses one agreement."""
    code = (
        "import resource, sys; from scan.rules.akkoord import analyse; "
        f"analyse(open({str(path)!r}, 'rb').read(), {path.name!r}); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def report_speed(agreements: int) -> dict[str, float]:
    figures: dict[str, float] = {}
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
            figures["pdf"] = max(figures.get("pdf", 0.0), max(times))
        memory = peak_memory_one_agreement(one)
        figures["memory"] = memory
        print(f"peak memory, one 100-page agreement in its own process: {memory:.0f} MiB (target <= 500 MiB)")

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
            figures[f"folder{workers}"] = elapsed
    return figures


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
    test = report_corpus()
    print("\n== own sets (our own words)")
    report_quality(names)
    speed = {} if args.skip_speed else report_speed(args.agreements)
    met = (
        test["P"] >= 0.9
        and test["R"] >= 0.85
        and test["F1prop"] >= 0.7
        and test["at5"] >= 0.95
        and test["pamphlet"] == 8
    )
    parts = [
        f"test split: priorities P {test['P']:.3f} R {test['R']:.3f}",
        f"proposals F1 {test['F1prop']:.3f}",
        f"recall@5 {test['at5']:.3f} (per document; harder variant {test['at5hard']:.3f})",
        f"pamphlet {test['pamphlet']}/8",
    ]
    if speed:
        parts.append(
            f"100-page PDF {speed['pdf']:.2f} s, folder of {args.agreements} {speed['folder2']:.0f} s"
        )
        parts.append(f"memory {speed['memory']:.0f} MiB")
    print("\nSUMMARY " + "; ".join(parts) + ("; targets met" if met else "; targets NOT met"))

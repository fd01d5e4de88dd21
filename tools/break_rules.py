"""Break each rule once and check that a fast test fails (a test that cannot fail guards nothing).

Run: python tools/break_rules.py [--only TEXT]. For every mutation below, in a temporary copy of the
checkout (scan/ itself is never edited): first a baseline run of the tests that import the mutated
module, which must pass; then the same tests with the one rule broken. Prints per mutation whether a
test caught it and which one; a run that hangs counts as caught (a per-test timeout). Exit code 1
when any mutation survives.

The tests for a module are derived, not listed: every test file that imports the module
(``from scan.layer.x import``, ``from scan.layer import x``, ``import scan.layer.x``), plus the file that mirrors it
(``tests/test_x.py``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.checkout import copy_checkout  # noqa: E402

TIMEOUT = 60  # seconds per test: a broken rule that makes a test hang is caught, not waited for

# (module, original text, broken text, what the break means)
MUTATIONS = [
    (
        "scan/rules/scoring.py",
        "(value - low) / (high - low) * 100",
        "value / high * 100",
        "points ignore the scale's bottom",
    ),
    (
        "scan/rules/scoring.py",
        "        if answer.dont_know:\n            dont_know += 1\n",
        "        if answer.dont_know:\n            dont_know += 1\n            values.append((q.id, 0, 0.0))\n",
        "weet niet counts as 0",
    ),
    (
        "scan/rules/scoring.py",
        "return ScanScore(core, culture, average(s.score for s in core))",
        "return ScanScore(core, culture, average(s.score for s in scores))",
        "Bestuurscultuur in the total",
    ),
    (
        "scan/rules/scoring.py",
        "        return self.scored + self.dont_know\n",
        "        return self.scored\n",
        "answered leaves out weet niet",
    ),
    (
        "scan/rules/benchmark.py",
        "return (lower + 0.5 * same) / n * 100",
        "return (lower + same) / n * 100",
        "equal scores count as lower",
    ),
    (
        "scan/rules/benchmark.py",
        "float(series.quantile(0.25))",
        'float(series.quantile(0.25, interpolation="lower"))',
        "quartiles without interpolation",
    ),
    (
        "scan/rules/benchmark.py",
        "return (self.municipalities() & group.members) - {own_code}",
        "return self.municipalities() & group.members",
        "the municipality counted among its own peers",
    ),
    (
        "scan/rules/benchmark.py",
        "return bool(self.peers(group, own_code) & self.demo_codes)",
        "return False",
        "demo peers not labelled fictief",
    ),
    (
        "scan/rules/benchmark.py",
        'scores = questions.groupby(["gm_code", "priority"])["points"].mean().unstack()',
        'scores = questions.groupby(["gm_code", "priority"])["points"].max().unstack()',
        "a peer's priority score is its best answer, not the mean",
    ),
    (
        "scan/rules/benchmark.py",
        "return scores.mean(axis=1, skipna=True).dropna()",
        "return scores.max(axis=1, skipna=True).dropna()",
        "a peer's overall score is its best priority, not the mean",
    ),
    (
        "scan/rules/recommend.py",
        "{(True, False): 0, (True, True): 2, (False, False): 1, (False, True): 0}",
        "{(True, False): 1, (True, True): 2, (False, False): 0, (False, True): 0}",
        "basic step not first",
    ),
    (
        "scan/rules/recommend.py",
        "if status is not None and ProposalStatus(status).excludes:",
        "if False:",
        "'al gedaan' still suggested",
    ),
    (
        "scan/rules/recommend.py",
        "            if gap == 0:\n                continue",
        "            if gap < 0:\n                continue",
        "proposals in place still suggested",
    ),
    ("scan/rules/recommend.py", "IN_PLACE_LEVEL = 3", "IN_PLACE_LEVEL = 2", "in place from level 2"),
    (
        "scan/rules/recommend.py",
        "return sum(gaps) / len(gaps)",
        "return max(gaps)",
        "a proposal's gap is its largest, not the mean",
    ),
    (
        "scan/rules/voices.py",
        "DIVERGENCE_POINTS = 25",
        "DIVERGENCE_POINTS = 35",
        "conversation starters from 35 points",
    ),
    # "everyone together includes hidden groups" is no longer a mutation: together_candidates adds only the
    # members of a published decision, and a hidden figure has none (a break of f.shown alone changes nothing)
    (
        "scan/rules/voices.py",
        "common = tuple(q for q in own[a] if q in own[b])",
        "common = ()",
        "starters compare different questions",
    ),
    (
        "scan/records/round/respondents.py",
        "p.finished_at IS NOT NULL",
        "1 = 1",
        "answers count before they are sent",
    ),
    (
        "scan/records/round/answers.py",
        "    if owner[2] is not None:",
        "    if False:",
        "sent answers can still change",
    ),
    ("scan/rules/disclosure.py", "MIN_N = 5", "MIN_N = 4", "figures from four contributors"),
    (
        "scan/rules/disclosure.py",
        "return all(len(candidate ^ h) >= MIN_N for h in history)",
        "return all(len(candidate ^ h) >= MIN_N for h in history[-1:])",
        "only the last view is compared",
    ),
    (
        "scan/rules/disclosure.py",
        "earlier = [h for h in history if h <= candidate]",
        "earlier = list(history)",
        "a figure shows an earlier set with contributors outside it",
    ),
    (
        "scan/rules/akkoord/coverage.py",
        "if j.judgement is not Judgement.CONFIRMED or coverage is None:",
        "if coverage is None:",
        "an agreement match counts without the griffier's confirmation",
    ),
    (
        "scan/records/workshop/core.py",
        "        if STATUSES.index(status) < STATUSES.index(old):",
        "        if False:",
        "a closed workshop question opens again",
    ),
    (
        "scan/records/workshop/core.py",
        '        if current == "ended" and phase != "ended":',
        "        if False:",
        "an ended workshop starts again",
    ),
    (
        "scan/records/workshop/results.py",
        "WHERE id = ? AND status = coalesce(?, status)",
        "WHERE id = ? AND coalesce(?, status) IS NOT NULL",
        "a moderation click overrides what another facilitator decided meanwhile",
    ),
    (
        "scan/records/workshop/core.py",
        "AND status = 'open' AND ends_at <= ?",
        "AND ends_at <= ?",
        "a countdown closes (or reveals) a question the facilitator had already closed",
    ),
    (
        "scan/records/workshop/participation.py",
        'if row[0] == "open" and row[1] is not None and row[1] <= time.time():',
        "if False:",
        "an answer after the countdown's zero is kept",
    ),
    (
        "scan/records/workshop/participation.py",
        "        if sent >= limit:",
        "        if sent > limit:",
        "a participant sends one answer more than the facilitator allows",
    ),
    (
        "scan/records/workshop/qa.py",
        "            if row[1] == pid:",
        "            if False:",
        "a participant upvotes their own room question",
    ),
    (
        "scan/records/round/respondents.py",
        "        if inv.personal and inv.used:\n",
        "        if False:\n",
        "a used personal code starts a second respondent",
    ),
    (
        "scan/records/round/answers.py",
        "    if owner[4] == RespondentKind.INVITED.value and (closed := respondents_closed(owner[5])):",
        "    if False and (closed := respondents_closed(owner[5])):",
        "an answer after the closing date is stored",
    ),
]


def tests_for(module: str, root: Path = ROOT) -> list[str]:
    """The test files that import ``module`` (a path like scan/records/workshop/core.py), and its mirror."""
    dotted = module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    package, _, name = dotted.rpartition(".")
    patterns = [
        rf"\bfrom {re.escape(dotted)} import\b",
        rf"\bimport {re.escape(dotted)}\b",
        rf"\bfrom {re.escape(package)} import [^\n]*\b{re.escape(name)}\b",
    ]
    parts = dotted.split(".")
    if len(parts) > 3:
        # a module inside a package of its layer is also reached through the package:
        # scan.records.workshop.core via scan.records.workshop
        top = ".".join(parts[:3])
        patterns += [
            rf"\bfrom {re.escape(top)} import\b",
            rf"\bfrom {re.escape('.'.join(parts[:2]))} import [^\n]*\b{re.escape(parts[2])}\b",
        ]
    found = []
    for path in sorted((root / "tests").rglob("test_*.py")):
        if "e2e" in path.parts or "perf" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        mirror = path.name == f"test_{name}.py"
        if mirror or any(re.search(p, text) for p in patterns):
            found.append(path.relative_to(root).as_posix())
    return found


def _pytest(copy: Path, tests: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-rf",
            "-p",
            "no:cacheprovider",
            "-m",
            "not e2e",
            f"--timeout={TIMEOUT}",
            *tests,
        ],
        cwd=copy,
        capture_output=True,
        text=True,
    )


def _failed(output: str) -> str:
    for line in output.splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line.split(" ", 1)[1].split(" - ")[0]
    return "the run stopped" if "Timeout" in output else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only the mutations whose meaning or module contains this text")
    args = parser.parse_args()
    mutations = [m for m in MUTATIONS if not args.only or args.only in m[0] or args.only in m[3]]
    survived = []
    with tempfile.TemporaryDirectory(prefix="break-rules-") as tmp:
        copy = Path(tmp)
        copy_checkout(ROOT, copy)
        baseline: dict[tuple[str, ...], bool] = {}
        for path, old, new, meaning in mutations:
            file = copy / path
            original = file.read_text(encoding="utf-8")
            if old not in original:
                print(f"??       {path}: the text to break is gone ({meaning}); update this list")
                survived.append(meaning)
                continue
            tests = tests_for(path, copy)
            key = tuple(tests)
            if key not in baseline:  # the tests must pass before anything is broken
                baseline[key] = _pytest(copy, tests).returncode == 0
            if not baseline[key]:
                print(f"BASELINE {path}: its tests fail without a break; fix them first ({meaning})")
                survived.append(meaning)
                continue
            file.write_text(original.replace(old, new, 1), encoding="utf-8")
            try:
                result = _pytest(copy, tests)
            finally:
                file.write_text(original, encoding="utf-8")
            if result.returncode != 0:
                print(f"caught   {path}: {meaning} — by {_failed(result.stdout)}")
            else:
                print(f"SURVIVED {path}: {meaning} ({len(tests)} test files ran)")
                survived.append(meaning)
    print(f"\n{len(mutations) - len(survived)} of {len(mutations)} breaks caught.")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

"""Break each rule once and check that a test fails (a test that cannot fail guards nothing).

Run: python tools/break_rules.py. Applies one mutation at a time to a copy-in-place of the module,
runs the fast tests of the rules, restores the file, and prints per mutation whether a test caught
it. Exit code 1 when any mutation survives.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/test_scoring.py",
    "tests/test_benchmark.py",
    "tests/test_recommend.py",
    "tests/test_respondents.py",
    "tests/test_voices.py",
]

# (module, original text, broken text, what the break means)
MUTATIONS = [
    (
        "scan/scoring.py",
        "(value - low) / (high - low) * 100",
        "value / high * 100",
        "points ignore the scale's bottom",
    ),
    (
        "scan/scoring.py",
        "        if answer.dont_know:\n            dont_know += 1\n",
        "        if answer.dont_know:\n            dont_know += 1\n            values.append((q.id, 0, 0.0))\n",
        "weet niet counts as 0",
    ),
    (
        "scan/scoring.py",
        "return ScanScore(core, culture, average(s.score for s in core))",
        "return ScanScore(core, culture, average(s.score for s in scores))",
        "Bestuurscultuur in the total",
    ),
    (
        "scan/scoring.py",
        "        return self.scored + self.dont_know\n",
        "        return self.scored\n",
        "answered leaves out weet niet",
    ),
    (
        "scan/benchmark.py",
        "return (lower + 0.5 * same) / n * 100",
        "return (lower + same) / n * 100",
        "equal scores count as lower",
    ),
    (
        "scan/benchmark.py",
        "float(series.quantile(0.25))",
        'float(series.quantile(0.25, interpolation="lower"))',
        "quartiles without interpolation",
    ),
    (
        "scan/benchmark.py",
        "return (group.members & self.municipalities()) - {own_code}",
        "return group.members & self.municipalities()",
        "the municipality counted among its own peers",
    ),
    (
        "scan/benchmark.py",
        "return bool(self.peers(group, own_code) & self.demo_codes)",
        "return False",
        "demo peers not labelled fictief",
    ),
    (
        "scan/recommend.py",
        "{(True, False): 0, (True, True): 2, (False, False): 1, (False, True): 0}",
        "{(True, False): 1, (True, True): 2, (False, False): 0, (False, True): 0}",
        "basic step not first",
    ),
    (
        "scan/recommend.py",
        "if status is not None and ProposalStatus(status).excludes:",
        "if False:",
        "'al gedaan' still suggested",
    ),
    (
        "scan/recommend.py",
        "            if gap == 0:\n                continue",
        "            if gap < 0:\n                continue",
        "proposals in place still suggested",
    ),
    ("scan/recommend.py", "IN_PLACE_LEVEL = 3", "IN_PLACE_LEVEL = 2", "in place from level 2"),
    (
        "scan/voices.py",
        "DIVERGENCE_POINTS = 25",
        "DIVERGENCE_POINTS = 35",
        "conversation starters from 35 points",
    ),
    (
        "scan/voices.py",
        "            if f.shown:\n                keys |=",
        "            if f.n:\n                keys |=",
        "everyone together includes hidden groups",
    ),
    (
        "scan/voices.py",
        "common = tuple(q for q in own[a] if q in own[b])",
        "common = ()",
        "starters compare different questions",
    ),
    ("scan/respondents.py", "p.finished_at IS NOT NULL", "1 = 1", "answers count before they are sent"),
    ("scan/answers.py", "    if owner[2] is not None:", "    if False:", "sent answers can still change"),
    ("scan/disclosure.py", "MIN_N = 5", "MIN_N = 4", "figures from four contributors"),
    ("scan/disclosure.py", "for h in history)", "for h in history[-1:])", "only the last view is compared"),
    (
        "scan/disclosure.py",
        "    if published <= candidate:\n",
        "    if True:\n",
        "a departed contributor is recomputed away",
    ),
]


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # so the finally below puts the module back, also when killed


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    survived = []
    for path, old, new, meaning in MUTATIONS:
        file = ROOT / path
        original = file.read_text(encoding="utf-8")
        if old not in original:
            print(f"?? {path}: the text to break is gone ({meaning}); update this list")
            survived.append(meaning)
            continue
        file.write_text(original.replace(old, new, 1), encoding="utf-8")
        try:
            tests = [t for t in TESTS if (ROOT / t).exists()]
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        finally:
            file.write_text(original, encoding="utf-8")
        caught = result.returncode != 0
        print(f"{'caught  ' if caught else 'SURVIVED'} {path}: {meaning}")
        if not caught:
            survived.append(meaning)
    print(f"\n{len(MUTATIONS) - len(survived)} of {len(MUTATIONS)} breaks caught.")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

"""Break each rule once and check that a test fails (a test that cannot fail guards nothing).

Run: python tools/break_rules.py. Applies one mutation at a time to a copy-in-place of the module,
runs the fast tests of the rules, restores the file, and prints per mutation whether a test caught
it. Exit code 1 when any mutation survives.
"""

from __future__ import annotations

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
    ("scan/benchmark.py", "MIN_N = 5", "MIN_N = 4", "figures from four municipalities"),
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
        "return self.respondents >= MIN_N",
        "return self.respondents >= 1",
        "roles shown from one respondent",
    ),
    (
        "scan/voices.py",
        "DIVERGENCE_POINTS = 25",
        "DIVERGENCE_POINTS = 35",
        "conversation starters from 35 points",
    ),
    (
        "scan/voices.py",
        'if r.role != "samen" and r.enough and r.means[p.id] is not None',
        'if r.role != "samen" and r.means[p.id] is not None',
        "divergence with a hidden role",
    ),
]


def main() -> int:
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

"""Benchmark: peak memory of the largest imports democratiescan accepts, and of refusing oversized ones.

Run: python tests/perf/import_memory.py. Each import runs as ``python -m scan …`` in a fresh process;
its peak resident memory is read from the operating system (getrusage of the child). Prints:
- a benchmark CSV just under the size limit (10 MB by default): rows, seconds, peak MiB (target <= 300 MiB);
- the same file again: recognised by its hash before parsing (seconds, peak);
- a 50 MB CSV: refused before reading (peak);
- a 1 MiB backup that unpacks to 1 GiB: refused while unpacking (peak).
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scan.base.settings import max_import_bytes
from scan.content.questionbank import question_bank
from scan.content.reference import reference

PROJECT = Path(__file__).resolve().parents[2]


# A small parent per measurement, so each peak belongs to one run (getrusage keeps the maximum of all
# children a process ever had).
PARENT = (
    "import resource, subprocess, sys; "
    "done = subprocess.run([sys.executable, '-m', 'scan', *sys.argv[1:]], capture_output=True, text=True); "
    "print((done.stdout + done.stderr).strip().splitlines()[-1]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(*args: str) -> tuple[float, float, str]:
    """Seconds, peak MiB of the import's own process, and the last line it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PARENT, *args], cwd=PROJECT, capture_output=True, text=True)
    took = time.perf_counter() - start
    said, peak_kib = done.stdout.strip().rsplit("\n", 1)
    return took, int(peak_kib) / 1024, said


def big_csv(path: Path, limit: int) -> int:
    """A valid benchmark file just under ``limit`` bytes: every municipality, question and year."""
    codes = sorted(reference().municipalities)
    questions = [q.id for q in question_bank().benchmark_questions]
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("gemeente_code,jaar,onderdeel,waarde\n")
        written = out.tell()
        for year in range(2018, 2101):
            for code in codes:
                for i, qid in enumerate(questions):
                    line = f"{code},{year},{qid},{(i + year) % 5}\n"
                    if written + len(line) > limit:
                        return rows
                    out.write(line)
                    written += len(line)
                    rows += 1
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        limit = max_import_bytes()
        csv = tmp / "groot.csv"
        rows = big_csv(csv, limit - 1)
        db = tmp / "import.sqlite"
        took, peak, said = run("import-benchmark", str(csv), "--db", str(db))
        print(
            f"largest accepted CSV ({csv.stat().st_size / 1024 / 1024:.1f} MB, {rows} rows): {took:.1f} s, peak {peak:.0f} MiB — {said}"
        )
        took, peak, said = run("import-benchmark", str(csv), "--db", str(db))
        print(f"same file again: {took:.1f} s, peak {peak:.0f} MiB — {said}")
        huge = tmp / "te-groot.csv"
        with huge.open("wb") as out:
            out.write(
                b"gemeente_code,jaar,onderdeel,waarde\n" + b"GM0014,2026,1.1,2\n" * (50 * 1024 * 1024 // 18)
            )
        took, peak, said = run("import-benchmark", str(huge), "--db", str(tmp / "x.sqlite"))
        print(f"50 MB CSV: {took:.1f} s, peak {peak:.0f} MiB — {said}")
        bomb = tmp / "bom.gz"
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        with bomb.open("wb") as out:
            out.write(packer.compress(b'{"format": "democratiescan-backup", "x": "'))
            chunk = b" " * (16 * 1024 * 1024)
            for _ in range(64):  # 1 GiB of spaces
                out.write(packer.compress(chunk))
            out.write(packer.flush())
        with gzip.open(bomb) as check:
            check.read(10)  # a real gzip file
        took, peak, said = run("restore", "--db", str(tmp / "y.sqlite"), str(bomb))
        print(
            f"backup of {bomb.stat().st_size / 1024 / 1024:.1f} MiB that unpacks to 1 GiB: {took:.1f} s, peak {peak:.0f} MiB — {said}"
        )


if __name__ == "__main__":
    main()

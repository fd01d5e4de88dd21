"""A folder of agreements: analyse each file, report the bad ones and go on, write CSV rows."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scan.akkoord.analysis import analyse_document, read_document
from scan.akkoord.errors import AgreementError
from scan.akkoord.limits import Limits
from scan.akkoord.result import STATUS_LABELS, AgreementAnalysis

CSV_HEADER = ("bestand", "voorstel", "status", "beste_pagina", "score", "woorden")


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    analysis: AgreementAnalysis | None
    error: str | None  # Dutch reason when the file was skipped


def agreement_files(folder: Path) -> list[Path]:
    """Every visible file in the folder (not in subfolders), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def analyse_path(path: Path, limits: Limits | None = None) -> AgreementAnalysis:
    """Analyse one file; the size limit is checked before the file is read into memory."""
    limits = limits or Limits.default()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise AgreementError(
            f"{path.name} is te groot ({size / (1024 * 1024):.0f} MB). "
            f"De akkoordcheck leest bestanden tot {limits.max_megabytes} MB."
        )
    return analyse_document(read_document(path.read_bytes(), path.name, limits))


def _outcome(path: Path, limits: Limits) -> FileOutcome:
    try:
        return FileOutcome(path, analyse_path(path, limits), None)
    except AgreementError as exc:
        return FileOutcome(path, None, str(exc))
    except OSError as exc:
        return FileOutcome(path, None, f"{path.name} kan niet worden gelezen ({exc.strerror or exc}).")


def analyse_folder(
    files: list[Path], limits: Limits | None = None, workers: int | None = None
) -> Iterator[FileOutcome]:
    """Outcomes in the order of ``files``; with more than one worker, files are read in parallel.

    One worker is the default: on a 2-core machine, 100 agreements took 22 s in one process and
    25 s with two (tests/perf/akkoord_quality.py); more workers only pay off for long PDFs.
    """
    limits = limits or Limits.default()
    workers = 1 if workers is None else max(1, min(workers, len(files), os.cpu_count() or 1))
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield _outcome(path, limits)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_outcome, files, [limits] * len(files), chunksize=1)


def csv_rows(name: str, analysis: AgreementAnalysis) -> Iterator[tuple[str, ...]]:
    for pid, coverage in analysis.proposals.items():
        counted = [p for p in coverage.passages if not p.negated]
        best = counted[0] if counted else None
        page = "" if best is None or best.page is None else str(best.page)
        score = "" if best is None else f"{best.score:.3f}".replace(".", ",")
        terms = "" if best is None else ", ".join(best.terms)
        yield (name, pid, STATUS_LABELS[coverage.status], page, score, terms)


def csv_text(rows: list[tuple[str, ...]]) -> str:
    """Semicolons and decimal commas, like the other CSV exports (Dutch Excel opens it directly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(rows)
    return buffer.getvalue()

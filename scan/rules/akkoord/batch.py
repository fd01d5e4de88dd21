"""A folder of agreements: analyse each file, report the bad ones and go on, write CSV rows."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scan.rules.akkoord import runner
from scan.rules.akkoord.errors import AgreementError
from scan.rules.akkoord.limits import Limits, size_text
from scan.rules.akkoord.result import STATUS_LABELS, AgreementAnalysis

_LOG = logging.getLogger(__name__)
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
    """Analyse one file in a child process with a memory and a time limit (``runner``); the size
    limit is checked before the file is read into memory."""
    limits = limits or Limits.default()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise AgreementError(
            f"{path.name} is te groot ({size_text(size)}). De akkoordcheck leest bestanden tot {limits.size_text}."
        )
    outcome = runner.run(path.read_bytes(), path.name, limits=limits, wait=None)
    if outcome.analysis is None:
        raise AgreementError(outcome.error or runner.too_heavy(path.name))
    return outcome.analysis


def _outcome(path: Path, limits: Limits) -> FileOutcome:
    try:
        return FileOutcome(path, analyse_path(path, limits), None)
    except AgreementError as exc:
        return FileOutcome(path, None, str(exc))
    except OSError as exc:
        return FileOutcome(path, None, f"{path.name} kan niet worden gelezen ({exc.strerror or exc}).")
    except RuntimeError:  # a fault of the app in the child: logged there; the other files go on
        _LOG.exception("akkoordcheck: reading %s failed", path)
        return FileOutcome(path, None, f"{path.name} kon niet worden gelezen door een fout in de app.")


def analyse_folder(
    files: list[Path], limits: Limits | None = None, workers: int | None = None
) -> Iterator[FileOutcome]:
    """Outcomes in the order of ``files``. Each file is read in its own child process (``runner``);
    ``workers`` children at a time, by default ``runner.SLOTS`` (two on a machine with two cores or
    more: a child's start, about 0,5 s, then overlaps another's work).
    """
    limits = limits or Limits.default()
    workers = runner.SLOTS if workers is None else workers
    workers = max(1, min(workers, len(files), runner.SLOTS))
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield _outcome(path, limits)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="akkoord") as pool:
        yield from pool.map(_outcome, files, [limits] * len(files))


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

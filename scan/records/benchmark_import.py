"""Import benchmark files: validated as a whole, stored all-or-nothing.

Format (UTF-8, comma-separated, header required)::

    gemeente_code,jaar,onderdeel,waarde
    GM0355,2026,3.2,2
    GM0355,2026,P6,62.5

``onderdeel`` is a question id (value: an answer on that question's scale, e.g. 0-4)
or a priority ``P1``..``P8`` (value: a score 0-100). One bad row rejects the file.
Importing the same file again changes nothing; a newer file for the same
municipality, year and item replaces the older value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

from scan.base.formatting import nl_number
from scan.base.settings import max_import_bytes
from scan.content.questionbank import QuestionBank, question_bank
from scan.content.reference import Reference
from scan.records import benchmark_store
from scan.records.benchmark_store import ImportRefused
from scan.records.round.rounds import MAX_YEAR, MIN_YEAR
from scan.storage.core import Store

HEADER = ["gemeente_code", "jaar", "onderdeel", "waarde"]
PRIORITY_ITEM = re.compile(r"^P([1-8])$")
YEAR = re.compile(r"[0-9]{4}")


Row = tuple[int, str, int, str, float]  # row number, gm_code, year, item, value


def parse_benchmark(data: bytes, bank: QuestionBank, ref: Reference) -> Iterator[Row]:
    """The file's rows, each checked as it is read; the first problem names its row. The header is
    checked at once; rows one at a time, so a large file never sits in memory twice. Duplicate rows are
    caught where the rows are stored (scan/records/benchmark_store.py), inside the import's transaction."""
    if not data.strip():
        raise ImportRefused("Het bestand is leeg.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused("Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.") from exc
    reader = _checked(csv.reader(io.StringIO(text, newline=""), strict=True))
    header = [h.strip() for h in next(reader, [])]
    if header != HEADER:
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            raise ImportRefused("Rij 1: gebruik komma's als scheidingsteken, geen puntkomma's of tabs.")
        raise ImportRefused(f"Rij 1: de kopregel moet precies '{','.join(HEADER)}' zijn.")
    compared = {q.id: q for q in bank.benchmark_questions}
    return _rows(reader, compared, ref)


def _checked(reader) -> Iterator[list[str]]:
    """The csv module's own refusals (a cell over its size limit, a quote never closed) in Dutch, with the row."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = (
                "een cel is veel te lang" if "field limit" in str(exc) else "de aanhalingstekens kloppen niet"
            )
            raise ImportRefused(
                f"Rij {reader.line_num}: {problem}. Controleer het bestand (een kolom per waarde, komma's "
                "ertussen); er is niets geïmporteerd."
            ) from exc
        yield row


def _rows(reader, compared: dict, ref: Reference) -> Iterator[Row]:
    for number, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(HEADER):
            raise ImportRefused(f"Rij {number}: verwacht {len(HEADER)} kolommen, gevonden {len(raw)}.")
        code, year_text, item, value_text = (cell.strip() for cell in raw)
        if code not in ref.municipalities:
            raise ImportRefused(f"Rij {number}: onbekende gemeentecode '{code}'.")
        # isdigit() accepts "²⁰²⁶" and thousands of digits, int() does not: only four plain digits
        if not (YEAR.fullmatch(year_text) and MIN_YEAR <= int(year_text) <= MAX_YEAR):
            raise ImportRefused(
                f"Rij {number}: jaar '{year_text[:20]}' is geen jaar van {MIN_YEAR} tot en met {MAX_YEAR}."
            )
        year = int(year_text)
        try:
            value = float(value_text.replace(",", "."))
        except ValueError:
            raise ImportRefused(f"Rij {number}: waarde '{value_text[:20]}' is geen getal.") from None
        if match := PRIORITY_ITEM.match(item):
            if not 0 <= value <= 100:
                raise ImportRefused(
                    f"Rij {number}: een score voor {item} ligt tussen 0 en 100, niet {value_text[:20]}."
                )
            item = match.group(0)
        else:
            question = compared.get(item)
            if question is None:
                raise ImportRefused(
                    f"Rij {number}: onbekend onderdeel '{item[:20]}' (gebruik een vraag-id zoals 3.2 of P1 t/m P8)."
                )
            if not value.is_integer() or int(value) not in question.scale:
                low, high = min(question.scale), max(question.scale)
                raise ImportRefused(
                    f"Rij {number}: waarde {value_text[:20]} ligt niet op de schaal {low}-{high} van vraag {item}."
                )
        yield number, code, year, item, value


def import_benchmark_file(store: Store, path: Path, ref: Reference) -> tuple[int, bool]:
    """Returns (rows, imported); imported is False when the same file was imported before.

    Bounded work: a file over the size limit is refused before it is read, and a file imported before
    is recognised by its hash before anything is parsed."""
    limit = max_import_bytes()
    try:
        size = Path(path).stat().st_size
        if size > limit:
            raise ImportRefused(
                f"Het bestand is {nl_number(size / 1024 / 1024, 1)} MB; de grens is "
                f"{nl_number(limit / 1024 / 1024)} MB (instelbaar met DEMOCRATIESCAN_MAX_IMPORT_MB). "
                "Er is niets ingelezen."
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportRefused(f"Kan '{path}' niet lezen.") from exc
    digest = hashlib.sha256(data).hexdigest()
    if (before := benchmark_store.imported_rows(store, digest)) is not None:
        return before, False
    rows = parse_benchmark(data, question_bank(), ref)
    stored = benchmark_store.store_import(store, digest, Path(path).name, rows)
    return (
        (stored, True) if stored is not None else (benchmark_store.imported_rows(store, digest) or 0, False)
    )

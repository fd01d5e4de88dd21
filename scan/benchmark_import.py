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
from pathlib import Path

from scan import benchmark_store
from scan.errors import ScanError
from scan.questionbank import QuestionBank, question_bank
from scan.reference import Reference
from scan.rounds import MAX_YEAR, MIN_YEAR
from scan.storage import Store

HEADER = ["gemeente_code", "jaar", "onderdeel", "waarde"]
PRIORITY_ITEM = re.compile(r"^P([1-8])$")


class ImportError_(ScanError):
    """A benchmark file that cannot be imported; nothing was stored."""


def parse_benchmark(data: bytes, bank: QuestionBank, ref: Reference) -> list[dict]:
    """Every row checked before anything is stored; the first problem names its row."""
    if not data.strip():
        raise ImportError_("Het bestand is leeg.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_("Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if header != HEADER:
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            raise ImportError_("Rij 1: gebruik komma's als scheidingsteken, geen puntkomma's of tabs.")
        raise ImportError_(f"Rij 1: de kopregel moet precies '{','.join(HEADER)}' zijn.")
    rows: list[dict] = []
    seen: dict[tuple[str, int, str], int] = {}
    for number, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        if len(raw) != len(HEADER):
            raise ImportError_(f"Rij {number}: verwacht {len(HEADER)} kolommen, gevonden {len(raw)}.")
        code, year_text, item, value_text = (cell.strip() for cell in raw)
        if code not in ref.municipalities:
            raise ImportError_(f"Rij {number}: onbekende gemeentecode '{code}'.")
        if not year_text.isdigit() or not MIN_YEAR <= int(year_text) <= MAX_YEAR:
            raise ImportError_(
                f"Rij {number}: jaar '{year_text}' is geen jaar van {MIN_YEAR} tot en met {MAX_YEAR}."
            )
        year = int(year_text)
        try:
            value = float(value_text.replace(",", "."))
        except ValueError:
            raise ImportError_(f"Rij {number}: waarde '{value_text}' is geen getal.") from None
        if match := PRIORITY_ITEM.match(item):
            if not 0 <= value <= 100:
                raise ImportError_(
                    f"Rij {number}: een score voor {item} ligt tussen 0 en 100, niet {value_text}."
                )
        else:
            question = bank.question(item)
            if question is None or question not in bank.benchmark_questions:
                raise ImportError_(
                    f"Rij {number}: onbekend onderdeel '{item}' (gebruik een vraag-id zoals 3.2 of P1 t/m P8)."
                )
            if not value.is_integer() or int(value) not in question.scale:
                low, high = min(question.scale), max(question.scale)
                raise ImportError_(
                    f"Rij {number}: waarde {value_text} ligt niet op de schaal {low}-{high} van vraag {item}."
                )
            item = question.id
        key = (code, year, match.group(0) if match else item)
        if key in seen:
            raise ImportError_(
                f"Rij {number}: dubbele rij; {code}, {year}, {item} staat ook in rij {seen[key]}."
            )
        seen[key] = number
        rows.append({"gm_code": code, "year": year, "item": key[2], "value": value})
    if not rows:
        raise ImportError_("Het bestand bevat alleen een kopregel en geen gegevens.")
    return rows


def import_benchmark_file(store: Store, path: Path, ref: Reference) -> tuple[int, bool]:
    """Returns (rows, imported); imported is False when the same file was imported before."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportError_(f"Kan '{path}' niet lezen.") from exc
    rows = parse_benchmark(data, question_bank(), ref)
    return len(rows), benchmark_store.store_import(
        store, hashlib.sha256(data).hexdigest(), Path(path).name, rows
    )

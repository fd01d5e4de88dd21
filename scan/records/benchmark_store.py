"""Benchmark input as stored: closed self-scans that municipalities share, and imported files.

Only a closed round counts: its answers are final, so peer figures cannot move by one
municipality editing its scan (see scan/rules/disclosure.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import pandas as pd

from scan.base.errors import ScanError
from scan.content.models import RespondentKind
from scan.storage.core import Store, now

_SHARED = f"""
    SELECT r.gm_code, r.year, a.question_id, a.value, r.is_demo, a.question_version
    FROM rounds r
    JOIN respondents p ON p.round_id = r.id AND p.kind = '{RespondentKind.SELF.value}'
    JOIN answers a ON a.respondent_id = p.id
    WHERE r.share_benchmark = 1 AND r.status = 'closed' AND a.value IS NOT NULL AND a.dont_know = 0
"""


def version(store: Store) -> int:
    """Moves whenever peer figures can change (kept by the schema's triggers); caches key on it."""
    row = store.db.execute("SELECT version FROM data_versions WHERE name = 'benchmark'").fetchone()
    return row[0] if row else 0


def shared_answers(store: Store, year: int) -> pd.DataFrame:
    """Self-scan answers (no "weet niet") of all rounds of this year shared for the benchmark."""
    return pd.read_sql_query(_SHARED + " AND r.year = ?", store.db.conn, params=[year])


def all_shared_answers(store: Store) -> list[tuple[str, int, str, int]]:
    """(gm_code, year, question id, value) of every shared round, for an export."""
    rows = store.db.execute(_SHARED + " ORDER BY r.gm_code, r.year, a.question_id").fetchall()
    return [(code, year, qid, value) for code, year, qid, value, _, _ in rows]


def imported_values(store: Store, year: int) -> pd.DataFrame:
    return pd.read_sql_query(
        "SELECT gm_code, item, value FROM benchmark_values WHERE year = ?", store.db.conn, params=[year]
    )


def imported_rows(store: Store, sha256: str) -> int | None:
    """How many rows this exact file brought when it was imported, or None if it never was."""
    row = store.db.execute("SELECT rows FROM benchmark_imports WHERE sha256 = ?", [sha256]).fetchone()
    return None if row is None else row[0]


class ImportRefused(ScanError):
    """A benchmark file that cannot be imported; nothing was stored."""


def store_import(
    store: Store, sha256: str, filename: str, rows: Iterable[tuple[int, str, int, str, float]]
) -> int | None:
    """Store checked rows (row number, gm_code, year, item, value) in one transaction, all or nothing;
    returns how many, or None when this exact file was imported before. Rows pass through a temporary
    table one at a time: a duplicate within the file is caught by its key, and memory stays flat."""
    with store.write() as db:
        if db.execute("SELECT 1 FROM benchmark_imports WHERE sha256 = ?", [sha256]).fetchone():
            return None
        db.execute(
            "CREATE TEMP TABLE IF NOT EXISTS import_rows (gm_code TEXT, year INTEGER, item TEXT, value REAL, "
            "row_number INTEGER, PRIMARY KEY (gm_code, year, item))"
        )
        db.execute("DELETE FROM import_rows")
        count = 0
        try:
            for number, code, year, item, value in rows:
                try:
                    db.execute(
                        "INSERT INTO import_rows VALUES (?, ?, ?, ?, ?)", [code, year, item, value, number]
                    )
                except sqlite3.IntegrityError:
                    first = db.execute(
                        "SELECT row_number FROM import_rows WHERE gm_code = ? AND year = ? AND item = ?",
                        [code, year, item],
                    ).fetchone()[0]
                    raise ImportRefused(
                        f"Rij {number}: dubbele rij; {code}, {year}, {item} staat ook in rij {first}."
                    ) from None
                count += 1
            if not count:
                raise ImportRefused("Het bestand bevat alleen een kopregel en geen gegevens.")
            db.execute(
                "INSERT INTO benchmark_imports (sha256, filename, rows, imported_at) VALUES (?, ?, ?, ?)",
                [sha256, filename, count, now()],
            )
            db.execute(
                "INSERT INTO benchmark_values (gm_code, year, item, value, import_sha256) "
                "SELECT gm_code, year, item, value, ? FROM import_rows WHERE true "
                "ON CONFLICT (gm_code, year, item) DO UPDATE SET value = excluded.value, "
                "import_sha256 = excluded.import_sha256",
                [sha256],
            )
        finally:
            db.execute("DELETE FROM import_rows")
    return count

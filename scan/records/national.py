"""A *fictieve* national-scale data set for performance measurements.

All 342 municipalities x 3 rounds, each with a self-scan and ~25 anonymous respondents
answering the questions of their role (about 0.9 million answers). Every round is marked
demo, so the UI labels it fictief. Rows are written in bulk in one transaction per
municipality: the generator is trusted, so it skips per-answer validation.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from scan.content.models import SELF_ROLE
from scan.content.questionbank import question_bank
from scan.content.reference import reference
from scan.storage.core import Store, inserted_id

YEARS = (2022, 2024, 2026)
ROLE_MIX = ("ambtelijk", "ambtelijk", "college", "ambtelijk", "raad")  # mostly factual: the heavy case


@dataclass(frozen=True)
class NationalSummary:
    municipalities: int
    rounds: int
    respondents: int
    answers: int


def generate(
    store: Store,
    respondents: int = 25,
    years: tuple[int, ...] = YEARS,
    municipalities: list[str] | None = None,
    seed: int = 342,
    open_round: str = "GM0355",
) -> NationalSummary:
    """Every round closed and shared (so it counts in the benchmark), except the last round of
    ``open_round``: the scan a measurement works in."""
    rng = random.Random(seed)
    bank = question_bank()
    by_role = {role: [q for q in bank.questions_for_role(role)] for role in {SELF_ROLE, *ROLE_MIX}}
    codes = municipalities or sorted(reference().municipalities)
    now = datetime.now(UTC).isoformat()
    totals = [0, 0, 0]
    for code in codes:
        ability = rng.gauss(0, 0.7)
        with store.write() as db:
            for year in years:
                round_id = inserted_id(
                    db.execute(
                        "INSERT INTO rounds (gm_code, year, status, share_benchmark, is_demo, created_at, updated_at) "
                        "VALUES (?, ?, ?, 1, 1, ?, ?)",
                        [
                            code,
                            year,
                            "open" if (code, year) == (open_round, years[-1]) else "closed",
                            now,
                            now,
                        ],
                    )
                )
                people = [(SELF_ROLE, "self")] + [
                    (ROLE_MIX[i % len(ROLE_MIX)], "invited") for i in range(respondents)
                ]
                rows = []
                for role, kind in people:
                    pid = inserted_id(
                        db.execute(
                            "INSERT INTO respondents (round_id, role, kind, created_at, token_hash) VALUES (?, ?, ?, ?, ?)",
                            [round_id, role, kind, now, None if kind == "self" else secrets.token_hex(16)],
                        )
                    )
                    for q in by_role[role]:
                        low, high = min(q.scale), max(q.scale)
                        value = min(high, max(low, round(rng.gauss((low + high) / 2 + ability, 1.0))))
                        rows.append((pid, q.id, value, 0, "", now, q.version))
                db.conn.executemany(
                    "INSERT INTO answers (respondent_id, question_id, value, dont_know, comment, updated_at, "
                    "question_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                totals[0] += 1
                totals[1] += len(people)
                totals[2] += len(rows)
    return NationalSummary(len(codes), *totals)

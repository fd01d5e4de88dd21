"""Demo data: reproducible, realistic in spread, and always marked fictitious."""

from __future__ import annotations

from pathlib import Path

from scan.records.demo import FEATURED, fill_demo
from scan.storage.core import Store


def _dump(store: Store) -> list[tuple]:
    return store.db.execute(
        "SELECT r.gm_code, r.year, a.question_id, a.value, a.dont_know FROM answers a "
        "JOIN respondents p ON p.id = a.respondent_id JOIN rounds r ON r.id = p.round_id ORDER BY 1, 2, 3"
    ).fetchall()


def test_same_seed_same_data_and_everything_is_fictief(tmp_path: Path, demo_store: Store) -> None:
    a = Store(tmp_path / "a.sqlite")
    summary = fill_demo(a)
    assert _dump(a) == _dump(demo_store)  # a copy of the demo this process filled before (conftest)
    assert summary.municipalities > 150 and summary.rounds > 400
    assert a.db.execute("SELECT COUNT(*) FROM rounds WHERE is_demo = 0").fetchone()[0] == 0
    featured = a.db.execute(
        "SELECT COUNT(*) FROM proposal_status p JOIN rounds r ON r.id = p.round_id WHERE r.gm_code = ?",
        [FEATURED],
    ).fetchone()[0]
    assert featured == 3  # the featured scan has chosen proposals, so the agenda shows something
    values = [row[3] for row in _dump(a) if row[3] is not None]
    assert {0, 1, 2, 3, 4} <= set(values)  # the whole scale is used
    assert fill_demo(a).skipped  # a second run changes nothing

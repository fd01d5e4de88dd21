"""The published sets behind group figures (scan/rules/disclosure.py decides; this module remembers).

A view calls ``resolve`` with its figures' current contributors. Deciding and remembering happen
in one write transaction, so two sessions can never publish two sets that differ by one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from scan.rules.disclosure import Decision, decide_all
from scan.storage.core import Store, now

History = tuple[frozenset[str], ...]


def _published(db, scope: str) -> dict[str, History]:
    rows = db.execute("SELECT figure, history FROM releases WHERE scope = ?", [scope]).fetchall()
    return {figure: tuple(frozenset(s) for s in json.loads(history)) for figure, history in rows}


def _new(published: Mapping[str, History], decisions: Mapping[str, Decision]) -> list[str]:
    return [figure for figure, d in decisions.items() if d.history != published.get(figure, ())]


def resolve(
    store: Store, scope: str, candidates: Mapping[str, frozenset[str]], round_id: int | None = None
) -> dict[str, Decision]:
    """Decide every figure of a view; store what gets newly published. A plain read when nothing
    new is published (the usual case: callers cache on the data's version)."""
    published = _published(store.db, scope)
    decisions = decide_all(published, candidates)
    if not _new(published, decisions):
        return decisions
    with store.write() as db:
        published = _published(db, scope)  # again, under the lock: another session may have published
        decisions = decide_all(published, candidates)
        stamp = now()
        db.conn.executemany(
            "INSERT INTO releases (scope, figure, history, round_id, released_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (scope, figure) DO UPDATE SET history = excluded.history, "
            "released_at = excluded.released_at",
            [
                (scope, figure, json.dumps([sorted(s) for s in decisions[figure].history]), round_id, stamp)
                for figure in _new(published, decisions)
            ],
        )
    return decisions

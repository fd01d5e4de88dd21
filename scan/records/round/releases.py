"""The published sets behind group figures (scan/rules/disclosure.py decides; this module remembers).

A view calls ``resolve`` with its figures' current contributors. Publishing is a named step:
- a screen's view publishes at once (``resolve`` without a publication: decide, and store what is new
  in one write transaction, so two sessions can never publish two sets that differ by one);
- a document's view (``views.round.round_view``) is assembled inside one read snapshot and collects its
  decisions in a ``Publication``; ``publish`` then stores them in one write, after checking under the
  write lock that nothing was published in between (otherwise the document is assembled again).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlite_utils import Database

from scan.rules.disclosure import Decision, decide_all
from scan.storage.core import Store, now

History = tuple[frozenset[str], ...]


def _published(db: Database, scope: str) -> dict[str, History]:
    rows = db.execute("SELECT figure, history FROM releases WHERE scope = ?", [scope]).fetchall()
    return {figure: tuple(frozenset(s) for s in json.loads(history)) for figure, history in rows}


def _new(published: Mapping[str, History], decisions: Mapping[str, Decision]) -> list[str]:
    return [figure for figure, d in decisions.items() if d.history != published.get(figure, ())]


@dataclass
class Publication:
    """What one document's view decided inside its read snapshot, published afterwards by ``publish``."""

    entries: list[tuple[str, dict[str, frozenset[str]], int | None, dict[str, Decision]]] = field(
        default_factory=list
    )


_STORE = (
    "INSERT INTO releases (scope, figure, history, round_id, released_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (scope, figure) DO UPDATE SET history = excluded.history, released_at = excluded.released_at"
)


def _rows(
    scope: str, round_id: int | None, decisions: Mapping[str, Decision], figures: list[str]
) -> list[tuple]:
    stamp = now()
    return [
        (scope, figure, json.dumps([sorted(s) for s in decisions[figure].history]), round_id, stamp)
        for figure in figures
    ]


def resolve(
    store: Store,
    scope: str,
    candidates: Mapping[str, frozenset[str]],
    round_id: int | None = None,
    publication: Publication | None = None,
) -> dict[str, Decision]:
    """Decide every figure of a view. Without a publication: store what gets newly published now (a
    plain read when nothing new is published, the usual case: callers cache on the data's version).
    With one: only decide, from the snapshot the caller reads in, and leave publishing to ``publish``."""
    published = _published(store.db, scope)
    decisions = decide_all(published, candidates)
    if publication is not None:
        publication.entries.append(
            (scope, dict(candidates), round_id, dict(decisions))
        )  # a copy: callers extend theirs
        return decisions
    if not _new(published, decisions):
        return decisions
    with store.write() as db:
        published = _published(db, scope)  # again, under the lock: another session may have published
        decisions = decide_all(published, candidates)
        db.conn.executemany(_STORE, _rows(scope, round_id, decisions, _new(published, decisions)))
    return decisions


def publish(store: Store, publication: Publication) -> bool:
    """The step where a document's figures get published. Under the write lock every figure is decided
    again against what is published now: when each decision is the one the document was built on, the
    new sets are stored and True comes back; when another session published in between, nothing is
    stored and False comes back (the caller assembles the document again)."""
    with store.write() as db:
        rows = []
        for scope, candidates, round_id, decided in publication.entries:
            published = _published(db, scope)
            decisions = decide_all(published, candidates)
            if decisions != decided:
                return False
            rows += _rows(scope, round_id, decisions, _new(published, decisions))
        db.conn.executemany(_STORE, rows)
    return True

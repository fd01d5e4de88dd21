"""What the schema itself says about tables: which hold data, in which order, and what depends on
what (foreign keys). Deleting a round and making a backup both walk this, so a new table is never
forgotten. Part of the storage core: imports no domain module."""

from __future__ import annotations

from graphlib import TopologicalSorter

import sqlite_utils

from scan.storage.schema import BOOKKEEPING


def data_tables(db: sqlite_utils.Database) -> list[str]:
    """Every table that holds data, parents before children (so foreign keys hold on insert)."""
    names = [t for t in db.table_names() if t not in BOOKKEEPING and not t.startswith("sqlite_")]
    graph = {
        name: {fk.other_table for fk in db.table(name).foreign_keys if fk.other_table != name}
        for name in names
    }
    return list(TopologicalSorter({name: graph[name] for name in sorted(names)}).static_order())


def _children(db: sqlite_utils.Database) -> dict[str, list[tuple[str, str, str]]]:
    """parent table -> [(child table, child column, parent column)]"""
    result: dict[str, list[tuple[str, str, str]]] = {}
    for name in data_tables(db):
        for fk in db.table(name).foreign_keys:
            for column, other_column in zip(fk.columns, fk.other_columns, strict=True):
                result.setdefault(fk.other_table, []).append((name, column, other_column))
    return result


def delete_with_dependents(db: sqlite_utils.Database, table: str, where: str, params: dict) -> None:
    """Delete the rows of ``table`` matching ``where`` and, first, every row that refers to them,
    following the foreign keys down as deep as they go. Run inside a write transaction."""
    children = _children(db)

    def walk(name: str, condition: str) -> None:
        for child, column, parent_column in children.get(name, []):
            walk(child, f'"{column}" IN (SELECT "{parent_column}" FROM "{name}" WHERE {condition})')
        db.execute(f'DELETE FROM "{name}" WHERE {condition}', params)

    walk(table, where)


def triggers(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(name, SQL) of every trigger, for suspending derived bookkeeping during a restore."""
    return db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()

"""Every row of every table, as stored, for the JSON backup and its restore.

Rows are read and written through the raw cursor so values round-trip
exactly (timestamps stay the text SQLite holds).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .database import db
from .models import ALL_MODELS

# Parents before children, so foreign keys hold while loading.
TABLE_ORDER: tuple[str, ...] = tuple(m._meta.table_name for m in ALL_MODELS)

# Not user data: the search index (rebuilt on restore), its switch, and the
# undo history (meaningless once the rows it describes are replaced).
INTERNAL_TABLES = frozenset({"fts_state", "undo_step", "undo_row"})


def backup_tables(database: Any = None) -> tuple[str, ...]:
    """Every table holding user data: the models' tables first, then any
    table a later schema step added (so a backup is always complete)."""
    database = database or db
    names = [
        row[0]
        for row in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'contact_fts%' ORDER BY name"
        )
    ]
    extra = [n for n in names if n not in TABLE_ORDER and n not in INTERNAL_TABLES]
    return (*[n for n in TABLE_ORDER if n in names], *extra)


def table_columns(table: str) -> list[str]:
    return [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # as declared: TEXT, INTEGER, DATETIME, ...
    required: bool  # NOT NULL
    has_default: bool


@dataclass
class TableShape:
    columns: dict[str, Column]
    foreign_keys: dict[str, str]  # column -> the table it points at


@functools.lru_cache(maxsize=8)
def schema_at(version: int) -> dict[str, TableShape]:
    """The user-data tables of schema ``version`` with their columns and foreign keys,
    as the migration steps build them (in a scratch database in memory)."""
    from peewee import SqliteDatabase

    from .migrations import upgrade

    scratch = SqliteDatabase(":memory:")
    scratch.connect()
    try:
        upgrade(scratch, target=version)
        shapes: dict[str, TableShape] = {}
        for table in backup_tables(scratch):
            columns = {row[1]: Column(row[1], (row[2] or "").upper(), bool(row[3] or row[5]),
                                      row[4] is not None)
                       for row in scratch.execute_sql(f'PRAGMA table_info("{table}")')}
            fks = {row[3]: row[2]
                   for row in scratch.execute_sql(f'PRAGMA foreign_key_list("{table}")')}
            shapes[table] = TableShape(columns, fks)
        return shapes
    finally:
        scratch.close()


def dump_tables() -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in backup_tables():
        columns = table_columns(table)
        cursor = db.execute_sql(f'SELECT * FROM "{table}" ORDER BY rowid')
        tables[table] = [dict(zip(columns, row, strict=True)) for row in cursor]
    return tables


def replace_all(tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Replace every table's rows with ``tables``; the caller holds a transaction."""
    counts: dict[str, int] = {}
    order = backup_tables()
    for table in INTERNAL_TABLES - {"fts_state"}:
        if table_columns(table):
            db.execute_sql(f'DELETE FROM "{table}"')
    for table in reversed(order):
        db.execute_sql(f'DELETE FROM "{table}"')
    db.execute_sql("DELETE FROM contact_fts")
    db.execute_sql("UPDATE fts_state SET paused = 1")
    for table in order:
        rows = tables.get(table, [])
        known = table_columns(table)
        # Rows from an older schema lack the columns added since: those take their defaults.
        by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in rows:
            columns = tuple(c for c in known if c in row)
            by_columns.setdefault(columns, []).append(tuple(row[c] for c in columns))
        for columns, values in by_columns.items():
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            db.connection().executemany(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
        counts[table] = len(rows)
    from .bulk import index_contacts_fts

    index_contacts_fts(0, 2**62)
    return counts

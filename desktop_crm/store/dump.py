"""Every row of every table, as stored, for the JSON backup and its restore.

Rows are read and written through the raw cursor so values round-trip
exactly (timestamps stay the text SQLite holds; a PostgreSQL server's are
given in that same text, so both engines' dumps compare equal).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from .bulk import index_contacts_fts, insert_rows
from .database import db, on_server
from .models import ALL_MODELS

# Parents before children, so foreign keys hold while loading.
TABLE_ORDER: tuple[str, ...] = tuple(m._meta.table_name for m in ALL_MODELS)

# Not user data: the search index (rebuilt on restore), its switch, and the
# undo history (meaningless once the rows it describes are replaced).
INTERNAL_TABLES = frozenset({"fts_state", "undo_step", "undo_row"})
# A server's own: its search index and its schema version.
SERVER_TABLES = frozenset({"contact_search", "schema_version"})


def backup_tables(database: Any = None) -> tuple[str, ...]:
    """Every table holding user data: the models' tables first, then any
    table a later schema step added (so a backup is always complete)."""
    database = database or db
    if database is db and on_server():
        from .server_schema import table_names

        names = sorted(table_names(db) - SERVER_TABLES)
        extra = [n for n in names if n not in TABLE_ORDER and n not in INTERNAL_TABLES]
        return (*[n for n in TABLE_ORDER if n in names], *extra)
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
    if on_server():
        return [row[0] for row in db.execute_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))]
    return [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')]


def _as_stored(value: Any) -> Any:
    """A server's value as SQLite holds it (timestamps as peewee's text)."""
    return str(value) if isinstance(value, dt.datetime) else value


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
        if on_server():
            order = '"id"' if "id" in columns else ", ".join(f'"{c}"' for c in columns)
            cols = ", ".join(f'"{c}"' for c in columns)
            cursor = db.execute_sql(f'SELECT {cols} FROM "{table}" ORDER BY {order}')
            tables[table] = [dict(zip(columns, map(_as_stored, row), strict=True))
                             for row in cursor]
            continue
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
    db.execute_sql("DELETE FROM contact_search" if on_server() else "DELETE FROM contact_fts")
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
            insert_rows(table, columns, values)
        counts[table] = len(rows)

    index_contacts_fts(0, 2**62)
    return counts

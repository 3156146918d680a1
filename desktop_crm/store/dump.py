"""Every row of every table, as stored, for the JSON backup and its restore.

Rows are read and written through the raw cursor so values round-trip
exactly (timestamps stay the text SQLite holds).
"""

from __future__ import annotations

from typing import Any

from .database import db
from .models import ALL_MODELS

# Parents before children, so foreign keys hold while loading.
TABLE_ORDER: tuple[str, ...] = tuple(m._meta.table_name for m in ALL_MODELS)


def table_columns(table: str) -> list[str]:
    return [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')]


def dump_tables() -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in TABLE_ORDER:
        columns = table_columns(table)
        cursor = db.execute_sql(f'SELECT * FROM "{table}" ORDER BY id')
        tables[table] = [dict(zip(columns, row, strict=True)) for row in cursor]
    return tables


def replace_all(tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Replace every table's rows with ``tables``; the caller holds a transaction."""
    counts: dict[str, int] = {}
    for table in reversed(TABLE_ORDER):
        db.execute_sql(f'DELETE FROM "{table}"')
    db.execute_sql("DELETE FROM contact_fts")
    db.execute_sql("UPDATE fts_state SET paused = 1")
    for table in TABLE_ORDER:
        rows = tables.get(table, [])
        columns = table_columns(table)
        marks = ", ".join("?" for _ in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        db.connection().executemany(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
            [tuple(row.get(c) for c in columns) for row in rows],
        )
        counts[table] = len(rows)
    from .bulk import index_contacts_fts

    index_contacts_fts(0, 2**62)
    return counts

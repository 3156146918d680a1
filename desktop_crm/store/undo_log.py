"""The undo log's SQL: before-images of rows, written and restored set-wise.

One *step* is one user action ("Set tier to Target for 40 contacts"). Its
rows say how to go back:

* ``update``: the listed columns as they were (JSON); undo writes them back;
* ``insert``: a row the action created; undo deletes it;
* ``delete``: a whole row the action deleted (JSON); undo inserts it again.

Every write is one ``INSERT … SELECT`` or ``UPDATE … FROM`` per table, so a
bulk action over a million contacts records and undoes in seconds, not hours.
Undo replays groups in reverse order of recording.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .contact_table import chunked
from .database import db, on_server, table_columns
from .models import utcnow

KEEP_STEPS = 50


def _columns(table: str) -> list[str]:
    """The table's columns; also the guard that ``table`` names a real table."""
    cols = table_columns(table)
    if not cols or table.startswith(("undo_", "sqlite_")):
        raise ValueError(f"no table {table!r} to record for undo")
    return cols


def _checked(table: str, columns: Iterable[str]) -> list[str]:
    known = _columns(table)
    wanted = list(columns)
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ValueError(f"table {table!r} has no column(s) {unknown}")
    return wanted


def _json_object(columns: Sequence[str]) -> str:
    """The row's ``columns`` as one JSON object (text), in the engine's own function."""
    pairs = ", ".join(f"'{c}', \"{c}\"" for c in columns)
    return f"json_build_object({pairs})::text" if on_server() else f"json_object({pairs})"


def begin_step(label: str) -> int:
    cursor = db.execute_sql(
        "INSERT INTO undo_step (label, created_at, undone_at) VALUES (?, ?, NULL)", (label, utcnow())
    )
    return int(cursor.lastrowid)


def snapshot_columns(step_id: int, table: str, ids: Iterable[int], columns: Sequence[str]) -> None:
    """Remember ``columns`` of rows ``ids`` as they are now."""
    cols = _checked(table, columns)
    obj = _json_object(cols)
    for chunk in chunked(ids):
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(
            f"INSERT INTO undo_row (step_id, tbl, row_id, op, before) "
            f"SELECT ?, ?, id, 'update', {obj} FROM \"{table}\" WHERE id IN ({marks})",
            [step_id, table, *chunk],
        )


def snapshot_rows_where(step_id: int, table: str, column: str, values: Iterable[int]) -> None:
    """Remember whole rows whose ``column`` is in ``values``, before they are deleted."""
    cols = _columns(table)
    _checked(table, [column])
    obj = _json_object(cols)
    for chunk in chunked(values):
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(
            f"INSERT INTO undo_row (step_id, tbl, row_id, op, before) "
            f"SELECT ?, ?, id, 'delete', {obj} FROM \"{table}\" WHERE \"{column}\" IN ({marks})",
            [step_id, table, *chunk],
        )


def max_id(table: str) -> int:
    _columns(table)
    return int(db.execute_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0])


def record_inserts(step_id: int, table: str, above_id: int) -> int:
    """Remember rows created since ``max_id`` was ``above_id``; return how many."""
    _columns(table)
    cursor = db.execute_sql(
        f"INSERT INTO undo_row (step_id, tbl, row_id, op, before) "
        f"SELECT ?, ?, id, 'insert', '{{}}' FROM \"{table}\" WHERE id > ?",
        (step_id, table, int(above_id)),
    )
    return int(cursor.rowcount)


def step_size(step_id: int) -> int:
    return int(db.execute_sql("SELECT count(*) FROM undo_row WHERE step_id = ?", (step_id,)).fetchone()[0])


def discard_step(step_id: int) -> None:
    db.execute_sql("DELETE FROM undo_row WHERE step_id = ?", (step_id,))
    db.execute_sql("DELETE FROM undo_step WHERE id = ?", (step_id,))


def latest_step() -> tuple[int, str, Any] | None:
    """(id, label, created_at) of the newest step not undone yet."""
    row = db.execute_sql(
        "SELECT id, label, created_at FROM undo_step WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), row[1], row[2]) if row else None


def undo_step(step_id: int) -> None:
    """Put every row of the step back as it was; the caller holds the transaction."""
    groups = db.execute_sql(
        "SELECT tbl, op, max(id) AS last FROM undo_row WHERE step_id = ? "
        "GROUP BY tbl, op ORDER BY last DESC",
        (step_id,),
    ).fetchall()
    for table, op, _ in groups:
        if op == "insert":
            _undo_inserts(step_id, table)
        elif op == "update":
            _undo_updates(step_id, table)
        elif op == "delete":
            _undo_deletes(step_id, table)
    db.execute_sql("UPDATE undo_step SET undone_at = ? WHERE id = ?", (utcnow(), step_id))


def _undo_inserts(step_id: int, table: str) -> None:
    _columns(table)
    db.execute_sql(
        f'DELETE FROM "{table}" WHERE id IN (SELECT row_id FROM undo_row '
        "WHERE step_id = ? AND tbl = ? AND op = 'insert')",
        (step_id, table),
    )


def _undo_updates(step_id: int, table: str) -> None:
    known = set(_columns(table))
    keys_of = ("json_object_keys(u.before::json) AS j(key)" if on_server()
               else "json_each(u.before) j")
    keys = [
        row[0]
        for row in db.execute_sql(
            f"SELECT DISTINCT j.key FROM undo_row u, {keys_of} "
            "WHERE u.step_id = ? AND u.tbl = ? AND u.op = 'update'",
            (step_id, table),
        )
        if row[0] in known and row[0] != "version"
    ]
    if "version" in known:  # an undo is a write like any other: editors see it changed
        db.execute_sql(
            f'UPDATE "{table}" SET "version" = "version" + 1 WHERE id IN (SELECT row_id FROM undo_row '
            "WHERE step_id = ? AND tbl = ? AND op = 'update')",
            (step_id, table),
        )
    if on_server():
        _undo_updates_on_server(step_id, table, keys)
        return
    for key in keys:
        db.execute_sql(
            f'UPDATE "{table}" SET "{key}" = json_extract(u.before, \'$."{key}"\') '
            "FROM undo_row u WHERE u.step_id = ? AND u.tbl = ? AND u.op = 'update' "
            f"AND u.row_id = \"{table}\".id AND json_type(u.before, '$.\"{key}\"') IS NOT NULL",
            (step_id, table),
        )


def _undo_updates_on_server(step_id: int, table: str, keys: Sequence[str]) -> None:
    """The same on PostgreSQL: each value read back typed as its column
    (``json_populate_record``), only where the snapshot holds that column."""
    for key in keys:
        db.execute_sql(
            f'UPDATE "{table}" SET "{key}" = (json_populate_record(NULL::"{table}", '
            f'u.before::json))."{key}" FROM undo_row u WHERE u.step_id = ? AND u.tbl = ? '
            f"AND u.op = 'update' AND u.row_id = \"{table}\".id "
            f"AND jsonb_exists(u.before::jsonb, '{key}')",
            (step_id, table),
        )


def _undo_deletes(step_id: int, table: str) -> None:
    cols = _columns(table)
    if on_server():
        _undo_deletes_on_server(step_id, table, cols)
        return
    names = ", ".join(f'"{c}"' for c in cols)
    values = ", ".join(f"json_extract(before, '$.\"{c}\"')" for c in cols)
    db.execute_sql(
        f'INSERT OR REPLACE INTO "{table}" ({names}) SELECT {values} FROM undo_row '
        "WHERE step_id = ? AND tbl = ? AND op = 'delete' ORDER BY id",
        (step_id, table),
    )


def _undo_deletes_on_server(step_id: int, table: str, cols: Sequence[str]) -> None:
    """Rows back from their snapshots, typed by the table (``json_populate_record``);
    a row with the same key is replaced, as SQLite's ``INSERT OR REPLACE`` does."""
    names = ", ".join(f'"{c}"' for c in cols)
    values = ", ".join(f'r."{c}"' for c in cols)
    replace = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in cols if c != "id")
    conflict = f"ON CONFLICT (id) DO UPDATE SET {replace}" if "id" in cols else "ON CONFLICT DO NOTHING"
    db.execute_sql(
        f'INSERT INTO "{table}" ({names}) SELECT {values} FROM undo_row u, '
        f'json_populate_record(NULL::"{table}", u.before::json) r '
        f"WHERE u.step_id = ? AND u.tbl = ? AND u.op = 'delete' ORDER BY u.id {conflict}",
        (step_id, table),
    )


def prune(keep: int = KEEP_STEPS) -> None:
    """Forget all but the newest ``keep`` steps (their rows go by cascade)."""
    row = db.execute_sql("SELECT id FROM undo_step ORDER BY id DESC LIMIT 1 OFFSET ?", (keep,)).fetchone()
    if row:
        db.execute_sql("DELETE FROM undo_row WHERE step_id <= ?", (row[0],))
        db.execute_sql("DELETE FROM undo_step WHERE id <= ?", (row[0],))


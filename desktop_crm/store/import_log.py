"""An import's change log: what one batch wrote, row by row and field by field.

Undo must touch exactly what a batch wrote and nothing else, so the log
records, for any table:

* ``created`` (one ImportChange per table and chunk): the ids the batch
  inserted, the columns it wrote and, per row, a fingerprint of those
  values (``{"columns": [...], "ids": [...], "sums": [...]}``). A row is
  still the batch's only while its fingerprint matches: an id SQLite handed
  out again after an empty trash, or a row the user edited since, no longer
  matches and is never deleted.
* ``changed`` (one ImportChange per row): the fields the batch changed,
  each with its old and new value (``{"field": [old, new], ...}``). Undo
  writes a field back only while it still holds the new value.

Both are plain rows in ``import_change``; recording 100,000 created rows is
one JSON list per table and chunk, not 100,000 rows. Older batches hold
``create`` (one id), ``create_range`` (an id range) or ``update`` (the whole
old row); :func:`entries_of` reads every kind.

Columns that move without the user meaning to change a row (``updated_at``,
trash, denormalised sort keys) are left out of fingerprints.
"""

from __future__ import annotations

import datetime as dt
import json
import marshal
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from .bulk import insert_rows
from .contact_table import chunked
from .database import db, execute_many, foreign_keys, row_identity, table_columns, table_names

_CHUNK = 500
# Kept out of fingerprints: they change when nobody edits the row's content.
VOLATILE_COLUMNS = frozenset({
    "id", "updated_at", "deleted_at", "sort_name", "org_sort", "last_contact_at",
    "next_meeting_at", "version",
})
_FIELDS = ("batch_id", "table", "row_id", "action", "old_values")


# How fingerprints are computed: 1, crc32 of the tuple's repr (logs written before kind 2,
# whose entries name no kind); 2, crc32 of its marshal form (version 0: no interning or
# reference flags, so equal values always give equal bytes), twice as fast.
FINGERPRINT = 2


def fingerprint(values: Sequence[Any], kind: int = FINGERPRINT) -> int:
    """A checksum of a row's values, given as SQLite returns them (str, int, float, None)."""
    if kind == 2:
        return zlib.crc32(marshal.dumps(tuple(values), 0))
    return zlib.crc32(repr(tuple(values)).encode("utf-8", "surrogatepass"))


def columns_of(table: str) -> list[str]:
    """The table's columns; also the guard that ``table`` is a real table of ours."""
    columns = table_columns(table)
    if not columns or table.startswith(("sqlite_", "import_")):
        raise ValueError(f"no table {table!r} to record in an import's change log")
    return columns


def fingerprint_columns(table: str, written: Iterable[str] | None = None) -> list[str]:
    """The columns a fingerprint covers: those written (default: all), less the volatile."""
    known = columns_of(table)
    wanted = known if written is None else [c for c in written if c in known]
    return [c for c in wanted if c not in VOLATILE_COLUMNS]


def current_rows(table: str, ids: Sequence[int], columns: Sequence[str]) -> dict[int, tuple]:
    """id -> the values of ``columns`` now, for the ``ids`` that still exist."""
    names = ", ".join(f'"{c}"' for c in columns)
    found: dict[int, tuple] = {}
    for chunk in chunked(ids, _CHUNK):
        marks = ", ".join("?" for _ in chunk)
        cursor = db.execute_sql(
            f'SELECT id, {names} FROM "{table}" WHERE id IN ({marks})', tuple(chunk))
        for row in cursor:
            found[row[0]] = tuple(_as_stored(v) for v in row[1:])
    return found


def _as_stored(value: Any) -> Any:
    """A value as SQLite returns it, so fingerprints agree on either engine: a server's
    timestamps come back as datetimes, SQLite's as the text peewee wrote."""
    return str(value) if isinstance(value, dt.date) else value


def record_created(batch_id: int, table: str, ids: Sequence[int],
                   sums: Sequence[int] | None = None,
                   columns: Sequence[str] | None = None) -> None:
    """Record that batch ``batch_id`` inserted rows ``ids`` of ``table``.

    Call it inside the import's transaction, after the rows are written.
    Without ``sums`` the rows are read back and fingerprinted over
    ``columns`` (default: every column but the volatile ones); a caller that
    still holds the values it wrote may pass their fingerprints (over the
    same ``columns``, in order) and save the read.
    """
    ids = list(ids)
    if not ids:
        return
    cols = fingerprint_columns(table, columns)
    if sums is None:
        rows = current_rows(table, ids, cols)
        sums = [fingerprint(rows[i]) if i in rows else -1 for i in ids]
    elif len(sums) != len(ids):
        raise ValueError("one fingerprint per id")
    insert_rows("import_change", _FIELDS, [(
        batch_id, table, ids[0], "created",
        json.dumps({"columns": cols, "ids": ids, "sums": list(sums), "fp": FINGERPRINT},
                   separators=(",", ":")),
    )])


def record_written(batch_id: int, table: str, columns: Sequence[str],
                   rows: Sequence[Sequence[Any]]) -> None:
    """:func:`record_created` for rows the caller has just inserted as tuples of
    ``columns`` (the id first): their fingerprints come from the tuples, nothing is
    read back. The values must be those SQLite stores (str, int, float, None)."""
    if not rows:
        return
    kept = fingerprint_columns(table, columns)
    positions = [list(columns).index(c) for c in kept]
    crc32, dumps = zlib.crc32, marshal.dumps  # fingerprint(), inlined: one call per row
    if len(positions) == 1:
        at = positions[0]
        sums = [crc32(dumps((row[at],), 0)) for row in rows]
    else:
        pick = itemgetter(*positions)
        sums = [crc32(dumps(pick(row), 0)) for row in rows]
    record_created(batch_id, table, [row[0] for row in rows], sums, kept)


def record_changed(batch_id: int, table: str,
                   rows: Iterable[tuple[int, Mapping[str, tuple[Any, Any]]]]) -> None:
    """Record fields batch ``batch_id`` changed: ``(row id, {field: (old, new)})`` per row."""
    columns_of(table)
    insert_rows("import_change", _FIELDS, (
        (batch_id, table, row_id, "changed",
         json.dumps({k: [old, new] for k, (old, new) in fields.items()}, default=str))
        for row_id, fields in rows if fields))


@dataclass
class Created:
    """Rows a batch created in one table: id -> fingerprint (None: not known), and how
    the fingerprints were computed (see :func:`fingerprint`)."""

    columns: list[str] | None
    sums: dict[int, int | None] = field(default_factory=dict)
    kind: int = FINGERPRINT


@dataclass
class Entries:
    """One batch's change log, read back in every format ever written."""

    created: dict[tuple[str, tuple[str, ...] | None], Created] = field(default_factory=dict)
    changed: dict[str, dict[int, dict[str, tuple[Any, Any]]]] = field(default_factory=dict)
    legacy_updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def created_ids(self, table: str) -> set[int]:
        ids: set[int] = set()
        for (name, _), created in self.created.items():
            if name == table:
                ids.update(created.sums)
        return ids

    def tables(self) -> set[str]:
        return ({t for t, _ in self.created} | set(self.changed) | set(self.legacy_updates))

    def touched(self) -> set[tuple[str, int]]:
        """(table, id) of every row the batch created or changed."""
        rows = {(t, i) for (t, _), c in self.created.items() for i in c.sums}
        rows |= {(t, i) for t, byid in self.changed.items() for i in byid}
        rows |= {(t, r["id"]) for t, old in self.legacy_updates.items() for r in old}
        return rows

    def changed_rows(self) -> set[tuple[str, int]]:
        rows = {(t, i) for t, byid in self.changed.items() for i in byid}
        return rows | {(t, r["id"]) for t, old in self.legacy_updates.items() for r in old}


def entries_of(batch_id: int) -> Entries:
    entries = Entries()
    cursor = db.execute_sql(
        'SELECT "table", row_id, action, old_values FROM import_change WHERE batch_id = ? '
        "ORDER BY id", (batch_id,))
    for table, row_id, action, payload in cursor:
        if action == "created":
            data = json.loads(payload)
            key = (table, tuple(data["columns"]))
            created = entries.created.setdefault(
                key, Created(list(data["columns"]), kind=int(data.get("fp", 1))))
            created.sums.update(zip(data["ids"], data["sums"], strict=True))
        elif action == "changed":
            fields = {k: (v[0], v[1]) for k, v in json.loads(payload).items()}
            entries.changed.setdefault(table, {}).setdefault(row_id, {}).update(fields)
        elif action in ("create", "create_range"):
            last = int(json.loads(payload)["last"]) if action == "create_range" else row_id
            created = entries.created.setdefault((table, None), Created(None))
            created.sums.update(dict.fromkeys(range(row_id, last + 1)))
        elif action == "update":
            entries.legacy_updates.setdefault(table, []).append(json.loads(payload))
    return entries


def later_batches(batch_id: int) -> list[int]:
    """Ids of the batches after ``batch_id`` that are not undone."""
    return [row[0] for row in db.execute_sql(
        "SELECT id FROM import_batch WHERE id > ? AND undone_at IS NULL ORDER BY id", (batch_id,))]


# A server's search index: rebuilt from the contacts, never someone's work.
DERIVED_TABLES = frozenset({"contact_search"})


def references(table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key in the schema that points at ``table``."""
    found = []
    for name in table_names():
        if name in DERIVED_TABLES:
            continue
        for column, target in foreign_keys(name):
            if target == table:
                found.append((name, column))
    return found


def referrers(table: str, ids: Sequence[int]) -> dict[int, set[tuple[str, int]]]:
    """id -> (table, rowid) of every row still pointing at it, for the ``ids`` pointed at."""
    found: dict[int, set[tuple[str, int]]] = {}
    for child, column in references(table):
        key = "id" if "id" in table_columns(child) else row_identity()
        for chunk in chunked(ids, _CHUNK):
            marks = ", ".join("?" for _ in chunk)
            cursor = db.execute_sql(
                f'SELECT "{column}", {key} FROM "{child}" WHERE "{column}" IN ({marks})',
                tuple(chunk))
            for row_id, rowid in cursor:
                found.setdefault(row_id, set()).add((child, rowid))
    return found


def pointers(table: str, target: str) -> list[str]:
    """The columns of ``table`` that are foreign keys to ``target``."""
    return [column for column, points_at in foreign_keys(table) if points_at == target]


def delete_order(tables: Iterable[str]) -> list[str]:
    """``tables`` with every table before the tables it points at (children first)."""
    tables = sorted(set(tables))
    parents = {t: {points_at for _, points_at in foreign_keys(t)} for t in tables}
    order: list[str] = []

    def visit(table: str, path: tuple[str, ...]) -> None:
        if table in order or table in path:
            return
        for child in tables:
            if table in parents[child] and child != table:
                visit(child, (*path, table))
        order.append(table)

    for table in tables:
        visit(table, ())
    return order


def delete_rows(table: str, ids: Sequence[int]) -> None:
    for chunk in chunked(ids, _CHUNK):
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(f'DELETE FROM "{table}" WHERE id IN ({marks})', tuple(chunk))


def set_values(table: str, column: str, values: Sequence[tuple[Any, int]]) -> None:
    """``UPDATE table SET column = value WHERE id = ?`` for each (value, id)."""
    columns_of(table)
    execute_many(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', values)


def labels(table: str, ids: Sequence[int]) -> dict[int, str]:
    """A name a person would recognise for each row: a contact's name, an
    organization's or tag's name, else ``table #id``."""
    sql = {
        "contact": "SELECT id, trim(first_name || ' ' || last_name) FROM contact WHERE id IN ({})",
        "organization": "SELECT id, name FROM organization WHERE id IN ({})",
        "tag": "SELECT id, name FROM tag WHERE id IN ({})",
    }.get(table)
    found: dict[int, str] = {}
    if sql:
        for chunk in chunked(ids, _CHUNK):
            marks = ", ".join("?" for _ in chunk)
            found.update(db.execute_sql(sql.format(marks), tuple(chunk)).fetchall())
    return {i: found.get(i) or f"{table} #{i}" for i in ids}


def edited_since(table: str, ids: Sequence[int], since: Any) -> set[tuple[int, str]]:
    """(contact id, field) the user edited after ``since``, from the contacts' history
    (used to keep later edits when undoing batches logged as whole old rows)."""
    if table != "contact":
        return set()
    found: set[tuple[int, str]] = set()
    for chunk in chunked(ids, _CHUNK):
        marks = ", ".join("?" for _ in chunk)
        found.update(db.execute_sql(
            f"SELECT contact_id, field FROM contact_history WHERE kind != 'import' "
            f"AND at >= ? AND contact_id IN ({marks})", (since, *chunk)).fetchall())
    return {(i, "organization_id" if f == "organization" else f) for i, f in found}


def rows_created_at(table: str, ids: Sequence[int], at: Any, batch_id: int) -> set[int]:
    """Of ``ids``, those that look written by the batch (for batches logged as id
    ranges): created at the batch's time, or history rows naming the batch."""
    columns = set(columns_of(table))
    if "batch_id" in columns:
        where, params = "batch_id = ?", (batch_id,)
    elif "created_at" in columns:
        where, params = "created_at = ?", (at,)
    else:
        return set(ids)
    found: set[int] = set()
    for chunk in chunked(ids, _CHUNK):
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in db.execute_sql(
            f'SELECT id FROM "{table}" WHERE {where} AND id IN ({marks})', (*params, *chunk)))
    return found

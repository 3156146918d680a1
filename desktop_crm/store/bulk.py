"""Set-based writes for imports and generators: each engine's fast path.

Per-row model objects cost ~10x here (see ARCHITECTURE.md figures), so the
bulk path builds plain tuples and hands them over in one transaction:
``executemany`` on SQLite's raw cursor, ``COPY … FROM STDIN`` on PostgreSQL.
Callers wrap these in ``db.atomic()``, so a batch cut short (a dropped
connection included) leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .database import db, on_server
from .sort_keys import ORGANIZATION_KEY_SQL

CONTACT_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "sort_name",
    "organization_id",
    "title",
    "industry",
    "location",
    "linkedin_url",
    "how_met",
    "notes",
    "interests",
    "tier",
    "is_gatekeeper",
    "status",
    "sources",
    "created_at",
    "updated_at",
)


def next_id(table: str) -> int:
    """The first id a bulk load of ``table`` may give its rows.

    On a server other copies write too: the table is locked against other writers
    (readers go on) until the caller's transaction ends, so no one takes those ids.
    """
    if on_server():
        db.execute_sql(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
    return int(db.execute_sql(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"').fetchone()[0])


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    columns, rows = _with_sort_keys(table, columns, rows)
    cols = ", ".join(f'"{c}"' for c in columns)
    if on_server():
        _copy_rows(table, cols, rows)
        if "id" in columns:
            _advance_sequence(table)
        return
    marks = ", ".join("?" for _ in columns)
    db.connection().executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)


def _with_sort_keys(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]):
    """Organizations get their folded ``sort_key`` as a model save gives it (the
    column has no default in a table peewee made, so a server's COPY needs it)."""
    if on_server():
        columns, rows = _with_model_defaults(table, columns, rows)
    if table != "organization" or "sort_key" in columns or "name" not in columns:
        return columns, rows
    from .sort_keys import organization_sort_key

    at = list(columns).index("name")
    return (*columns, "sort_key"), [(*row, organization_sort_key(row[at])) for row in rows]


def _with_model_defaults(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]):
    """Columns a load leaves out, given the model's default: peewee's defaults are the
    program's, not the server table's, and COPY takes only the table's."""
    from .models import ALL_MODELS

    model = next((m for m in ALL_MODELS if m._meta.table_name == table), None)
    if model is None:
        return columns, rows
    extra = [(f.column_name, f.default) for f in model._meta.sorted_fields
             if f.column_name not in columns and f.default is not None and not callable(f.default)
             and f.column_name != "sort_key"]
    if not extra:
        return columns, rows
    values = tuple(default for _, default in extra)
    return (*columns, *(name for name, _ in extra)), [(*row, *values) for row in rows]


def _copy_rows(table: str, cols: str, rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL's fastest load: one ``COPY`` stream in the open transaction."""
    from peewee import __exception_wrapper__ as as_peewee_error

    with as_peewee_error, db.cursor() as cursor, \
            cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _advance_sequence(table: str) -> None:
    """After rows were given their ids, the table's id sequence continues after them."""
    db.execute_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
        f'(SELECT max(id) FROM "{table}"))')


def insert_contacts(rows: Sequence[Sequence[Any]]) -> None:
    """Insert contact rows given in :data:`CONTACT_COLUMNS` order.

    ``org_sort`` (the table's organization sort key) is added here from the
    organization's stored ``sort_key``, exactly as the triggers copy it, so
    the insert trigger has nothing left to do.
    """
    org_index = CONTACT_COLUMNS.index("organization_id")
    org_ids = sorted({row[org_index] for row in rows if row[org_index] is not None})
    keys: dict[int, str] = {}
    for start in range(0, len(org_ids), 500):
        chunk = org_ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        keys.update(
            db.execute_sql(
                f"SELECT o.id, {ORGANIZATION_KEY_SQL.format(o='o')} "
                f"FROM organization o WHERE o.id IN ({marks})", chunk
            ).fetchall()
        )
    insert_rows(
        "contact",
        (*CONTACT_COLUMNS, "org_sort"),
        [(*row, keys.get(row[org_index], "")) for row in rows],
    )


def organization_ids_by_name(names: Iterable[str]) -> dict[str, int]:
    """Casefolded name -> id for the live organizations among ``names``."""
    wanted = {n.casefold() for n in names if n}
    found: dict[str, int] = {}
    if not wanted:
        return found
    cursor = db.execute_sql(
        "SELECT id, name FROM organization WHERE deleted_at IS NULL ORDER BY id"
    )
    for org_id, name in cursor:
        key = name.casefold()
        if key in wanted and key not in found:
            found[key] = org_id
    return found


def pause_fts() -> None:
    """Stop the per-row FTS triggers until :func:`index_contacts_fts` (same transaction)."""
    db.execute_sql("UPDATE fts_state SET paused = 1")


_FTS_ROWS = (
    "INSERT INTO contact_fts(rowid, name, organization, title, emails, notes) "
    "SELECT c.id, c.first_name || ' ' || c.last_name, coalesce(o.name, ''), c.title, "
    "coalesce((SELECT group_concat(e.email, ' ') FROM contact_email e "
    "WHERE e.contact_id = c.id), ''), c.notes "
    "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id WHERE "
)


def index_contacts_fts(first_id: int, last_id: int, changed: Iterable[int] = ()) -> None:
    """Index contacts ``first_id..last_id`` (new rows) and the ``changed`` ones in set
    statements, then resume the triggers."""
    if on_server():
        if last_id >= first_id:
            db.execute_sql("SELECT crm_search_refresh(ARRAY(SELECT id FROM contact "
                           "WHERE id BETWEEN ? AND ?))", (first_id, min(last_id, 2**31 - 1)))
        for chunk in _chunks(list(changed)):
            db.execute_sql("SELECT crm_search_refresh(?)", (list(chunk),))
        db.execute_sql("UPDATE fts_state SET paused = 0")
        return
    if last_id >= first_id:
        db.execute_sql("DELETE FROM contact_fts WHERE rowid BETWEEN ? AND ?", (first_id, last_id))
        db.execute_sql(_FTS_ROWS + "c.id BETWEEN ? AND ?", (first_id, last_id))
    ids = list(changed)
    for start in range(0, len(ids), 500):
        chunk = tuple(ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(f"DELETE FROM contact_fts WHERE rowid IN ({marks})", chunk)
        db.execute_sql(_FTS_ROWS + f"c.id IN ({marks})", chunk)
    db.execute_sql("UPDATE fts_state SET paused = 0")


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# Below this many rows an index is cheaper to keep up to date than to build again.
_REBUILD_AT = 20_000
# From this many rows in the table, indexes are built again with a smaller page cache.
_BIG_TABLE = 250_000
_REBUILD_CACHE = -8 * 1024  # KiB


@contextmanager
def indexes_paused(table: str, incoming: int) -> Iterator[bool]:
    """Drop ``table``'s secondary indexes for a bulk load that at least doubles it, and
    build them again afterwards: one sort per index instead of a B-tree insertion per
    row and index (the contact table has a dozen, so a 100,000-row first import spends
    most of its writing time in them). Yields whether they were dropped.

    The caller holds the transaction: if the load fails, the rollback brings the
    indexes back with everything else; other connections never see the table
    without them (WAL readers keep their snapshot until the commit).
    """
    if on_server():  # PostgreSQL keeps its indexes through COPY well enough
        yield False
        return
    existing = int(db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    if incoming < max(_REBUILD_AT, existing):
        yield False
        return
    indexes = db.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL", (table,)).fetchall()
    for name, _sql in indexes:
        db.execute_sql(f'DROP INDEX "{name}"')
    yield True
    # Building an index sorts in memory up to the page cache's size: over a million rows
    # a smaller cache saves 60 MB at the peak and builds as fast.
    big = int(db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]) >= _BIG_TABLE
    cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    if big:
        db.execute_sql(f"PRAGMA cache_size = {_REBUILD_CACHE}")
    try:
        for _name, sql in indexes:
            db.execute_sql(sql)
    finally:
        if big:
            db.execute_sql(f"PRAGMA cache_size = {int(cache)}")


# Insert triggers that do nothing during a bulk load, whose work the load does itself in
# set statements: the full-text ones are paused (pause_fts; index_contacts_fts indexes
# the rows afterwards) and the organization sort key is given with each row
# (insert_contacts). Each still costs a WHEN check per row: a third of a 100,000-row
# insert. Any other trigger keeps firing.
_IDLE_INSERT_TRIGGERS = {
    "contact": ("contact_fts_ai", "contact_org_sort_ai"),
    "contact_email": ("contact_email_fts_ai",),
}
# Below this many rows the checks cost less than changing the schema.
_TRIGGERS_AT = 5_000


@contextmanager
def insert_triggers_paused(incoming: int) -> Iterator[bool]:
    """Drop the idle insert triggers of the contact tables for a bulk load of
    ``incoming`` contacts, and create them again, exactly as they were, afterwards.
    Yields whether they were dropped.

    The caller holds the transaction and pauses the full-text triggers: a rollback
    brings the triggers back with everything else, and other connections never see
    the tables without them.
    """
    if incoming < _TRIGGERS_AT or on_server():  # the server's triggers check and return
        yield False
        return
    names = [name for group in _IDLE_INSERT_TRIGGERS.values() for name in group]
    marks = ", ".join("?" for _ in names)
    triggers = db.execute_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        names).fetchall()
    for name, _sql in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    yield True
    for _name, sql in triggers:
        db.execute_sql(sql)


# A server plans its queries from statistics, and a bulk load leaves them stale until
# autovacuum comes by (a minute or more later): meanwhile it guesses, and the map's graph
# or a search may take seconds instead of milliseconds. SQLite needs nothing here (the
# contact table's queries name their indexes).
_ANALYZE_AT = 1_000
_LOADED_TABLES = ("contact", "contact_email", "contact_phone", "contact_tag", "organization",
                  "relationship", "contact_search", "import_change")


def refresh_statistics(rows: int | None = None) -> None:
    """After a bulk load of about ``rows`` rows (None: a whole database) has committed,
    bring the server's statistics up to date (ANALYZE, well under a second at 100,000
    contacts). Outside the load's transaction, so another copy's writes never wait on it."""
    if not on_server() or (rows is not None and rows < _ANALYZE_AT):
        return
    for table in _LOADED_TABLES:
        db.execute_sql(f'ANALYZE "{table}"')

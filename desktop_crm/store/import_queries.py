"""The SQL of the importing feature: read what matching needs, write in bulk, list batches.

The change log undo reads is in :mod:`.import_log`.

Everything goes through the raw cursor with ``executemany``: an import may
hold 100,000 rows, and per-row model objects would cost ten times more (see
ARCHITECTURE.md). The callers hold the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from .bulk import insert_rows  # noqa: F401  (the one bulk insert; the importer uses it through here)
from .database import PRAGMAS, db, execute_many, on_server

CONTACT_UPDATE_COLUMNS = (
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
    "sources",
    "updated_at",
)


def _only(ids: Sequence[int] | None, column: str) -> tuple[str, tuple[Any, ...]]:
    """A WHERE condition keeping ``column`` to ``ids`` (all rows when None)."""
    if ids is None:
        return "1 = 1", ()
    if on_server():
        return f"{column} = ANY(?)", (list(ids),)
    return f"{column} IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)


def id_in(column: str, ids: Sequence[int]) -> tuple[str, tuple[Any, ...]]:
    """A WHERE condition keeping ``column`` to ``ids``, as one parameter on either engine."""
    return _only(list(ids), column)


def live_contacts(ids: Sequence[int] | None = None) -> Iterator[tuple[Any, ...]]:
    """(id, first, last, org_id, org_name, title, industry, location, linkedin, how_met, notes,
    sources) of every live contact, or of those among ``ids``."""
    where, params = _only(ids, "c.id")
    return iter(
        db.execute_sql(
            "SELECT c.id, c.first_name, c.last_name, c.organization_id, coalesce(o.name, ''), "
            "c.title, c.industry, c.location, c.linkedin_url, c.how_met, c.notes, c.sources "
            "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "
            f"WHERE c.deleted_at IS NULL AND {where} ORDER BY c.id", params
        )
    )


def contact_emails(ids: Sequence[int] | None = None) -> Iterator[tuple[int, str, int]]:
    """(contact_id, email, position) of every contact (or of ``ids``), in order."""
    where, params = _only(ids, "contact_id")
    return iter(db.execute_sql(
        f"SELECT contact_id, email, position FROM contact_email WHERE {where} "
        "ORDER BY contact_id, position, id", params))


def contact_phones(ids: Sequence[int] | None = None) -> Iterator[tuple[int, str, str, int]]:
    where, params = _only(ids, "contact_id")
    return iter(db.execute_sql(
        f"SELECT contact_id, raw, e164, position FROM contact_phone WHERE {where} "
        "ORDER BY contact_id, position, id", params))


def contact_tag_names(ids: Sequence[int] | None = None) -> Iterator[tuple[int, str]]:
    where, params = _only(ids, "ct.contact_id")
    return iter(db.execute_sql(
        f"SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
        f"WHERE {where}", params))


def history_values(ids: Sequence[int] | None = None) -> Iterator[tuple[int, str, str, str]]:
    """(contact_id, field, old_value, new_value): values a contact is known to have had."""
    where, params = _only(ids, "contact_id")
    return iter(db.execute_sql(
        f"SELECT contact_id, field, old_value, new_value FROM contact_history WHERE {where}",
        params))


def organizations() -> Iterator[tuple[int, str]]:
    return iter(
        db.execute_sql("SELECT id, name FROM organization WHERE deleted_at IS NULL ORDER BY id")
    )


def tags() -> Iterator[tuple[int, str]]:
    return iter(db.execute_sql("SELECT id, name FROM tag ORDER BY id"))


def update_contacts(rows: Iterable[Sequence[Any]]) -> None:
    """Rows of CONTACT_UPDATE_COLUMNS values followed by the id.

    Each row's ``version`` moves on, as with every write through the store, so a
    form open on one of these contacts sees the import's change when it saves.
    """
    sets = ", ".join(f'"{c}" = ?' for c in CONTACT_UPDATE_COLUMNS) + ', "version" = "version" + 1'
    execute_many(f'UPDATE contact SET {sets} WHERE id = ?', rows)


def create_batch(source: str, fmt: str, created_at: Any) -> int:
    cursor = db.execute_sql(
        "INSERT INTO import_batch (created_at, source, format, summary) VALUES (?, ?, ?, '{}')",
        (created_at, source, fmt),
    )
    return int(cursor.lastrowid)


def set_batch_summary(batch_id: int, summary: dict[str, Any]) -> None:
    db.execute_sql(
        "UPDATE import_batch SET summary = ? WHERE id = ?", (json.dumps(summary), batch_id)
    )


def get_batch(batch_id: int) -> tuple[Any, ...] | None:
    return db.execute_sql(
        "SELECT id, created_at, source, format, summary, undone_at FROM import_batch WHERE id = ?",
        (batch_id,),
    ).fetchone()


def list_batches() -> list[tuple[Any, ...]]:
    return list(
        db.execute_sql(
            "SELECT id, created_at, source, format, summary, undone_at FROM import_batch ORDER BY id DESC"
        )
    )


def mark_undone(batch_id: int, at: Any) -> None:
    db.execute_sql("UPDATE import_batch SET undone_at = ? WHERE id = ?", (at, batch_id))


def labelled_emails() -> Iterator[tuple[int, str, str]]:
    """(contact_id, label, email) in each contact's order, for exports."""
    return iter(db.execute_sql(
        "SELECT contact_id, label, email FROM contact_email ORDER BY contact_id, position, id"))


def labelled_phones() -> Iterator[tuple[int, str, str]]:
    """(contact_id, label, raw) in each contact's order, for exports."""
    return iter(db.execute_sql(
        "SELECT contact_id, label, raw FROM contact_phone ORDER BY contact_id, position, id"))


def tag_names_by_contact() -> Iterator[tuple[int, str]]:
    return iter(db.execute_sql(
        "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
        "ORDER BY ct.contact_id, lower(t.name)"))


# What the earlier batches of one streamed import made and met, kept on the import's
# connection in temporary tables (in memory: the store's temp_store) rather than in
# the process: a key hash (of :meth:`Incoming.keys`) -> the contact made with it, the
# earliest one kept; and the ids of the contacts there before that a batch matched.
# For the near-duplicate search of the later batches: each person made, by the hash
# of each block it is searched in (``import_near``, read one block after another), and
# by the hash of its exact-name block (``import_named``, the earliest one kept).
# A dry run writes nothing else: the people it would make or change are kept as they
# would be written (``import_state``: a contact id -> its state, as text).
_SCRATCH = ("import_made", "import_seen", "import_near", "import_named", "import_state")


def start_import_scratch() -> None:
    """Empty scratch tables for a streamed import (any left by an earlier one dropped).
    A key hash is 64 bits: BIGINT on a server, where INTEGER is 32."""
    drop_import_scratch()
    db.execute_sql("CREATE TEMP TABLE import_made "
                   "(hash BIGINT PRIMARY KEY, contact_id INTEGER NOT NULL)")
    db.execute_sql("CREATE TEMP TABLE import_seen (contact_id INTEGER PRIMARY KEY)")
    # Clustered by block on SQLite (WITHOUT ROWID): a block's people are read together.
    db.execute_sql("CREATE TEMP TABLE import_near (block BIGINT NOT NULL, "
                   "contact_id INTEGER NOT NULL, name TEXT NOT NULL, "
                   "PRIMARY KEY (block, contact_id))"
                   + ("" if on_server() else " WITHOUT ROWID"))
    db.execute_sql("CREATE TEMP TABLE import_named "
                   "(hash BIGINT PRIMARY KEY, contact_id INTEGER NOT NULL)")
    db.execute_sql("CREATE TEMP TABLE import_state "
                   "(contact_id INTEGER PRIMARY KEY, state TEXT NOT NULL)")


def drop_import_scratch() -> None:
    schema = "pg_temp" if on_server() else "temp"
    for table in _SCRATCH:
        db.execute_sql(f"DROP TABLE IF EXISTS {schema}.{table}")


def import_scratch_tables() -> list[str]:
    """The scratch tables that exist on this connection (none once an import ends)."""
    marks = ", ".join("?" for _ in _SCRATCH)
    sql = (f"SELECT relname FROM pg_class WHERE relpersistence = 't' AND relname IN ({marks})"
           if on_server() else
           f"SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name IN ({marks})")
    return [row[0] for row in db.execute_sql(sql, _SCRATCH)]


def _insert_new(table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
    """Rows into a scratch table, a key already there keeping its row."""
    if on_server():
        marks = ", ".join("%s" for _ in columns.split(","))
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO pg_temp.{table} ({columns}) VALUES ({marks}) "
                               "ON CONFLICT DO NOTHING", list(rows))
        return
    marks = ", ".join("?" for _ in columns.split(","))
    db.connection().executemany(
        f"INSERT OR IGNORE INTO temp.{table} ({columns}) VALUES ({marks})", rows)


def remember_made(rows: Iterable[tuple[int, int]]) -> None:
    """(key hash, contact id) rows, in order: a hash already there keeps its contact."""
    _insert_new("import_made", "hash, contact_id", rows)


def remember_seen(ids: Iterable[int]) -> None:
    _insert_new("import_seen", "contact_id", ((contact_id,) for contact_id in ids))


def _listed(values: Sequence[int]) -> tuple[str, tuple[str]]:
    """A list of integers as one parameter a join reads as a table."""
    if on_server():
        return "unnest(CAST(? AS bigint[])) AS j(value)", ("{" + ",".join(map(str, values)) + "}",)
    return "json_each(?) j", (json.dumps(list(values)),)


def made_with(hashes: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(hash, contact id) of those of ``hashes`` a contact was made with (one seek each:
    given in order, the seeks walk the table once)."""
    source, params = _listed(hashes)
    return iter(db.execute_sql(
        f"SELECT m.hash, m.contact_id FROM {source} JOIN import_made m ON m.hash = j.value",
        params))


def seen_among(ids: Sequence[int]) -> set[int]:
    """Those of ``ids`` an earlier batch met."""
    source, params = _listed(ids)
    return {row[0] for row in db.execute_sql(
        f"SELECT s.contact_id FROM {source} JOIN import_seen s ON s.contact_id = j.value",
        params)}


def remember_near(rows: Iterable[tuple[int, int, str]],
                  named: Iterable[tuple[int, int]]) -> None:
    """People an import made, for the near-duplicate search of its later batches:
    ``rows`` (block hash, contact id, name) and ``named`` (exact-name block hash,
    contact id), each in order; a hash already named keeps its contact."""
    _insert_new("import_near", "block, contact_id, name", rows)
    _insert_new("import_named", "hash, contact_id", named)


def named_with(hashes: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(hash, contact id) of those of ``hashes`` an earlier batch named."""
    source, params = _listed(hashes)
    return iter(db.execute_sql(
        f"SELECT m.hash, m.contact_id FROM {source} JOIN import_named m ON m.hash = j.value",
        params))


def near_members(blocks: Sequence[int]) -> Iterator[tuple[int, int, str]]:
    """(block hash, contact id, name) of the people in ``blocks`` (given sorted), block
    after block, each block's in the order they were made."""
    source, params = _listed(blocks)
    return iter(db.execute_sql(
        f"SELECT n.block, n.contact_id, n.name FROM {source} "
        "JOIN import_near n ON n.block = j.value ORDER BY n.block, n.contact_id", params))


def keep_states(rows: Iterable[tuple[int, str]]) -> None:
    """(contact id, state) of people a dry run would make or change; a later one replaces."""
    rows = list(rows)
    if on_server():
        with db.cursor() as cursor:
            cursor.executemany("INSERT INTO pg_temp.import_state (contact_id, state) "
                               "VALUES (%s, %s) ON CONFLICT (contact_id) "
                               "DO UPDATE SET state = excluded.state", rows)
        return
    db.connection().executemany(
        "INSERT OR REPLACE INTO temp.import_state (contact_id, state) VALUES (?, ?)", rows)


def states_of(ids: Sequence[int]) -> Iterator[tuple[int, str]]:
    """(contact id, state) of those of ``ids`` a dry run kept."""
    source, params = _listed(ids)
    return iter(db.execute_sql(
        f"SELECT s.contact_id, s.state FROM {source} "
        "JOIN import_state s ON s.contact_id = j.value", params))


def next_free_id(table: str) -> int:
    """The id after the highest of ``table``, read without locking it (for a dry run,
    which writes nothing)."""
    return int(db.execute_sql(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"').fetchone()[0])


@contextmanager
def scratch_on_disk() -> Iterator[None]:
    """On SQLite, this connection's temporary tables (a big import's scratch tables, and
    its sorts) in a temporary file, its pages cached as the database's are, rather than
    all in memory: a million-row file's scratch tables would hold a hundred MB more.
    Back in memory afterwards. Only outside a transaction (SQLite allows the change
    only then), and not for an encrypted file (its people would be written to a
    temporary file unencrypted); otherwise, and on a server, nothing changes."""
    on_disk = (not on_server() and not db.in_transaction()
               and not getattr(db.obj, "passphrase", None))
    if on_disk:
        db.execute_sql("PRAGMA temp_store = FILE")
    try:
        yield
    finally:
        if on_disk and not db.in_transaction():
            with suppress(Exception):
                db.execute_sql(f"PRAGMA temp_store = {PRAGMAS['temp_store']}")


class _RolledBack(Exception):
    """Leaves a read transaction: rolled back, whatever it wrote to its scratch tables."""


@contextmanager
def reading() -> Iterator[None]:
    """A read transaction for work that writes only to its own temporary tables (a dry
    run), its scratch on disk (:func:`scratch_on_disk`): on SQLite it begins DEFERRED
    and never takes the database's write lock, so other connections write while it
    runs; a server's transaction takes no lock for reads. It is rolled back at the end."""
    with scratch_on_disk():
        try:
            with db.atomic() if on_server() else db.atomic("DEFERRED"):
                yield
                raise _RolledBack()
        except _RolledBack:
            pass

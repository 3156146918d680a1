"""The SQL of the importing feature: read what matching needs, write and undo in bulk.

Everything goes through the raw cursor with ``executemany``: an import may
hold 100,000 rows, and per-row model objects would cost ten times more (see
ARCHITECTURE.md). The callers hold the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .bulk import insert_rows  # the one bulk insert; the importer uses it through here
from .database import db

_CHUNK = 500

# Tables an import writes, children first: the order undo deletes in.
UNDO_DELETE_ORDER = (
    "relationship",
    "contact_history",
    "contact_tag",
    "contact_phone",
    "contact_email",
    "contact",
    "tag",
    "organization",
)
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


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def live_contacts() -> Iterator[tuple[Any, ...]]:
    """(id, first, last, org_id, org_name, title, industry, location, linkedin, how_met, notes, sources)."""
    return iter(
        db.execute_sql(
            "SELECT c.id, c.first_name, c.last_name, c.organization_id, coalesce(o.name, ''), "
            "c.title, c.industry, c.location, c.linkedin_url, c.how_met, c.notes, c.sources "
            "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "
            "WHERE c.deleted_at IS NULL ORDER BY c.id"
        )
    )


def contact_emails() -> Iterator[tuple[int, str, int]]:
    """(contact_id, email, position) of every contact, in order."""
    return iter(
        db.execute_sql("SELECT contact_id, email, position FROM contact_email ORDER BY contact_id, position, id")
    )


def contact_phones() -> Iterator[tuple[int, str, str, int]]:
    return iter(
        db.execute_sql("SELECT contact_id, raw, e164, position FROM contact_phone ORDER BY contact_id, position, id")
    )


def contact_tag_names() -> Iterator[tuple[int, str]]:
    return iter(
        db.execute_sql(
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        )
    )


def history_values() -> Iterator[tuple[int, str, str, str]]:
    """(contact_id, field, old_value, new_value): values a contact is known to have had."""
    return iter(db.execute_sql("SELECT contact_id, field, old_value, new_value FROM contact_history"))


def organizations() -> Iterator[tuple[int, str]]:
    return iter(
        db.execute_sql("SELECT id, name FROM organization WHERE deleted_at IS NULL ORDER BY id")
    )


def tags() -> Iterator[tuple[int, str]]:
    return iter(db.execute_sql("SELECT id, name FROM tag ORDER BY id"))


def fetch_rows(table: str, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Whole rows of ``table`` by id, as stored (for restoring them exactly)."""
    columns = [row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')]
    found: list[dict[str, Any]] = []
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" for _ in chunk)
        cursor = db.execute_sql(f'SELECT * FROM "{table}" WHERE id IN ({marks})', tuple(chunk))
        found.extend(dict(zip(columns, row, strict=True)) for row in cursor)
    return found


def update_contacts(rows: Iterable[Sequence[Any]]) -> None:
    """Rows of CONTACT_UPDATE_COLUMNS values followed by the id."""
    sets = ", ".join(f'"{c}" = ?' for c in CONTACT_UPDATE_COLUMNS)
    db.connection().executemany(f'UPDATE contact SET {sets} WHERE id = ?', rows)


def record_changes(rows: Iterable[tuple[int, str, int, str, str]]) -> None:
    """ImportChange rows: (batch_id, table, row_id, action, old_values JSON)."""
    insert_rows("import_change", ("batch_id", "table", "row_id", "action", "old_values"), rows)


def record_created_ranges(batch_id: int, ranges: Iterable[tuple[str, int, int]]) -> None:
    """One ``create_range`` ImportChange per (table, first id, last id) the batch created.

    ``row_id`` holds the first id and ``old_values`` ``{"last": N}`` (read back by
    :func:`range_last`); batches written before ranges existed hold one
    ``create`` row per id.
    """
    record_changes((batch_id, table, first, "create_range", json.dumps({"last": last}))
                   for table, first, last in ranges if last >= first)


def range_last(old_values: str) -> int:
    """The last id a ``create_range`` ImportChange covers."""
    return int(json.loads(old_values)["last"])


def changes_of(batch_id: int) -> list[tuple[str, int, str, str]]:
    """(table, row_id, action, old_values) of one batch, in the order they were made."""
    return list(
        db.execute_sql(
            'SELECT "table", row_id, action, old_values FROM import_change WHERE batch_id = ? ORDER BY id',
            (batch_id,),
        )
    )


def later_batches_touching(batch_id: int) -> list[int]:
    """Ids of later, not undone batches that changed a row this batch wrote.

    Rows are matched exactly (``row_id`` against ``row_id``, which SQLite
    answers with an automatic index); id ranges (``create_range``) on either
    side are few, so they are compared by overlap.
    """
    later_rows = (
        'SELECT c.batch_id, c."table" AS tbl, c.row_id AS lo, '
        "CASE WHEN c.action = 'create_range' THEN json_extract(c.old_values, '$.last') "
        "ELSE c.row_id END AS hi, c.action = 'create_range' AS is_range "
        "FROM import_change c JOIN import_batch b ON b.id = c.batch_id "
        "WHERE c.batch_id {} ? AND b.undone_at IS NULL"
    )
    mine_rows = later_rows.replace("JOIN import_batch b ON b.id = c.batch_id ", "").replace(
        " AND b.undone_at IS NULL", "")
    sql = (
        f"WITH mine AS ({mine_rows.format('=')}), later AS ({later_rows.format('>')}) "
        "SELECT later.batch_id FROM mine JOIN later ON later.tbl = mine.tbl "
        "AND later.lo = mine.lo WHERE NOT mine.is_range AND NOT later.is_range "
        "UNION SELECT later.batch_id FROM mine JOIN later ON later.tbl = mine.tbl "
        "AND later.lo <= mine.hi AND later.hi >= mine.lo WHERE mine.is_range "
        "UNION SELECT later.batch_id FROM later JOIN mine ON later.tbl = mine.tbl "
        "AND later.lo <= mine.hi AND later.hi >= mine.lo WHERE later.is_range "
        "ORDER BY 1"
    )
    return [row[0] for row in db.execute_sql(sql, (batch_id, batch_id))]


def dependents_of_contacts(ids: Sequence[int], batch_id: int | None = None) -> dict[str, int]:
    """How many meetings, outreach, relationships, introductions and actions name these contacts.

    Relationships the batch ``batch_id`` made itself (its ties) do not count.
    """
    own = ""
    if batch_id is not None:
        own = (" AND id NOT IN (SELECT r.id FROM relationship r JOIN import_change ic "
               f"ON ic.batch_id = {int(batch_id)} AND ic.\"table\" = 'relationship' AND ("
               "(ic.action = 'create' AND r.id = ic.row_id) OR (ic.action = 'create_range' AND "
               "r.id BETWEEN ic.row_id AND json_extract(ic.old_values, '$.last'))))")
    queries = {
        "meetings": "SELECT count(*) FROM meeting WHERE contact_id IN ({})",
        "outreach attempts": "SELECT count(*) FROM outreach_attempt WHERE contact_id IN ({})",
        "relationships": "SELECT count(*) FROM relationship WHERE (person_a_id IN ({0}) OR person_b_id IN ({0}))"
        + own,
        "introductions": "SELECT count(*) FROM introduction WHERE introducer_id IN ({0}) OR introduced_id IN ({0})",
        "actions": "SELECT count(*) FROM action WHERE contact_id IN ({})",
    }
    counts = dict.fromkeys(queries, 0)
    for chunk in _chunks(list(ids), 400):
        marks = ", ".join("?" for _ in chunk)
        for name, sql in queries.items():
            text = sql.format(marks)
            params = tuple(chunk) * sql.count("IN ({")
            counts[name] += int(db.execute_sql(text, params).fetchone()[0])
    return {k: v for k, v in counts.items() if v}


def delete_range(table: str, first: int, last: int) -> None:
    db.execute_sql(f'DELETE FROM "{table}" WHERE id BETWEEN ? AND ?', (first, last))


def delete_rows(table: str, ids: Sequence[int]) -> None:
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(f'DELETE FROM "{table}" WHERE id IN ({marks})', tuple(chunk))


def restore_rows(table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Put whole rows back as they were (UPDATE every column by id)."""
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        columns = tuple(c for c in row if c != "id")
        by_columns.setdefault(columns, []).append((*(row[c] for c in columns), row["id"]))
    for columns, values in by_columns.items():
        sets = ", ".join(f'"{c}" = ?' for c in columns)
        db.connection().executemany(f'UPDATE "{table}" SET {sets} WHERE id = ?', values)


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
        "ORDER BY ct.contact_id, t.name COLLATE NOCASE"))

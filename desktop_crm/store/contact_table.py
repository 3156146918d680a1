"""The contact table's SQL: counts, pages by keyset or OFFSET, filters, sort on any column.

The Qt model shows a window of a table that may hold a million rows, so
every query here walks a partial ``(key, id) WHERE deleted_at IS NULL``
index (schema 2 and 3) instead of sorting:

* a page next to one already read continues from its edge row by keyset,
  ``WHERE (key, id) > (?, ?)`` — about a millisecond anywhere in the table;
* a page far from any read page is found by ``OFFSET`` over the covering
  index, counted from whichever end of the table is nearer, so the end of
  a million rows costs the same as its start;
* only the ids come from the index; the 200 visible rows are then read by
  id, so the correlated email lookup runs for visible rows only.

Nullable sort keys (the dates) sort first ascending; keyset across NULLs
would need an ``OR`` the planner cannot index, so those fall back to
``OFFSET``, which is still bounded by the half-table walk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .database import db
from .fts import match_clause
from .like import contains_pattern

# Sort key -> (column, nullable). Every column has a (column, id) partial index.
SORT_COLUMNS: dict[str, tuple[str, bool]] = {
    "name": ("sort_name", False),
    "organization": ("org_sort", False),
    "title": ("title", False),
    "tier": ("tier", False),
    "status": ("status", False),
    "industry": ("industry", False),
    "location": ("location", False),
    "last_contact": ("last_contact_at", True),
    "next_meeting": ("next_meeting_at", True),
    "trashed": ("deleted_at", False),
}

ROW_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "organization",
    "title",
    "tier",
    "status",
    "industry",
    "location",
    "email",
    "last_contact_at",
    "next_meeting_at",
    "is_gatekeeper",
    "deleted_at",
)

_ROWS_SQL = (
    "SELECT c.id, c.first_name, c.last_name, coalesce(o.name, ''), c.title, c.tier, c.status, "
    "c.industry, c.location, coalesce((SELECT e.email FROM contact_email e "
    "WHERE e.contact_id = c.id ORDER BY e.position, e.id LIMIT 1), ''), "
    "c.last_contact_at, c.next_meeting_at, c.is_gatekeeper, c.deleted_at "
    "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "
    "WHERE c.id IN ({marks})"
)

_CHUNK = 900  # bound parameters per statement, well under SQLite's limit


@dataclass(frozen=True)
class TableQuery:
    """Plain filter values the services validated; this module turns them into SQL."""

    sort: str = "name"
    descending: bool = False
    trashed: bool = False
    fts: str | None = None  # an FTS5 MATCH expression (store.fts.match_expression)
    tiers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    tag: str = ""
    organization: str = ""
    industry: str = ""
    location: str = ""
    contacted_after: dt.datetime | None = None
    contacted_before: dt.datetime | None = None
    upcoming_from: dt.datetime | None = None  # has a planned meeting at or after this
    gatekeepers_only: bool = False

    @property
    def column(self) -> str:
        return SORT_COLUMNS[self.sort][0]

    @property
    def nullable(self) -> bool:
        return SORT_COLUMNS[self.sort][1]


def _stamp(value: dt.datetime) -> str:
    """Datetimes as peewee stores them, so text comparison orders them."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


def where_clause(q: TableQuery) -> tuple[str, list[Any]]:
    """The WHERE text and its parameters. The deleted_at test is spelled exactly as
    in the partial indexes, or SQLite would not use them."""
    clauses = ["c.deleted_at IS NOT NULL" if q.trashed else "c.deleted_at IS NULL"]
    params: list[Any] = []
    if q.fts:
        clauses.append(match_clause("c.id"))
        params.append(q.fts)
    if q.tiers:
        clauses.append(f"c.tier IN ({', '.join('?' for _ in q.tiers)})")
        params.extend(q.tiers)
    if q.statuses:
        clauses.append(f"c.status IN ({', '.join('?' for _ in q.statuses)})")
        params.extend(q.statuses)
    if q.tag:
        clauses.append(
            "c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE t.name = ?)"
        )
        params.append(q.tag)
    if q.organization:
        clauses.append(
            "c.organization_id IN (SELECT o2.id FROM organization o2 WHERE o2.name LIKE ? ESCAPE '\\')"
        )
        params.append(contains_pattern(q.organization))
    for column, value in (("industry", q.industry), ("location", q.location)):
        if value:
            clauses.append(f"c.{column} LIKE ? ESCAPE '\\'")
            params.append(contains_pattern(value))
    if q.contacted_after is not None:
        clauses.append("c.last_contact_at >= ?")
        params.append(_stamp(q.contacted_after))
    if q.contacted_before is not None:
        clauses.append("c.last_contact_at < ?")
        params.append(_stamp(q.contacted_before))
    if q.upcoming_from is not None:
        clauses.append(  # spelled as the partial index meeting_planned_start
            "c.id IN (SELECT m.contact_id FROM meeting m WHERE m.status = 'planned' "
            "AND m.deleted_at IS NULL AND m.starts_at >= ?)"
        )
        params.append(_stamp(q.upcoming_from))
    if q.gatekeepers_only:
        clauses.append("c.is_gatekeeper = 1")
    return " AND ".join(clauses), params


def count(q: TableQuery) -> int:
    where, params = where_clause(q)
    return int(db.execute_sql(f"SELECT count(*) FROM contact c WHERE {where}", params).fetchone()[0])


def _order(q: TableQuery, reverse: bool) -> str:
    descending = q.descending != reverse
    direction = "DESC" if descending else "ASC"
    return f"c.{q.column} {direction}, c.id {direction}"


def page_keys(q: TableQuery, offset: int, limit: int, from_end: bool = False) -> list[tuple[Any, int]]:
    """(key, id) of ``limit`` rows from ``offset``; ``from_end`` counts the offset from the
    last row backwards (the rows still come back in table order)."""
    where, params = where_clause(q)
    sql = (
        f"SELECT c.{q.column}, c.id FROM contact c WHERE {where} "
        f"ORDER BY {_order(q, from_end)} LIMIT ? OFFSET ?"
    )
    rows = db.execute_sql(sql, [*params, int(limit), int(offset)]).fetchall()
    return rows[::-1] if from_end else rows


def page_keys_after(
    q: TableQuery, key: Any, contact_id: int, limit: int, backwards: bool = False
) -> list[tuple[Any, int]] | None:
    """``limit`` rows after the row (key, id) in table order (before it if ``backwards``),
    by keyset; None when keyset cannot be used (a NULL key), so the caller uses OFFSET."""
    if key is None:
        return None
    if q.nullable and (backwards != q.descending):
        return None  # the walk would have to cross the NULL rows
    where, params = where_clause(q)
    ahead = q.descending == backwards  # moving towards larger keys
    op = ">" if ahead else "<"
    sql = (
        f"SELECT c.{q.column}, c.id FROM contact c WHERE {where} "
        f"AND (c.{q.column}, c.id) {op} (?, ?) ORDER BY {_order(q, backwards)} LIMIT ?"
    )
    rows = db.execute_sql(sql, [*params, key, int(contact_id), int(limit)]).fetchall()
    return rows[::-1] if backwards else rows


def ids_in_range(q: TableQuery, offset: int, limit: int) -> list[int]:
    """Ids of the rows ``offset .. offset+limit`` (a selection), from the index only."""
    return [row[1] for row in page_keys(q, offset, limit)]


def rows_by_id(ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """Display rows (see :data:`ROW_COLUMNS`) for these contact ids."""
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        sql = _ROWS_SQL.format(marks=", ".join("?" for _ in chunk))
        for row in db.execute_sql(sql, chunk):
            found[row[0]] = row
    return found


def position_of(q: TableQuery, contact_id: int) -> int | None:
    """The row number of a contact in this table, or None when the filter hides it."""
    where, params = where_clause(q)
    hit = db.execute_sql(
        f"SELECT c.{q.column} FROM contact c WHERE {where} AND c.id = ?", [*params, int(contact_id)]
    ).fetchone()
    if hit is None:
        return None
    key = hit[0]
    # Rows before (key, id) in ascending order; NULL keys sort first.
    if key is None:
        before = f"(c.{q.column} IS NULL AND c.id < ?)"
        extra: list[Any] = [int(contact_id)]
    else:
        before = f"(c.{q.column} IS NULL OR (c.{q.column}, c.id) < (?, ?))"
        extra = [key, int(contact_id)]
    ascending_before = int(
        db.execute_sql(f"SELECT count(*) FROM contact c WHERE {where} AND {before}", [*params, *extra]).fetchone()[0]
    )
    if not q.descending:
        return ascending_before
    return count(q) - ascending_before - 1


def distinct_values(column: str, limit: int = 2000) -> list[str]:
    """Values in use for a free-text column (industry, location), for completion."""
    if column not in ("industry", "location", "title"):
        raise ValueError(f"no completion for column {column!r}")
    sql = (
        f"SELECT DISTINCT {column} FROM contact WHERE deleted_at IS NULL AND {column} != '' "
        f"ORDER BY {column} LIMIT ?"
    )
    return [row[0] for row in db.execute_sql(sql, (int(limit),))]


def organization_names(limit: int = 5000) -> list[str]:
    sql = "SELECT name FROM organization WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE LIMIT ?"
    return [row[0] for row in db.execute_sql(sql, (int(limit),))]


def tag_names() -> list[str]:
    return [row[0] for row in db.execute_sql("SELECT name FROM tag ORDER BY name COLLATE NOCASE")]


def live_and_trashed_counts() -> tuple[int, int]:
    """(contacts outside the trash, contacts in it), each from its own partial index."""
    live = db.execute_sql("SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0]
    trashed = db.execute_sql("SELECT count(*) FROM contact WHERE deleted_at IS NOT NULL").fetchone()[0]
    return int(live), int(trashed)


def chunked(ids: Iterable[int], size: int = _CHUNK) -> Iterable[list[int]]:
    batch: list[int] = []
    for item in ids:
        batch.append(int(item))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def query_plans(q: TableQuery, limit: int = 100) -> dict[str, str]:
    """``EXPLAIN QUERY PLAN`` of the count and of the first page, one line each.

    For the benchmark and the tests that prove every filter reads an index.
    """
    where, params = where_clause(q)
    statements = {
        "count": (f"SELECT count(*) FROM contact c WHERE {where}", params),
        "first_page": (f"SELECT c.{q.column}, c.id FROM contact c WHERE {where} "
                       f"ORDER BY {_order(q, False)} LIMIT ? OFFSET 0", [*params, int(limit)]),
    }
    plans = {}
    for key, (sql, args) in statements.items():
        rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", args).fetchall()
        plans[key] = " | ".join(str(row[-1]) for row in rows)
    return plans

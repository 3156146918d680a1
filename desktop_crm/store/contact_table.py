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
from functools import lru_cache
from typing import Any

from .database import db, on_server
from .fts import match_clause
from .like import contains_pattern
from .sort_keys import fold

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

# Sort key -> its live (column, id) index.
SORT_INDEXES: dict[str, str] = {
    "name": "contact_live_name_filters",
    "organization": "contact_live_org_sort",
    "title": "contact_live_title",
    "tier": "contact_live_tier",
    "status": "contact_live_status",
    "industry": "contact_live_industry",
    "location": "contact_live_location",
    "last_contact": "contact_live_last_contact_at",
    "next_meeting": "contact_live_next_meeting_at",
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
    # The "contains" filters resolved to the exact values they match (see matching_values);
    # None means not resolved, and the filter is a LIKE over the column.
    organization_ids: tuple[int, ...] | None = None
    industry_values: tuple[str, ...] | None = None
    location_values: tuple[str, ...] | None = None

    @property
    def column(self) -> str:
        return SORT_COLUMNS[self.sort][0]

    @property
    def nullable(self) -> bool:
        return SORT_COLUMNS[self.sort][1]


def _stamp(value: dt.datetime) -> str:
    """Datetimes as peewee stores them, so text comparison orders them."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


# A condition no row meets, spelled so both engines read it as a boolean.
NOTHING = "1 = 0"


def _in(column: str, values: Sequence[Any]) -> str:
    """``column IN (?, …)``, or a constant false (no row is read) when nothing can match."""
    return f"{column} IN ({', '.join('?' for _ in values)})" if values else NOTHING


def _terms(q: TableQuery) -> list[tuple[str, list[Any], str | None]]:
    """Each filter as (SQL condition, parameters, the live index that finds its rows).

    The deleted_at test is spelled exactly as in the partial indexes, or SQLite
    would not use them.
    """
    terms: list[tuple[str, list[Any], str | None]] = [
        ("c.deleted_at IS NOT NULL" if q.trashed else "c.deleted_at IS NULL", [], None)
    ]
    if q.fts:
        terms.append((match_clause("c.id"), [q.fts], None))
    if q.tiers:
        terms.append((_in("c.tier", q.tiers), list(q.tiers), "contact_live_tier_name"))
    if q.statuses:
        terms.append((_in("c.status", q.statuses), list(q.statuses), "contact_live_status_name"))
    if q.tag:
        terms.append((
            "c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE t.name = ?)",
            [q.tag], None,
        ))
    if q.organization_ids is not None:
        terms.append((_in("c.organization_id", q.organization_ids), list(q.organization_ids),
                      "contact_live_org_name"))
    elif q.organization:
        terms.append((
            f"c.organization_id IN (SELECT o2.id FROM organization o2 WHERE o2.name {_like()} ? ESCAPE '\\')",
            [contains_pattern(q.organization)], None,
        ))
    for column, text, values in (("industry", q.industry, q.industry_values),
                                 ("location", q.location, q.location_values)):
        if values is not None:
            terms.append((_in(f"c.{column}", values), list(values), f"contact_live_{column}"))
        elif text:
            terms.append((f"c.{column} {_like()} ? ESCAPE '\\'", [contains_pattern(text)], None))
    if q.contacted_after is not None:
        terms.append(("c.last_contact_at >= ?", [_stamp(q.contacted_after)], "contact_live_last_contact_at"))
    if q.contacted_before is not None:
        terms.append(("c.last_contact_at < ?", [_stamp(q.contacted_before)], "contact_live_last_contact_at"))
    if q.upcoming_from is not None:
        terms.append((  # spelled as the partial index meeting_planned_start
            "c.id IN (SELECT m.contact_id FROM meeting m WHERE m.status = 'planned' "
            "AND m.deleted_at IS NULL AND m.starts_at >= ?)", [_stamp(q.upcoming_from)], None,
        ))
    if q.gatekeepers_only:
        terms.append(("c.is_gatekeeper = 1", [], "contact_live_gatekeeper_name"))
    return terms


def where_clause(q: TableQuery) -> tuple[str, list[Any]]:
    """The WHERE text and its parameters."""
    terms = _terms(q)
    return " AND ".join(t[0] for t in terms), [p for t in terms for p in t[1]]


# A filter that matches fewer live rows than this drives the page: its rows are read
# from its own index and sorted (a few ms), instead of walking the sort order and
# testing every row, which for a rare match would read most of a million rows.
DRIVER_CAP = 5000


@lru_cache(maxsize=64)
def driving_index(q: TableQuery) -> str | None:
    """The index of the most selective filter, when it matches fewer than DRIVER_CAP rows.

    Each filter's rows are counted through its own index, at most DRIVER_CAP of them
    (a few ms each), so the choice costs little even on a million contacts. None
    leaves the choice to SQLite (a set filter such as search or a tag, one value of
    a (value, sort_name) index, or no filter rare enough to be worth a sort).
    """
    if q.trashed or on_server():
        return None  # a server plans by its own statistics (INDEXED BY is SQLite's)
    terms = _terms(q)
    if any(index is None for _, _, index in terms[1:]):
        return None  # a set filter (search, tag, upcoming) already starts from its few rows
    best: tuple[int, str] | None = None
    for condition, params, index in terms[1:]:
        if condition == NOTHING:
            return None  # nothing matches: SQLite answers without reading
        # An index holding sort_name sorts its rows without reading the table: more may drive.
        cap = DRIVER_CAP * 4 if q.sort == "name" and index in _ORDERED_BY_NAME else DRIVER_CAP
        found = db.execute_sql(
            f"SELECT count(*) FROM (SELECT 1 FROM contact c INDEXED BY {index} "
            f"WHERE c.deleted_at IS NULL AND {condition} LIMIT {cap})", params,
        ).fetchone()[0]
        if found < cap and (best is None or found < best[0]):
            best = (int(found), str(index))
    return best[1] if best else None


# (sort_name, id)-ordered indexes that also hold one filter's value first.
_ORDERED_BY_NAME = {"contact_live_tier_name", "contact_live_status_name", "contact_live_org_name",
                    "contact_live_gatekeeper_name"}


def _source(q: TableQuery, page: bool = True) -> str:
    """``contact c``, pinned to the index a page (or a count) should read.

    The most selective filter's index when one matches few rows. Otherwise, for
    a page: one filter value alone whose (value, sort_name) index gives the
    name order is left to SQLite, which walks it; any other filter walks the
    sort order's own index until a page of rows passes (by name, the covering
    ``contact_live_name_filters`` tests every column inside the index). For a
    count: one filter is a range count of its own index (SQLite's choice);
    several columns read the covering name index, with no table look-ups.
    """
    terms = _terms(q)[1:]
    if any(t[0] == NOTHING for t in terms):
        return "contact c"  # nothing can match: SQLite answers without reading (no index to pin)
    index = driving_index(q)
    if index is None and terms and not q.trashed and all(t[2] is not None for t in terms):
        if page:
            alone = len(terms) == 1 and q.sort == "name" and (
                terms[0][0] == "c.is_gatekeeper = 1"
                or (terms[0][2] in _ORDERED_BY_NAME and len(terms[0][1]) == 1))
            if not alone:
                index = SORT_INDEXES.get(q.sort)
        elif len(terms) > 1:
            index = SORT_INDEXES["name"]
    return f"contact c INDEXED BY {index}" if index and not on_server() else "contact c"


_DISTINCT_SQL = (
    "WITH RECURSIVE v(x) AS (SELECT min({col}) FROM contact WHERE deleted_at IS NULL "
    "UNION ALL SELECT (SELECT min({col}) FROM contact WHERE deleted_at IS NULL AND {col} > x) "
    "FROM v WHERE x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL LIMIT ?"
)
MAX_VALUES = 20_000  # more distinct values than this: the filter stays a LIKE scan


def matching_values(column: str, text: str) -> tuple[str, ...] | None:
    """The values of ``column`` (industry or location) on live contacts that contain
    ``text``, accents and case folded; None when the column has too many values.

    The values are read by a skip walk of the column's own index (one step per
    distinct value), so ten industries over a million contacts cost ten look-ups.
    """
    if column not in ("industry", "location"):
        raise ValueError(f"no value filter for column {column!r}")
    needle = fold(text)
    values = [row[0] for row in db.execute_sql(_DISTINCT_SQL.format(col=column), (MAX_VALUES + 1,))]
    if len(values) > MAX_VALUES:
        return None
    return tuple(v for v in values if v and needle in fold(v))


MAX_ORGANIZATIONS = 2000


def matching_organization_ids(text: str) -> tuple[int, ...] | None:
    """Ids of the organizations whose name contains ``text`` (accents and case folded);
    None when more than MAX_ORGANIZATIONS match (the filter then stays a LIKE)."""
    needle = fold(text)
    ids = tuple(int(row[0]) for row in db.execute_sql("SELECT id, name FROM organization")
                if needle in fold(row[1]))
    return ids if len(ids) <= MAX_ORGANIZATIONS else None


def count(q: TableQuery) -> int:
    where, params = where_clause(q)
    return int(db.execute_sql(f"SELECT count(*) FROM {_source(q, page=False)} WHERE {where}", params).fetchone()[0])


def _like() -> str:
    """The case-blind LIKE of the engine (SQLite's LIKE is; a server's ILIKE)."""
    return "ILIKE" if on_server() else "LIKE"


def _order(q: TableQuery, reverse: bool) -> str:
    descending = q.descending != reverse
    direction = "DESC" if descending else "ASC"
    if q.nullable and on_server():  # SQLite holds NULL below every value; a server above
        direction_nulls = f"{direction} NULLS {'LAST' if descending else 'FIRST'}"
        return f"c.{q.column} {direction_nulls}, c.id {direction}"
    return f"c.{q.column} {direction}, c.id {direction}"


def page_keys(q: TableQuery, offset: int, limit: int, from_end: bool = False) -> list[tuple[Any, int]]:
    """(key, id) of ``limit`` rows from ``offset``; ``from_end`` counts the offset from the
    last row backwards (the rows still come back in table order)."""
    where, params = where_clause(q)
    sql = (
        f"SELECT c.{q.column}, c.id FROM {_source(q)} WHERE {where} "
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
        f"SELECT c.{q.column}, c.id FROM {_source(q)} WHERE {where} "
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
    """Values in use for a free-text column (industry, location, title), for completion.

    Read by the skip walk of the column's index (one step per value): a DISTINCT
    over a million rows took 0.35 s per column when the filter bar opened.
    """
    if column not in ("industry", "location", "title"):
        raise ValueError(f"no completion for column {column!r}")
    rows = db.execute_sql(_DISTINCT_SQL.format(col=column), (int(limit) + 1,))
    return [value for (value,) in rows if value != ""][: int(limit)]


def organization_names(limit: int = 5000) -> list[str]:
    sql = "SELECT name FROM organization WHERE deleted_at IS NULL ORDER BY lower(name), name LIMIT ?"
    return [row[0] for row in db.execute_sql(sql, (int(limit),))]


def tag_names() -> list[str]:
    return [row[0] for row in db.execute_sql("SELECT name FROM tag ORDER BY lower(name), name")]


def size_estimate() -> int:
    """The highest contact id: at least the number of contacts, read from the end of the
    table's b-tree at once (a count would read all of it)."""
    return int(db.execute_sql("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0])


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
        "count": (f"SELECT count(*) FROM {_source(q, page=False)} WHERE {where}", params),
        "first_page": (f"SELECT c.{q.column}, c.id FROM {_source(q)} WHERE {where} "
                       f"ORDER BY {_order(q, False)} LIMIT ? OFFSET 0", [*params, int(limit)]),
    }
    plans = {}
    for key, (sql, args) in statements.items():
        rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", args).fetchall()
        plans[key] = " | ".join(str(row[-1]) for row in rows)
    return plans

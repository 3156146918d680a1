"""Raw reads for the network graph: edges and the few facts that weight them.

The graph of a large network holds about a million relationships, so these
functions read plain tuples straight from the SQLite cursor (no model
objects: ~10x faster, see ARCHITECTURE.md). "You" are node 0: a
relationship whose ``person_a`` is NULL links you to ``person_b``. Rows that
touch a contact in the trash are left out here, so every caller agrees on
who is in the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..domain import STRENGTHS
from .database import db, on_server
from .like import contains_pattern

YOU = 0  # the node id of the profile ("you") in every graph

_TRASHED = "SELECT id FROM contact WHERE deleted_at IS NOT NULL"

# Columns of :func:`contact_rows`, in order.
CONTACT_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "organization_id",
    "organization",
    "title",
    "industry",
    "location",
    "tier",
    "status",
    "is_gatekeeper",
)
_CONTACTS = (
    "SELECT c.id, c.first_name, c.last_name, c.organization_id, coalesce(o.name, ''), c.title, "
    "c.industry, c.location, c.tier, c.status, c.is_gatekeeper "
    "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "
    "WHERE c.deleted_at IS NULL"
)


def iter_edge_codes() -> Iterator[tuple[int, int, int]]:
    """Every live relationship as (a, b, strength index into STRENGTHS), a = 0 for you.

    The strength is a small integer computed by SQLite, so a million rows do
    not cost a million Python strings (unknown strengths read as "known"). A
    relationship with a trashed person is skipped; the trashed set is small,
    so SQLite evaluates the ``NOT IN`` subquery once.
    """
    cases = " ".join(f"WHEN '{name}' THEN {index}" for index, name in enumerate(STRENGTHS))
    default = STRENGTHS.index("known")
    sql = (
        f"SELECT coalesce(r.person_a_id, 0), r.person_b_id, CASE r.strength {cases} ELSE {default} END "
        "FROM relationship r WHERE r.deleted_at IS NULL"
    )
    if db.execute_sql(f"SELECT EXISTS ({_TRASHED})").fetchone()[0]:
        sql += (
            f" AND r.person_b_id NOT IN ({_TRASHED})"
            f" AND coalesce(r.person_a_id, 0) NOT IN ({_TRASHED})"
        )
    return iter(db.execute_sql(sql))


def relationship_count() -> int:
    """Live relationships (a cheap upper bound of the graph's size, to decide how to load it)."""
    return int(db.execute_sql("SELECT count(*) FROM relationship WHERE deleted_at IS NULL").fetchone()[0])


def close_thread_connection() -> None:
    """Close the calling thread's connection (a worker's), leaving the main one open."""
    if not db.is_closed():
        db.close()


def change_counter() -> int:
    """Rows changed through this connection since it opened (any table).

    The app writes through one connection, so an unchanged counter means
    the cached graph is still true; cheap enough to ask before every use.
    On a server other copies write too: the next transaction id to be given
    out moves whenever any transaction writes (readers take none), so an
    unchanged value means nobody changed anything since.
    """
    if on_server():
        return int(db.execute_sql(
            "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").fetchone()[0])
    return int(db.connection().total_changes)


def database_key() -> str:
    """Which file and connection are bound, so a cache never serves another file's graph.

    The connection's identity is part of it because the change counter
    restarts at zero when a file is opened again.
    """
    return f"{db.database}#{id(db.connection())}"


def responsive_ids() -> set[int]:
    """Contacts who answered an outreach, met you, or are marked met/thanked."""
    rows = db.execute_sql(
        "SELECT contact_id FROM outreach_attempt WHERE answered = 1 "
        "UNION SELECT contact_id FROM meeting WHERE status = 'done' AND deleted_at IS NULL "
        "UNION SELECT id FROM contact WHERE status IN ('met', 'thanked') AND deleted_at IS NULL"
    )
    return {row[0] for row in rows}


def avoid_ids() -> dict[int, str]:
    """Contacts who should not carry a request (do-not-contact, dormant): id -> status."""
    rows = db.execute_sql(
        "SELECT id, status FROM contact WHERE status IN ('do_not_contact', 'dormant') "
        "AND deleted_at IS NULL"
    )
    return {row[0]: row[1] for row in rows}


def contact_rows(ids: Iterable[int] | None = None) -> list[tuple]:
    """Live contacts as tuples in :data:`CONTACT_COLUMNS` order (all when ``ids`` is None)."""
    if ids is None:
        return list(db.execute_sql(_CONTACTS))
    wanted = list(ids)
    rows: list[tuple] = []
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        marks = ", ".join("?" for _ in chunk)
        rows.extend(db.execute_sql(f"{_CONTACTS} AND c.id IN ({marks})", chunk))
    return rows


def contact_ids_matching(
    industry: str = "", location: str = "", organization: str = "", tier: str = "", match_any: bool = False
) -> set[int]:
    """Live contacts whose industry / location / organization contain the words given.

    ``tier`` is always required when given; the other three are combined with
    AND, or OR when ``match_any``. Matching is case-insensitive (ASCII) by LIKE.
    """
    clauses, params = [], []
    for column, value in (
        ("c.industry", industry),
        ("c.location", location),
        ("coalesce(o.name, '')", organization),
    ):
        if value:
            clauses.append(f"{column} {'ILIKE' if on_server() else 'LIKE'} ? ESCAPE '\\'")
            params.append(contains_pattern(value))
    sql = (
        "SELECT c.id FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "
        "WHERE c.deleted_at IS NULL"
    )
    if clauses:
        sql += " AND (" + (" OR " if match_any else " AND ").join(clauses) + ")"
    if tier:
        sql += " AND c.tier = ?"
        params.append(tier)
    return {row[0] for row in db.execute_sql(sql, params)}


def distinct_values(column: str, limit: int = 500) -> list[str]:
    """The most common non-empty values of a contact column (industry, location) or organization names."""
    if column == "organization":
        sql = (
            "SELECT o.name, count(*) AS n FROM contact c JOIN organization o ON o.id = c.organization_id "
            "WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL GROUP BY o.name ORDER BY n DESC, o.name LIMIT ?"
        )
    elif column in ("industry", "location"):
        sql = (
            f"SELECT {column}, count(*) AS n FROM contact WHERE deleted_at IS NULL AND {column} != '' "
            f"GROUP BY {column} ORDER BY n DESC, {column} LIMIT ?"
        )
    else:
        raise ValueError(f"no distinct values for column {column!r}")
    return [row[0] for row in db.execute_sql(sql, (limit,))]


def introduction_counts() -> dict[int, tuple[int, int]]:
    """Introducer id -> (introductions given, of which led to a meeting).

    Declined introductions do not count. An introduction "led to a meeting"
    when it is marked met, or the introduced person has a done meeting on or
    after the introduction's date.
    """
    rows = db.execute_sql(
        "SELECT i.introducer_id, count(*), "
        "sum(CASE WHEN i.status = 'met' OR EXISTS (SELECT 1 FROM meeting m "
        "WHERE m.contact_id = i.introduced_id AND m.status = 'done' AND m.deleted_at IS NULL "
        "AND m.starts_at >= date(i.date)) THEN 1 ELSE 0 END) "
        "FROM introduction i JOIN contact c ON c.id = i.introducer_id "
        "WHERE i.status != 'declined' AND c.deleted_at IS NULL "
        "GROUP BY i.introducer_id"
    )
    return {row[0]: (int(row[1]), int(row[2] or 0)) for row in rows}


def relationship_details(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], tuple[str, str, str]]:
    """(a, b) -> (kind, strength, how) for the live relationships between these pairs.

    Keys are returned in the order asked, a = 0 for you; used to label the few
    steps of a path, not for bulk reads.
    """
    found: dict[tuple[int, int], tuple[str, str, str]] = {}
    for a, b in pairs:
        if a == YOU or b == YOU:
            other = b if a == YOU else a
            row = db.execute_sql(
                "SELECT kind, strength, how FROM relationship WHERE person_a_id IS NULL "
                "AND person_b_id = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
                (other,),
            ).fetchone()
        else:
            row = db.execute_sql(
                "SELECT kind, strength, how FROM relationship WHERE deleted_at IS NULL AND "
                "((person_a_id = ? AND person_b_id = ?) OR (person_a_id = ? AND person_b_id = ?)) "
                "ORDER BY id DESC LIMIT 1",
                (a, b, b, a),
            ).fetchone()
        if row is not None:
            found[(a, b)] = (row[0], row[1], row[2])
    return found

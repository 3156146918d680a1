"""Raw reads behind inferred ties and tie warmth: groups people share, and what happened.

Plain tuples from the cursor, like :mod:`.graph`: these run over the whole
network each time the graph is rebuilt. Trashed contacts are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .database import db
from .models import utcnow

_LIVE = "c.deleted_at IS NULL"


def current_organizations() -> Iterator[tuple[int, int, str]]:
    """(contact id, organization id, organization name) of every live contact with one."""
    return iter(db.execute_sql(
        "SELECT c.id, o.id, o.name FROM contact c JOIN organization o ON o.id = c.organization_id "
        f"WHERE {_LIVE} AND o.deleted_at IS NULL"
    ))


def past_organizations() -> Iterator[tuple[int, str]]:
    """(contact id, organization name) a contact used to be at, from their history."""
    return iter(db.execute_sql(
        "SELECT DISTINCT h.contact_id, h.old_value FROM contact_history h "
        "JOIN contact c ON c.id = h.contact_id "
        f"WHERE h.field = 'organization' AND h.old_value != '' AND {_LIVE}"
    ))


def imported_tag_members() -> Iterator[tuple[int, str, int]]:
    """(tag id, tag name, contact id) for tags an import brought (labels, categories)."""
    return iter(db.execute_sql(
        "SELECT t.id, t.name, ct.contact_id FROM tag t JOIN contact_tag ct ON ct.tag_id = t.id "
        f"JOIN contact c ON c.id = ct.contact_id WHERE t.origin != '' AND {_LIVE} ORDER BY t.id"
    ))


def introduction_pairs() -> Iterator[tuple[int, int, str, str]]:
    """(introducer, introduced, their names) of live, not declined introductions by a contact."""
    return iter(db.execute_sql(
        "SELECT i.introducer_id, i.introduced_id, "
        "trim(a.first_name || ' ' || a.last_name), trim(b.first_name || ' ' || b.last_name) "
        "FROM introduction i JOIN contact a ON a.id = i.introducer_id "
        "JOIN contact b ON b.id = i.introduced_id "
        "WHERE i.status != 'declined' AND a.deleted_at IS NULL AND b.deleted_at IS NULL"
    ))


def dismissed_pairs() -> set[tuple[int, int]]:
    """Pairs (lower id first) the user said do not know each other."""
    return {(row[0], row[1]) for row in db.execute_sql("SELECT a, b FROM dismissed_tie")}


def dismiss_pair(a: int, b: int) -> None:
    low, high = sorted((a, b))
    db.execute_sql(
        "INSERT INTO dismissed_tie (a, b, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (low, high, utcnow())
    )


def mark_tag_origin_by_id(ids: Iterable[int], origin: str) -> None:
    """Record which import brought these tags (a Google label, an Outlook category)."""
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(f"UPDATE tag SET origin = ? WHERE id IN ({marks})", (origin, *chunk))


# --- what happened with each person (warmth) -----------------------------------------------


def _one(column: str, contact_id: int | None) -> tuple[str, tuple[int, ...]]:
    return (f" AND {column} = ?", (contact_id,)) if contact_id is not None else ("", ())


def meetings_held(contact_id: int | None = None) -> Iterator[tuple[int, Any]]:
    """(contact id, start) of every meeting that took place (one contact's when given)."""
    extra, params = _one("m.contact_id", contact_id)
    return iter(db.execute_sql(
        "SELECT m.contact_id, m.starts_at FROM meeting m JOIN contact c ON c.id = m.contact_id "
        f"WHERE m.status = 'done' AND m.deleted_at IS NULL AND {_LIVE}{extra}", params
    ))


def thank_yous(contact_id: int | None = None) -> Iterator[tuple[int, Any]]:
    """(contact id, when) of every thank-you sent after a meeting."""
    extra, params = _one("m.contact_id", contact_id)
    return iter(db.execute_sql(
        "SELECT m.contact_id, m.thank_you_sent_at FROM meeting m JOIN contact c ON c.id = m.contact_id "
        f"WHERE m.thank_you_sent_at IS NOT NULL AND m.deleted_at IS NULL AND {_LIVE}{extra}", params
    ))


def outreach(contact_id: int | None = None) -> Iterator[tuple[int, Any, int]]:
    """(contact id, when, answered) of every outreach attempt."""
    extra, params = _one("o.contact_id", contact_id)
    return iter(db.execute_sql(
        "SELECT o.contact_id, o.at, o.answered FROM outreach_attempt o "
        f"JOIN contact c ON c.id = o.contact_id WHERE {_LIVE}{extra}", params
    ))


def introductions(contact_id: int | None = None) -> Iterator[tuple[int | None, int, Any]]:
    """(introducer or None for yourself, introduced, date) of introductions not declined.

    With ``contact_id``: those where the contact introduced or was introduced.
    """
    extra, params = "", ()
    if contact_id is not None:
        extra, params = " AND (i.introducer_id = ? OR i.introduced_id = ?)", (contact_id, contact_id)
    return iter(db.execute_sql(
        "SELECT i.introducer_id, i.introduced_id, i.date FROM introduction i "
        "JOIN contact c ON c.id = i.introduced_id "
        "LEFT JOIN contact x ON x.id = i.introducer_id "
        f"WHERE i.status != 'declined' AND {_LIVE} AND (x.id IS NULL OR x.deleted_at IS NULL){extra}",
        params,
    ))

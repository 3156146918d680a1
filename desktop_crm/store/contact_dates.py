"""The contact table's denormalised dates: last contact and next planned meeting.

Kept in the contact row so the table can sort a million contacts on them
through an index; services call this after writing outreach or meetings.
"""

from __future__ import annotations

from collections.abc import Iterable

from .contact_table import chunked
from .database import db

_LAST = (
    "last_contact_at = (SELECT max(x) FROM ("
    "SELECT max(o.at) AS x FROM outreach_attempt o WHERE o.contact_id = contact.id "
    "UNION ALL SELECT max(m.starts_at) FROM meeting m WHERE m.contact_id = contact.id "
    "AND m.status = 'done' AND m.deleted_at IS NULL) AS d)"
)
_NEXT = (
    "next_meeting_at = (SELECT min(m.starts_at) FROM meeting m WHERE m.contact_id = contact.id "
    "AND m.status = 'planned' AND m.deleted_at IS NULL)"
)


def refresh_contact_dates(contact_ids: Iterable[int] | None = None) -> None:
    """Recompute the dates for these contacts (all when None)."""
    if contact_ids is None:
        db.execute_sql(f"UPDATE contact SET {_LAST}, {_NEXT}")
        return
    for chunk in chunked(contact_ids):
        marks = ", ".join("?" for _ in chunk)
        db.execute_sql(f"UPDATE contact SET {_LAST}, {_NEXT} WHERE id IN ({marks})", chunk)

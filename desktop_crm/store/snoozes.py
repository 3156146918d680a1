"""Reminders the user put off ("not now"): until when each stays hidden.

Rows of ``reminder_snooze`` (schema 4): one per (contact, kind), e.g. the
suggestion to move someone to dormant. Raw SQL lives here so the services
only call functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .database import db


def set_snooze(contact_id: int, kind: str, until: dt.datetime) -> None:
    """Hide this reminder for this person until ``until`` (naive UTC); replaces an earlier one."""
    db.execute_sql(
        'INSERT INTO reminder_snooze (contact_id, kind, "until") VALUES (?, ?, ?) '
        'ON CONFLICT (contact_id, kind) DO UPDATE SET "until" = excluded."until"',
        (contact_id, kind, until.isoformat(sep=" ")),
    )


def snoozed_ids(kind: str, now: dt.datetime, contact_ids: Iterable[int] | None = None) -> set[int]:
    """Contacts whose ``kind`` reminder is still hidden at ``now``."""
    rows = db.execute_sql(
        'SELECT contact_id FROM reminder_snooze WHERE kind = ? AND "until" > ?', (kind, now.isoformat(sep=" "))
    ).fetchall()
    found = {r[0] for r in rows}
    return found if contact_ids is None else found & set(contact_ids)


def snoozed_until(contact_id: int, kind: str) -> dt.datetime | None:
    row = db.execute_sql(
        'SELECT "until" FROM reminder_snooze WHERE contact_id = ? AND kind = ?', (contact_id, kind)
    ).fetchone()
    if not row:
        return None
    return row[0] if isinstance(row[0], dt.datetime) else dt.datetime.fromisoformat(row[0])

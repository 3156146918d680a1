"""A contact's timeline: every dated thing that happened with them, newest first.

The detail panel shows it; it reads outreach, meetings, introductions and the
contact's history (edits, imports, merges) and flattens them into one list of
plain entries so the UI needs no knowledge of the tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ... import clock
from ...store.models import Contact, ContactHistory, Introduction, Meeting, OutreachAttempt
from ..errors import NotFoundError

_FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "linkedin_url": "LinkedIn",
    "how_met": "how you met",
    "is_gatekeeper": "gatekeeper",
}


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: str  # outreach | meeting | introduction | edit | import | merge | note | added
    title: str
    detail: str = ""
    upcoming: bool = False


def _name(contact: Contact | None) -> str:
    return contact.full_name if contact is not None else "you"


def contact_timeline(contact_id: int, limit: int = 200, now: dt.datetime | None = None) -> list[TimelineEntry]:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    now = now or clock.utcnow()
    entries: list[TimelineEntry] = [TimelineEntry(contact.created_at, "added", "Added to your network", contact.sources)]
    for o in OutreachAttempt.select().where(OutreachAttempt.contact == contact_id):
        answer = "answered" if o.answered else "no answer yet"
        entries.append(TimelineEntry(o.at, "outreach", f"{o.channel.capitalize()} sent — {answer}", o.message))
    for m in Meeting.select().where(Meeting.contact == contact_id, Meeting.deleted_at.is_null()):
        upcoming = m.status == "planned" and m.starts_at >= now
        state = {"planned": "planned", "done": "met", "cancelled": "cancelled", "no_show": "no show"}.get(m.status, m.status)
        title = f"{m.kind.capitalize()} meeting, {m.minutes} min — {state}"
        entries.append(TimelineEntry(m.starts_at, "meeting", title, m.place or m.objective_learn, upcoming))
    for i in Introduction.select().where(Introduction.introduced == contact_id):
        who = _name(i.introducer) if i.introducer_id else "you"
        entries.append(TimelineEntry(i.date, "introduction", f"Introduced by {who} ({i.status})", i.note))
    for i in Introduction.select().where(Introduction.introducer == contact_id):
        entries.append(
            TimelineEntry(i.date, "introduction", f"Introduced you to {_name(i.introduced)} ({i.status})", i.note)
        )
    for h in ContactHistory.select().where(ContactHistory.contact == contact_id):
        field = _FIELD_LABELS.get(h.field, h.field.replace("_", " "))
        if h.kind == "edit":
            title = f"Changed {field}"
            detail = f"{h.old_value or '—'} → {h.new_value or '—'}"
        else:
            title = {"import": "Imported", "merge": "Merged"}.get(h.kind, h.kind.capitalize())
            title = f"{title}: {field}" if field else title
            detail = h.new_value
        entries.append(TimelineEntry(h.at, h.kind, title, detail))
    entries.sort(key=lambda e: e.at or dt.datetime.min, reverse=True)
    return entries[:limit]

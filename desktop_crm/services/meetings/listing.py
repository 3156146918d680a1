"""Meetings as the list, the agenda, Today and the CLI show them (read side).

Kept apart from :mod:`.meetings` (the writes and their rules) so each module
holds one idea; :mod:`.meetings` re-exports these names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from peewee import JOIN

from ...store.models import Contact, Meeting, Organization
from .local_time import utc_to_local

THANK_YOU_WITHIN = dt.timedelta(hours=24)


@dataclass
class MeetingView:
    """One meeting as the list, the agenda and Today show it."""

    id: int
    contact_id: int
    contact_name: str
    organization: str
    tier: str
    starts_at: dt.datetime  # naive UTC
    ends_at: dt.datetime  # naive UTC
    tz: str
    local_start: dt.datetime  # aware, in tz
    minutes: int
    kind: str
    place: str
    status: str
    objective_learn: str = ""
    objective_reveal: str = ""
    objective_ask: str = ""
    notes: str = ""
    thank_you_sent_at: dt.datetime | None = None
    thank_you_due_at: dt.datetime | None = None  # naive UTC: end + 24 h (None unless held)
    version: int = 1  # the meeting dialog saves "from" this version

    @property
    def local_label(self) -> str:
        """'Tue 1 Dec 2026 10:00 CET' in the meeting's own zone."""
        d = self.local_start
        return f"{d:%a} {d.day} {d:%b %Y %H:%M} {d.tzname()}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("starts_at", "ends_at", "local_start", "thank_you_sent_at", "thank_you_due_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["local_label"] = self.local_label
        return data


def views(rows: list[Meeting]) -> list[MeetingView]:
    """Meeting rows as views, with contact names and organizations in two queries."""
    ids = {r.contact_id for r in rows}
    people = {
        c.id: c
        for c in Contact.select(Contact, Organization.name.alias("org_name"))
        .join(Organization, JOIN.LEFT_OUTER, on=Contact.organization == Organization.id)
        .where(Contact.id.in_(list(ids)))
        .objects()
    }
    out = []
    for r in rows:
        person = people.get(r.contact_id)
        ends = r.starts_at + dt.timedelta(minutes=r.minutes)
        out.append(
            MeetingView(
                id=r.id,
                contact_id=r.contact_id,
                contact_name=person.full_name if person else "",
                organization=(getattr(person, "org_name", None) or "") if person else "",
                tier=person.tier if person else "",
                starts_at=r.starts_at,
                ends_at=ends,
                tz=r.tz,
                local_start=utc_to_local(r.starts_at, r.tz),
                minutes=r.minutes,
                kind=r.kind,
                place=r.place,
                status=r.status,
                objective_learn=r.objective_learn,
                objective_reveal=r.objective_reveal,
                objective_ask=r.objective_ask,
                notes=r.notes,
                thank_you_sent_at=r.thank_you_sent_at,
                thank_you_due_at=thank_you_due(r.starts_at, r.minutes) if r.status == "done" else None,
                version=r.version,
            )
        )
    return out


def thank_you_due(starts_at: dt.datetime, minutes: int) -> dt.datetime:
    """Naive-UTC deadline of the thank-you: 24 elapsed hours after the meeting ends.

    Computed on UTC instants, so a daylight-saving change in between moves
    the local clock reading (e.g. 03:00 instead of 02:00), never the span.
    """
    return starts_at + dt.timedelta(minutes=minutes) + THANK_YOU_WITHIN

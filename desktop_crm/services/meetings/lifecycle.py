"""Meetings (informational interviews): schedule, edit, list, agenda, and their outcome.

Every write keeps the contact in step: the pipeline status (scheduled, met,
thanked) and the denormalised dates the contact table sorts on
(:func:`desktop_crm.store.contact_dates.refresh_contact_dates`).

Times: ``starts_at`` is naive UTC, ``tz`` the IANA zone the meeting happens
in. Views carry both the UTC instant and the local wall time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...domain import MEETING_KINDS, MEETING_STATUSES
from ...store.contact_dates import refresh_contact_dates
from ...store.database import db
from ...store.models import Contact, Introduction, Meeting, utcnow
from ..errors import NotFoundError, ValidationError, ValidationErrors
from ..lookups import live_contact, live_meeting  # live_meeting is re-exported
from .listing import THANK_YOU_WITHIN, MeetingView, thank_you_due, views
from .local_time import (
    check_in_range,
    local_to_utc,
    parse_local,
    system_zone_name,
    utc_to_local,
    zone,
)

__all__ = ["DEFAULT_MINUTES", "THANK_YOU_WITHIN", "MeetingView", "thank_you_due", "views"]  # read side re-exported
from ..validation import clean_text

DEFAULT_MINUTES = 30
TEXT_FIELDS = ("place", "objective_learn", "objective_reveal", "objective_ask", "notes")


def validate_kind(kind: str) -> str:
    value = clean_text(kind).lower()
    if value not in MEETING_KINDS:
        raise ValidationError("kind", f"'{kind}' is not one of: {', '.join(MEETING_KINDS)}")
    return value


def validate_status(status: str) -> str:
    value = clean_text(status).lower().replace("-", "_").replace(" ", "_")
    if value not in MEETING_STATUSES:
        raise ValidationError("status", f"'{status}' is not one of: {', '.join(MEETING_STATUSES)}")
    return value


def validate_minutes(minutes: Any) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise ValidationError("minutes", f"'{minutes}' is not a whole number of minutes") from None
    if not 5 <= value <= 8 * 60:
        raise ValidationError("minutes", f"{value} is outside 5 to 480 minutes")
    return value


def _start_from(data: Mapping[str, Any]) -> tuple[dt.datetime, str]:
    """(naive UTC start, zone) from ``when`` (local wall time: text or datetime) and ``tz``."""
    tz = clean_text(data.get("tz")) or system_zone_name()
    zone(tz)
    when = data.get("when")
    local = when if isinstance(when, dt.datetime) else parse_local(str(when or ""))
    if local.tzinfo is not None:
        local = local.astimezone(zone(tz)).replace(tzinfo=None)
    check_in_range(local)
    return check_in_range(local_to_utc(local, tz, fold=int(data.get("fold", 0)))), tz


def _clean(data: Mapping[str, Any], partial: bool) -> dict[str, Any]:
    errors: list[ValidationError] = []
    clean: dict[str, Any] = {}

    def attempt(fn: Any) -> None:
        try:
            fn()
        except ValidationError as exc:
            errors.append(exc)

    if not partial or "when" in data or "tz" in data:
        attempt(lambda: clean.update(zip(("starts_at", "tz"), _start_from(data), strict=True)))
    if "minutes" in data and data["minutes"] is not None:
        attempt(lambda: clean.__setitem__("minutes", validate_minutes(data["minutes"])))
    if "kind" in data and data["kind"]:
        attempt(lambda: clean.__setitem__("kind", validate_kind(data["kind"])))
    if "status" in data and data["status"]:
        attempt(lambda: clean.__setitem__("status", validate_status(data["status"])))
    for key in TEXT_FIELDS:
        if key in data:
            clean[key] = clean_text(data[key])
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return clean


def check_status_time(status: str, starts_at: dt.datetime, tz: str, now: dt.datetime | None = None) -> None:
    """Refuse 'done' or 'no_show' for a meeting that has not started yet.

    One rule for scheduling, editing, the dialog and the command line, so a
    future meeting can never owe a thank-you or count as held.
    """
    if status not in ("done", "no_show") or starts_at <= (now or utcnow()):
        return
    local = utc_to_local(starts_at, tz)
    label = "done" if status == "done" else "a no-show"
    raise ValidationError(
        "status",
        f"the meeting starts {local:%Y-%m-%d %H:%M} {local.tzname()} and has not started yet, "
        f"so it cannot be {label}",
    )


def schedule_meeting(contact_id: int, data: Mapping[str, Any]) -> MeetingView:
    """Plan a meeting. ``data``: when (local wall time), tz (default: this computer's zone),
    minutes (30), kind (coffee), place, objective_learn/_reveal/_ask, notes.

    Refuses a person marked do-not-contact; moves the contact to 'scheduled'.
    """
    clean = validate_new(contact_id, data)
    with db.atomic():
        meeting = Meeting.create(
            contact=contact_id,
            starts_at=clean["starts_at"],
            tz=clean["tz"],
            minutes=clean.get("minutes", DEFAULT_MINUTES),
            kind=clean.get("kind", "coffee"),
            status=clean.get("status", "planned"),
            **{k: clean.get(k, "") for k in TEXT_FIELDS},
        )
        sync_contact(contact_id)
        if meeting.status == "done":
            introductions_met(contact_id)
    return get_meeting(meeting.id)


def update_meeting(meeting_id: int, changes: Mapping[str, Any]) -> MeetingView:
    """Change any field given (same keys as :func:`schedule_meeting`); a new ``when`` is
    read in the new ``tz`` if given, else in the meeting's zone."""
    meeting = live_meeting(meeting_id)
    clean = validate_changes(meeting, changes)
    with db.atomic():
        for key, value in clean.items():
            setattr(meeting, key, value)
        meeting.save()
        sync_contact(meeting.contact_id)
        if clean.get("status") == "done":
            introductions_met(meeting.contact_id)
    return get_meeting(meeting_id)


def validate_new(contact_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
    """Everything :func:`schedule_meeting` checks, without writing: the clean fields."""
    contact = live_contact(contact_id)
    if contact.status == "do_not_contact":
        raise ValidationError("contact", f"{contact.full_name} is marked do-not-contact")
    clean = _clean(data, partial=False)
    check_status_time(clean.get("status", "planned"), clean["starts_at"], clean["tz"])
    return clean


def validate_changes(meeting: Meeting, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Everything :func:`update_meeting` checks, without writing: the clean changes.

    A new ``when`` is read in the new ``tz`` if given, else in the meeting's zone.
    """
    if "when" in changes and "tz" not in changes:
        changes = {**changes, "tz": meeting.tz}
    elif "tz" in changes and "when" not in changes:
        local = utc_to_local(meeting.starts_at, meeting.tz).replace(tzinfo=None)
        changes = {**changes, "when": local}
    clean = _clean(changes, partial=True)
    check_status_time(
        clean.get("status", meeting.status), clean.get("starts_at", meeting.starts_at), clean.get("tz", meeting.tz)
    )
    return clean


def set_status(meeting_id: int, status: str) -> MeetingView:
    """planned | done | cancelled | no_show; the contact's status and dates follow."""
    return update_meeting(meeting_id, {"status": status})


def mark_done(meeting_id: int) -> MeetingView:
    """The meeting happened: the contact becomes 'met', a thank-you falls due."""
    return set_status(meeting_id, "done")


def mark_thank_you_sent(meeting_id: int, sent: bool = True, at: dt.datetime | None = None) -> MeetingView:
    """Record (or undo) the thank-you note; the contact becomes 'thanked'."""
    meeting = live_meeting(meeting_id)
    with db.atomic():
        meeting.thank_you_sent_at = (at or utcnow()) if sent else None
        meeting.save()
        sync_contact(meeting.contact_id)
    return get_meeting(meeting_id)


def delete_meeting(meeting_id: int) -> None:
    """Move a meeting to the trash (trash.restore('meeting', ...) brings it back)."""
    meeting = live_meeting(meeting_id)
    with db.atomic():
        meeting.deleted_at = utcnow()
        meeting.save()
        sync_contact(meeting.contact_id)


def get_meeting(meeting_id: int) -> MeetingView:
    row = Meeting.get_or_none(Meeting.id == meeting_id)
    if row is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    return views([row])[0]


def list_meetings(
    status: str | None = None,
    contact_id: int | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[MeetingView]:
    """Meetings filtered by status, contact and a naive-UTC window [start, end)."""
    query = Meeting.select().where(Meeting.deleted_at.is_null())
    if status:
        query = query.where(Meeting.status == validate_status(status))
    if contact_id is not None:
        query = query.where(Meeting.contact == contact_id)
    if start is not None:
        query = query.where(Meeting.starts_at >= start)
    if end is not None:
        query = query.where(Meeting.starts_at < end)
    order = Meeting.starts_at.desc() if newest_first else Meeting.starts_at
    query = query.order_by(order, Meeting.id)
    if limit:
        query = query.limit(limit)
    return views(list(query))


def upcoming_meetings(days: int | None = 14, now: dt.datetime | None = None) -> list[MeetingView]:
    """Planned meetings that have not ended yet, soonest first (``days`` None = all)."""
    now = now or utcnow()
    # A meeting in progress still counts: look back up to its longest length.
    rows = list_meetings(
        status="planned",
        start=now - dt.timedelta(hours=8),
        end=now + dt.timedelta(days=days) if days is not None else None,
    )
    return [m for m in rows if m.ends_at > now]


@dataclass
class AgendaDay:
    """The meetings of one local day, for an agenda view."""

    day: dt.date
    meetings: list[MeetingView]

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "meetings": [m.to_dict() for m in self.meetings]}


def agenda(
    days: int = 14, tz: str | None = None, now: dt.datetime | None = None, include_all: bool = False
) -> list[AgendaDay]:
    """Upcoming planned meetings (all statuses when ``include_all``) grouped by local day in ``tz``."""
    zone_name = tz or system_zone_name()
    zone(zone_name)
    now = now or utcnow()
    if include_all:
        rows = list_meetings(start=now - dt.timedelta(hours=8), end=now + dt.timedelta(days=days))
    else:
        rows = upcoming_meetings(days, now)
    return [AgendaDay(day, ms) for day, ms in sorted(group_by_day(rows, zone_name))]


def group_by_day(
    rows: list[MeetingView], zone_name: str
) -> list[tuple[dt.date, list[MeetingView]]]:
    """Meetings by their local day in ``zone_name``, days in the order the rows come."""
    grouped: dict[dt.date, list[MeetingView]] = {}
    for m in rows:
        grouped.setdefault(utc_to_local(m.starts_at, zone_name).date(), []).append(m)
    return list(grouped.items())


def sync_contact(contact_id: int) -> None:
    """Bring the contact's pipeline status and sort dates in step with its meetings.

    do-not-contact is never changed; dormant is left alone unless a meeting
    is planned or held. Otherwise: a planned meeting → scheduled; else the
    latest held meeting → thanked/met; else any outreach → asked.
    """
    refresh_contact_dates([contact_id])
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None or contact.status == "do_not_contact":
        return
    live = Meeting.select().where(Meeting.contact == contact_id, Meeting.deleted_at.is_null())
    held = live.where(Meeting.status == "done").order_by(Meeting.starts_at.desc()).first()
    if live.where(Meeting.status == "planned").exists():
        status = "scheduled"
    elif held is not None:
        status = "thanked" if held.thank_you_sent_at else "met"
    elif contact.status in ("scheduled", "met", "thanked"):
        status = "asked" if contact.outreach.exists() else "to_contact"
    else:
        status = contact.status
    if status != contact.status:
        Contact.update(status=status, updated_at=utcnow()).where(Contact.id == contact_id).execute()


def introductions_met(contact_id: int) -> None:
    """Meeting someone you were introduced to closes the introduction as 'met'."""
    Introduction.update(status="met").where(
        Introduction.introduced == contact_id, Introduction.status.in_(("promised", "made"))
    ).execute()

"""Prep sheets: gather everything one briefing prints, from the database.

The reports layer draws a :class:`~desktop_crm.reports.PrepSheetData` and
knows nothing of the database; this module fills it, for a meeting or for
a contact with no meeting yet. Every piece is optional: a contact with no
organization, no relationships and no history still gives a sheet (the
renderer leaves empty sections out), and the warmest path falls back to
direct relationships if the network service fails.

Times: a meeting is printed in its own zone (``Meeting.tz``) via zoneinfo,
so a call with Berlin at 09:30 prints 09:30 wherever the user is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ... import clock
from ...normalise import fold
from ...reports.prep_data import Meeting as MeetingData
from ...reports.prep_data import Person, PrepSheetData
from ...store.models import Contact, ContactEmail, ContactPhone, Meeting, Organization, utcnow
from ..contacts.profile import ProfileView, get_profile
from ..lookups import live_contact, live_meeting
from ..meetings.local_time import system_zone_name, utc_to_local, zone
from .path import connection, introductions_to
from .sections import (
    MAX_CANDIDATES,
    MAX_LEARNINGS,
    QUESTIONS_WITHOUT_MEETING,
    candidates,
    history,
    interests,
    objectives,
    org_learnings,
    questions,
    talking_points,
)

DEFAULT_ASK = "Before you leave: who else should I talk to? Ask for two or three introductions."


# -- public API ----------------------------------------------------------------------
def prep_for_meeting(meeting_id: int) -> PrepSheetData:
    """The sheet for one meeting (planned or held): its time, place,
    objectives and chosen questions, plus everything about the person."""
    meeting = live_meeting(meeting_id)
    return _assemble(live_contact(meeting.contact_id), meeting, get_profile())


def prep_for_contact(contact_id: int, use_next_meeting: bool = True) -> PrepSheetData:
    """The sheet for a person: for their next planned meeting when there is
    one (and ``use_next_meeting``), else a sheet with no time and place and
    suggested questions, to prepare before asking for the meeting."""
    contact = live_contact(contact_id)
    meeting = next_meeting(contact_id) if use_next_meeting else None
    return _assemble(contact, meeting, get_profile())


def next_meeting(contact_id: int, now: dt.datetime | None = None) -> Meeting | None:
    """This person's soonest planned meeting that has not ended yet."""
    now = now or utcnow()
    rows = (Meeting.select()
            .where(Meeting.contact == contact_id, Meeting.status == "planned",
                   Meeting.deleted_at.is_null(), Meeting.starts_at >= now - dt.timedelta(hours=8))
            .order_by(Meeting.starts_at))
    return next((m for m in rows if m.starts_at + dt.timedelta(minutes=m.minutes) > now), None)


def week_bounds(now: dt.datetime | None = None, tz: str | None = None) -> tuple[dt.datetime, dt.datetime]:
    """Naive-UTC [Monday 00:00, next Monday 00:00) of the local week holding ``now``."""
    zi = zone(tz or system_zone_name())
    local = (now or utcnow()).replace(tzinfo=dt.UTC).astimezone(zi)
    monday = local.date() - dt.timedelta(days=local.weekday())
    start = dt.datetime.combine(monday, dt.time(), tzinfo=zi)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=zi)
    return (start.astimezone(dt.UTC).replace(tzinfo=None),
            end.astimezone(dt.UTC).replace(tzinfo=None))


def week_meeting_ids(now: dt.datetime | None = None, tz: str | None = None) -> list[int]:
    """Planned meetings of the current local week (Monday to Sunday in
    ``tz``, default this computer's zone) that have not ended yet, soonest
    first: the "print this week's sheets" batch."""
    now = now or utcnow()
    start, end = week_bounds(now, tz)
    rows = (Meeting.select(Meeting.id, Meeting.starts_at, Meeting.minutes)
            .join(Contact, on=Meeting.contact == Contact.id)
            .where(Meeting.status == "planned", Meeting.deleted_at.is_null(),
                   Contact.deleted_at.is_null(), Meeting.starts_at >= start,
                   Meeting.starts_at < end)
            .order_by(Meeting.starts_at, Meeting.id))
    return [m.id for m in rows if m.starts_at + dt.timedelta(minutes=m.minutes) > now]


def build_batch(meeting_ids: Sequence[int]) -> list[PrepSheetData]:
    """One sheet per meeting, in the order given (the profile is read once)."""
    profile = get_profile()
    sheets = []
    for meeting_id in meeting_ids:
        meeting = live_meeting(meeting_id)
        sheets.append(_assemble(live_contact(meeting.contact_id), meeting, profile))
    return sheets


def sheet_file_name(data: PrepSheetData, on: dt.date | None = None) -> str:
    """``prep-jurgen-schafer-2024-05-14.pdf``: the meeting's day, else ``on``
    (default today); only safe file-name characters."""
    day = data.meeting.starts_local.date() if data.meeting and data.meeting.starts_local else (
        on or clock.today())
    slug = re.sub(r"[^a-z0-9]+", "-", fold(data.person.name)).strip("-")[:40] or "contact"
    return f"prep-{slug}-{day.isoformat()}.pdf"


# -- assembly ----------------------------------------------------------------------
def _assemble(contact: Contact, meeting: Meeting | None, profile: ProfileView) -> PrepSheetData:
    org = contact.organization if contact.organization_id else None
    intros = introductions_to(contact.id)
    data = PrepSheetData(
        person=_person(contact, org),
        connection=connection(contact, intros),
        meeting=_meeting(meeting) if meeting is not None else None,
        objectives=objectives(meeting, profile),
        pitch=profile.pitch,
        shared_interests=interests(contact, profile),
        talking_points=talking_points(contact, org, profile),
        past_interactions=history(contact.id, meeting.id if meeting else None),
        org_learnings=org_learnings(contact, org),
        questions=questions(contact, meeting),
        ask=(meeting.objective_ask if meeting is not None else "") or DEFAULT_ASK,
        intro_candidates=candidates(contact, org, profile),
        you_name=profile.name or "You",
    )
    return data



def _person(contact: Contact, org: Organization | None) -> Person:
    email = (ContactEmail.select(ContactEmail.email).where(ContactEmail.contact == contact.id)
             .order_by(ContactEmail.position, ContactEmail.id).first())
    phone = (ContactPhone.select(ContactPhone.raw).where(ContactPhone.contact == contact.id)
             .order_by(ContactPhone.position, ContactPhone.id).first())
    return Person(name=contact.full_name, title=contact.title,
                  organization=org.name if org is not None else "", tier=contact.tier,
                  location=contact.location, email=email.email if email else "",
                  phone=phone.raw if phone else "", linkedin_url=contact.linkedin_url)


def _meeting(meeting: Meeting) -> MeetingData:
    local = utc_to_local(meeting.starts_at, meeting.tz or "UTC")
    return MeetingData(starts_local=local, tz_name=meeting.tz or "UTC", minutes=meeting.minutes,
                       kind=meeting.kind, place=meeting.place)


__all__ = [
    "DEFAULT_ASK",
    "MAX_CANDIDATES",
    "MAX_LEARNINGS",
    "QUESTIONS_WITHOUT_MEETING",
    "build_batch",
    "next_meeting",
    "prep_for_contact",
    "prep_for_meeting",
    "sheet_file_name",
    "week_bounds",
    "week_meeting_ids",
]

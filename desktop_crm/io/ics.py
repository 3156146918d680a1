"""iCalendar (.ics) files of meetings: plain events in, bytes out.

Times are written in each event's own zone (``DTSTART;TZID=Europe/Berlin``)
with the matching VTIMEZONE definitions, so a calendar shows the meeting at
the right wall time even across daylight-saving changes; UTC events are
written with a trailing Z. Knows nothing of the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from .. import clock

PRODID = "-//Desktop CRM//Meetings//EN"
STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED")


@dataclass(frozen=True)
class IcsEvent:
    uid: str  # stable: exporting again updates the same calendar entry
    start: dt.datetime  # aware (any tzinfo; a zoneinfo zone keeps its name)
    minutes: int
    summary: str
    description: str = ""
    location: str = ""
    status: str = "CONFIRMED"


def events_to_ics(events: Iterable[IcsEvent], name: str = "Desktop CRM meetings") -> bytes:
    """One VCALENDAR holding every event, as UTF-8 bytes with CRLF line ends."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    now = clock.now().replace(microsecond=0)
    for item in events:
        cal.add_component(_event(item, now))
    cal.add_missing_timezones()
    return cal.to_ical()


def end_of(item: IcsEvent) -> dt.datetime:
    """The end in the event's zone, computed on the UTC instant: 01:30 + 30 min on the
    night clocks spring forward ends at 03:00, not at a 02:00 that never happens."""
    end_utc = item.start.astimezone(dt.UTC) + dt.timedelta(minutes=item.minutes)
    return end_utc.astimezone(item.start.tzinfo)


def _event(item: IcsEvent, now: dt.datetime) -> Event:
    if item.start.tzinfo is None:
        raise ValueError(f"event {item.uid}: start time has no time zone")
    if item.status not in STATUSES:
        raise ValueError(f"event {item.uid}: status '{item.status}' is not one of {', '.join(STATUSES)}")
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", now)
    event.add("dtstart", item.start)
    event.add("dtend", end_of(item))
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    event.add("status", item.status)
    return event

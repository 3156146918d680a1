"""The .ics export parsed back with icalendar: times, zones, text, one or all meetings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from desktop_crm.io.ics import IcsEvent, events_to_ics
from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.exporting import calendar as calendar_export
from desktop_crm.store.models import utcnow


def test_event_round_trips_with_zone_and_escaped_text():
    start = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    data = events_to_ics([IcsEvent("m-1@x", start, 45, "Coffee with Ana", "Learn: a; b, c\nAsk: intros", "Café Einstein")])
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=45)
    assert str(event["location"]) == "Café Einstein"
    assert str(event["description"]) == "Learn: a; b, c\nAsk: intros"
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Berlin" in data


def test_end_on_the_spring_forward_night_is_the_real_instant():
    start = dt.datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    [event] = Calendar.from_ical(events_to_ics([IcsEvent("m@x", start, 60, "Late call")])).walk("VEVENT")
    end = event.decoded("dtend")
    assert end.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert (end.hour, end.minute) == (3, 30)


def test_export_all_upcoming_or_one_meeting(db_path):
    ana = create_contact({"first_name": "Ana", "last_name": "Silva", "organization": "Helios"}).id
    soon = (utcnow() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    upcoming = meetings.schedule_meeting(ana, {"when": soon, "tz": "America/New_York", "place": "Zoom",
                                               "kind": "video", "objective_ask": "Two introductions"})
    past = meetings.schedule_meeting(ana, {"when": "2026-01-05T09:00", "tz": "UTC"})
    cancelled = meetings.schedule_meeting(ana, {"when": soon, "tz": "UTC"})
    meetings.set_status(cancelled.id, "cancelled")
    events = Calendar.from_ical(calendar_export.export_ics()).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"meeting-{upcoming.id}@desktop-crm"]
    e = events[0]
    assert str(e["summary"]) == "Video with Ana Silva" and "Ask: Two introductions" in str(e["description"])
    assert e.decoded("dtstart").astimezone(dt.UTC).replace(tzinfo=None) == upcoming.starts_at
    [one] = Calendar.from_ical(calendar_export.export_ics([past.id])).walk("VEVENT")
    assert one.decoded("dtstart") == dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)

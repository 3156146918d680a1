"""Meeting times and thank-you deadlines across zones and daylight-saving nights."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, get_contact
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.today import thank_yous_due


@pytest.fixture
def ana(db_path):
    return create_contact({"first_name": "Ana", "last_name": "Silva", "organization": "Helios"}).id


def _held(contact_id: int, when: str, tz: str, fold: int = 0) -> meetings.MeetingView:
    m = meetings.schedule_meeting(contact_id, {"when": when, "tz": tz, "fold": fold})
    return meetings.mark_done(m.id)


def test_berlin_spring_forward_night_due_24_elapsed_hours_later(ana):
    # 2026-03-29: clocks go 02:00 CET -> 03:00 CEST. 01:30 CET is 00:30 UTC.
    m = _held(ana, "2026-03-29T01:30", "Europe/Berlin")
    assert m.starts_at == dt.datetime(2026, 3, 29, 0, 30)
    assert m.ends_at == dt.datetime(2026, 3, 29, 1, 0)  # 03:00 CEST, not a 02:00 that never happens
    assert m.thank_you_due_at == dt.datetime(2026, 3, 30, 1, 0)
    due_local = m.thank_you_due_at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/Berlin"))
    assert (due_local.hour, due_local.tzname()) == (3, "CEST")


def test_new_york_fall_back_night_ambiguous_time_first_or_second(ana):
    # 2026-11-01: 01:00-02:00 happens twice (EDT, then EST).
    first = _held(ana, "2026-11-01T01:30", "America/New_York", fold=0)
    second = _held(ana, "2026-11-01T01:30", "America/New_York", fold=1)
    assert first.starts_at == dt.datetime(2026, 11, 1, 5, 30)
    assert second.starts_at == dt.datetime(2026, 11, 1, 6, 30)
    assert first.thank_you_due_at == dt.datetime(2026, 11, 2, 6, 0)  # 01:00 EST next day
    assert first.local_start.tzname() == "EDT" and second.local_start.tzname() == "EST"


def test_new_york_spring_forward_due_reads_one_hour_later_on_the_clock(ana):
    m = _held(ana, "2026-03-08T01:30", "America/New_York")
    due_local = m.thank_you_due_at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("America/New_York"))
    assert m.starts_at == dt.datetime(2026, 3, 8, 6, 30)
    assert due_local.replace(tzinfo=None) == dt.datetime(2026, 3, 9, 3, 0)


def test_a_skipped_wall_time_is_refused_with_the_reason(ana):
    with pytest.raises(ValidationError, match="does not exist in Europe/Berlin"):
        meetings.schedule_meeting(ana, {"when": "2026-03-29T02:30", "tz": "Europe/Berlin"})


def test_unknown_zone_and_bad_time_name_the_field(ana):
    with pytest.raises(ValidationError, match="tz: 'Mars/Olympus' is not a known time zone"):
        meetings.schedule_meeting(ana, {"when": "2026-12-01T10:00", "tz": "Mars/Olympus"})
    with pytest.raises(ValidationError, match="when: '2026-12-01' has no time of day"):
        meetings.schedule_meeting(ana, {"when": "2026-12-01", "tz": "UTC"})


def test_thank_you_shows_until_marked_sent_then_contact_is_thanked(ana):
    m = _held(ana, "2026-03-29T01:30", "Europe/Berlin")
    before = thank_yous_due(now=m.thank_you_due_at - dt.timedelta(minutes=1))
    assert [(t.meeting.id, t.overdue) for t in before] == [(m.id, False)]
    after = thank_yous_due(now=m.thank_you_due_at + dt.timedelta(hours=30))
    assert after[0].overdue and after[0].hours_left == pytest.approx(-30)
    assert get_contact(ana).status == "met"
    meetings.mark_thank_you_sent(m.id)
    assert thank_yous_due(now=m.thank_you_due_at) == []
    assert get_contact(ana).status == "thanked"


def test_same_instant_in_two_zones_has_the_same_deadline(ana):
    berlin = _held(ana, "2026-06-10T18:00", "Europe/Berlin")
    new_york = _held(ana, "2026-06-10T12:00", "America/New_York")
    assert berlin.thank_you_due_at == new_york.thank_you_due_at == dt.datetime(2026, 6, 11, 16, 30)

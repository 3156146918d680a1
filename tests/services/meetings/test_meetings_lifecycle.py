"""Scheduling and closing meetings keeps the contact's status and dates in step."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, get_contact, update_contact
from desktop_crm.services.errors import NotFoundError, ValidationError
from desktop_crm.services.meetings.outreach import log_attempt
from desktop_crm.store.models import utcnow


@pytest.fixture
def ana(db_path):
    return create_contact({"first_name": "Ana", "last_name": "Silva"}).id


def _local(days: int) -> str:
    return (utcnow() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_schedule_defaults_and_contact_becomes_scheduled(ana):
    m = meetings.schedule_meeting(ana, {"when": _local(3), "tz": "UTC"})
    assert (m.minutes, m.kind, m.status) == (30, "coffee", "planned")
    contact = get_contact(ana)
    assert contact.status == "scheduled"
    assert contact.next_meeting_at == m.starts_at


def test_done_makes_contact_met_and_sets_last_contact(ana):
    m = meetings.schedule_meeting(ana, {"when": _local(-2), "tz": "UTC"})
    meetings.mark_done(m.id)
    contact = get_contact(ana)
    assert contact.status == "met"
    assert contact.last_contact_at == m.starts_at
    assert contact.next_meeting_at is None


def test_cancelling_the_only_meeting_goes_back_to_asked(ana):
    log_attempt(ana, "email", answered=True)
    m = meetings.schedule_meeting(ana, {"when": _local(3), "tz": "UTC"})
    meetings.set_status(m.id, "cancelled")
    assert get_contact(ana).status == "asked"
    assert get_contact(ana).next_meeting_at is None


def test_future_meeting_cannot_be_done_yet(ana):
    m = meetings.schedule_meeting(ana, {"when": _local(3), "tz": "UTC"})
    with pytest.raises(ValidationError, match="has not started yet"):
        meetings.mark_done(m.id)


@pytest.mark.parametrize("status", ["done", "no_show", "no-show"])
def test_a_future_meeting_cannot_be_scheduled_as_held_or_missed(ana, status):
    with pytest.raises(ValidationError, match="has not started yet") as caught:
        meetings.schedule_meeting(ana, {"when": _local(3), "tz": "UTC", "status": status})
    assert caught.value.field == "status"
    assert meetings.list_meetings(contact_id=ana) == []
    assert get_contact(ana).status == "to_contact"


def test_a_past_meeting_can_be_scheduled_as_done_and_owes_a_thank_you(ana):
    m = meetings.schedule_meeting(ana, {"when": _local(-1), "tz": "UTC", "status": "done"})
    assert m.status == "done" and m.thank_you_due_at is not None
    assert get_contact(ana).status == "met"


def test_moving_a_held_meeting_into_the_future_is_refused(ana):
    m = meetings.schedule_meeting(ana, {"when": _local(-1), "tz": "UTC", "status": "done"})
    with pytest.raises(ValidationError, match="has not started yet"):
        meetings.update_meeting(m.id, {"when": _local(5)})
    assert meetings.get_meeting(m.id).starts_at == m.starts_at


def test_do_not_contact_person_cannot_be_scheduled(ana):
    update_contact(ana, {"status": "do_not_contact"})
    with pytest.raises(ValidationError, match="do-not-contact"):
        meetings.schedule_meeting(ana, {"when": _local(3), "tz": "UTC"})


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"kind": "lunch"}, "kind: 'lunch' is not one of"), ({"minutes": 2}, "minutes: 2 is outside"),
     ({"minutes": "half"}, "minutes: 'half' is not a whole number"), ({"status": "maybe"}, "status: 'maybe'")],
)
def test_bad_fields_are_named(ana, changes, message):
    with pytest.raises(ValidationError, match=message):
        meetings.schedule_meeting(ana, {"when": _local(3), "tz": "UTC", **changes})


def test_agenda_groups_by_local_day_and_skips_cancelled(ana):
    late = meetings.schedule_meeting(ana, {"when": _local(2)[:10] + "T23:30", "tz": "UTC"})
    early = meetings.schedule_meeting(ana, {"when": _local(2)[:10] + "T08:00", "tz": "UTC"})
    gone = meetings.schedule_meeting(ana, {"when": _local(4), "tz": "UTC"})
    meetings.set_status(gone.id, "cancelled")
    days = meetings.agenda(days=14, tz="Europe/Berlin")
    # 23:30 UTC is already the next day in Berlin.
    assert [[m.id for m in d.meetings] for d in days] == [[early.id], [late.id]]
    assert days[1].day == days[0].day + dt.timedelta(days=1)


def test_update_moves_time_in_the_meetings_zone_and_unknown_id_is_not_found(ana):
    m = meetings.schedule_meeting(ana, {"when": "2026-12-01T10:00", "tz": "Europe/Berlin"})
    moved = meetings.update_meeting(m.id, {"when": "2026-12-01T11:00", "place": "Café Einstein"})
    assert moved.starts_at == dt.datetime(2026, 12, 1, 10, 0) and moved.place == "Café Einstein"
    with pytest.raises(NotFoundError, match="no meeting with id 999"):
        meetings.get_meeting(999)

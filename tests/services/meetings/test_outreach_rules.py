"""The etiquette of asking: three unanswered attempts, then suggest dormant; never send."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, get_contact, update_contact
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.meetings import outreach
from desktop_crm.store.models import utcnow


@pytest.fixture
def bo(db_path):
    return create_contact({"first_name": "Bo", "last_name": "Lee"}).id


def _ago(days: int) -> dt.datetime:
    return utcnow() - dt.timedelta(days=days)


def test_three_unanswered_attempts_suggest_dormant_not_before(bo):
    first = outreach.log_attempt(bo, "email", on=_ago(30))
    assert first.state.unanswered_streak == 1 and not first.state.suggest_dormant
    assert get_contact(bo).status == "asked"
    outreach.log_attempt(bo, "linkedin", on=_ago(20))
    third = outreach.log_attempt(bo, "phone", on=_ago(10))
    assert third.state.limit_reached and third.state.suggest_dormant
    assert "3 unanswered attempts to Bo Lee" in third.state.advice
    assert [s.contact_id for s in outreach.dormant_suggestions()] == [bo]
    assert outreach.follow_ups_due() == []  # no more chasing
    assert get_contact(bo).status == "asked"  # only suggested, nothing changed


def test_accepting_the_suggestion_moves_to_dormant_and_clears_it(bo):
    for days in (30, 20, 10):
        outreach.log_attempt(bo, "email", on=_ago(days))
    outreach.accept_dormant(bo)
    assert get_contact(bo).status == "dormant"
    assert outreach.dormant_suggestions() == []


def test_an_answer_resets_the_count(bo):
    outreach.log_attempt(bo, "email", on=_ago(30))
    second = outreach.log_attempt(bo, "email", on=_ago(20))
    outreach.mark_answered(second.attempt.id)
    after = outreach.log_attempt(bo, "email", on=_ago(10))
    assert after.state.unanswered_streak == 1


def test_a_meeting_held_resets_the_count(bo):
    outreach.log_attempt(bo, "email", on=_ago(30))
    outreach.log_attempt(bo, "email", on=_ago(25))
    m = meetings.schedule_meeting(bo, {"when": _ago(20).strftime("%Y-%m-%dT%H:%M"), "tz": "UTC"})
    meetings.mark_done(m.id)
    later = outreach.log_attempt(bo, "email", on=_ago(5))
    assert later.state.unanswered_streak == 1 and not later.state.suggest_dormant


def test_follow_up_due_after_a_quiet_week(bo):
    outreach.log_attempt(bo, "email", on=_ago(3))
    assert outreach.follow_ups_due() == []
    due = outreach.follow_ups_due(now=utcnow() + dt.timedelta(days=5))
    assert [s.contact_id for s in due] == [bo]
    assert due[0].follow_up_due_at == outreach.outreach_state(bo).last_attempt_at + dt.timedelta(days=7)


def test_do_not_contact_is_never_suggested_or_chased(bo):
    update_contact(bo, {"status": "do_not_contact"})
    for days in (30, 20, 10):
        outreach.log_attempt(bo, "email", on=_ago(days))
    assert outreach.dormant_suggestions() == [] and outreach.follow_ups_due() == []
    assert get_contact(bo).status == "do_not_contact"


def test_logging_updates_last_contact_date(bo):
    logged = outreach.log_attempt(bo, "letter", on=dt.date(2026, 1, 5))
    assert logged.attempt.at == dt.datetime(2026, 1, 5, 12, 0)
    assert get_contact(bo).last_contact_at == dt.datetime(2026, 1, 5, 12, 0)


def test_bad_channel_and_future_date_are_refused(bo):
    with pytest.raises(ValidationError, match="channel: 'fax' is not one of"):
        outreach.log_attempt(bo, "fax")
    with pytest.raises(ValidationError, match="in the future"):
        outreach.log_attempt(bo, "email", on=utcnow() + dt.timedelta(days=10))
    assert outreach.log_attempt(bo, "In person").attempt.channel == "in-person"


def test_not_now_hides_the_dormant_suggestion_until_the_snooze_ends(bo):
    for days in (30, 20, 10):
        outreach.log_attempt(bo, "email", on=_ago(days))
    until = outreach.snooze_dormant(bo, days=14)
    assert outreach.dormant_suggestions() == []
    assert outreach.dormant_snoozed_until(bo) == until
    assert get_contact(bo).status == "asked"  # nothing about the person changed
    assert [s.contact_id for s in outreach.dormant_suggestions(now=utcnow() + dt.timedelta(days=15))] == [bo]
    outreach.snooze_dormant(bo, days=1)  # a new snooze replaces the old one
    assert [s.contact_id for s in outreach.dormant_suggestions(now=utcnow() + dt.timedelta(days=2))] == [bo]


def test_a_snooze_survives_reopening_the_file(bo, db_path):
    from desktop_crm.store import close_database, open_store

    for days in (30, 20, 10):
        outreach.log_attempt(bo, "email", on=_ago(days))
    outreach.snooze_dormant(bo)
    close_database()
    open_store(db_path)
    assert outreach.dormant_suggestions() == []


@pytest.mark.parametrize("days", [0, 400, "soon"])
def test_a_snooze_needs_a_sensible_number_of_days(bo, days):
    with pytest.raises(ValidationError, match="days: .* is not a number of days from 1 to 365"):
        outreach.snooze_dormant(bo, days=days)

"""Introductions obtained create or link the contact, the introduction and the relationships."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact, get_contact
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.meetings import introductions
from desktop_crm.services.network.relationships import add_relationship, find_relationship
from desktop_crm.store.models import Contact, utcnow


@pytest.fixture
def met(db_path):
    """Ana, met three days ago."""
    ana = create_contact({"first_name": "Ana", "last_name": "Silva", "tier": "bridge"}).id
    when = (utcnow() - dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    m = meetings.schedule_meeting(ana, {"when": when, "tz": "UTC"})
    meetings.mark_done(m.id)
    return ana, m.id


def test_new_person_is_created_with_introduction_and_both_links(met):
    ana, meeting_id = met
    intro = introductions.record_introduction(
        {"first_name": "Jordan", "last_name": "Diaz", "organization": "Contoso", "tier": "target"},
        meeting_id=meeting_id,
    )
    jordan = get_contact(intro.introduced_id)
    assert (jordan.full_name, jordan.organization, jordan.how_met) == ("Jordan Diaz", "Contoso", "introduced by Ana Silva")
    assert (intro.introducer_id, intro.meeting_id, intro.status) == (ana, meeting_id, "promised")
    you = find_relationship(None, jordan.id)
    assert (you.kind, you.strength, you.how) == ("introduced_by", "acquaintance", "introduced by Ana Silva")
    assert find_relationship(ana, jordan.id) is not None
    assert [i.id for i in introductions.promised_not_made()] == [intro.id]


def test_existing_contact_is_linked_and_a_closer_tie_is_kept(met):
    ana, meeting_id = met
    friend = create_contact({"first_name": "Kim", "last_name": "Park"}).id
    add_relationship(None, friend, "friend", "close")
    before = Contact.select().count()
    intro = introductions.record_introduction(friend, introducer_id=ana, status="made")
    assert Contact.select().count() == before
    assert find_relationship(None, friend).kind == "friend"  # not downgraded to introduced_by
    assert find_relationship(ana, friend) is not None
    assert introductions.promised_not_made() == []
    assert intro.introducer_name == "Ana Silva"


def test_meeting_the_introduced_person_closes_the_introduction(met):
    ana, _ = met
    intro = introductions.record_introduction({"first_name": "Lee", "last_name": "Ng"}, introducer_id=ana)
    when = (utcnow() - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    m = meetings.schedule_meeting(intro.introduced_id, {"when": when, "tz": "UTC"})
    meetings.mark_done(m.id)
    assert introductions.get_introduction(intro.id).status == "met"


def test_bad_introductions_are_refused(met):
    ana, _ = met
    with pytest.raises(ValidationError, match="cannot introduce you to themselves"):
        introductions.record_introduction(ana, introducer_id=ana)
    with pytest.raises(ValidationError, match="introducer: no contact with id 999"):
        introductions.record_introduction({"first_name": "X"}, introducer_id=999)
    with pytest.raises(ValidationError, match="status: 'maybe'"):
        introductions.record_introduction({"first_name": "X"}, introducer_id=ana, status="maybe")
    with pytest.raises(Exception, match="name"):
        introductions.record_introduction({"title": "no name"}, introducer_id=ana)
    assert introductions.list_introductions() == []  # nothing half-written

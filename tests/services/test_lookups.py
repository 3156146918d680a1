"""One lookup for 'a row by id, not in the trash', shared by every service."""

from __future__ import annotations

import pytest

from desktop_crm.services import meetings, prep
from desktop_crm.services.contacts import create_contact, organizations, update_contact
from desktop_crm.services.contacts.trash import trash
from desktop_crm.services.errors import NotFoundError
from desktop_crm.services.lookups import live_contact, live_meeting, live_organization
from desktop_crm.services.meetings import outreach


def test_live_rows_are_found_and_trashed_or_unknown_ones_are_named(db_path) -> None:
    ana = create_contact({"first_name": "Ana", "organization": "Acme"})
    meeting = meetings.schedule_meeting(ana.id, {"when": "2030-01-02T10:00", "tz": "UTC"})
    assert live_contact(ana.id).first_name == "Ana"
    assert live_meeting(meeting.id).contact_id == ana.id
    assert live_organization(ana.organization_id).name == "Acme"
    for lookup, kind in ((live_contact, "contact"), (live_meeting, "meeting"), (live_organization, "organization")):
        with pytest.raises(NotFoundError, match=f"no {kind} with id 987654"):
            lookup(987654)


def test_every_service_refuses_a_trashed_contact_the_same_way(db_path) -> None:
    bo = create_contact({"first_name": "Bo", "organization": "Beta"})
    trash("contact", [bo.id])
    for call in (lambda: update_contact(bo.id, {"title": "CTO"}),
                 lambda: outreach.log_attempt(bo.id, channel="email"),
                 lambda: meetings.schedule_meeting(bo.id, {"when": "2030-01-02T10:00", "tz": "UTC"}),
                 lambda: prep.prep_for_contact(bo.id)):
        with pytest.raises(NotFoundError, match=f"no contact with id {bo.id}"):
            call()
    with pytest.raises(NotFoundError, match="no organization with id 424242"):
        organizations.update_organization(424242, {"notes": "x"})

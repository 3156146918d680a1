"""Surround: who you know at an organization, whom you met, who introduced you, the gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import introductions, meetings, surround
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.errors import NotFoundError
from desktop_crm.services.organizations import get_or_create_organization
from desktop_crm.services.profile import update_profile
from desktop_crm.store.models import utcnow


def test_empty_organization_says_nobody_is_there(db_path):
    org = get_or_create_organization("Contoso")
    s = surround.surround(org)
    assert s.people == [] and s.gaps[0].startswith("Nobody here yet")


def test_people_met_introducers_and_gaps(db_path):
    update_profile({"target_roles": "Data engineering lead"})
    gate = create_contact({"first_name": "Gia", "last_name": "Gate", "tier": "bridge"}).id
    ana = create_contact({"first_name": "Ana", "last_name": "A", "organization": "Helios", "title": "Recruiter"}).id
    intro = introductions.record_introduction(
        {"first_name": "Bo", "last_name": "B", "organization": "Helios", "title": "Accountant"}, introducer_id=gate
    )
    s = surround.surround(get_or_create_organization("Helios"))
    assert [p.name for p in s.people] == ["Ana A", "Bo B"]
    assert s.introducers == [(gate, "Gia Gate", 1)]
    assert s.people[1].introduced_by == ["Gia Gate"] and s.people[1].you_know  # introduced_by link
    assert any(g.startswith("No one met yet") for g in s.gaps)
    assert any(g.startswith("No target-tier person") for g in s.gaps)
    assert any(g.startswith("Nobody on the team") for g in s.gaps)
    when = (utcnow() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    meetings.mark_done(meetings.schedule_meeting(ana, {"when": when, "tz": "UTC"}).id)
    create_contact({"first_name": "Cy", "last_name": "C", "organization": "Helios", "tier": "target", "title": "Head of Data"})
    s = surround.surround(get_or_create_organization("Helios"))
    assert s.met == 1 and s.known == 3 and s.gaps == []
    assert intro.introduced_id in [p.contact_id for p in s.people]


def test_coverage_overview_puts_least_covered_first(demo_db):
    rows = surround.coverage_overview()
    assert rows and all(r.is_target for r in rows)
    assert rows[0].gaps >= rows[-1].gaps
    with pytest.raises(NotFoundError):
        surround.surround(99999)

"""Surround: who you know at an organization, whom you met, who introduced you, the gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.organizations import get_or_create_organization
from desktop_crm.services.contacts.profile import update_profile
from desktop_crm.services.errors import NotFoundError
from desktop_crm.services.meetings import introductions
from desktop_crm.services.research import surround
from desktop_crm.store.models import utcnow


def test_empty_organization_says_nobody_is_there(db_path):
    org = get_or_create_organization("Contoso")
    s = surround.surround(org)
    assert s.people == [] and [g.code for g in s.gaps] == ["nobody_here"]
    assert s.gaps[0].message.startswith("Nobody here yet")


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
    assert [g.code for g in s.gaps] == ["no_one_met", "no_target_tier", "nobody_on_team", "few_people"]
    assert s.gaps[-1].message == "Only 2 people here: surrounding a role takes three or more."
    assert s.to_dict()["gaps"][0] == {"code": "no_one_met", "message": s.gaps[0].message}
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


@pytest.mark.parametrize(("known", "words"), [(1, "Only 1 person here"), (2, "Only 2 people here")])
def test_few_people_is_counted_in_proper_english(known, words):
    [gap] = [g for g in surround.gaps_from_counts(known, 1, 1, 1, True) if g.code == "few_people"]
    assert gap.message.startswith(words + ":")


def _per_org_overview(targets_only: bool) -> list[surround.CoverageRow]:
    """The overview as it used to be computed: one full surround per organization."""
    from desktop_crm.store.models import Organization

    query = Organization.select().where(Organization.deleted_at.is_null())
    if targets_only:
        query = query.where(Organization.is_target == True)  # noqa: E712
    rows = []
    for org in query:
        s = surround.surround(org.id)
        rows.append(surround.CoverageRow(org.id, org.name, org.is_target, s.known, s.met,
                                         sum(p.tier == "target" for p in s.people), len(s.gaps)))
    return sorted(rows, key=lambda r: (-r.gaps, r.met, r.name.casefold()))


@pytest.mark.parametrize("targets_only", [True, False])
def test_grouped_overview_equals_one_surround_per_organization_on_the_demo(demo_db, targets_only):
    from desktop_crm.services.contacts import trash
    from desktop_crm.store.models import Contact, Meeting

    # Edge cases the grouped queries must agree on: a trashed person, a trashed
    # held meeting, a second held meeting with one person, no target roles.
    held = list(Meeting.select().where(Meeting.status == "done").limit(3))
    trash.trash("contact", [held[0].contact_id])
    Meeting.update(deleted_at=utcnow()).where(Meeting.id == held[1].id).execute()
    Meeting.create(contact=held[2].contact_id, starts_at=held[2].starts_at - dt.timedelta(days=30),
                   tz="UTC", status="done")
    assert Contact.select().where(Contact.organization.is_null(False)).count() > 50
    assert surround.coverage_overview(targets_only) == _per_org_overview(targets_only)
    update_profile({"target_roles": ""})
    assert surround.coverage_overview(targets_only) == _per_org_overview(targets_only)

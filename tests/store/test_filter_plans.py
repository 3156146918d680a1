"""The contact table's filters read indexes: EXPLAIN QUERY PLAN on a small database.

A filter on tier or status with the default name order walks one range of a
(filter, sort_name, id) index: the first page needs no sort and the count no
table scan. The benchmark (benchmarks/bench_contact_table.py) times the same
filters on a million contacts and prints these plans with --plans.
"""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.table import ContactFilter, TableSpec
from desktop_crm.store.contact_table import query_plans


@pytest.fixture
def people(db_path) -> None:
    bulk_create_contacts([
        {"first_name": f"P{i}", "last_name": f"L{i}", "organization": f"Org {i % 7}",
         "tier": ("primary", "bridge", "target")[i % 3], "status": ("to_contact", "asked", "met")[i % 3],
         "industry": ("Energy", "Software")[i % 2], "tags": ["climate"] if i % 5 == 0 else []}
        for i in range(300)
    ])


def _plans(flt: ContactFilter) -> dict[str, str]:
    return query_plans(TableSpec(flt).query())


@pytest.mark.parametrize(("flt", "index"), [
    (ContactFilter(tiers=("target",)), "contact_live_tier_name"),
    (ContactFilter(statuses=("met",)), "contact_live_status_name"),
    (ContactFilter(tiers=("target",), statuses=("met",)), "_name"),
    (ContactFilter(tiers=("bridge",), industry="Energy"), "contact_live_tier_name"),
])
def test_a_tier_or_status_filter_pages_from_its_own_index_without_sorting(people, flt, index):
    plans = _plans(flt)
    assert index in plans["first_page"]
    assert "TEMP B-TREE" not in plans["first_page"]
    assert "USING INDEX" in plans["count"] or "USING COVERING INDEX" in plans["count"]


@pytest.mark.parametrize("flt", [
    ContactFilter(tag="climate"),
    ContactFilter(organization="Org 3"),
    ContactFilter(upcoming_meeting=True),
    ContactFilter(text="p1"),
])
def test_set_filters_start_from_their_few_matching_rows(people, flt):
    plans = _plans(flt)
    for plan in plans.values():
        assert "SCAN c " not in plan + " " or "USING" in plan.split("SCAN c ", 1)[1][:12]
        assert "SEARCH" in plan


def test_the_upcoming_meeting_filter_reads_planned_meetings_by_start(people):
    assert "meeting_planned_start" in _plans(ContactFilter(upcoming_meeting=True))["count"]


def test_the_gatekeeper_index_exists_for_the_first_page(people):
    assert "contact_live_gatekeeper_name" in _plans(ContactFilter(gatekeepers=True))["first_page"]

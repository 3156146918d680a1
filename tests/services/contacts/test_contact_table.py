"""The contact table's paging, sorting and filters, on real SQLite files."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm import clock
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.table import (
    ContactFilter,
    TableSpec,
    count_rows,
    fetch_rows,
    ids_in_ranges,
    make_filter,
    row_of,
)
from desktop_crm.services.errors import ValidationErrors
from desktop_crm.store.contact_dates import refresh_contact_dates
from desktop_crm.store.models import Contact, Meeting, Organization, OutreachAttempt


def _people(n: int) -> list[int]:
    records = [
        {
            "first_name": f"P{i:03d}",
            "last_name": f"L{(i * 7) % n:03d}",
            "organization": f"Org {i % 5}",
            "title": f"T{i % 3}",
            "tier": ("primary", "bridge", "target")[i % 3],
            "industry": ("Energy", "Software")[i % 2],
            "location": ("Berlin", "Paris")[i % 2],
            "tags": ["climate"] if i % 4 == 0 else [],
        }
        for i in range(n)
    ]
    return bulk_create_contacts(records)


def _all(spec: TableSpec) -> list:
    q = spec.query()
    return fetch_rows(q, 0, 10_000, count_rows(q))


@pytest.mark.parametrize("sort", ["name", "organization", "title", "tier", "status", "industry", "location"])
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_offset_and_from_end_pages_agree_with_one_big_read(db_path, sort, descending) -> None:
    _people(97)
    spec = TableSpec(sort=sort, descending=descending)
    q = spec.query()
    total = count_rows(q)
    everything = [r.id for r in fetch_rows(q, 0, total, total)]
    assert len(everything) == total == 97
    # forward by keyset from each previous page, backward by keyset, and by offset
    forward, previous = [], None
    for start in range(0, total, 10):
        page = fetch_rows(q, start, 10, total, after=previous)
        forward += [r.id for r in page]
        previous = page[-1]
    assert forward == everything
    tail = fetch_rows(q, 90, 7, total)
    before = fetch_rows(q, 80, 10, total, before=tail[0])
    assert [r.id for r in before + tail] == everything[80:]
    assert [r.id for r in fetch_rows(q, 60, 10, total)] == everything[60:70]  # from the end


def test_sorting_by_organization_follows_the_name_and_a_rename(db_path) -> None:
    _people(20)
    rows = _all(TableSpec(sort="organization"))
    assert [r.organization for r in rows] == sorted(r.organization for r in rows)
    org = Organization.get(Organization.name == "Org 0")
    org.name = "ZZ last"
    org.save()
    assert _all(TableSpec(sort="organization"))[-1].organization == "ZZ last"


def test_nullable_dates_sort_first_and_page_by_offset(db_path) -> None:
    ids = _people(30)
    base = dt.datetime(2024, 1, 1)
    for n, cid in enumerate(ids[:10]):
        OutreachAttempt.create(contact=cid, at=base + dt.timedelta(days=n))
    refresh_contact_dates(ids)
    q = TableSpec(sort="last_contact").query()
    total = count_rows(q)
    first = fetch_rows(q, 0, 20, total)
    assert all(r.last_contact_at is None for r in first)
    second = fetch_rows(q, 20, 10, total, after=first[-1])
    assert [r.last_contact_at for r in second] == sorted(r.last_contact_at for r in second)
    q_desc = TableSpec(sort="last_contact", descending=True).query()
    top = fetch_rows(q_desc, 0, 1, total)[0]
    assert top.id == ids[9]


def test_filters_narrow_by_each_field(db_path) -> None:
    ids = _people(40)
    Contact.update(status="met").where(Contact.id.in_(ids[:5])).execute()
    Meeting.create(contact=ids[7], starts_at=clock.utcnow() + dt.timedelta(days=3))
    OutreachAttempt.create(contact=ids[8], at=dt.datetime(2023, 5, 1))
    refresh_contact_dates()

    def count(**kw) -> int:
        return count_rows(TableSpec(filter=make_filter(kw)).query())

    assert count() == 40
    assert count(tiers=["target"]) == 13
    assert count(statuses=["met"]) == 5
    assert count(tag="CLIMATE") == 10
    assert count(organization="org 1") == 8
    assert count(industry="ener", location="berlin") == 20
    assert count(upcoming_meeting=True) == 1
    assert count(contacted_before="2024-01-01") == 1
    assert count(contacted_after="2024-01-01") == 0
    assert count(text="P001") == 1


def test_search_text_is_safe_for_quotes_and_accents(db_path) -> None:
    bulk_create_contacts([{"first_name": "Zoë", "last_name": "O'Brien"}])
    for text in ('o"brien', "o'brien", "zoe", "AND", '"', "*"):
        count_rows(TableSpec(filter=ContactFilter(text=text)).query())
    assert count_rows(TableSpec(filter=ContactFilter(text="zoe obr")).query()) == 0
    assert count_rows(TableSpec(filter=ContactFilter(text="zoe o bri")).query()) == 1


def test_bad_filter_values_are_named_by_field() -> None:
    with pytest.raises(ValidationErrors) as caught:
        make_filter({"tiers": ["gold"], "contacted_after": "2024-13-01", "colour": "red"}, where="list")
    fields = caught.value.by_field
    assert "list.tiers" in fields and "gold" in fields["list.tiers"]
    assert "list.contacted_after" in fields
    assert "colour" in fields["list"]
    with pytest.raises(ValidationErrors):
        make_filter({"contacted_after": "2024-02-01", "contacted_before": "2024-01-01"})


def test_selection_ranges_and_row_position(db_path) -> None:
    _people(50)
    q = TableSpec(sort="title", descending=True).query()
    everything = [r.id for r in fetch_rows(q, 0, 50, 50)]
    assert ids_in_ranges(q, [(0, 2), (10, 11)]) == everything[0:3] + everything[10:12]
    for row in (0, 17, 49):
        assert row_of(q, everything[row]) == row
    assert row_of(TableSpec(filter=ContactFilter(tiers=("target",))).query(), everything[0]) in (None, *range(50))


def test_trashed_rows_leave_the_table_and_show_in_the_trash_table(db_path) -> None:
    ids = _people(10)
    Contact.update(deleted_at=dt.datetime(2024, 1, 1)).where(Contact.id.in_(ids[:3])).execute()
    assert count_rows(TableSpec().query()) == 7
    trashed = TableSpec(sort="trashed", trashed=True).query()
    assert sorted(r.id for r in fetch_rows(trashed, 0, 10, count_rows(trashed))) == ids[:3]

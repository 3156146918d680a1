"""Every filter of the contact table, alone and in pairs, gives the right people on a real file.

An oracle written in plain Python over the same records says who should
match; "contains" filters ignore case and accents ("zurich" finds Zürich,
"CAFE LUM" finds Café Lumière). The plans of the same filters read an index,
never a full scan of contact.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pg_server
import pytest
from anyascii import anyascii

from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.table import ContactFilter, TableSpec, count_rows, fetch_rows
from desktop_crm.store import contact_table as store
from desktop_crm.store.database import db

ORGS = ("Café Lumière", "Acme Labs 12", "acme labs 120", "Østergaard Energi", "Zürich Re")
INDUSTRIES = ("Énergie", "Software", "software services", "Finance")
LOCATIONS = ("Zürich", "Berlin", "ZÜRICH-Oerlikon", "São Paulo", "Bern")
RECORDS = [
    {"first_name": f"P{i}", "last_name": f"L{i}", "organization": ORGS[i % 5], "industry": INDUSTRIES[i % 4],
     "location": LOCATIONS[(i // 3) % 5], "tier": ("primary", "bridge", "target")[i % 3],
     "status": ("to_contact", "asked", "met", "thanked")[(i // 2) % 4], "is_gatekeeper": i % 7 == 0}
    for i in range(120)
]
CONTACTED = {i: dt.datetime(2026, 1 + i % 6, 10) for i in range(0, 120, 4)}  # record -> last contact


def fold(text: str) -> str:
    return anyascii(text).casefold()


@pytest.fixture
def people(db_path) -> list[int]:
    ids = bulk_create_contacts(RECORDS)
    for i, when in CONTACTED.items():
        db.execute_sql("UPDATE contact SET last_contact_at = ? WHERE id = ?", (when.strftime("%Y-%m-%d %H:%M:%S"), ids[i]))
    return ids


SINGLE = {
    "tier": ContactFilter(tiers=("target",)),
    "tiers": ContactFilter(tiers=("target", "bridge")),
    "status": ContactFilter(statuses=("met",)),
    "organization (accents, case)": ContactFilter(organization="CAFE lum"),
    "organization (part)": ContactFilter(organization="labs 12"),
    "industry (accents)": ContactFilter(industry="energie"),
    "industry (case)": ContactFilter(industry="SOFTWARE"),
    "location (accents)": ContactFilter(location="zurich"),
    "location (part)": ContactFilter(location="ber"),
    "contacted since": ContactFilter(contacted_after=dt.date(2026, 3, 1)),
    "not contacted since": ContactFilter(contacted_before=dt.date(2026, 3, 1)),
    "gatekeepers": ContactFilter(gatekeepers=True),
    "nothing matches": ContactFilter(location="Lisbon"),
}


def expected(flt: ContactFilter) -> set[int]:
    """Record numbers the filter should keep, by plain Python."""
    keep = set()
    for i, r in enumerate(RECORDS):
        when = CONTACTED.get(i)
        checks = [
            not flt.tiers or r["tier"] in flt.tiers,
            not flt.statuses or r["status"] in flt.statuses,
            not flt.organization or fold(flt.organization) in fold(r["organization"]),
            not flt.industry or fold(flt.industry) in fold(r["industry"]),
            not flt.location or fold(flt.location) in fold(r["location"]),
            flt.contacted_after is None or (when is not None and when.date() >= flt.contacted_after),
            flt.contacted_before is None or (when is not None and when.date() < flt.contacted_before),
            not flt.gatekeepers or r["is_gatekeeper"],
        ]
        if all(checks):
            keep.add(i)
    return keep


def shown(flt: ContactFilter, ids: list[int]) -> tuple[int, list[int]]:
    query = TableSpec(flt).query()
    total = count_rows(query)
    rows = fetch_rows(query, 0, 1000, max(total, 1))
    number = {cid: i for i, cid in enumerate(ids)}
    return total, [number[r.id] for r in rows]


def combine(a: ContactFilter, b: ContactFilter) -> ContactFilter:
    merged = {k: v for f in (a, b) for k, v in f.to_dict().items()}
    return ContactFilter(**{k: tuple(v) if isinstance(v, list) else
                            dt.date.fromisoformat(v) if k.startswith("contacted") else v
                            for k, v in merged.items()})


CASES = dict(SINGLE)
for (na, fa), (nb, fb) in itertools.combinations(SINGLE.items(), 2):
    if set(fa.to_dict()) & set(fb.to_dict()):
        continue  # the same field twice: the second would replace the first
    CASES[f"{na} + {nb}"] = combine(fa, fb)
CASES["tier + industry + location"] = ContactFilter(tiers=("target",), industry="software", location="zürich")


@pytest.mark.parametrize("name", list(CASES))
def test_each_filter_and_pair_shows_exactly_the_matching_people_in_name_order(people, name) -> None:
    flt = CASES[name]
    total, rows = shown(flt, people)
    want = expected(flt)
    assert total == len(want)
    assert set(rows) == want
    names = [store.db.execute_sql("SELECT sort_name FROM contact WHERE id = ?", (people[i],)).fetchone()[0]
             for i in rows]
    assert names == sorted(names)


@pytest.mark.parametrize("name", list(CASES))
def test_each_filter_and_pair_reads_an_index_not_the_whole_table(people, name) -> None:
    pg_server.sqlite_only_here("query plans (EXPLAIN QUERY PLAN, INDEXED BY) are SQLite's")
    query = TableSpec(CASES[name]).query()
    if " AND 1 = 0" in store.where_clause(query)[0]:
        return  # constant false (a value nobody has): no row is read, see the test below
    plans = store.query_plans(query)
    for plan in plans.values():
        for step in plan.split(" | "):
            assert not (step.startswith("SCAN c") and "INDEX" not in step), plan


def test_contains_filters_become_the_exact_values_they_match(people) -> None:
    query = TableSpec(ContactFilter(location="zurich", industry="SOFTWARE", organization="labs 12")).query()
    assert set(query.location_values) == {"Zürich", "ZÜRICH-Oerlikon"}
    assert set(query.industry_values) == {"Software", "software services"}
    assert len(query.organization_ids) == 2


def test_a_value_nobody_has_matches_no_one_without_reading_rows(people) -> None:
    query = TableSpec(ContactFilter(location="Lisbon", tiers=("target",))).query()
    assert query.location_values == ()
    assert count_rows(query) == 0
    where, _ = store.where_clause(query)
    assert " AND 1 = 0" in where  # constant false: no row is read at all


def test_a_rare_filter_drives_the_page_from_its_own_index(people) -> None:
    pg_server.sqlite_only_here("query plans (EXPLAIN QUERY PLAN, INDEXED BY) are SQLite's")
    query = TableSpec(ContactFilter(tiers=("target",), location="são")).query()
    assert store.driving_index(query) == "contact_live_location"
    assert "contact_live_location" in store.query_plans(query)["first_page"]


def test_common_filters_walk_the_name_order_and_stop_at_a_page(people, monkeypatch) -> None:
    pg_server.sqlite_only_here("query plans (EXPLAIN QUERY PLAN, INDEXED BY) are SQLite's")
    monkeypatch.setattr(store, "DRIVER_CAP", 1)  # as on a million rows: no filter is rare
    store.driving_index.cache_clear()
    query = TableSpec(ContactFilter(industry="software", location="zurich")).query()
    assert store.driving_index(query) is None
    plan = store.query_plans(query)["first_page"]
    assert "COVERING INDEX contact_live_name_filters" in plan and "TEMP B-TREE" not in plan
    assert "COVERING INDEX contact_live_name_filters" in store.query_plans(query)["count"]
    store.driving_index.cache_clear()


@pytest.mark.parametrize("sort", [s for s in store.SORT_COLUMNS if s != "trashed"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("cap", [store.DRIVER_CAP, 1])  # a rare filter drives / the sort order is walked
def test_every_order_pages_a_combined_filter_fully_by_offset_and_by_keyset(
        people, sort, descending, cap, monkeypatch) -> None:
    monkeypatch.setattr(store, "DRIVER_CAP", cap)
    store.driving_index.cache_clear()
    flt = ContactFilter(tiers=("target", "bridge"), industry="software", location="zurich")
    query = TableSpec(flt, sort=sort, descending=descending).query()
    total = count_rows(query)
    assert total == len(expected(flt))
    whole = fetch_rows(query, 0, total, total)
    first = fetch_rows(query, 0, 3, total)
    rest = fetch_rows(query, 3, total - 3, total, after=first[-1])
    assert [r.id for r in first + rest] == [r.id for r in whole]
    assert {people.index(r.id) for r in whole} == expected(flt)
    store.driving_index.cache_clear()

"""Typed text inside LIKE: wildcards the user types match only themselves."""

from __future__ import annotations

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.table import ContactFilter, TableSpec, count_rows, fetch_rows
from desktop_crm.store.database import db
from desktop_crm.store.like import contains_pattern


def _like(value: str, typed: str) -> bool:
    return bool(db.execute_sql("SELECT ? LIKE ? ESCAPE '\\'", (value, contains_pattern(typed))).fetchone()[0])


def test_percent_underscore_and_backslash_are_literal(db_path) -> None:
    assert _like("100% remote", "0% r")
    assert not _like("100 remote", "%")
    assert _like("a_b", "a_b") and not _like("axb", "a_b")
    assert _like("C:\\temp", "\\t") and not _like("C:temp", "\\t")
    assert _like("Biotech", "iotec")


def test_the_contact_table_filter_treats_a_typed_percent_literally(db_path) -> None:
    remote = create_contact({"first_name": "Rae", "industry": "100% remote"}).id
    create_contact({"first_name": "Bo", "industry": "Biotech"})
    query = TableSpec(filter=ContactFilter(industry="%")).query()
    total = count_rows(query)
    assert total == 1
    assert [row.id for row in fetch_rows(query, 0, 10, total)] == [remote]

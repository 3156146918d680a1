"""The FTS5 index stays in step with every write, folds accents and matches prefixes."""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts import create_contact, update_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.organizations import update_organization
from desktop_crm.services.contacts.search import search_contact_ids
from desktop_crm.services.contacts.trash import purge, trash_contacts


def test_accents_are_folded_and_prefixes_match(db_path) -> None:
    c = create_contact({"first_name": "François", "last_name": "Ørsted-Ñúñez"})
    assert search_contact_ids("francois") == [c.id]
    assert search_contact_ids("FRAN") == [c.id]
    assert search_contact_ids("nunez") == [c.id]
    assert search_contact_ids("fr nu") == [c.id]


def test_index_follows_edits_emails_and_organization_renames(db_path) -> None:
    c = create_contact({"first_name": "Ana", "last_name": "Silva", "organization": "Northwind"})
    assert search_contact_ids("northwind") == [c.id]
    update_contact(c.id, {"title": "Data Scientist", "emails": ["ana@lumen.example"], "notes": "loves sailing"})
    for query in ("scientist", "lumen", "sailing"):
        assert search_contact_ids(query) == [c.id], query
    update_organization(c.organization_id, {"name": "Southwind"})
    assert search_contact_ids("southwind") == [c.id]
    assert search_contact_ids("northwind") == []
    update_contact(c.id, {"emails": []})
    assert search_contact_ids("lumen") == []


def test_trashed_contacts_leave_search_and_purged_leave_the_index(db_path) -> None:
    c = create_contact({"first_name": "Kwame", "last_name": "Mensah"})
    trash_contacts([c.id])
    assert search_contact_ids("kwame") == []
    assert search_contact_ids("kwame", include_trashed=True) == [c.id]
    purge("contact", [c.id])
    assert search_contact_ids("kwame", include_trashed=True) == []


def test_bulk_created_contacts_are_searchable(db_path) -> None:
    ids = bulk_create_contacts(
        [{"first_name": f"Léa{i}", "last_name": "Moreau", "emails": [f"lea{i}@ex.example"], "organization": "Banque"} for i in range(50)]
    )
    assert len(search_contact_ids("lea1", limit=100)) == 11  # lea1, lea10..lea19
    assert set(search_contact_ids("banque", limit=100)) == set(ids)
    create_contact({"first_name": "After", "last_name": "Bulk"})
    assert len(search_contact_ids("after")) == 1  # triggers resumed


@pytest.mark.parametrize("query", ["o'brien", '"', '""', "AND", "OR NOT", "*", "a*b", "(", "NEAR(", "-", "^", ""])
def test_hostile_search_text_never_raises(db_path, query: str) -> None:
    create_contact({"first_name": "Conor", "last_name": "O'Brien"})
    result = search_contact_ids(query)
    assert isinstance(result, list)
    if query == "o'brien":
        assert len(result) == 1

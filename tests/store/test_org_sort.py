"""The organization sort key is the same whichever path wrote the contact."""

from __future__ import annotations

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.store.database import db


def org_sort_of(contact_id: int) -> str:
    return db.execute_sql("SELECT org_sort FROM contact WHERE id = ?", (contact_id,)).fetchone()[0]


def test_bulk_and_single_inserts_give_the_trigger_key(db_path) -> None:
    single = create_contact({"first_name": "Ana", "organization": "École ACME"}).id
    bulk = bulk_create_contacts(
        [{"first_name": "Mei", "organization": "École ACME"}, {"first_name": "Li", "organization": "Zeta GmbH"},
         {"first_name": "No", "last_name": "Org"}]
    )
    assert org_sort_of(single) == "École acme"  # SQLite's lower(): ASCII only, as the triggers
    assert org_sort_of(bulk[0]) == org_sort_of(single)
    assert org_sort_of(bulk[1]) == "zeta gmbh"
    assert org_sort_of(bulk[2]) == ""

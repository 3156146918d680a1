"""The organization sort key is the same whichever path wrote the contact."""

from __future__ import annotations

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.organizations import (
    get_or_create_organization,
    update_organization,
)
from desktop_crm.services.contacts.table import TableSpec, count_rows, fetch_rows
from desktop_crm.store.database import db
from desktop_crm.store.sort_keys import organization_sort_key


def org_sort_of(contact_id: int) -> str:
    return db.execute_sql("SELECT org_sort FROM contact WHERE id = ?", (contact_id,)).fetchone()[0]


def test_bulk_and_single_inserts_give_the_trigger_key(db_path) -> None:
    single = create_contact({"first_name": "Ana", "organization": "École ACME"}).id
    bulk = bulk_create_contacts(
        [{"first_name": "Mei", "organization": "École ACME"}, {"first_name": "Li", "organization": "Zeta GmbH"},
         {"first_name": "No", "last_name": "Org"}]
    )
    assert org_sort_of(single) == organization_sort_key("École ACME")
    assert org_sort_of(single).startswith("ecole acme")  # accents folded, as people's names
    assert org_sort_of(bulk[0]) == org_sort_of(single)
    assert org_sort_of(bulk[1]) == "zeta gmbh"
    assert org_sort_of(bulk[2]) == ""


def organizations_in_table_order() -> list[str]:
    query = TableSpec(sort="organization").query()
    return [row.organization for row in fetch_rows(query, 0, 100, count_rows(query))]


def test_the_organization_column_sorts_with_accents_folded(db_path) -> None:
    names = ["Zeta GmbH", "Østergaard Energi", "École ACME", "Dansk Data", "Fox Labs", "Ørsted", "Oslo Tech"]
    for i, name in enumerate(names):
        create_contact({"first_name": f"P{i}", "organization": name})
    bulk_create_contacts([{"first_name": "Bulk", "organization": "Ångström Labs"}])
    assert organizations_in_table_order() == [
        "Ångström Labs", "Dansk Data", "École ACME", "Fox Labs", "Ørsted", "Oslo Tech", "Østergaard Energi",
        "Zeta GmbH"]


def test_renaming_an_organization_moves_its_people_in_the_sort(db_path) -> None:
    create_contact({"first_name": "A", "organization": "Mid Co"})
    create_contact({"first_name": "B", "organization": "Nord AS"})
    org_id = get_or_create_organization("Mid Co")
    update_organization(org_id, {"name": "Økonomi AS"})  # files under O, after Nord
    assert organizations_in_table_order() == ["Nord AS", "Økonomi AS"]

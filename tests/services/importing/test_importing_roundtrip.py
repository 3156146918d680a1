"""Our own CSV export imports back equal, formula-safety apostrophes included."""

from __future__ import annotations

from pathlib import Path

from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact, get_contact, list_contacts
from desktop_crm.services.database.setup import ensure_defaults
from desktop_crm.services.exporting import export_contacts
from desktop_crm.store import close_database, open_store

PEOPLE = [
    {"first_name": "Jonas", "last_name": "Schulz", "organization": "Berlin Labs",
     "phones": ["+49 30 1234567", "+49 171 5550100"], "emails": ["jonas@berlinlabs.de"]},
    {"first_name": "Rosa", "last_name": "Silva", "title": "-Data- lead",
     "phones": ["+351 21 000 0000"]},
    {"first_name": "Ann", "last_name": "Lee", "notes": "=not a formula", "phones": ["0171 555"]},
]


def _people() -> list[dict]:
    out = []
    for contact in list_contacts():
        full = get_contact(contact.id)
        out.append({"name": (full.first_name, full.last_name), "title": full.title,
                    "notes": full.notes,
                    "phones": sorted(p["raw"] for p in full.phones),
                    "emails": sorted(e["email"] for e in full.emails)})
    return sorted(out, key=lambda p: p["name"])


def test_exported_phones_with_a_plus_import_back_equal_into_an_empty_database(
        db_path: Path, tmp_path: Path) -> None:
    for person in PEOPLE:
        create_contact(person)
    before = _people()
    export = tmp_path / "contacts.csv"
    assert export_contacts("csv", export) == len(PEOPLE)
    assert "'+49 30 1234567" in export.read_text("utf-8-sig")  # made formula-safe
    close_database()
    open_store(tmp_path / "empty.sqlite3")
    ensure_defaults()
    try:
        result = importing.import_file(export)
        assert result.counts["new"] == len(PEOPLE) and result.counts["not_importable"] == 0
        after = _people()
    finally:
        close_database()
        open_store(db_path)
    assert [p["phones"] for p in after] == [p["phones"] for p in before]
    assert [p["phones"] for p in after][0] == ["0171 555"]
    assert after == before

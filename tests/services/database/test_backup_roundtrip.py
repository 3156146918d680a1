"""The JSON backup: export then restore gives an equal database, for any Unicode."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.bulk import bulk_create_relationships
from desktop_crm.services.database import backup as backup_service
from desktop_crm.store import close_database, open_store

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
name = text.filter(lambda s: s.strip() != "")
contact = st.fixed_dictionaries(
    {
        "first_name": name,
        "last_name": text,
        "title": text,
        "notes": text,
        "organization": text,
        "tags": st.lists(name, max_size=3),
        "emails": st.lists(
            st.builds(lambda u, d: f"{u}@{d}.example", st.text(string.ascii_letters + ".-_", min_size=1, max_size=10).filter(lambda u: not u.startswith(".")), st.text(string.ascii_lowercase, min_size=1, max_size=8)),
            max_size=2,
        ),
    }
)


def tables_without_time(data: dict) -> dict:
    return data["tables"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(contact, min_size=1, max_size=6))
def test_export_then_restore_is_equal(tmp_path_factory, people) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = folder / "source.sqlite3"
    open_store(source)
    try:
        from desktop_crm.services.database.setup import ensure_defaults

        ensure_defaults()
        ids = [create_contact(p).id for p in people]
        bulk_create_relationships([(None, ids[0], "friend", "close", "how ✓", "2020")])
        exported = backup_service.export_backup()
        backup_file = folder / "backup.json"
        backup_service.write_backup(backup_file)
    finally:
        close_database()
    target = folder / "target.sqlite3"
    open_store(target)
    try:
        create_contact({"first_name": "Someone", "last_name": "Else"})  # replaced by the restore
        backup_service.restore_backup(backup_service.read_backup(backup_file), target, folder / "safety")
        again = backup_service.export_backup()
        assert again["tables"] == exported["tables"]
        from desktop_crm.services.contacts.search import search_contact_ids

        assert search_contact_ids("someone") == []
    finally:
        close_database()


def test_bad_backup_files_are_refused_with_the_reason(db_path, tmp_path: Path) -> None:
    create_contact({"first_name": "Keep", "last_name": "Me"})
    cases = {
        "not-json.json": "this is not json",
        "other.json": json.dumps({"hello": 1}),
        "future.json": json.dumps({"format": "desktop-crm-backup", "version": 1, "schema": 999, "tables": {}}),
        "badtable.json": json.dumps({"format": "desktop-crm-backup", "version": 1, "schema": 1, "tables": {"evil": []}}),
        "badcol.json": json.dumps({"format": "desktop-crm-backup", "version": 1, "schema": 1, "tables": {"contact": [{"nope": 1}]}}),
    }
    for filename, content in cases.items():
        path = tmp_path / filename
        path.write_text(content)
        with pytest.raises(backup_service.BackupFormatError) as info:
            backup_service.read_backup(path)
        assert filename in str(info.value)
    from desktop_crm.services.contacts import count_contacts

    assert count_contacts() == 1


def test_tables_added_by_later_schema_steps_are_in_the_backup(db_path, tmp_path: Path) -> None:
    from desktop_crm.services.meetings.outreach import dormant_snoozed_until, snooze_dormant

    person = create_contact({"first_name": "Nora", "last_name": "Kim"})
    snooze_dormant(person.id, days=30)
    data = backup_service.export_backup()
    assert "reminder_snooze" in data["tables"] and "undo_step" not in data["tables"]
    backup_service.restore_backup(data, db_path, tmp_path / "safety")
    assert dormant_snoozed_until(person.id) is not None

"""Undo touches exactly what the import wrote, row by row and field by field.

Each test reproduces a way an earlier undo lost work the import never did
(deleting by id range, writing back whole rows), then checks that the work
survives and that undo says what it kept.
"""

from __future__ import annotations

from pathlib import Path

import pg_server
from importing_samples import google_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact, get_contact, update_contact
from desktop_crm.services.contacts.trash import empty_trash, trash_contacts
from desktop_crm.services.network.relationships import add_relationship
from desktop_crm.store.models import Contact


def _people(tmp_path: Path, name: str, rows: list[dict[str, str]]) -> Path:
    return google_file(tmp_path / name, rows)


def test_a_hand_typed_contact_that_reuses_a_trashed_imported_id_survives_undo(
        db_path: Path, tmp_path: Path) -> None:
    pg_server.sqlite_only(db_path, "a server's id sequence never gives a freed id again")
    result = importing.import_file(_people(tmp_path, "three.csv", [
        {"First Name": "Ann", "Last Name": "One"},
        {"First Name": "Bob", "Last Name": "Two"},
        {"First Name": "Cy", "Last Name": "Three", "E-mail 1 - Value": "cy@three.io"}]))
    last = max(c.id for c in Contact.select())
    trash_contacts([last])
    empty_trash()
    mine = create_contact({"first_name": "Dora", "last_name": "Hand", "notes": "typed by me",
                           "emails": ["dora@hand.io"]})
    assert mine.id == last  # SQLite gave the freed id to the new row
    report = importing.undo_import(result.batch_id)
    kept = get_contact(mine.id)
    assert (kept.first_name, kept.notes, kept.emails[0]["email"]) == ("Dora", "typed by me",
                                                                       "dora@hand.io")
    assert sorted(c.first_name for c in Contact.select()) == ["Dora"]
    assert report.counts["contact"] == 2


def test_a_later_edit_of_an_updated_contact_is_kept_and_listed(db_path: Path, tmp_path: Path) -> None:
    al = create_contact({"first_name": "Al", "last_name": "Ray", "emails": ["al@ray.io"],
                         "title": "Engineer", "notes": "old note"})
    result = importing.import_file(_people(tmp_path, "al.csv", [
        {"First Name": "Al", "Last Name": "Ray", "E-mail 1 - Value": "al@ray.io",
         "Organization Title": "Director", "Organization Name": "Globex",
         "Notes": "from the file"}]))
    assert result.counts["updated"] == 1
    update_contact(al.id, {"notes": "my own words", "tier": "target"})
    report = importing.undo_import(result.batch_id)
    after = get_contact(al.id)
    assert (after.notes, after.tier) == ("my own words", "target")  # kept
    assert (after.title, after.organization) == ("Engineer", "")  # the import's own work undone
    assert any("Al Ray" in line and "notes" in line and "kept your later edit" in line
               for line in report.kept), report.kept
    assert not any("tier" in line for line in report.kept)  # the import never wrote it


def test_an_email_a_pre_existing_contact_has_is_never_lost(db_path: Path, tmp_path: Path) -> None:
    bo = create_contact({"first_name": "Bo", "last_name": "Sun", "emails": ["bo@sun.io"]})
    result = importing.import_file(_people(tmp_path, "bo.csv", [
        {"First Name": "Bo", "Last Name": "Sun", "E-mail 1 - Value": "bo@sun.io"},
        {"First Name": "Bo", "Last Name": "Sun", "E-mail 1 - Value": "bo@work.io"}]))
    assert result.counts["updated"] == 1
    # The user rewrites the emails: the import's one goes, a new one of their own comes;
    # the rows are deleted and inserted again, so ids are handed out anew.
    update_contact(bo.id, {"emails": ["bo@sun.io", "bo@home.io"]})
    importing.undo_import(result.batch_id)
    assert [e["email"] for e in get_contact(bo.id).emails] == ["bo@sun.io", "bo@home.io"]


def test_an_organization_or_tag_the_import_created_stays_while_hand_work_uses_it(
        db_path: Path, tmp_path: Path) -> None:
    result = importing.import_file(_people(tmp_path, "o.csv", [
        {"First Name": "Eve", "Last Name": "New", "Organization Name": "Initech",
         "Labels": "Mentors"}]))
    mine = create_contact({"first_name": "Fay", "last_name": "Hand", "organization": "Initech",
                           "tags": ["Mentors"]})
    report = importing.undo_import(result.batch_id)
    kept = get_contact(mine.id)
    assert (kept.organization, kept.tags) == ("Initech", ["Mentors"])
    assert [c.first_name for c in Contact.select()] == ["Fay"]
    assert any("Initech" in line for line in report.kept)
    assert any("Mentors" in line for line in report.kept)


def test_an_imported_person_edited_since_is_kept_and_listed(db_path: Path, tmp_path: Path) -> None:
    result = importing.import_file(_people(tmp_path, "g.csv", [
        {"First Name": "Gil", "Last Name": "Moss", "E-mail 1 - Value": "gil@moss.io"},
        {"First Name": "Hal", "Last Name": "Pike"}]))
    gil = next(c for c in Contact.select() if c.first_name == "Gil")
    update_contact(gil.id, {"notes": "met at the fair"})
    report = importing.undo_import(result.batch_id)
    assert [c.first_name for c in Contact.select()] == ["Gil"]
    assert get_contact(gil.id).notes == "met at the fair"
    assert get_contact(gil.id).emails[0]["email"] == "gil@moss.io"  # the person is whole
    assert any("Gil Moss" in line and "changed since the import" in line for line in report.kept)


def test_ties_an_import_records_are_removed_with_it(db_path: Path, tmp_path: Path) -> None:
    """Rows another part of the import writes (ties from you to each person) go with undo."""
    from desktop_crm.store.database import db

    with db.atomic():
        result = importing.import_file(_people(tmp_path, "t.csv", [
            {"First Name": "Ida", "Last Name": "Tie"}]))
        ida = next(c.id for c in Contact.select())
        tie = add_relationship(None, ida, kind="friend")
        importing.record_created(result.batch_id, "relationship", [tie.id])
    report = importing.undo_import(result.batch_id)
    assert Contact.select().count() == 0 and report.counts["relationship"] == 1
    assert report.kept == []

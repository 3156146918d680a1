"""Undo puts the database back exactly; cancelling and bad files write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from importing_samples import LINKEDIN_ROWS, generic_file, google_file, linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact, get_contact
from desktop_crm.services.contacts.search import search_contacts
from desktop_crm.services.database.backup import export_backup
from desktop_crm.services.errors import ServiceError, ValidationError
from desktop_crm.store.models import Contact, Relationship

IMPORT_TABLES = {"import_batch", "import_change"}


def _tables() -> dict:
    """Every table but the import log, without ``version``: an undo is a write, so versions
    move on (never back) while the content returns to what it was."""
    return {k: [{c: x for c, x in row.items() if c != "version"} for row in v]
            for k, v in export_backup()["tables"].items() if k not in IMPORT_TABLES}


def _mixed_file(tmp_path: Path) -> Path:
    """Updates two demo-like people (overwriting a title) and creates others with tags."""
    return google_file(tmp_path / "g.csv", [
        {"First Name": "Bob", "Last Name": "Stone", "E-mail 1 - Value": "bob@stone.net",
         "Organization Name": "Globex", "Organization Title": "Director",
         "Labels": "* myContacts ::: Mentors", "Phone 1 - Value": "+1 212 555 0199",
         "Notes": "Met at PyCon"},
        {"First Name": "Ann", "Last Name": "Lee", "Organization Name": "Acme",
         "E-mail 1 - Value": "ann.lee@gmail.com"},
        {"First Name": "Zoë", "Last Name": "Nguyễn", "Organization Name": "Brand New Co",
         "Labels": "Friends", "E-mail 1 - Value": "zoe@brandnew.co"},
    ])


def test_undo_restores_every_table_including_overwritten_fields(db_path: Path, tmp_path: Path) -> None:
    bob = create_contact({"first_name": "Bob", "last_name": "Stone", "organization": "Acme",
                          "title": "Engineer", "emails": ["bob@stone.net"], "tags": ["Friends"]})
    create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme"})
    before = _tables()
    result = importing.import_file(_mixed_file(tmp_path))
    assert result.counts == {"new": 1, "updated": 2, "unchanged": 0, "review": 0, "not_importable": 0}
    assert get_contact(bob.id).title == "Director"
    importing.undo_import(result.batch_id)
    assert _tables() == before
    assert [c.id for c in search_contacts("Engineer")] == [bob.id]
    assert search_contacts("Director") == [] and search_contacts("Nguyen") == []
    assert importing.list_imports()[0].undone_at is not None


def test_undo_on_the_demo_network_restores_it_exactly(demo_db: Path, tmp_path: Path) -> None:
    before = _tables()
    importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    result = importing.import_file(_mixed_file(tmp_path))
    importing.undo_import(result.batch_id)
    importing.undo_import(importing.list_imports()[1].id)
    assert _tables() == before


def test_undo_twice_or_out_of_order_is_refused_with_the_reason(db_path: Path, tmp_path: Path) -> None:
    first = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    second = importing.import_file(google_file(tmp_path / "g.csv", [{
        "First Name": "Ann", "Last Name": "Lee", "Organization Name": "Acme",
        "Organization Title": "CTO"}]))
    with pytest.raises(ServiceError, match=f"later import.*{second.batch_id}.*undo those first"):
        importing.undo_import(first.batch_id)
    importing.undo_import(second.batch_id)
    with pytest.raises(ServiceError, match="already undone"):
        importing.undo_import(second.batch_id)
    importing.undo_import(first.batch_id)
    with pytest.raises(ServiceError, match="no import with id 99"):
        importing.undo_import(99)


def test_undo_refuses_while_later_work_uses_its_people_and_forced_keeps_them(db_path: Path, tmp_path: Path) -> None:
    from desktop_crm.services.contacts.bulk import bulk_create_relationships

    # No ties from the import itself: the one relationship is the user's later work.
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS),
                                   ties=importing.TieChoice("none"))
    bulk_create_relationships([(None, 1, "friend", "close")])
    with pytest.raises(ServiceError, match="1 relationships"):
        importing.undo_import(result.batch_id)
    assert Contact.select().count() == 3  # refused: nothing changed
    report = importing.undo_import(result.batch_id, force=True)
    # Forced, the undo still never deletes that work: the person and the tie stay.
    assert [c.id for c in Contact.select()] == [1] and Relationship.select().count() == 1
    assert any("still used by 1 relationships" in line for line in report.kept), report.kept


def test_cancelling_while_writing_leaves_nothing_written(db_path: Path, tmp_path: Path) -> None:
    before = _tables()
    calls = []

    def cancel_when_writing() -> None:
        calls.append(1)
        if len(calls) > 2:
            raise importing.ImportCancelled()

    with pytest.raises(importing.ImportCancelled, match="nothing was written"):
        importing.import_file(_mixed_file(tmp_path), check_cancel=cancel_when_writing)
    assert _tables() == before and importing.list_imports() == []


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"\r\n\r\n  \r\n", "empty"),
    (b"PK\x03\x04" + bytes(range(256)) * 4, "Excel workbook"),
    (bytes(range(256)) * 8, "binary"),
    (b"First Name,Last Name,Email\r\n", "no rows"),
])
def test_bad_files_are_refused_naming_the_file_and_nothing_is_written(
        db_path: Path, tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(content)
    before = _tables()
    with pytest.raises(importing.ImportFileProblem, match=reason) as caught:
        importing.import_file(path)
    assert str(path) in str(caught.value) and "nothing was imported" in str(caught.value)
    assert _tables() == before and importing.list_imports() == []


def test_a_missing_file_or_a_bad_mapping_is_named(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(importing.ImportFileProblem, match="nope.csv: no such file"):
        importing.import_file(tmp_path / "nope.csv")
    path = generic_file(tmp_path / "p.csv", ["Name", "Mail"], [["A B", "a@b.co"]])
    with pytest.raises(ValidationError, match="Nachname"):
        importing.import_file(path, mapping={"Nachname": "last_name"})
    with pytest.raises(ValidationError, match="'surname' in 'Name=surname' is not a field"):
        importing.parse_mapping(["Name=surname"])
    with pytest.raises(ValidationError, match="COLUMN=FIELD"):
        importing.parse_mapping(["Name"])


def test_report_lists_refused_rows_and_writes_them_back(db_path: Path, tmp_path: Path) -> None:
    result = importing.import_file(linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS))
    files = importing.write_report(result.preview, result.batch_id)
    assert files.not_imported == importing.reports_folder() / (
        f"import-{result.batch_id}-Connections.csv.not-imported.csv")
    text = files.report.read_text("utf-8")
    assert "3 new, 0 updated, 0 unchanged, 0 to review, 1 not importable" in text
    assert "row 8" in text and f"--undo {result.batch_id}" in text
    written = files.not_imported.read_text("utf-8-sig").splitlines()
    assert written[0].endswith("row,reason") and "01 Feb 2021" in written[1]

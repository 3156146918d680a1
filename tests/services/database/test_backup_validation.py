"""``import-backup`` checks the whole backup before it touches anything."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pg_server
import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.database import backup as backup_service
from desktop_crm.services.meetings import list_meetings, schedule_meeting
from desktop_crm.store.backup import backup_to_folder
from desktop_crm.store.models import Contact


@pytest.fixture
def saved(db_path: Path, now: dt.datetime) -> dict:
    ann = create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme"})
    schedule_meeting(ann.id, {"when": now + dt.timedelta(days=2), "tz": "UTC"})
    return backup_service.export_backup()


def _refused(data: dict, db_path: Path, tmp_path: Path, match: str) -> None:
    before = backup_service.export_backup()["tables"]
    with pytest.raises(backup_service.BackupFormatError, match=match) as caught:
        backup_service.restore_backup(data, db_path, tmp_path / "safety")
    assert "nothing was changed" in str(caught.value)
    assert backup_service.export_backup()["tables"] == before
    assert not (tmp_path / "safety").exists()  # refused before even the safety copy


def test_an_empty_tables_object_is_refused_not_restored(saved, db_path, tmp_path) -> None:
    _refused({**saved, "tables": {}}, db_path, tmp_path, "table 'contact' is missing")
    assert Contact.select().count() == 1


def test_a_backup_missing_some_tables_is_refused(saved, db_path, tmp_path) -> None:
    tables = {k: v for k, v in saved["tables"].items() if k != "meeting"}
    _refused({**saved, "tables": tables}, db_path, tmp_path, "table 'meeting' is missing")


@pytest.mark.parametrize(("table", "column", "value", "match"), [
    ("meeting", "starts_at", "next tuesday", "table 'meeting' row 1 column 'starts_at' should be a time"),
    ("meeting", "starts_at", "9999-12-31 23:59:00", "outside the years"),
    ("meeting", "starts_at", 12, "should be a time"),
    ("meeting", "tz", "Mars/Olympus", "not a time zone"),
    ("meeting", "minutes", "thirty", "should be a whole number"),
    ("contact", "tier", "vip", "'vip' is not one of: primary, bridge, target"),
    ("contact", "status", None, "column 'status' is empty but required"),
    ("contact", "first_name", ["Ann"], "should be text"),
    ("meeting", "contact_id", 999, "points at contact 999, which the backup does not hold"),
    ("contact", "organization_id", 77, "points at organization 77"),
])
def test_a_wrong_value_is_refused_naming_table_row_and_column(
        saved, db_path, tmp_path, table: str, column: str, value, match: str) -> None:
    data = copy.deepcopy(saved)
    data["tables"][table][0][column] = value
    _refused(data, db_path, tmp_path, match)
    assert len(list_meetings()) == 1  # the app still reads its meetings


def test_repeated_ids_and_a_bad_schema_number_are_refused(saved, db_path, tmp_path) -> None:
    data = copy.deepcopy(saved)
    data["tables"]["contact"].append(dict(data["tables"]["contact"][0]))
    _refused(data, db_path, tmp_path, "repeats id")
    _refused({**saved, "schema": "5"}, db_path, tmp_path, "schema number")


def test_an_older_schema_backup_without_later_tables_is_restored(saved, db_path, tmp_path) -> None:
    tables = {k: v for k, v in saved["tables"].items() if k not in ("reminder_snooze",)}
    result = backup_service.restore_backup({**saved, "schema": 3, "tables": tables}, db_path,
                                           tmp_path / "safety")
    assert result["counts"]["contact"] == 1


def test_the_safety_copy_is_never_pruned_by_the_backup_rotation(saved, db_path, tmp_path) -> None:
    pg_server.sqlite_only(db_path, "the rotating backups are copies of the file")
    folder = tmp_path / "backups"
    result = backup_service.restore_backup(saved, db_path, folder)
    safety = Path(result["safety_copy"])
    for _ in range(3):
        backup_to_folder(db_path, folder, keep=1)
    assert safety.exists() and safety.stat().st_size > 0
    assert len(list(folder.glob("*.sqlite3"))) == 2
    assert [p for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_or_a_deeply_nested_file_is_refused_in_one_line(db_path, tmp_path) -> None:
    with pytest.raises(backup_service.BackupFormatError, match="is a folder"):
        backup_service.read_backup(tmp_path)
    nested = tmp_path / "deep.json"
    nested.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(backup_service.BackupFormatError, match="nested too deeply"):
        backup_service.read_backup(nested)
    huge = tmp_path / "huge-number.json"
    huge.write_text(json.dumps({"format": "desktop-crm-backup", "version": 1,
                                "schema": 10**30, "tables": {}}), encoding="utf-8")
    with pytest.raises(backup_service.BackupFormatError, match="newer version"):
        backup_service.read_backup(huge)

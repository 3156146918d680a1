"""Notes an older version stored with CRLF line breaks meet the same file again."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop_crm.services.contacts import create_contact, get_contact
from desktop_crm.services.database.opening import close_database, open_database
from desktop_crm.services.importing.service import import_file


def _csv(notes: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([["First Name", "Last Name", "Company", "Notes"],
                      ["Zoë", "Łukasiewicz", "Politechnika", notes]])
    return buffer.getvalue().encode("utf-8-sig")


def test_notes_stored_with_crlf_are_not_appended_again(tmp_path: Path, now) -> None:
    open_database(tmp_path / "crm.sqlite3")
    try:
        create_contact({"first_name": "Zoë", "last_name": "Łukasiewicz",
                        "organization": "Politechnika",
                        "notes": "Met at a meetup\r\nsecond line"})
        path = tmp_path / "contacts.csv"
        path.write_bytes(_csv("Met at a meetup\r\nsecond line"))
        assert import_file(path).counts["new"] == 0  # the same person (and a source added)
        assert get_contact(1).notes == "Met at a meetup\r\nsecond line"  # not twice
    finally:
        close_database()

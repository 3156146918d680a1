"""Line breaks inside a cell arrive as one kind, whatever program wrote the file."""

from __future__ import annotations

import csv
import io

import pytest

from desktop_crm.io.parse import parse_bytes

HEADER = ["First Name", "Last Name", "E-mail Address", "Company", "Notes"]


def _csv(notes: str, encoding: str, delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([HEADER, ["Zoë", "Łukasiewicz", "zoe@example.org", "Politechnika", notes]])
    prefix = b"\xff\xfe" if encoding == "utf-16-le" else b""
    return prefix + buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8-sig", ","), ("utf-16-le", "\t"), ("utf-8", ";"),
])
@pytest.mark.parametrize("breaks", ["\r\n", "\r", "\n"])
def test_notes_keep_their_lines_with_plain_newlines(encoding: str, delimiter: str,
                                                     breaks: str) -> None:
    notes = breaks.join(["Met at a meetup", "second line", "", "after a blank line"])
    parsed = parse_bytes(_csv(notes, encoding, delimiter), "contacts.csv")
    [record] = parsed.records
    assert record.notes == "Met at a meetup\nsecond line\n\nafter a blank line"
    assert record.first_name == "Zoë" and record.last_name == "Łukasiewicz"
    assert record.organization == "Politechnika"


def test_a_carriage_return_inside_a_name_cell_is_not_kept() -> None:
    parsed = parse_bytes(_csv("x", "utf-8").replace(b"Politechnika", b'"Poli\r\ntechnika"'),
                         "contacts.csv")
    [record] = parsed.records
    assert "\r" not in record.organization


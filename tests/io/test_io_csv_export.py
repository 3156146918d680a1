"""CSV export: BOM, formula safety, and contacts that import back."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.io.csv_export import csv_bytes, safe_cell, write_contacts_csv, write_csv
from desktop_crm.io.parse import parse_file
from desktop_crm.io.records import ContactRecord


def test_dangerous_cells_are_prefixed() -> None:
    for value in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx",
                  "=HYPERLINK(\"http://evil\",\"click\")"]:
        assert safe_cell(value) == "'" + value
    for value in ["Ann", "", "1+1", " =x", "a=b", "'=x"]:
        assert safe_cell(value) == value
    assert safe_cell(None) == "" and safe_cell(3) == "3"


@given(st.text())
def test_no_cell_can_start_a_formula(value: str) -> None:
    cell = safe_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == value or cell == value


def test_file_has_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, ["Name", "Note"], [["Zoë 😀", "=evil()"], ["李", "a\nb"]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[1] == ["Zoë 😀", "'=evil()"]
    assert csv_bytes(["a"], [["-1"]]) == b"\xef\xbb\xbfa\r\n'-1\r\n"


def test_exported_contacts_import_back(tmp_path: Path) -> None:
    record = ContactRecord(
        first_name="Zoë", last_name="Núñez", middle_name="Q", organization="Acme, Inc.",
        title="CTO", department="R&D", industry="Software", location="Berlin, DE",
        linkedin_url="https://www.linkedin.com/in/zoe", notes="line 1\nline 2",
        how_met="PyCon", emails=[("work", "zoe@acme.com"), ("home", "z@home.org")],
        phones=[("mobile", "0171 555")], tags=["friends", "python"],
        connected_on=dt.date(2024, 5, 30), birthday="1990-05-17")
    path = tmp_path / "contacts.csv"
    write_contacts_csv([record, ContactRecord(first_name="Solo")], path)
    result = parse_file(path)
    assert result.format == "generic" and result.problems == []
    got = result.records[0]
    got.source, got.row = record.source, record.row
    assert got == record

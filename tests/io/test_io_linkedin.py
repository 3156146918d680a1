"""LinkedIn Connections.csv, today's export and the older one."""

from __future__ import annotations

import datetime as dt

from desktop_crm.io.parse import parse_bytes

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    'https://www.linkedin.com/psettings/privacy/email.\r\nYou can learn more here, too"\r\n'
    "\r\n"
)
NEW = PREAMBLE + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Jane,Doe,https://www.linkedin.com/in/janedoe,,\"Acme, Inc.\",CTO,30 May 2024\r\n"
    ",,,,,,12 Jan 2023\r\n"
    "Zoë,Núñez 😀,https://www.linkedin.com/in/zoe,Zoe@Example.com,株式会社,\"Eng\r\nLead\",01 Feb 2020\r\n"
    "\r\n"
    "Omar,أحمد,https://www.linkedin.com/in/omar,,,,7 Mar 2019\r\n"
)
OLD = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    "John,Smith,john@smith.org,Globex,Engineer,\"1/8/18, 6:14 PM\"\r\n"
    "Ann,Lee,,Initech,PM,\"12/25/17, 11:02 AM\"\r\n"
)


def test_new_export_skips_the_preamble_and_reads_every_column() -> None:
    result = parse_bytes(b"\xef\xbb\xbf" + NEW.encode("utf-8"), "Connections.csv")
    assert result.format == "linkedin"
    assert result.encoding == "utf-8-sig"
    assert result.header[:3] == ["First Name", "Last Name", "URL"]
    jane, zoe, omar = result.records
    assert (jane.first_name, jane.last_name, jane.organization, jane.title) == (
        "Jane", "Doe", "Acme, Inc.", "CTO")
    assert jane.linkedin_url == "https://www.linkedin.com/in/janedoe"
    assert jane.connected_on == dt.date(2024, 5, 30)
    assert jane.emails == [] and jane.source == "linkedin"
    assert zoe.last_name == "Núñez 😀" and zoe.organization == "株式会社"
    assert zoe.emails == [("", "Zoe@Example.com")]
    assert zoe.title == "Eng\nLead"  # the CRLF inside the quoted cell, as one newline
    assert omar.last_name == "أحمد"


def test_row_numbers_are_spreadsheet_rows() -> None:
    result = parse_bytes(NEW.encode("utf-8"), "Connections.csv")
    # Notes:(1) paragraph(2) blank(3) header(4) Jane(5) empty(6) Zoë(7) blank(8) Omar(9)
    assert [r.row for r in result.records] == [5, 7, 9]
    assert result.problems[0].row == 6


def test_rows_with_only_a_date_are_problems_with_a_reason() -> None:
    result = parse_bytes(NEW.encode("utf-8"), "Connections.csv")
    (problem,) = result.problems
    assert "only the connection date" in problem.reason
    assert problem.values == ["", "", "", "", "", "", "12 Jan 2023"]
    assert result.total_rows == 4


def test_old_export_without_preamble_or_url() -> None:
    result = parse_bytes(OLD.encode("utf-8"), "Connections.csv")
    assert result.format == "linkedin"
    john, ann = result.records
    assert john.connected_on == dt.date(2018, 1, 8)
    assert ann.connected_on == dt.date(2017, 12, 25)
    assert john.emails == [("", "john@smith.org")]
    assert john.linkedin_url == ""
    assert john.row == 2


def test_header_only_export_gives_no_records_and_no_error() -> None:
    result = parse_bytes((PREAMBLE + "First Name,Last Name,URL,Email Address,Company,"
                          "Position,Connected On\r\n").encode(), "Connections.csv")
    assert result.records == [] and result.problems == [] and result.total_rows == 0


def test_unreadable_date_is_a_warning_and_kept() -> None:
    text = OLD.replace('"12/25/17, 11:02 AM"', "sometime")
    result = parse_bytes(text.encode(), "c.csv")
    ann = result.records[1]
    assert ann.connected_on is None
    assert ann.extra["Connected On"] == "sometime"
    assert result.warnings[0].column == "Connected On"


def test_forced_format_on_a_file_it_does_not_fit_is_refused() -> None:
    import pytest

    from desktop_crm.io.records import ImportFileError

    with pytest.raises(ImportFileError, match="LinkedIn"):
        parse_bytes(b"Foo,Bar\n1,2\n", "x.csv", format="linkedin")

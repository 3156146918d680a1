"""Google Contacts CSV, current and older exports."""

from __future__ import annotations

import csv
import io

from desktop_crm.io.parse import parse_bytes

NEW_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value"
).split(",")
OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,"
    "Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,"
    "Website 1 - Type,Website 1 - Value"
).split(",")


def _csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    return out.getvalue().encode("utf-8")


def test_current_export() -> None:
    data = _csv(NEW_HEADER, [{
        "First Name": "Renée", "Middle Name": "Q", "Last Name": "Dupont",
        "Nickname": "Ré", "Organization Name": "Société X", "Organization Title": "CFO",
        "Organization Department": "Finance", "Birthday": "1985-04-02",
        "Notes": "Met at\nthe fair", "Labels": "* myContacts ::: * starred ::: Friends",
        "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "r@x.fr ::: renee@x.fr",
        "E-mail 2 - Label": "Home", "E-mail 2 - Value": "r@home.fr",
        "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+33 6 12 34 56 78",
        "Phone 2 - Label": "Work", "Phone 2 - Value": "+33 1 23 ::: +33 1 24",
        "Address 1 - City": "Lyon", "Address 1 - Country": "France",
        "Address 1 - Formatted": "1 rue X\nLyon", "Website 1 - Label": "Profile",
        "Website 1 - Value": "https://www.linkedin.com/in/renee ::: https://renee.fr",
    }, {
        "Labels": "* myContacts", "E-mail 1 - Value": "only@mail.com",
    }])
    result = parse_bytes(data, "contacts.csv")
    assert result.format == "google"
    renee, only = result.records
    assert (renee.first_name, renee.middle_name, renee.last_name) == ("Renée", "Q", "Dupont")
    assert (renee.organization, renee.title, renee.department) == ("Société X", "CFO",
                                                                   "Finance")
    assert renee.emails == [("work", "r@x.fr"), ("work", "renee@x.fr"), ("home", "r@home.fr")]
    assert renee.phones == [("mobile", "+33 6 12 34 56 78"), ("work", "+33 1 23"),
                            ("work", "+33 1 24")]
    assert renee.tags == ["starred", "Friends"]
    assert renee.location == "Lyon, France"
    assert renee.linkedin_url == "https://www.linkedin.com/in/renee"
    assert renee.extra["Website 1 - Value"] == "https://renee.fr"
    assert renee.extra["Nickname"] == "Ré"
    assert renee.notes == "Met at\nthe fair" and renee.birthday == "1985-04-02"
    assert result.mapping["E-mail 1 - Label"] == "email_label"
    assert only.emails == [("", "only@mail.com")] and only.tags == []


def test_older_export() -> None:
    data = _csv(OLD_HEADER, [{
        "Name": "Hans Peter Müller", "Given Name": "Hans", "Additional Name": "Peter",
        "Family Name": "Müller", "Group Membership": "* My Contacts ::: Kollegen",
        "E-mail 1 - Type": "* Other", "E-mail 1 - Value": "hp@mueller.de",
        "Phone 1 - Type": "Mobile", "Phone 1 - Value": "0171 1234567",
        "Organization 1 - Name": "Müller GmbH", "Organization 1 - Title": "Geschäftsführer",
        "Website 1 - Value": "http://de.linkedin.com/pub/hans/1/2/3",
    }, {"Name": "Cher", "E-mail 1 - Value": "cher@example.com"}])
    result = parse_bytes(data, "google.csv")
    assert result.format == "google"
    hans, cher = result.records
    assert (hans.first_name, hans.middle_name, hans.last_name) == ("Hans", "Peter", "Müller")
    assert "Name" not in hans.extra
    assert hans.tags == ["Kollegen"]
    assert hans.emails == [("other", "hp@mueller.de")]
    assert hans.organization == "Müller GmbH" and hans.title == "Geschäftsführer"
    assert hans.linkedin_url.endswith("/pub/hans/1/2/3")
    assert cher.first_name == "Cher" and cher.last_name == ""


def test_many_numbered_columns() -> None:
    header = ["First Name", "Last Name", "Labels"]
    row = {"First Name": "A", "Last Name": "B"}
    for n in range(1, 8):
        header += [f"E-mail {n} - Label", f"E-mail {n} - Value"]
        row[f"E-mail {n} - Value"] = f"a{n}@b.com"
    result = parse_bytes(_csv(header, [row]), "g.csv")
    assert result.format == "google"
    assert [e for _, e in result.records[0].emails] == [f"a{n}@b.com" for n in range(1, 8)]

"""Outlook CSV from outlook.com and from Outlook for Windows (often cp1252)."""

from __future__ import annotations

import csv
import io

import pytest

from desktop_crm.io.parse import parse_bytes

COM_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
    "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,"
    "Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,"
    "TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,"
    "Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,"
    "Business State,Business Postal Code,Business Country/Region,Home Street,Home City,"
    "Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,"
    "Location,Web Page,Birthday,Anniversary,Notes"
).split(",")


def desktop_header(country: str) -> list[str]:
    return (
        "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
        f"Business Postal Code,{country},Home Street,Home City,Home State,"
        "Home Postal Code,Home Country/Region,Assistant's Phone,Business Fax,Business Phone,"
        "Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,Home Phone,"
        "Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,"
        "Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,Assistant's Name,"
        "Billing Information,Birthday,Business Address PO Box,Categories,Children,"
        "Directory Server,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,"
        "E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,"
        "E-mail 3 Display Name,Gender,Government ID Number,Hobby,Home Address PO Box,"
        "Initials,Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,"
        "Notes,Office Location,Organizational ID Number,Other Address PO Box,Priority,"
        "Private,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page"
    ).split(",")


def _csv(header: list[str], rows: list[dict[str, str]], encoding: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    return out.getvalue().encode(encoding)


def test_outlook_com() -> None:
    data = _csv(COM_HEADER, [{
        "First Name": "Chloé", "Last Name": "Bérard", "Title": "Mme",
        "E-mail Address": "chloe@b.fr", "E-mail 2 Address": "cb@perso.fr",
        "Mobile Phone": "+33 6 00", "Business Phone": "+33 1 00", "Job Title": "Avocate",
        "Department": "Droit", "Company": "Cabinet B", "Business City": "Paris",
        "Business Country/Region": "France", "Web Page": "https://linkedin.com/in/chloe",
        "Notes": "Café ☕",
    }], "utf-8")
    result = parse_bytes(data, "contacts.csv")
    assert result.format == "outlook"
    (chloe,) = result.records
    assert (chloe.first_name, chloe.last_name, chloe.title) == ("Chloé", "Bérard", "Avocate")
    assert chloe.extra["Title"] == "Mme"
    assert chloe.emails == [("", "chloe@b.fr"), ("", "cb@perso.fr")]
    assert chloe.phones == [("work", "+33 1 00"), ("mobile", "+33 6 00")]
    assert chloe.location == "Paris, France"
    assert chloe.linkedin_url == "https://linkedin.com/in/chloe"
    assert chloe.notes == "Café ☕"


@pytest.mark.parametrize("country", ["Business Country/Region", "Business Country"])
def test_outlook_desktop_cp1252(country: str) -> None:
    data = _csv(desktop_header(country), [{
        "Title": "Herr", "First Name": "Jürgen", "Last Name": "Weiß", "Company": "Bäckerei „Süß“",
        "Job Title": "Inhaber – Chef", "Business City": "München", country: "Deutschland",
        "Birthday": "0/0/00", "Anniversary": "0/0/00", "Categories": "Kunden; VIP;Familie",
        "E-mail Address": "jw@baeckerei.de", "E-mail Type": "SMTP",
        "E-mail Display Name": "Jürgen Weiß (jw@baeckerei.de)", "Gender": "Unspecified",
        "Priority": "Normal", "Private": "False", "Sensitivity": "Normal",
        "Referred By": "Anna Müller", "Notes": "Brötchen € 2,50\r\nTel. abends",
        "Mobile Phone": "0171 555", "Home City": "Dachau",
    }, {"First Name": "", "Company": "Nur Firma GmbH", "Gender": "Unspecified"}], "cp1252")
    result = parse_bytes(data, "outlook.csv")
    assert result.format == "outlook"
    assert result.encoding == "cp1252"
    (jw,) = result.records
    assert (jw.first_name, jw.last_name) == ("Jürgen", "Weiß")
    assert jw.organization == "Bäckerei „Süß“" and jw.title == "Inhaber – Chef"
    assert jw.location == "München, Deutschland"
    assert jw.birthday == ""
    assert jw.tags == ["Kunden", "VIP", "Familie"]
    assert jw.how_met == "Anna Müller"
    assert jw.emails == [("", "jw@baeckerei.de")]
    assert jw.phones == [("mobile", "0171 555")]
    assert jw.notes == "Brötchen € 2,50\nTel. abends"  # the cell's CRLF as one newline
    assert jw.extra == {"Title": "Herr", "Home City": "Dachau"}
    (problem,) = result.problems
    assert "Nur Firma GmbH" in problem.reason and problem.row == 3


def test_exchange_address_is_a_warning_not_a_loss() -> None:
    data = _csv(desktop_header("Business Country/Region"), [{
        "First Name": "Ex", "Last Name": "Change", "E-mail Type": "EX",
        "E-mail Address": "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=abc",
    }], "utf-8")
    result = parse_bytes(data, "o.csv")
    (rec,) = result.records
    assert rec.emails == [] and rec.extra["E-mail Address"].startswith("/o=Exchange")
    assert result.warnings[0].column == "E-mail Address"

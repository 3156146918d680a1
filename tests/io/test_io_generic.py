"""Any spreadsheet: header synonyms, value sniffing, name splitting, overrides."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop_crm.io.generic import guess_field, parse_date, split_name
from desktop_crm.io.parse import FIELDS, parse_bytes, write_problems_csv


def test_german_spreadsheet_semicolons_cp1252() -> None:
    text = ("Vorname;Name;E-Mail;Firma;Position;Telefon;Handy;Stadt;Notizen;Branche\r\n"
            "Jürgen;Weiß;jw@x.de;Bäckerei AG;Inhaber;030 123;0171 555;München;Kaffee ☕?;Food\r\n")
    result = parse_bytes(text.encode("utf-8"), "kontakte.csv")
    assert result.format == "generic" and result.delimiter == ";"
    assert result.mapping == {
        "Vorname": "first_name", "Name": "last_name", "E-Mail": "email",
        "Firma": "organization", "Position": "title", "Telefon": "phone", "Handy": "phone",
        "Stadt": "location", "Notizen": "notes", "Branche": "industry"}
    (rec,) = result.records
    assert rec.phones == [("", "030 123"), ("mobile", "0171 555")]
    assert rec.source == "generic"


def test_french_spreadsheet() -> None:
    text = ("Prénom,Nom,Courriel,Société,Poste,Téléphone,Ville\n"
            "Chloé,Bérard,chloe@b.fr,Cabinet B,Avocate,+33 1 00,Paris\n")
    result = parse_bytes(text.encode("cp1252"), "contacts.csv")
    (rec,) = result.records
    assert (rec.first_name, rec.last_name, rec.organization, rec.title, rec.location) == (
        "Chloé", "Bérard", "Cabinet B", "Avocate", "Paris")
    assert rec.emails == [("", "chloe@b.fr")] and rec.phones == [("", "+33 1 00")]


def test_spanish_spreadsheet_tabs() -> None:
    text = ("Nombre\tApellidos\tCorreo electrónico\tEmpresa\tCargo\tTeléfono\tCiudad\tNotas\n"
            "José\tNúñez Peña\tjose@x.es\tCompañía SA\tDirector\t+34 91\tMadrid\tCafé\n")
    result = parse_bytes(text.encode("utf-16"), "contactos.tsv")
    assert result.delimiter == "\t"
    (rec,) = result.records
    assert (rec.first_name, rec.last_name, rec.organization, rec.title) == (
        "José", "Núñez Peña", "Compañía SA", "Director")
    assert rec.emails == [("", "jose@x.es")] and rec.notes == "Café"


@pytest.mark.parametrize("header, field", [
    ("E-Mail", "email"), ("Mail", "email"), ("Courriel", "email"), ("Correo", "email"),
    ("Work Email", "email"), ("EMAIL_ADDRESS", "email"), ("Firma", "organization"),
    ("Unternehmen", "organization"), ("Société", "organization"),
    ("Entreprise", "organization"), ("Empresa", "organization"), ("Vorname", "first_name"),
    ("Nachname", "last_name"), ("Prénom", "first_name"), ("Apellido", "last_name"),
    ("Apellido(s)", "last_name"), ("Titel", "title"), ("Poste", "title"), ("Cargo", "title"),
    ("Telefon", "phone"), ("Téléphone", "phone"), ("Teléfono", "phone"), ("Handy", "phone"),
    ("Mobile", "phone"), ("Ville", "location"), ("Stadt", "location"), ("Ciudad", "location"),
    ("Notizen", "notes"), ("Notes", "notes"), ("Notas", "notes"), ("  job title ", "title"),
    ("LinkedIn Profile", "linkedin_url"), ("Tags", "tags"), ("Geburtstag", "birthday"),
    ("How we met", "how_met"), ("Full Name", "name"), ("Something else", "extra"),
])
def test_header_synonyms(header: str, field: str) -> None:
    assert guess_field(header) == field


def test_values_are_sniffed_for_unknown_headers() -> None:
    text = ("Wer,Kontakt1,Profil,Nummer,Sonstiges\n"
            "Ann Lee,ann@x.com,https://www.linkedin.com/in/ann,+1 555 123 4567,blue\n"
            "Bob Ray,bob@y.org,https://linkedin.com/in/bob/,(555) 987-6543,green\n")
    result = parse_bytes(text.encode(), "x.csv")
    assert result.mapping["Kontakt1"] == "email"
    assert result.mapping["Profil"] == "linkedin_url"
    assert result.mapping["Nummer"] == "phone"
    assert result.mapping["Sonstiges"] == "extra"
    assert result.records[0].extra == {"Wer": "Ann Lee", "Sonstiges": "blue"}
    assert result.samples["Kontakt1"] == ["ann@x.com", "bob@y.org"]


def test_single_name_column_is_split() -> None:
    text = ('Name,Email\n"Doe, John",j@d.com\nMaría José García López,m@g.es\n'
            "Ludwig van Beethoven,l@b.de\nDr. Jane Smith PhD,js@x.com\nCher,cher@x.com\n")
    recs = parse_bytes(text.encode(), "x.csv").records
    assert [(r.first_name, r.middle_name, r.last_name) for r in recs] == [
        ("John", "", "Doe"), ("María", "José García", "López"),
        ("Ludwig", "", "van Beethoven"), ("Jane", "", "Smith"), ("Cher", "", "")]
    assert recs[3].extra["name prefix/suffix"] == "Dr. PhD"


def test_split_name_keeps_suffixes_after_a_comma() -> None:
    assert split_name("Jane Doe, PhD") == ("Jane", "", "Doe", "PhD")
    assert split_name("  ") == ("", "", "", "")


def test_mapping_overrides_change_any_guess() -> None:
    text = "Name,Firma,Code\nAnn Lee,Acme,X1\n"
    result = parse_bytes(text.encode(), "x.csv",
                         mapping_overrides={"firma": "ignore", "Code": "tags"})
    (rec,) = result.records
    assert rec.organization == "" and "Firma" not in rec.extra and rec.tags == ["X1"]
    assert result.mapping["Firma"] == "ignore"
    with pytest.raises(ValueError, match="no column"):
        parse_bytes(text.encode(), "x.csv", mapping_overrides={"Nope": "email"})
    with pytest.raises(ValueError, match="unknown field"):
        parse_bytes(text.encode(), "x.csv", mapping_overrides={"Code": "shoe_size"})
    assert "ignore" in FIELDS and "email" in FIELDS and "name" in FIELDS


def test_invalid_email_is_a_warning_and_kept() -> None:
    text = "First Name,Email\nAnn,not-an-email\nBob,bob@x.com; bob@work.com\n,broken@\n"
    result = parse_bytes(text.encode(), "x.csv")
    ann, bob = result.records
    assert ann.emails == [] and ann.extra == {"Email": "not-an-email"}
    assert bob.emails == [("", "bob@x.com"), ("", "bob@work.com")]
    assert result.warnings[0].row == 2 and result.warnings[0].column == "Email"
    (problem,) = result.problems
    assert problem.row == 4 and "broken@" in problem.reason


def test_email_only_rows_are_records_and_org_only_rows_are_not() -> None:
    text = "First Name,Email,Company\n,solo@x.com,\n,,Lonely Corp\n"
    result = parse_bytes(text.encode(), "x.csv")
    assert [r.emails for r in result.records] == [[("", "solo@x.com")]]
    assert "Lonely Corp" in result.problems[0].reason


def test_problems_csv_can_be_fixed_and_reimported(tmp_path: Path) -> None:
    text = "First Name,Company,Notes\n,=cmd|' /C calc'!A0,x\nAnn,Acme,\n"
    result = parse_bytes(text.encode(), "x.csv")
    out = tmp_path / "not-imported.csv"
    write_problems_csv(result.problems, result.header, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["First Name", "Company", "Notes", "row", "reason"]
    assert rows[1][:4] == ["", "'=cmd|' /C calc'!A0", "x", "2"]
    assert rows[1][4]


@pytest.mark.parametrize("text, expected", [
    ("30 May 2024", (2024, 5, 30)), ("1/8/18, 6:14 PM", (2018, 1, 8)),
    ("2024-05-30", (2024, 5, 30)), ("30.05.2024", (2024, 5, 30)),
    ("May 30, 2024", (2024, 5, 30)), ("25/12/2017", (2017, 12, 25)),
    ("nonsense", None), ("31 Feb 2024", None),
])
def test_dates(text: str, expected: tuple[int, int, int] | None) -> None:
    result = parse_date(text)
    assert (result.timetuple()[:3] if result else None) == expected

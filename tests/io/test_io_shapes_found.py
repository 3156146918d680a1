"""More real-world file shapes, found by running other programs' exports through the
importer; each fixture is made up to reproduce one shape."""

from __future__ import annotations

from shape_files import SHAPES, names

from desktop_crm.io.parse import parse_file


def test_quoted_printable_without_a_charset_is_decoded_not_dropped() -> None:
    # vCard 2.1 writers (The Bat!, old phones) give ENCODING=QUOTED-PRINTABLE and no
    # CHARSET: UTF-8 when the bytes are UTF-8, else the Windows code page.
    result = parse_file(SHAPES / "vcard21_qp_no_charset.vcf")
    assert names(result) == [("Lucia", "Muñoz"), ("René", "Béranger")]
    assert result.warnings == []
    assert all("=" not in (r.notes + "".join(r.extra.values())) for r in result.records)


def test_a_card_without_its_end_line_is_read_with_a_warning() -> None:
    result = parse_file(SHAPES / "vcard_no_end.vcf")
    assert result.problems == []
    assert names(result) == [("Tomas", "Novak"), ("Eva", "Dvorak"), ("Karel", "Svoboda")]
    assert result.records[0].emails == [("", "tomas@example.cz")]
    assert result.records[2].phones == [("", "+420 601 234 567")]
    reasons = {w.row: w.reason for w in result.warnings}
    assert set(reasons) == {1, 3}
    assert "card 1, line 1" in reasons[1] and "no END:VCARD" in reasons[1]
    assert "next BEGIN:VCARD" in reasons[1]
    assert "card 3, line 11" in reasons[3] and "end of the file" in reasons[3]


def test_an_older_linkedin_export_without_header_and_rows_wrapped_in_quotes() -> None:
    # Six columns (no URL), no header; a spreadsheet saved some whole rows as one
    # quoted cell. Every row is a person with the company and position in place.
    result = parse_file(SHAPES / "linkedin_old_no_header_wrapped_rows.csv")
    assert result.format == "linkedin" and result.problems == []
    assert names(result) == [
        ("Ingrid", "Solberg"), ("Tomás", "Ferreira"), ("Greta", "Lindqvist"),
        ("Karl H.", "Brenner"), ("Nils", "Aas (født Berg)"), ("Marta", "Ruiz, MBA"),
        ("Anna Maria", "Costa"), ("Jens", "Holt")]
    greta = result.records[2]
    assert (greta.organization, greta.title) == ("Holm & Berg AB", "Product, Data & Technology")
    assert str(greta.connected_on) == "2021-05-07"
    assert result.records[6].emails == [("", "anna.costa@example.pt")]
    assert all(not r.extra and not r.notes for r in result.records)


def test_first_and_last_names_side_by_side_without_a_header() -> None:
    text = ("Ingrid,Solberg,Nordvik Energi,+47 912 34 567\nAnna Maria,Costa,Vento SA,\n"
            "Dr. Jonas,Steiner,Alpin AG,+41 79 123 45 67\nLi,Wei (魏),Lotus Ltd,\n"
            "Omar,Haddad,Sahel,+962 7 9123 4567\n")
    from desktop_crm.io.parse import parse_bytes

    result = parse_bytes(text.encode(), "people.csv")
    assert names(result) == [("Ingrid", "Solberg"), ("Anna Maria", "Costa"),
                              ("Dr. Jonas", "Steiner"), ("Li", "Wei (魏)"), ("Omar", "Haddad")]
    assert result.records[0].phones == [("", "+47 912 34 567")]


def test_a_display_name_followed_by_first_and_last_name_without_a_header() -> None:
    # Thunderbird's column order: Display Name, First Name, Last Name, Primary Email.
    result = parse_file(SHAPES / "name_first_last_no_header.csv")
    assert names(result) == [("Paula", "Reyes"), ("Omar", "Haddad"), ("Li", "Wei")]
    assert all(not r.extra and not r.notes for r in result.records)
    assert result.records[0].emails == [("", "paula@example.mx")]


def test_a_name_column_in_an_outlook_like_file_is_the_name() -> None:
    # Another program's file resembling Outlook's, with one "Name" column instead of
    # Outlook's First Name / Last Name.
    result = parse_file(SHAPES / "outlook_like_name_column.csv")
    assert result.format == "outlook" and result.mapping["Name"] == "name"
    assert names(result) == [("Hana", "Kimura"), ("Bruno", "Silva")]
    hana = result.records[0]
    assert (hana.organization, hana.title) == ("Sakura Works", "Designer")
    assert hana.notes.startswith("Met at a meetup")


def test_filler_and_email_name_parts_of_an_old_google_vcard_are_no_name() -> None:
    # Google's older vCard export: '....' for an unknown surname, the email address as
    # the given name, URLs with an escaped colon ('http\://'), blank lines between cards.
    result = parse_file(SHAPES / "google_old_vcard_fillers.vcf")
    assert result.problems == []
    dev, asha, ravi = result.records
    assert (dev.first_name, dev.middle_name, dev.last_name) == ("dev", "", "")
    assert (asha.first_name, asha.last_name) == ("", "")
    assert asha.emails == [("internet", "asha.rao@example.in")]
    assert "http://www.google.com/profiles/100000000000000000001" in asha.extra.values()
    assert (ravi.first_name, ravi.middle_name, ravi.last_name) == ("Ravi", "", "")


def test_vcard_4_kinds_a_group_is_no_person_an_organization_has_no_person_name() -> None:
    result = parse_file(SHAPES / "vcard40_kinds.vcf")
    (problem,) = result.problems
    assert problem.row == 1 and "group" in problem.reason and "not a person" in problem.reason
    acme, ada = result.records
    assert (acme.first_name, acme.last_name, acme.organization) == ("", "", "Acme, Ltd.")
    assert acme.emails == [("", "jobs@acme.example")]
    assert (ada.first_name, ada.last_name) == ("Ada", "Okafor")


def test_linkedins_german_export_keeps_the_connection_date() -> None:
    from desktop_crm.io.parse import parse_bytes

    text = ("Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am\n"
            "Jonas,Weber,https://www.linkedin.com/in/jonas-weber-0000,,Nordwerk GmbH,"
            "Leiter IT,02 Feb 2023\n")
    (jonas,) = parse_bytes(text.encode(), "Connections.csv").records
    assert (jonas.first_name, jonas.last_name) == ("Jonas", "Weber")
    assert (jonas.organization, jonas.title) == ("Nordwerk GmbH", "Leiter IT")
    assert str(jonas.connected_on) == "2023-02-02" and not jonas.extra

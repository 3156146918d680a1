"""Shapes found by widening the real-world corpus (CardDAV servers' and vCard libraries'
test data, phone and mail exports, CRM stubs); each fixture is made up to reproduce one
shape, and each test reads it the way ``desktop-crm import`` does."""

from __future__ import annotations

from shape_files import SHAPES, names

from desktop_crm.io.parse import parse_file
from desktop_crm.io.values import has_word


def test_a_card_known_only_by_its_nickname_is_that_person() -> None:
    # Empty FN, N:;;;; and a NICKNAME: the nickname is what the user calls them.
    result = parse_file(SHAPES / "nickname_only_card.vcf")
    assert names(result) == [("Odile", "Marchetti"), ("Bobo", "")]
    assert "Quai des Tanneurs" in result.records[1].extra["ADR"]
    assert result.records[1].location == "Lyon, France"
    # A placeholder nickname ("-") is no name: that card has only a phone.
    assert [p.row for p in result.problems] == [3]
    assert "no name" in result.problems[0].reason


def test_a_misspelled_begin_or_end_line_still_bounds_a_card() -> None:
    # "BEGIN:VCAR" (a typo), "BEGIN:VCARD " with a trailing space, "END:VCRD".
    result = parse_file(SHAPES / "begin_misspelled.vcard")
    assert result.format == "vcard" and result.problems == []
    assert names(result) == [("Teodora", ""), ("Radu", "Ilie")]
    teodora = result.records[0]
    assert teodora.emails == [("internet", "teodora.vlad@example.ro")]
    assert (teodora.organization, teodora.phones) == ("Carpat Textil", [("", "+40 721 000 111")])
    reasons = " ".join(w.reason for w in result.warnings)
    assert "'BEGIN:VCAR' read as BEGIN:VCARD" in reasons
    assert "'END:VCRD' read as END:VCARD" in reasons


def test_values_beyond_the_header_are_placed_by_what_they_are() -> None:
    # A 4-column header and a row of 15 cells: the email, the phone and the web address
    # in the unnamed cells are the person's email, phone and website.
    result = parse_file(SHAPES / "csv_rows_wider_than_header.csv")
    assert names(result) == [("Halvard", "Strand"), ("Sunniva", "Berg")]
    halvard = result.records[0]
    assert halvard.emails == [("", "halvard.strand@example.no")]
    assert halvard.phones == [("", "+47 412 34 567")]
    assert halvard.extra["Website"] == "https://www.example.no/halvard"
    # What cannot be told by its value stays under its column number.
    assert halvard.extra["column 9"] == "1971-03-02"
    assert not any(k in halvard.extra for k in ("column 12", "column 14", "column 15"))
    [warning] = result.warnings
    assert warning.row == 2 and "15 cells but the header has 4" in warning.reason
    assert "email" in warning.reason and "phone" in warning.reason


def test_a_card_whose_only_email_is_a_placeholder_has_no_email() -> None:
    # A directory export writes EMAIL:null where there is none. A card with no name and
    # only that is nobody (reported), the same on every import; a named card keeps its
    # phone and no email.
    result = parse_file(SHAPES / "null_email_no_name.vcf")
    assert names(result) == [("Vera", "Orlova")]
    assert [p.row for p in result.problems] == [1]
    reason = result.problems[0].reason
    assert "no name and no valid email address" in reason and "'null'" in reason
    assert "Pavlov Logistics" in reason


def test_a_name_of_emoji_and_punctuation_is_no_name() -> None:
    result = parse_file(SHAPES / "emoji_only_names.vcf")
    assert names(result) == [("🌸 Amara", ""), ("娜", "李"), ("กิงกานต์", "")]
    assert [p.row for p in result.problems] == [1]


def test_has_word_wants_a_letter_or_a_digit_in_any_script() -> None:
    for name in ("Ana", "李", "กิงกานต์", "हिन्दी", "Ольга", "R2", "O'Neil"):
        assert has_word(name), name
    for filler in ("-", "....", "‼️‼️📌", "🌸", "— —", "*", "", "  "):
        assert not has_word(filler), filler


def test_a_comma_in_a_text_value_does_not_cut_it_short() -> None:
    # vCard 2.1 has no comma escape and many 3.0 writers forget it: "TITLE:VP, Sales"
    # is one title, a NOTE one note. (vobject kept only the text before the comma.)
    result = parse_file(SHAPES / "unescaped_commas.vcf")
    chidi, elke = result.records
    assert chidi.title == "VP, Sales and Marketing"
    assert chidi.notes == "Met at the trade fair, then lunch, then a call"
    assert chidi.organization == "Lagos Freight, Ltd."
    assert chidi.extra["ROLE"] == "Lead, EMEA"
    assert chidi.extra["NICKNAME"] == "Chi,CK"
    assert chidi.extra["X-SPOUSE"] == "Ada, Nkem"
    assert chidi.tags == ["Clients", "Lagos"]
    assert (elke.first_name, elke.last_name) == ("Elke", "Brandt")
    assert elke.title == "Head of R&D, Berlin"


def test_two_addresses_in_one_email_line_are_two_emails() -> None:
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Nowak;Ewa;;;\r\n"
            b"EMAIL;INTERNET:ewa@example.pl,ewa.nowak@example.com\r\nEND:VCARD\r\n")
    [ewa] = parse_bytes(text, "ewa.vcf").records
    assert [a for _, a in ewa.emails] == ["ewa@example.pl", "ewa.nowak@example.com"]


def test_an_agent_holding_a_whole_card_is_kept_apart_from_the_person() -> None:
    # vCard 2.1's AGENT may hold a nested card (its own BEGIN/END): its FN and TEL are
    # the agent's, not the person's, and its END line does not end the outer card.
    result = parse_file(SHAPES / "agent_nested_card.vcf")
    assert result.problems == []
    kwame, abena = result.records
    assert (kwame.first_name, kwame.last_name) == ("Kwame", "Mensah")
    assert kwame.phones == [("work", "+233 30 000 0001")]
    assert "Abena Owusu" in kwame.extra["AGENT"] and "+233 30 000 0009" in kwame.extra["AGENT"]
    # TITLE is the job title wherever ROLE stands (properties may come in any order).
    assert kwame.title == "Logistics Manager" and kwame.extra["ROLE"] == "Team lead"
    assert abena.title == "Assistant"
    assert (abena.first_name, abena.last_name) == ("Abena", "Owusu")


def test_parameters_written_with_hash_for_equals_are_read() -> None:
    # A converter that wrote '#' for every '=': TYPE#work, VALUE#uri, and a
    # quoted-printable value of #XX codes with '#' soft breaks.
    result = parse_file(SHAPES / "hash_for_equals_params.vcf")
    maja, jonas = result.records
    assert maja.extra["LABEL"] == "Storgatan 1\nGöteborg\nSverige"
    assert jonas.phones == [("work", "+46-31-000-0002")]
    assert jonas.location == "Malmö, Sverige"
    assert result.warnings == []


def test_a_second_address_is_kept_in_the_same_words_as_the_first() -> None:
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sato;Yui;;;\r\n"
            b"ADR;TYPE=WORK:;;1-2-3 Marunouchi;Chiyoda;Tokyo;100-0005;Japan\r\n"
            b"ADR;TYPE=HOME:;;4-5 Sakae;Naka;Nagoya;460-0008;Japan\r\nEND:VCARD\r\n")
    [yui] = parse_bytes(text, "yui.vcf").records
    assert yui.location == "Chiyoda, Tokyo, Japan"
    assert yui.extra["ADR"].splitlines() == [
        "1-2-3 Marunouchi; Chiyoda; Tokyo; 100-0005; Japan",
        "4-5 Sakae; Naka; Nagoya; 460-0008; Japan"]


def test_a_phone_field_holding_a_word_is_no_phone() -> None:
    # A sample card whose TEL values are the names of the fields ("Mobil", "Fax privat"),
    # and a CSV phone column holding a label: words are kept, as notes, not as numbers.
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Vogt;Hanna;;;\r\nTEL;TYPE=CELL:Mobil\r\n"
            b"TEL;TYPE=FAX;TYPE=HOME:Fax privat\r\nTEL;TYPE=WORK:+49 30 1234567\r\n"
            b"TEL:1-800-FLOWERS\r\nEND:VCARD\r\n")
    [hanna] = parse_bytes(text, "hanna.vcf").records
    assert hanna.phones == [("work", "+49 30 1234567"), ("", "1-800-FLOWERS")]
    assert hanna.extra["TEL"] == "Mobil\nFax privat"
    csv_text = b"Name,Mobile Phone,Email\nHanna Vogt,Mobile,hanna@example.de\nJan Roth,0171 2345678,\n"
    hanna, jan = parse_bytes(csv_text, "people.csv").records
    assert hanna.phones == [] and hanna.extra["Mobile Phone"] == "Mobile"
    assert jan.phones == [("mobile", "0171 2345678")]


def test_an_additional_name_without_a_given_name_is_the_given_name() -> None:
    # Some writers put the first name in N's third part (additional names) and leave the
    # second empty: N:Claes;;Pieter;; is Pieter Claes, not a person with no first name.
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Claes;;Pieter;;\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Claes;Anna;Maria;;\r\nEND:VCARD\r\n")
    pieter, anna = parse_bytes(text, "claes.vcf").records
    assert (pieter.first_name, pieter.middle_name, pieter.last_name) == ("Pieter", "", "Claes")
    assert (anna.first_name, anna.middle_name, anna.last_name) == ("Anna", "Maria", "Claes")


def test_a_date_column_is_not_taken_for_phones() -> None:
    # An Outlook export's "Anniversary" (1/1/2000) looks like digits and slashes: a date
    # is no phone number, however few rows there are to judge by.
    from desktop_crm.io.parse import parse_bytes
    text = (b"First Name,Last Name,Mobile Phone,Anniversary,Wedding\r\n"
            b"Aino,Virtanen,+358 40 000 0003,1/1/2000,2001-06-30\r\n")
    [aino] = parse_bytes(text, "outlook.csv").records
    assert aino.phones == [("mobile", "+358 40 000 0003")]
    assert aino.extra["Anniversary"] == "1/1/2000" and aino.extra["Wedding"] == "2001-06-30"


def test_a_second_name_in_one_card_is_kept() -> None:
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Peeters;Lotte;;;\r\nN:Maes;Joris;;;\r\n"
            b"END:VCARD\r\n")
    [lotte] = parse_bytes(text, "two.vcf").records
    assert (lotte.first_name, lotte.last_name) == ("Lotte", "Peeters")
    assert lotte.extra["Other name"] == "Joris Maes"


def test_a_german_outlook_export_is_read_as_outlook() -> None:
    # Outlook for Windows in German: its own header words, Windows-1252, CRLF inside a
    # quoted note, "0.0.00" for no date, an email type and display name beside each
    # address (neither is an address), business address as the location.
    result = parse_file(SHAPES / "outlook_german_cp1252.csv")
    assert result.format == "outlook" and result.encoding == "cp1252"
    assert result.warnings == [] and result.problems == []
    joerdis, oemer = result.records
    assert (joerdis.first_name, joerdis.last_name) == ("Jördis", "Käfer")
    assert (joerdis.organization, joerdis.department, joerdis.title) == (
        "Müller & Söhne GmbH", "Einkauf", "Einkaufsleiterin")
    assert joerdis.emails == [("", "joerdis.kaefer@example.de")]
    assert joerdis.phones == [("work", "+49 221 000000"), ("mobile", "0171 0000000")]
    assert joerdis.location == "Köln, NRW, Deutschland"
    assert joerdis.tags == ["Kunden", "Messe"] and joerdis.how_met == "Messe Köln"
    assert joerdis.notes == "Messe 2024, Stand 12\nRückruf im Mai"
    assert joerdis.birthday == "" and "Jahrestag" not in joerdis.extra
    assert joerdis.extra["Anrede"] == "Frau" and joerdis.extra["Ort privat"] == "Bonn"
    assert not any(k.startswith("E-Mail") for k in joerdis.extra)
    assert oemer.birthday == "3.4.1985" and oemer.phones == [("home", "0211 000000")]
    assert oemer.extra["Geschlecht"] == "Männlich" and "Priorität" not in oemer.extra


def test_an_email_columns_type_and_display_name_are_no_addresses() -> None:
    from desktop_crm.io.parse import parse_bytes
    text = (b"Name;E-Mail;E-Mail-Typ;E-Mail Anzeigename\r\n"
            b"Lena Brandt;lena@example.de;SMTP;Lena Brandt (lena@example.de)\r\n")
    result = parse_bytes(text, "kontakte.csv")
    [lena] = result.records
    assert lena.emails == [("", "lena@example.de")] and result.warnings == []


def test_a_phone_number_saved_as_the_name_is_a_phone() -> None:
    # A phone's contact saved under its number with a word after it: the number is a
    # phone of the card, the word its name.
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:+919700000018 Mk\r\nN:;+919700000018;Mk;;\r\n"
            b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:0171 2345678\r\nN:;;;;\r\n"
            b"EMAIL:ola@example.com\r\nEND:VCARD\r\n")
    mk, ola = parse_bytes(text, "phone.vcf").records
    assert (mk.first_name, mk.middle_name, mk.phones) == ("Mk", "", [("", "+919700000018")])
    assert (ola.first_name, ola.last_name) == ("", "")
    assert ola.phones == [("", "0171 2345678")] and ola.emails == [("", "ola@example.com")]


def test_an_apple_contacts_group_is_no_person() -> None:
    # Apple (and CardDAV servers syncing it) mark a group with X-ADDRESSBOOKSERVER-KIND.
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Book club\r\nFN:Book club\r\n"
            b"X-ADDRESSBOOKSERVER-KIND:group\r\n"
            b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:0c3e5e1a-0000-4000-8000-000000000001\r\n"
            b"END:VCARD\r\n")
    result = parse_bytes(text, "groups.vcf")
    assert result.records == []
    assert "group" in result.problems[0].reason


def test_a_first_row_with_a_bare_number_is_data_not_a_header() -> None:
    # A phonebook app's file: no header, an id first. "20,Ines,Moreau,0612345678" is a
    # person; a header names its columns with words, never with a bare number.
    from desktop_crm.io.parse import parse_bytes
    text = b"20,Ines,Moreau,\n19,Paul,Girard,0698765432\n18,Lea,Roux,0612345678\n"
    result = parse_bytes(text, "contacts.csv")
    assert [(r.first_name, r.last_name) for r in result.records] == [
        ("Ines", "Moreau"), ("Paul", "Girard"), ("Lea", "Roux")]
    assert result.records[1].phones == [("", "0698765432")]


def test_an_agent_card_folded_line_by_line_stays_a_card_of_its_own() -> None:
    # A writer that folded each line of the nested card instead of escaping its line
    # breaks: unfolded, "BEGIN:VCARDVERSION:3.0N:..." would run into one value.
    from desktop_crm.io.parse import parse_bytes
    text = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hall;Rhea;;;\r\nEMAIL:rhea@example.org\r\n"
            b"AGENT:BEGIN:VCARD\r\n VERSION:3.0\r\n N:Vance;Omar\r\n FN:Omar Vance\r\n"
            b" EMAIL;TYPE=INTERNET:omar@example.org\r\n END:VCARD\r\nEND:VCARD\r\n")
    [rhea] = parse_bytes(text, "agent.vcf").records
    assert rhea.emails == [("", "rhea@example.org")]
    assert rhea.extra["AGENT"] == "Vance;Omar\nOmar Vance\nomar@example.org"

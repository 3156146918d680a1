"""Real-world file shapes that other programs write, each from a fixture in ``shapes/``.

Every shape once lost or garbled a person; each test pins the repaired behaviour.
"""

from __future__ import annotations

from shape_files import SHAPES

from desktop_crm.io.parse import parse_bytes, parse_file


def test_one_bad_line_never_loses_a_vcard() -> None:
    result = parse_file(SHAPES / "bad_lines.vcf")
    assert result.problems == []
    people = {(r.first_name, r.last_name): r for r in result.records}
    assert set(people) == {("Anna", "Nowak"), ("Piotr", "Kowal"), ("Ewa", "Lis"),
                           ("Jan", "Wolf"), ("Olle", "Berg")}
    # PROFILE:VCard is read; a property name with '/' is kept raw for the notes.
    assert people["Anna", "Nowak"].extra == {"X-messaging/gadu-All": "123456"}
    # A bare FN line without a colon is skipped, the person kept.
    assert people["Piotr", "Kowal"].phones == [("mobile", "+48 601 234 567")]
    # A stray ';' before the colon, a '# comment' line, 'END:VCARD ' with a space.
    assert people["Ewa", "Lis"].emails == [("work", "ewa@example.pl")]
    # vCard 2.1: a continuation line without indentation continues the note.
    assert people["Jan", "Wolf"].notes.endswith("a note\nthat continues without indentation")
    assert people["Jan", "Wolf"].emails == [("internet", "jan@example.de")]
    # A bare CR inside a value (Thunderbird) is a line break of the note, not of the file.
    assert people["Olle", "Berg"].notes == "line one\nline two"
    assert people["Olle", "Berg"].emails == [("", "olle@example.se")]
    reasons = {w.row: w.reason for w in result.warnings}
    assert "card 1, line 6" in reasons[1] and "X-messaging/gadu-All" in reasons[1]
    assert "card 2, line 12" in reasons[2] and "FN has no value" in reasons[2]
    assert "card 3, line 20" in reasons[3] and "comment" in reasons[3]


def test_a_placeholder_row_is_no_person() -> None:
    result = parse_file(SHAPES / "google_placeholders.csv")
    assert [(r.first_name, r.last_name) for r in result.records] == [("Ann", "Lee")]
    assert [p.row for p in result.problems] == [2, 4]
    assert all("no name" in p.reason for p in result.problems)


def test_empty_n_takes_the_formatted_name_and_repeated_org_and_title_are_kept() -> None:
    (maria,) = parse_file(SHAPES / "names_repeated.vcf").records
    assert (maria.first_name, maria.last_name) == ("Maria", "Sanchez")
    assert (maria.organization, maria.department, maria.title) == ("Globex", "Research", "Chemist")
    assert maria.alternates == [("organization", "Initech"), ("title", "Lab lead")]
    assert maria.phones == [("work", "+1-418-656-9254;ext=102")]
    assert maria.tags == ["Friends, family, and more", "work"]


def test_a_phone_extension_and_a_comma_in_a_tag_survive_our_csv() -> None:
    from desktop_crm.io.csv_export import contacts_table, csv_bytes

    (maria,) = parse_file(SHAPES / "names_repeated.vcf").records
    (back,) = parse_bytes(csv_bytes(*contacts_table([maria])), "export.csv").records
    assert back.phones == maria.phones
    assert back.tags == maria.tags


def test_an_email_typed_only_internet_keeps_its_type_on_the_vcard_round_trip() -> None:
    from desktop_crm.io.vcard import vcards_text

    (maria,) = parse_file(SHAPES / "names_repeated.vcf").records
    text = vcards_text([maria])
    assert "EMAIL;TYPE=internet:maria@example.es" in text
    (back,) = parse_bytes(text.encode(), "back.vcf").records
    assert back.emails == maria.emails == [("internet", "maria@example.es")]


def test_a_vcard_without_its_begin_line_is_still_a_vcard() -> None:
    result = parse_file(SHAPES / "missing_begin.vcf")
    assert result.format == "vcard"
    assert [(r.first_name, r.last_name) for r in result.records] == [("Chidi", "Okafor"),
                                                                      ("Hiro", "Sato")]
    (warning,) = result.warnings
    assert warning.row == 1 and "no BEGIN:VCARD" in warning.reason and "line 1" in warning.reason


def test_a_fold_inside_a_utf8_character_is_unfolded_before_decoding() -> None:
    result = parse_file(SHAPES / "fold_splits_utf8.vcf")
    assert result.encoding == "utf-8" and result.encoding_alternatives == []
    (zoe,) = result.records
    assert (zoe.first_name, zoe.last_name) == ("Zoë", "Ñúñez-Ångström")
    assert zoe.organization == "Société Générale"
    assert "à Zürich — très" in zoe.notes and "😀" in zoe.notes


def test_a_shift_jis_thunderbird_export_is_read_as_japanese() -> None:
    result = parse_file(SHAPES / "thunderbird_japanese_sjis.csv")
    assert result.encoding == "cp932"
    taro = result.records[0]
    assert (taro.first_name, taro.last_name, taro.organization, taro.title) == (
        "太郎", "山田", "株式会社サンプル", "エンジニア")
    assert taro.phones == [("work", "03-1234-5678"), ("mobile", "090-1234-5678")]


def test_kanji_only_shift_jis_is_not_taken_for_korean_and_the_others_are_offered() -> None:
    from desktop_crm.io.encodings import sample_line

    data = "太郎,山田,taro@example.jp\r\n花子,佐藤,h@example.jp\r\n健,鈴木,k@example.jp\r\n"
    result = parse_bytes(data.encode("shift_jis"), "x.csv")
    assert result.encoding == "cp932"
    assert result.records[0].first_name == "太郎"
    short = parse_bytes("健,鈴木,k@example.jp\r\n".encode("shift_jis"), "x.csv")
    assert short.encoding == "cp932" and short.records[0].last_name == "鈴木"
    # Too little text to be sure: the other readings are offered, each with its sample.
    assert short.encoding_alternatives
    assert all(sample_line("健,鈴木,k@example.jp".encode("shift_jis"), enc)
               for enc in short.encoding_alternatives)


def test_the_user_can_choose_another_encoding() -> None:
    data = "Name,Email\r\nMüller,m@example.de\r\n".encode("cp1252")
    assert parse_bytes(data, "x.csv").records[0].first_name == "Müller"
    forced = parse_bytes(data, "x.csv", encoding="cp1251")
    assert forced.encoding == "cp1251" and forced.records[0].first_name == "Mьller"


def test_a_linkedin_export_without_its_header_loses_nobody() -> None:
    result = parse_file(SHAPES / "linkedin_no_header.csv")
    assert result.format == "linkedin" and result.problems == [] and result.warnings == []
    assert [(r.first_name, r.last_name, r.organization) for r in result.records] == [
        ("Ann", "Lee", "Acme"), ("Bruno", "Díaz", "Globex"), ("Chen", "Wei", "Initech"),
        ("Dana", "Fox", "")]
    assert result.records[0].emails == [("", "ann.lee@acme.com")]
    assert str(result.records[2].connected_on) == "2022-03-15"


def test_a_thunderbird_export_without_its_header_gets_its_columns() -> None:
    ann, bob = parse_file(SHAPES / "thunderbird_no_header.csv").records
    assert (ann.first_name, ann.last_name, ann.organization, ann.title) == (
        "Ann", "Lee", "Acme", "Engineer")
    assert [e for _, e in bob.emails] == ["bob@example.org", "bob2@example.org"]
    assert bob.phones == [("mobile", "+1 555 0199")] and bob.notes == "Met at the fair"


def test_columns_of_a_headerless_file_are_guessed_from_values_and_title_lines_counted() -> None:
    result = parse_file(SHAPES / "names_emails_no_header.csv")
    assert [(r.first_name, r.last_name) for r in result.records] == [
        ("Ann", "Lee"), ("Bob", "Stone"), ("Carl", "Díaz")]
    assert result.records[0].phones == [("", "+44 20 7946 0958")]
    (title,) = result.warnings
    assert title.row == 1 and "title line" in title.reason


def test_a_title_line_that_splits_into_cells_is_not_the_header() -> None:
    result = parse_file(SHAPES / "title_line_then_header.csv")
    assert result.header == ["Vorname", "Nachname", "E-Mail"]
    (anna,) = result.records
    assert (anna.first_name, anna.emails) == ("Anna", [("", "anna@example.de")])
    assert [w.row for w in result.warnings] == [1]


def test_a_data_row_above_the_header_is_reported_not_dropped() -> None:
    data = b"ann@example.org,Ann Lee\r\n\r\nFirst Name,Last Name,Email\r\nBob,Stone,b@x.org\r\n"
    result = parse_bytes(data, "x.csv")
    assert [r.first_name for r in result.records] == ["Bob"]
    (above,) = result.problems
    assert above.row == 1 and "above the header" in above.reason
    assert above.values == ["ann@example.org", "Ann Lee"]  # kept for the not-imported file
    assert result.total_rows == 2


def test_a_roundcube_export_is_not_outlook_and_keeps_its_emails_and_phones() -> None:
    result = parse_file(SHAPES / "roundcube.csv")
    assert result.format == "generic"
    lena, omar = result.records
    assert lena.emails == [("home", "lena@home.se"), ("work", "lena.berg@acme.se")]
    assert lena.phones == [("mobile", "+46 70 123 45 67"), ("work", "+46 8 123 456")]
    assert (lena.organization, omar.organization) == ("Acme", "Globex")
    assert omar.emails == [("work", "omar@globex.com"), ("other", "omar.h@mail.com")]


def test_columns_of_emails_and_phones_are_read_whatever_the_format() -> None:
    # Forced to Outlook, columns Outlook does not name are still read by name and value.
    result = parse_file(SHAPES / "roundcube.csv", format="outlook")
    lena = result.records[0]
    assert {e for _, e in lena.emails} == {"lena@home.se", "lena.berg@acme.se"}
    assert "+46 70 123 45 67" in {p for _, p in lena.phones}
    data = (b"First Name,Last Name,Company,Position,Connected On,Contact\r\n"
            b"Ann,Lee,Acme,Engineer,01 Jan 2020,ann@acme.com\r\n")
    (ann,) = parse_bytes(data, "c.csv").records
    assert ann.emails == [("", "ann@acme.com")]


def test_an_unclosed_quote_does_not_swallow_the_file() -> None:
    result = parse_file(SHAPES / "unclosed_quote.csv")
    assert len(result.records) == 1002 and result.total_rows == 1002
    ann = result.records[0]
    assert (ann.first_name, ann.notes) == ("Ann", "started a quote")
    last = result.records[-1]
    assert (last.row, last.first_name, last.emails) == (1003, "P1000",
                                                        [("", "p1000@example.org")])
    (warning,) = result.warnings
    assert warning.row == 2 and warning.column == "Notes"
    assert "never closed" in warning.reason and "1,001 lines" in warning.reason

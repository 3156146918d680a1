"""Real-world file shapes that other programs write, each from a fixture in ``shapes/``.

Every shape once lost or garbled a person; each test pins the repaired behaviour.
"""

from __future__ import annotations

from pathlib import Path

from desktop_crm.io.parse import parse_bytes, parse_file

SHAPES = Path(__file__).parent / "shapes"


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

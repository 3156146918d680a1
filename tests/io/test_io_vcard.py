"""vCard 2.1 (quoted-printable), 3.0 and 4.0; broken cards; 4.0 round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_crm.io.parse import parse_bytes, parse_file
from desktop_crm.io.records import ContactRecord
from desktop_crm.io.values import has_word
from desktop_crm.io.vcard import read_vcards, record_to_vcard, vcards_text, write_vcards

V21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=\r\n"
    "=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:B=E4ckerei;Verkauf\r\n"
    "TITLE:Chef\r\n"
    "TEL;WORK;VOICE:+49 30 123\r\n"
    "TEL;CELL:+49 171 555\r\n"
    "EMAIL;PREF;INTERNET:jm@example.de\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Zeile 1=0D=0AZeile 2; mit Komma, und \\ Strich\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
    "  /9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
    "  AAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
    "\r\n"
    "END:VCARD\r\n"
)
V30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
    "N:Lee;Ann;;;\r\n"
    "FN:Ann Lee\r\n"
    "ORG:Acme\\, Inc.;\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:ann@acme.com\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "EMAIL;type=INTERNET;type=HOME:ann@home.org\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:(555) 123-4567\r\n"
    "item2.URL;type=pref:https://www.linkedin.com/in/annlee\r\n"
    "item2.X-ABLabel:LinkedIn\r\n"
    "URL:https://annlee.dev\r\n"
    "ADR;type=WORK:;;1 Main St;Springfield;IL;62701;USA\r\n"
    "NOTE:Met at PyCon\\, 2023.\\nLikes tea.\r\n"
    "CATEGORIES:friends,python\r\n"
    "BDAY:1990-05-17\r\n"
    "NICKNAME:Annie\r\n"
    "END:VCARD\r\n"
)
V40_MULTI = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\n"
    "EMAIL;TYPE=work:taro@example.jp\r\nTEL;VALUE=uri;TYPE=\"cell,voice\":tel:+81-90-1234\r\n"
    "NOTE:Long note that is folded across lines because it is much longer than seventy-f\r\n"
    " ive octets 😀\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Broken\r\nN:Broken;Card\r\nthis line is not a property\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Only Org Inc\r\nORG:Only Org Inc\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Núñez\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Cut;Short\r\n"
)


def test_vcard_21_quoted_printable() -> None:
    result = parse_bytes(V21.encode("utf-8"), "contact.vcf")
    assert result.format == "vcard" and result.problems == []
    (rec,) = result.records
    assert (rec.first_name, rec.last_name) == ("Jürgen", "Müller")
    assert (rec.organization, rec.department, rec.title) == ("Bäckerei", "Verkauf", "Chef")
    assert rec.phones == [("work", "+49 30 123"), ("mobile", "+49 171 555")]
    assert rec.emails == [("internet", "jm@example.de")]  # the only type: kept
    assert rec.notes == "Zeile 1\nZeile 2; mit Komma, und \\ Strich"
    assert "PHOTO" not in rec.extra and rec.row == 1


def test_vcard_30_apple() -> None:
    (rec,) = parse_bytes(V30.encode(), "ann.vcf").records
    assert (rec.first_name, rec.last_name, rec.organization) == ("Ann", "Lee", "Acme, Inc.")
    assert rec.emails == [("other", "ann@acme.com"), ("home", "ann@home.org")]
    assert rec.phones == [("mobile", "(555) 123-4567")]
    assert rec.linkedin_url == "https://www.linkedin.com/in/annlee"
    assert rec.extra["URL"] == "https://annlee.dev" and rec.extra["NICKNAME"] == "Annie"
    assert rec.location == "Springfield, IL, USA"
    assert rec.extra["ADR"] == "1 Main St; Springfield; IL; 62701; USA"
    assert rec.notes == "Met at PyCon, 2023.\nLikes tea."
    assert rec.tags == ["friends", "python"] and rec.birthday == "1990-05-17"


def test_vcard_40_many_cards_and_broken_ones() -> None:
    result = parse_bytes(b"\xef\xbb\xbf" + V40_MULTI.encode(), "all.vcf")
    # One bad line no longer costs the card: it is skipped with a warning naming it.
    # A card cut short by the end of the file is read too, with a warning.
    assert [r.row for r in result.records] == [1, 2, 4, 5]
    taro, broken, zoe, cut = result.records
    assert (broken.first_name, broken.last_name) == ("Card", "Broken")
    assert (cut.first_name, cut.last_name) == ("Short", "Cut")
    warning, cut_warning = result.warnings
    assert warning.row == 2 and "card 2, line 14" in warning.reason
    assert "this line is not a property" in warning.reason
    assert cut_warning.row == 5 and "no END:VCARD" in cut_warning.reason
    assert (taro.first_name, taro.last_name) == ("太郎", "山田")
    assert taro.phones == [("mobile", "+81-90-1234")]
    assert taro.notes.endswith("seventy-five octets 😀")
    assert (zoe.first_name, zoe.last_name) == ("Zoë", "Núñez")
    assert [p.row for p in result.problems] == [3]
    assert "no name" in result.problems[0].reason
    assert result.problems[0].values[0].startswith("BEGIN:VCARD")
    assert result.total_rows == 5


def test_text_not_starting_with_a_card_is_not_vcard(tmp_path: Path) -> None:
    path = tmp_path / "x.vcf"
    path.write_text("hello,world\nAnn,Lee\n")
    assert parse_file(path).format == "generic"
    import pytest

    from desktop_crm.io.records import ImportFileError
    with pytest.raises(ImportFileError, match="no vCard"):
        parse_file(path, format="vcard")


def _full_record() -> ContactRecord:
    return ContactRecord(
        first_name="Zoë", last_name="Núñez; Peña, Jr.", middle_name="Q\\R",
        organization="Acme; Inc, Ltd", title="Head of 😀", department="R&D",
        industry="Software", location="Berlin, Germany", linkedin_url="https://www.linkedin.com/in/zoe",
        notes="line 1\nline 2, with; punctuation\\", how_met="PyCon 2023",
        emails=[("work", "zoe@acme.com"), ("", "z@home.org")],
        phones=[("mobile", "+49 171 5555"), ("home", "030 1234"), ("", "112")],
        tags=["friends", "a,b", "c;d"], connected_on=dt.date(2024, 5, 30),
        birthday="--05-17", source="linkedin", row=3,
        extra={"Nickname": "Zo", "weird: key;\"x\"\n": "value\nwith lines"})


def _same(a: ContactRecord, b: ContactRecord) -> bool:
    a.source = b.source = ""
    a.row = b.row = 0
    return a == b


def test_vcard_40_writes_and_reads_back_equal(tmp_path: Path) -> None:
    record = _full_record()
    text = record_to_vcard(record)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    path = tmp_path / "out.vcf"
    write_vcards([record, ContactRecord(emails=[("", "only@mail.com")])], path)
    result = parse_file(path)
    assert result.problems == []
    assert _same(result.records[0], _full_record())
    assert _same(result.records[1], ContactRecord(emails=[("", "only@mail.com")]))


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)
_multiline = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"),
                     max_size=40).map(str.strip)
_label = st.sampled_from(["", "work", "home", "mobile", "other", "fax"])


def _no_filler(value: str) -> bool:
    return not value or has_word(value)


@st.composite
def records(draw: st.DrawFn) -> ContactRecord:
    return ContactRecord(
        # A name made only of punctuation is a placeholder, not a name (see has_word).
        first_name=draw(_text.filter(has_word)),
        last_name=draw(_text.filter(_no_filler)), middle_name=draw(_text.filter(_no_filler)),
        organization=draw(_text), title=draw(_text), department=draw(_text),
        industry=draw(_text), location=draw(_text), notes=draw(_multiline), how_met=draw(_text),
        linkedin_url=draw(st.sampled_from(["", "https://www.linkedin.com/in/x-1"])),
        emails=draw(st.lists(st.tuples(_label, st.from_regex(r"[a-z0-9.]{1,8}@[a-z]{1,8}\.[a-z]{2,4}", fullmatch=True)), max_size=3, unique=True)),
        # A phone holds digits (a word in a TEL line is kept as a note, not a phone).
        phones=draw(st.lists(st.tuples(_label, st.from_regex(r"\+?[0-9]{2}[0-9 ()./-]{0,12}[0-9]",
                                                              fullmatch=True)),
                             max_size=3, unique=True)),
        tags=draw(st.lists(_text.filter(bool), max_size=3, unique=True)),
        connected_on=draw(st.none() | st.dates()),
        birthday=draw(_text),
        extra=draw(st.dictionaries(_text.filter(bool), _text.filter(bool), max_size=2)),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(records(), min_size=1, max_size=3))
def test_vcard_round_trip_property(recs: list[ContactRecord]) -> None:
    result = read_vcards(vcards_text(recs), "p.vcf")
    assert result.problems == []
    assert len(result.records) == len(recs)
    for got, want in zip(result.records, recs, strict=True):
        assert _same(got, want)

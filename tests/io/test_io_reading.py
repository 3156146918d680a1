"""Encodings, delimiters, line ends, odd rows and files refused whole."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from desktop_crm.io.parse import parse_bytes, parse_file
from desktop_crm.io.reading import decode, sniff_delimiter
from desktop_crm.io.records import ImportFileError

TEXT = "Vorname;Nachname;E-Mail;Firma\nJürgen;Weiß;jw@x.de;Bäckerei „Süß“ €\n"
WORLD = "Name,Email\nZoë Ñúñez,z@x.com\n李 小龙,li@x.cn\nدانا حداد,d@x.ae\nEmoji 😀🎉,e@x.com\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    result = parse_bytes(data, "x.csv")
    assert result.encoding == encoding
    (rec,) = result.records
    assert (rec.first_name, rec.last_name, rec.organization) == ("Jürgen", "Weiß",
                                                                 "Bäckerei „Süß“ €")


def test_latin1_without_cp1252_extras() -> None:
    text = "Nombre,Apellidos,Correo\nJosé,Núñez Peña,jn@x.es\n"
    (rec,) = parse_bytes(text.encode("latin-1"), "x.csv").records
    assert (rec.first_name, rec.last_name) == ("José", "Núñez Peña")


def test_other_code_pages_through_charset_normalizer() -> None:
    text = "Имя,Фамилия,Компания\nИван,Петров,ООО Ромашка\nАнна,Смирнова,Газпром\n"
    rec = parse_bytes(text.encode("cp1251"), "x.csv").records[0]
    assert (rec.first_name, rec.last_name) == ("Иван", "Петров")


def test_every_character_survives() -> None:
    for encoding in ("utf-8", "utf-16"):
        result = parse_bytes(WORLD.encode(encoding), "x.csv")
        names = [f"{r.first_name} {r.last_name}" for r in result.records]
        assert names == ["Zoë Ñúñez", "李 小龙", "دانا حداد", "Emoji 😀🎉"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(delimiter: str) -> None:
    text = delimiter.join(["First Name", "Last Name", "Notes"]) + "\r\n"
    text += delimiter.join(["Ann", "Lee", '"a, b; c\td|e"']) + "\r\n"
    result = parse_bytes(text.encode(), "x.csv")
    assert result.delimiter == delimiter
    assert result.records[0].notes == "a, b; c\td|e"


def test_sniffing_is_not_fooled_by_commas_in_a_semicolon_file() -> None:
    text = "Name;Firma;Ort\nMüller, Hans;A, B & C;Köln, DE\nLee, Ann;X;Y\n"
    assert sniff_delimiter(text) == ";"
    rec = parse_bytes(text.encode(), "x.csv").records[0]
    assert (rec.first_name, rec.last_name, rec.location) == ("Hans", "Müller", "Köln, DE")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_and_quoted_newlines(newline: str) -> None:
    text = newline.join(["First Name,Last Name,Notes", 'Ann,Lee,"line 1\nline 2"',
                         "", "Bob,Ray,x", ""])
    result = parse_bytes(text.encode(), "x.csv")
    assert [r.first_name for r in result.records] == ["Ann", "Bob"]
    assert result.records[0].notes == "line 1\nline 2"
    assert result.total_rows == 2


def test_ragged_rows_are_padded_and_extra_cells_kept() -> None:
    text = "First Name,Last Name,Email\nAnn\nBob,Ray,b@r.com,surplus,,more\n"
    result = parse_bytes(text.encode(), "x.csv")
    ann, bob = result.records
    assert ann.first_name == "Ann" and ann.emails == []
    assert bob.extra == {"column 4": "surplus", "column 6": "more"}
    assert result.warnings[0].row == 3 and "column 4" in result.warnings[0].reason


def test_very_large_cells() -> None:
    big = "x" * 1_000_000
    result = parse_bytes(f'First Name,Notes\nAnn,"{big}"\n'.encode(), "x.csv")
    assert result.records[0].notes == big


def test_header_only_and_blank_lines() -> None:
    result = parse_bytes(b"\r\n\r\nFirst Name,Last Name,Email\r\n\r\n,,\r\n", "x.csv")
    assert result.records == [] and result.problems == [] and result.total_rows == 0


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n", b"\xff\xfe"])
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"contacts\.csv: .*empty"):
        parse_bytes(data, "contacts.csv")


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, message", [
    (_xlsx(), "Excel workbook.*save it as CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "Excel"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "image"),
    (b"abc\x00\x01\x02\x03" * 300 + bytes(range(256)) * 8, "binary"),
    (bytes(range(1, 256)) * 10, "binary"),
])
def test_binary_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=r"^contacts\.csv: .*" + message):
        parse_bytes(data, "contacts.csv")


def test_parse_file_reads_paths_and_names_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(WORLD.encode())
    assert len(parse_file(path).records) == 4
    with pytest.raises(ImportFileError, match="missing.csv"):
        parse_file(tmp_path / "missing.csv")
    with pytest.raises(ImportFileError, match="folder"):
        parse_file(tmp_path)


def test_decode_returns_text_without_bom() -> None:
    assert decode(b"\xef\xbb\xbfa,b", "x") == ("a,b", "utf-8-sig")


def test_file_without_header_is_read_as_data() -> None:
    result = parse_bytes(b"ann@x.com,Ann Lee\nbob@y.com,Bob Ray\n", "x.csv")
    assert [r.emails for r in result.records] == [[("", "ann@x.com")], [("", "bob@y.com")]]
    assert result.header == ["column 1", "column 2"]
    assert result.records[0].row == 1


def test_unknown_format_name_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_bytes(b"a,b\n", "x.csv", format="excel")

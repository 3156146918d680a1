"""Rows are streamed from the text: line breaks as the csv module means them, big files."""

from __future__ import annotations

from desktop_crm.io.parse import parse_bytes
from desktop_crm.io.reading import read_rows
from desktop_crm.io.values import unquote_formula


def test_only_cr_and_lf_end_a_record_not_form_feeds_or_unicode_separators() -> None:
    text = "Name,Note\r\nAnn\u2028Lee,a\x0cb\x1cc\x85d\r\nBob,\"two\u2029lines\nhere\"\rCy,e\n"
    assert read_rows(text, ",") == [["Name", "Note"], ["Ann\u2028Lee", "a\x0cb\x1cc\x85d"],
                                    ["Bob", "two\u2029lines\nhere"], ["Cy", "e"]]


def test_a_file_bigger_than_one_read_chunk_keeps_every_row_and_its_number() -> None:
    lines = ["First Name,Last Name,Email"]
    lines += [f"P{i},\"Multi\nLine {i}\",p{i}@x.org" if i % 1000 == 0 else f"P{i},L{i},p{i}@x.org"
              for i in range(60_000)]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    assert len(data) > 1 << 20  # more than one of the reader's 1 MB chunks
    result = parse_bytes(data, "big.csv")
    assert len(result.records) == 60_000 and result.total_rows == 60_000
    assert result.records[0].row == 2 and result.records[-1].row == 60_001
    assert result.records[2000].last_name == "Multi\nLine 2000"
    assert [r.first_name for r in result.records[::7919]] == [f"P{i}" for i in range(0, 60_000, 7919)]


def test_the_formula_safety_apostrophe_goes_only_before_formula_characters() -> None:
    assert unquote_formula("'+49 30 1234") == "+49 30 1234"
    assert unquote_formula("'=SUM(A1)") == "=SUM(A1)"
    assert unquote_formula("'-2") == "-2" and unquote_formula("'@ann") == "@ann"
    assert unquote_formula("'\tx") == "x"
    for kept in ("'Tis", "O'Brien", "'", "''", "+49", ""):
        assert unquote_formula(kept) == kept


def test_a_csv_with_apostrophe_prefixed_phones_imports_them_plain() -> None:
    data = (b"Name,Phone,Email,Note\r\nJonas Schulz,'+49 30 1234567,jonas@x.de,'=1+1\r\n"
            b"Ann O'Brien,'0171,ann@x.de,'Tis fine\r\n")
    result = parse_bytes(data, "export.csv")
    assert [r.phones for r in result.records] == [[("", "+49 30 1234567")], [("", "'0171")]]
    assert result.records[0].notes == "=1+1" and result.records[1].notes == "'Tis fine"
    assert result.records[1].last_name == "O'Brien"

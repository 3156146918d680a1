"""Rows are streamed from the text: line breaks as the csv module means them, big files."""

from __future__ import annotations

from desktop_crm.io.parse import parse_bytes, parse_file, stream_file
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


def _quirky_csv() -> bytes:
    """A LinkedIn export with a preamble, quoted line breaks, CR-only and blank rows,
    a placeholder row, a bad date and a stray unclosed quote near the end."""
    lines = ['Notes:', '"When exporting your connection data, you may notice..."', '',
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(2_500):
        if i % 400 == 7:
            lines.append("")
        elif i % 333 == 5:
            lines.append(",,,,,,03 Feb 2021")
        elif i % 250 == 3:
            lines.append(f'Ann{i},"Lee\nJr",https://www.linkedin.com/in/a{i},,"Acme, Inc.",CTO,'
                         "31 Feb 2020")
        else:
            lines.append(f"Pé{i},Ł{i},https://www.linkedin.com/in/p{i},p{i}@x.org,Org {i % 9},"
                         f"Engineer,0{1 + i % 9} Mar 2022")
    lines.insert(2_400, 'Zed,"Unclosed,https://www.linkedin.com/in/z,,Org,CTO,01 Jan 2020')
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_a_big_file_read_in_batches_gives_what_reading_it_whole_gives(tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(_quirky_csv())
    whole = parse_file(path)
    for size in (1, 97, 1000, 10_000):
        stream = stream_file(path, batch_size=size, stream_bytes=1)
        assert stream.fraction_read is not None and not stream.empty  # read as a stream
        batches = list(stream.batches)
        assert all(len(b) == size for b in batches[:-1]) and 0 < len(batches[-1]) <= size
        got = stream.result
        assert [r for b in batches for r in b] == whole.records
        assert (got.format, got.encoding, got.header, got.mapping, got.samples) == (
            whole.format, whole.encoding, whole.header, whole.mapping, whole.samples)
        assert got.problems == whole.problems and got.warnings == whole.warnings
        assert got.total_rows == whole.total_rows and stream.fraction_read() == 1.0


def test_files_that_are_not_plain_utf8_csv_are_read_whole_as_one_batch(tmp_path) -> None:
    cp1252 = tmp_path / "old.csv"
    cp1252.write_bytes("Name,Email\r\nJosé Núñez,jose@x.org\r\nRenée Ø,r@x.org\r\n"
                       .encode("cp1252"))
    vcard = tmp_path / "people.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n")
    small = tmp_path / "small.csv"
    small.write_text("Name,Email\nAnn Lee,ann@x.org\n")
    for path, stream_bytes in ((cp1252, 1), (vcard, 1), (small, 1 << 20)):
        stream = stream_file(path, stream_bytes=stream_bytes)
        assert stream.fraction_read is None  # read whole
        assert [r for b in stream.batches for r in b] == parse_file(path).records
    assert stream_file(cp1252, stream_bytes=1).result.encoding == parse_file(cp1252).encoding


def test_a_big_file_with_a_header_and_no_rows_is_empty(tmp_path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("First Name,Last Name,Email\r\n\r\n")
    stream = stream_file(path, stream_bytes=1)
    assert stream.empty and list(stream.batches) == []

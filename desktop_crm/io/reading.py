"""Turning file bytes into text and CSV records: encoding, delimiter, preamble.

Public functions (used by the format parsers and by ``parse.py``):

* ``decode(data, name) -> (text, encoding)`` — detect the encoding and decode.
  Order: refuse empty and known binary files (zip/xlsx, old .xls, PDF,
  images), byte-order marks (UTF-8, UTF-16 LE/BE, UTF-32), UTF-16 without a
  BOM (from the pattern of NUL bytes), strict UTF-8 (fast, so a 10 MB file
  never goes through a detector), then charset-normalizer on a *sample* of
  the lines holding non-ASCII bytes, falling back to Windows-1252 and then
  Latin-1.  Raises :class:`~desktop_crm.io.records.ImportFileError`.
* ``sniff_delimiter(text) -> str`` — comma, semicolon, tab or pipe, chosen by
  how consistently each splits the first records (quotes respected).
* ``read_rows(text, delimiter) -> list[list[str]]`` — every CSV record,
  blank ones included (as ``[]``), so that ``index + 1`` is the row number a
  spreadsheet would show.
* ``find_header(rows) -> int`` — index of the header record, skipping a
  preamble such as LinkedIn's ``Notes:`` paragraph or a title line.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections import Counter

from .records import ImportFileError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_ROWS = 60
_DETECT_SAMPLE = 64 * 1024
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "looks like an Excel workbook or another zip archive, not a CSV file; "
     "open it in your spreadsheet program and save it as CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "looks like an old Excel (.xls) workbook, not a "
     "CSV file; open it in your spreadsheet program and save it as CSV"),
    (b"%PDF", "is a PDF document, not a contacts file"),
    (b"\x89PNG", "is an image, not a contacts file"),
    (b"\xff\xd8\xff", "is an image, not a contacts file"),
    (b"GIF8", "is an image, not a contacts file"),
    (b"\x1f\x8b", "is a compressed (gzip) file; unpack it first"),
    (b"Rar!", "is a compressed (RAR) archive; unpack it first"),
    (b"7z\xbc\xaf", "is a compressed (7-Zip) archive; unpack it first"),
    (b"SQLite format 3", "is a database file, not a contacts file"),
)

# Single-byte code pages that charset-normalizer often confuses with
# Windows-1252 on short Western samples; Windows-1252 is what Outlook and
# Excel write, so it wins when it decodes the sample cleanly.
_WESTERN_LOOKALIKES = {
    "latin_1", "iso8859_15", "cp1252", "mac_roman", "cp850", "cp437", "cp858",
    "iso8859_9", "cp1254", "iso8859_3", "iso8859_4", "iso8859_10", "iso8859_14",
    "cp1257", "iso8859_13", "mac_latin2", "hp_roman8",
}


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a whole file; return ``(text, encoding)`` without any BOM."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFileError(name, "the file is empty")
    for magic, reason in _SIGNATURES:
        if data.startswith(magic):
            raise ImportFileError(name, f"the file {reason}")
    text, encoding = _decode(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ImportFileError(name, "the file is empty")
    sample = text[:_DETECT_SAMPLE]
    if "\x00" in sample or len(_BINARY_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise ImportFileError(name, "the file is not text (it holds binary data); "
                              "export your contacts as CSV or vCard")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, enc, skip in (
        (codecs.BOM_UTF32_LE, "utf-32-le", 4),
        (codecs.BOM_UTF32_BE, "utf-32-be", 4),
        (codecs.BOM_UTF8, "utf-8-sig", 3),
        (codecs.BOM_UTF16_LE, "utf-16-le", 2),
        (codecs.BOM_UTF16_BE, "utf-16-be", 2),
    ):
        if data.startswith(bom):
            try:
                return data[skip:].decode(enc.removesuffix("-sig")), enc
            except UnicodeDecodeError as exc:
                raise ImportFileError(
                    name, f"the file says it is {enc.upper()} but is not ({exc.reason} at "
                    f"byte {exc.start + skip})") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ImportFileError(name, "the file is not text (it holds binary data); "
                              "export your contacts as CSV or vCard")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_single_byte(data)
    for enc in (encoding, "cp1252", "latin_1"):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise ImportFileError(name, "the file's text encoding could not be recognised")  # pragma: no cover


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by NULs in every other byte (mostly-ASCII text)."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _non_ascii_sample(data: bytes) -> bytes:
    """The lines holding non-ASCII bytes, up to a limit: what detection needs."""
    chunks: list[bytes] = []
    size = 0
    pos = 0
    while size < _DETECT_SAMPLE:
        match = _HIGH_BYTE.search(data, pos)
        if match is None:
            break
        start = data.rfind(b"\n", 0, match.start()) + 1
        end = data.find(b"\n", match.end())
        if end < 0:
            end = len(data)
        chunk = data[start:end][:4096]
        chunks.append(chunk)
        size += len(chunk) + 1
        pos = end + 1
    return b"\n".join(chunks)


def _guess_single_byte(data: bytes) -> str:
    """Ask charset-normalizer about a sample; prefer cp1252 for Western look-alikes."""
    from charset_normalizer import from_bytes

    sample = _non_ascii_sample(data)
    try:
        best = from_bytes(sample).best() if sample else None
    except Exception:  # pragma: no cover - detector bugs must not stop an import
        best = None
    if best is None:
        return "cp1252"
    encoding = codecs.lookup(best.encoding).name.replace("-", "_")
    if encoding in _WESTERN_LOOKALIKES or encoding.startswith(("utf_", "ascii")):
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return encoding if not encoding.startswith("utf_") else "latin_1"
    return encoding


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first records most consistently.

    Each candidate parses the first records with the csv module (so quoted
    delimiters and newlines are respected).  A candidate must give at least
    two columns; among those, one that splits >= 80 % of the records into
    the same width wins, then the wider split, then the more consistent.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        cut = max(sample.rfind("\n"), sample.rfind("\r"))
        if cut > 0:
            sample = sample[:cut]
    best: tuple[bool, int, float] | None = None
    choice = ","
    for delim in DELIMITERS:
        widths = []
        for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delim):
            if any(cell.strip() for cell in row):
                widths.append(len(row))
                if len(widths) >= _SNIFF_ROWS:
                    break
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        share = count / len(widths)
        key = (share >= 0.8, width, share)
        if best is None or key > best:
            best, choice = key, delim
    return choice


def read_rows(text: str, delimiter: str) -> list[list[str]]:
    """Every CSV record of ``text`` (CRLF, CR, LF and quoted newlines handled)."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def find_header(rows: list[list[str]], scan: int = 50) -> int:
    """Index of the header: the first record with two or more filled cells.

    That skips preambles (LinkedIn's ``Notes:`` line and paragraph, a title
    line in a spreadsheet, blank lines).  A one-column file's header is its
    first non-blank record.  Returns ``len(rows)`` if every record is blank.
    """
    first_filled = None
    for index, row in enumerate(rows[:scan]):
        filled = sum(1 for cell in row if cell.strip())
        if filled >= 2:
            return index
        if filled and first_filled is None:
            first_filled = index
    if first_filled is not None:
        return first_filled
    return len(rows)

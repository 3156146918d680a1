"""Turning file bytes into text and CSV records: encoding, delimiter, preamble.

Public functions (used by the format parsers and by ``parse.py``):

* ``decode(data, name, encoding=None) -> (text, encoding)`` — detect the
  encoding and decode (``decode_file`` also gives the other plausible
  encodings; ``encoding`` forces one).
  Order: refuse empty and known binary files (zip/xlsx, old .xls, PDF,
  images), byte-order marks (UTF-8, UTF-16 LE/BE, UTF-32), UTF-16 without a
  BOM (from the pattern of NUL bytes), strict UTF-8 (fast, so a 10 MB file
  never goes through a detector), a vCard whose folds cut UTF-8 characters
  (unfolded as bytes, then UTF-8), then :mod:`.encodings` on a *sample* of
  the lines holding non-ASCII bytes, falling back to Windows-1252 and then
  Latin-1.  Raises :class:`~desktop_crm.io.records.ImportFileError`.
* ``sniff_delimiter(text) -> str`` — comma, semicolon, tab or pipe, chosen by
  how consistently each splits the first records (quotes respected).
* ``iter_rows(text, delimiter) -> Iterator[list[str]]`` — every CSV record,
  blank ones included (as ``[]``), so that ``index + 1`` is the row number a
  spreadsheet would show; streamed, so a big file's rows are never all held
  at once.  ``read_rows`` is the same as a list.
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from . import encodings
from .encodings import label
from .records import ImportFileError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_ROWS = 60
_DETECT_SAMPLE = 64 * 1024
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

SIGNATURES: tuple[tuple[bytes, str], ...] = (
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


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a whole file; return ``(text, encoding)`` without any BOM."""
    decoded = decode_file(data, name, encoding)
    return decoded.text, decoded.encoding


@dataclass(slots=True)
class Decoded:
    """A file's text, the encoding it was read in, and the other plausible ones (none
    when the bytes said which: a BOM, valid UTF-8 or UTF-16)."""

    text: str
    encoding: str
    alternatives: list[str] = field(default_factory=list)


def decode_file(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """:func:`decode`, with the alternatives; ``encoding`` forces one (the user's choice)."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFileError(name, "the file is empty")
    for magic, reason in SIGNATURES:
        if data.startswith(magic):
            raise ImportFileError(name, f"the file {reason}")
    decoded = _forced(data, name, encoding) if encoding else _decode(data, name)
    text = decoded.text
    if text.startswith("\ufeff"):
        text = decoded.text = text[1:]
    if not text.strip():
        raise ImportFileError(name, "the file is empty")
    sample = text[:_DETECT_SAMPLE]
    # Valid UTF-8/16 is text even with control characters; a legacy code page
    # decodes anything, so there many control characters mean binary data.
    strict = decoded.encoding.startswith("utf")
    if "\x00" in sample or (not strict and len(_BINARY_CONTROL.findall(sample))
                             > max(8, len(sample) // 20)):
        raise ImportFileError(name, "the file is not text (it holds binary data); "
                              "export your contacts as CSV or vCard")
    return decoded


def _forced(data: bytes, name: str, encoding: str) -> Decoded:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(name, f"'{encoding}' is not a text encoding this app "
                              "knows") from None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(name, f"the file cannot be read as {label(encoding)} "
                              f"({exc.reason} at byte {exc.start})") from None


_VCARD_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*BEGIN:VCARD", re.IGNORECASE)
_FOLD = re.compile(rb"\r?\n[ \t]")


def _decode(data: bytes, name: str) -> Decoded:
    for bom, enc, skip in (
        (codecs.BOM_UTF32_LE, "utf-32-le", 4),
        (codecs.BOM_UTF32_BE, "utf-32-be", 4),
        (codecs.BOM_UTF8, "utf-8-sig", 3),
        (codecs.BOM_UTF16_LE, "utf-16-le", 2),
        (codecs.BOM_UTF16_BE, "utf-16-be", 2),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[skip:].decode(enc.removesuffix("-sig")), enc)
            except UnicodeDecodeError as exc:
                if enc == "utf-8-sig":
                    unfolded = _unfolded_vcard(data[skip:])
                    if unfolded is not None:
                        return Decoded(unfolded, enc)
                raise ImportFileError(
                    name, f"the file says it is {label(enc)} but is not ({exc.reason} at "
                    f"byte {exc.start + skip})") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ImportFileError(name, "the file is not text (it holds binary data); "
                              "export your contacts as CSV or vCard")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    unfolded = _unfolded_vcard(data)
    if unfolded is not None:
        return Decoded(unfolded, "utf-8")
    guessed = encodings.guess(data)
    for enc in (guessed.encoding, "cp1252", "latin_1"):
        try:
            return Decoded(data.decode(enc), enc,
                           guessed.alternatives if enc == guessed.encoding else [])
        except (UnicodeDecodeError, LookupError):
            continue
    raise ImportFileError(name, "the file's text encoding could not be recognised")  # pragma: no cover


def _unfolded_vcard(data: bytes) -> str | None:
    """A vCard file whose folding cut UTF-8 characters in two (RFC 6350 allows a fold
    anywhere): the folds joined at the byte level, then read as UTF-8, or ``None``."""
    head, tail = _FOLD.sub(b"", data[:4096]).upper(), _FOLD.sub(b"", data[-4096:]).upper()
    if b"BEGIN:VCARD" not in head and b"END:VCARD" not in tail:
        return None  # not a vCard (a CSV, most often): no copy of the whole file
    unfolded = _FOLD.sub(b"", data)
    if not _VCARD_START.match(unfolded[:1024]) and b"END:VCARD" not in unfolded.upper():
        return None
    try:
        return unfolded.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its NUL bytes.

    Mostly-ASCII text has NULs in every other byte; otherwise the byte order
    that decodes the start into more ASCII (headers, delimiters, line ends)
    wins, if it decodes at all and a fair share of it is ASCII.
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    best, best_ascii = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample[:half * 2].decode(encoding, errors="replace")
        if "\x00" in text or text.count("\ufffd") > 1:
            continue
        share = sum(1 for c in text if c < "\x80") / max(1, len(text))
        if share > best_ascii:
            best, best_ascii = encoding, share
    return best if best_ascii >= 0.2 else None


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first records most consistently.

    Each candidate parses the first records with the csv module (so quoted
    delimiters and newlines are respected).  A candidate must give at least
    two columns; among those, one that splits >= 80 % of the records into
    the same width wins, then the one whose full-width rows start earliest
    (the header), then the wider split, then the more consistent.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        cut = max(sample.rfind("\n"), sample.rfind("\r"))
        if cut > 0:
            sample = sample[:cut]
    best: tuple[bool, int, int, float] | None = None
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
        # Rows before the first full-width one: a preamble for the right
        # delimiter, a header split wrongly for a delimiter found in the data.
        lead = widths.index(width)
        key = (share >= 0.8, -lead, width, share)
        if best is None or key > best:
            best, choice = key, delim
    return choice


# A line with its ending: CRLF, CR or LF, as ``open(newline="")`` splits.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# Where str.splitlines also splits, though they are plain characters to the csv module.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CHUNK_CHARS = 1 << 18  # also how often the reading reports progress
_PROGRESS_LINES = 4096


Progress = Callable[[int, int], None]


def _lines(text: str, progress: Progress | None = None) -> Iterator[str]:
    """The text's lines with their endings, cut a quarter megabyte at a time;
    ``progress(done, total)`` in characters at each cut."""
    size = len(text)
    if _OTHER_BREAKS.search(text):
        for number, match in enumerate(_LINE.finditer(text)):
            if progress is not None and not number % _PROGRESS_LINES:
                progress(match.start(), size)
            yield match.group()
        return
    start = 0
    while start < size:
        if progress is not None:
            progress(start, size)
        end = text.find("\n", start + _CHUNK_CHARS)
        end = size if end < 0 else end + 1
        yield from text[start:end].splitlines(keepends=True)
        start = end


def iter_rows(text: str, delimiter: str, progress: Progress | None = None) -> Iterator[list[str]]:
    """Every CSV record of ``text`` (CRLF, CR, LF and quoted newlines handled), streamed.

    Lines are cut from the text as they are read: an ``io.StringIO`` over a
    10 MB text would hold a second copy of it four bytes per character.
    ``progress(done, total)`` (characters) follows the reading.
    """
    return csv.reader(_lines(text, progress), delimiter=delimiter)


def read_rows(text: str, delimiter: str) -> list[list[str]]:
    """Every CSV record of ``text``, as a list (see :func:`iter_rows`)."""
    return list(iter_rows(text, delimiter))


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

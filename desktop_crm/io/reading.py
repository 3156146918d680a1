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
from collections.abc import Iterator

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

# Quotes and marks that legitimately touch letters in Western text.
_GLUE_OK = set("„“”‘’‚«»‹›'\u00a0–—…·-")


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
    # Valid UTF-8/16 is text even with control characters; a legacy code page
    # decodes anything, so there many control characters mean binary data.
    strict = encoding.startswith("utf")
    if "\x00" in sample or (not strict and len(_BINARY_CONTROL.findall(sample))
                             > max(8, len(sample) // 20)):
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
    """Choose among cp1252 and charset-normalizer's guesses by plausibility.

    charset-normalizer alone often says cp1250 for German or French text
    (the letters coincide) and cannot tell cp1252 from its cousins on short
    samples.  So each candidate decodes the sample and is scored by
    mojibake signs (see ``_badness``).  Windows-1252 (what Outlook and Excel
    write) wins unless another is clearly less bad; then the least bad wins,
    charset-normalizer's order breaking ties.
    """
    from charset_normalizer import from_bytes

    sample = _non_ascii_sample(data)
    if not sample:
        return "cp1252"
    try:
        guesses = [m.encoding for m in list(from_bytes(sample))[:6]
                   if not m.encoding.startswith("utf")]
    except Exception:  # pragma: no cover - detector bugs must not stop an import
        guesses = []
    candidates = list(dict.fromkeys(["cp1252", *guesses, "cp1250", "cp1251", "latin_1"]))
    scored = []
    for order, encoding in enumerate(candidates):
        try:
            text = sample[:16384].decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        multibyte = len(text) < len(sample[:16384]) - 2
        # For a multi-byte (CJK) reading count only the core of those scripts:
        # real names are Han, kana or Hangul, while cp1252 bytes read as Big5
        # or GBK also give fullwidth forms, Bopomofo and rare symbols.
        foreign = (sum(1 for c in text if _core_cjk(ord(c))) if multibyte
                   else sum(1 for c in text if c.isalpha() and _script(ord(c))))
        scored.append((_badness(text), order, encoding, foreign, multibyte))
    if not scored:
        return "latin_1"
    best = min(scored)
    if scored[0][2] != "cp1252":
        return best[2]
    # A clean decoding into another script beats cp1252: a multi-byte one
    # (CJK) always, a single-byte one (Cyrillic, Greek) if cp1252 shows
    # mojibake signs.
    clean = [entry for entry in scored if entry[0] == 0 and entry[3] >= 8
             and (entry[4] or scored[0][0] >= 3)]
    if clean:
        return clean[0][2]
    if 3 * best[0] + 6 <= scored[0][0]:
        return best[2]  # another code page must be clearly better to win
    return "cp1252"


def _core_cjk(code: int) -> bool:
    """Han ideographs, hiragana/katakana or Hangul syllables."""
    return 0x4E00 <= code <= 0x9FFF or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF


def _script(code: int) -> int:
    """A coarse script id: Latin, Greek, Cyrillic, ..., CJK (kana, Han, Hangul)."""
    if code < 0x370:
        return 0
    if 0x3040 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return 0x30
    if 0xAC00 <= code <= 0xD7AF:
        return 0xAC
    if 0x400 <= code <= 0x52F:
        return 0x4
    return code >> 8


def _badness(text: str) -> int:
    """Signs of a wrong code page: symbols inside words, C1 controls, words
    mixing scripts, and many words made mostly of accented Latin letters."""
    bad = words = accented = 0
    prev = before = " "
    prev_symbol = False
    word_letters = word_high = 0
    word_scripts: set[int] = set()
    for char in text + " ":
        if char.isalpha():
            word_letters += 1
            code = ord(char)
            word_scripts.add(_script(code))
            if 127 < code < 0x250:
                word_high += 1
        else:
            if word_letters:
                words += 1
                if len(word_scripts) > 1:
                    bad += 4
                if word_letters >= 3 and word_high * 4 >= word_letters * 3:
                    accented += 1
            word_letters = word_high = 0
            word_scripts = set()
            code = ord(char)
            if 0x80 <= code < 0xA0:
                bad += 10
            elif char == "\ufffd":
                bad += 10
        if prev_symbol and char.isalpha() and before.isalpha():
            bad += 1  # a symbol inside a word: "Wroc³aw", "GdaÒsk"
        prev_symbol = ord(char) > 127 and not char.isalpha() and char not in _GLUE_OK
        before = prev
        prev = char
    # Words made mostly of accented Latin letters are normal now and then
    # (Polish "Żółć"); when they are common, it is Cyrillic read as cp1252.
    if accented * 3 > words:
        bad += accented
    return bad


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
_CHUNK_CHARS = 1 << 20


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, cut a megabyte at a time."""
    if _OTHER_BREAKS.search(text):
        for match in _LINE.finditer(text):
            yield match.group()
        return
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _CHUNK_CHARS)
        end = size if end < 0 else end + 1
        yield from text[start:end].splitlines(keepends=True)
        start = end


def iter_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """Every CSV record of ``text`` (CRLF, CR, LF and quoted newlines handled), streamed.

    Lines are cut from the text as they are read: an ``io.StringIO`` over a
    10 MB text would hold a second copy of it four bytes per character.
    """
    return csv.reader(_lines(text), delimiter=delimiter)


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

"""The single entry point for reading a contacts file.

``parse_file(path, format="auto", mapping_overrides=None) -> ParseResult``
``parse_bytes(data, name, format="auto", mapping_overrides=None) -> ParseResult``

* ``format``: ``"auto"`` (recognised from the content, never the file
  name), ``"linkedin"``, ``"google"``, ``"outlook"``, ``"vcard"`` or
  ``"generic"``.  A forced CSV format whose columns are all unknown to it is
  refused with :class:`ImportFileError`.
* ``encoding``: read the file in this encoding instead of recognising it (the
  user's choice among ``ParseResult.encoding_alternatives``).
* ``mapping_overrides``: ``{column: field}`` with fields from ``FIELDS``
  (``"ignore"`` drops a column, ``"extra"`` keeps it in ``record.extra``).
  Columns are matched exactly, else ignoring case, accents and punctuation.
  Unknown columns or fields raise ``ValueError`` (a caller's mistake, e.g. a
  mistyped ``--map``).  Ignored for vCard.
* Raises :class:`ImportFileError` for files refused whole: unreadable,
  empty, binary (a renamed .xlsx is named as such), undecodable.

``write_problems_csv(problems, header, path)`` writes the rows that were
not imported, with their raw cells under the original header plus a
``reason`` column (and ``row``, the row number in the original file), as
UTF-8 with BOM and formula-safe cells, so the user can fix and re-import.

Everything here is plain data and pure functions: no database, no Qt.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from . import archives, generic, google, linkedin, outlook, vcard
from . import headerless as headerless_mod
from .csv_export import write_csv
from .encodings import sample_line
from .formats import FORMATS, detect_csv_format, looks_like_vcard
from .generic import normalise_header
from .reading import (
    SIGNATURES,
    Progress,
    decode_file,
    find_header,
    iter_rows,
    sniff_delimiter,
)
from .records import ContactRecord, ImportFileError, ParseResult, RowProblem
from .row_engine import FIELDS, Options, build_records, iter_records

SAMPLE_COUNT = 3
# Records read before the rest is streamed: a preamble of up to 50 (see find_header),
# the header, and the 1,000 rows generic.guess_mapping sniffs values from.
_HEAD_ROWS = 1100
_LABELS = {"linkedin": "LinkedIn connections", "google": "Google Contacts",
           "outlook": "Outlook contacts", "vcard": "vCard", "generic": "spreadsheet"}
_MODULES = {"linkedin": linkedin, "google": google, "outlook": outlook}


def parse_file(path: str | os.PathLike[str], format: str = "auto",
               mapping_overrides: dict[str, str] | None = None,
               encoding: str | None = None,
               progress: Progress | None = None) -> ParseResult:
    """Read and parse a contacts file (see the module docstring); ``progress(done,
    total)`` follows the reading, in characters of the file's text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportFileError(path.name, "is a folder, not a file") from None
    except OSError as exc:
        raise ImportFileError(path.name, f"the file cannot be read ({exc.strerror})") from None
    name = path.name
    if archives.is_zip(data):  # a service's export as downloaded (LinkedIn, Google Takeout)
        member, data = archives.contacts_member(data, name)
        name = f"{member} in {name}"
    return parse_bytes(data, name, format, mapping_overrides, encoding, progress)


def parse_bytes(data: bytes, name: str, format: str = "auto",
                mapping_overrides: dict[str, str] | None = None,
                encoding: str | None = None,
                progress: Progress | None = None) -> ParseResult:
    """Parse a file's bytes; ``name`` is only used in messages.

    The cyclic garbage collector is paused meanwhile: a big file makes
    hundreds of thousands of lists and records (no cycles), which would
    otherwise trigger repeated full collections and double the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        result = _parse(data, name, format, mapping_overrides, encoding, progress)
    finally:
        if enabled:
            gc.enable()
    return result


def _parse(data: bytes, name: str, format: str, mapping_overrides: dict[str, str] | None,
           forced_encoding: str | None, progress: Progress | None = None) -> ParseResult:
    if format not in ("auto", *FORMATS):
        raise ValueError(f"unknown format {format!r}; use auto or {', '.join(FORMATS)}")
    decoded = decode_file(data, name, forced_encoding)
    result = _parse_text(decoded.text, name, format, mapping_overrides, decoded.encoding,
                         progress)
    result.encoding_alternatives = decoded.alternatives
    if decoded.alternatives:
        result.encoding_samples = {enc: sample_line(data, enc)
                                   for enc in [decoded.encoding, *decoded.alternatives]}
    return result


def _parse_text(text: str, name: str, format: str, mapping_overrides: dict[str, str] | None,
                encoding: str, progress: Progress | None = None) -> ParseResult:
    if format == "vcard" or (format == "auto" and looks_like_vcard(text)):
        if progress is not None:
            progress(0, len(text))
        result = vcard.read_vcards(text, name, encoding)
        if progress is not None:
            progress(len(text), len(text))
        return result
    delimiter = sniff_delimiter(text)
    table = _open_table(iter_rows(text, delimiter, progress), name, format, mapping_overrides,
                        encoding, delimiter)
    result = table.result
    build_records(table.rows, table.first_number, result.header, result.mapping,
                  table.options, result)
    if progress is not None:
        progress(len(text), len(text))
    if table.preamble:
        result.problems.sort(key=lambda p: p.row)
    return result


@dataclass
class _Table:
    """A CSV file past its header: what was learnt from its first rows, and its data rows."""

    result: ParseResult  # format, header, mapping, samples; records and problems to come
    rows: Iterator[list[str]]
    first_number: int  # the row number of the first data row
    options: Options
    preamble: bool  # rows before the header were reported


def _open_table(reader: Iterator[list[str]], name: str, format: str,
                mapping_overrides: dict[str, str] | None, encoding: str,
                delimiter: str) -> _Table:
    """Find the header, the format and the mapping from the first rows of ``reader``."""
    # The first records are enough to find the header, guess the mapping (the values
    # of the first 1,000 rows) and show samples; the rest are streamed to the engine.
    rows = list(islice(reader, _HEAD_ROWS))
    widths = Counter(len(r) for r in rows if len(r) > 1)
    width = widths.most_common(1)[0][0] if widths else 0
    rows = [_unwrapped(r, width, delimiter) for r in rows]
    reader = (_unwrapped(r, width, delimiter) for r in reader)
    header_index = _past_title_lines(rows, find_header(rows))
    if header_index >= len(rows):
        raise ImportFileError(name, "the file is empty")
    first = header_index
    cells = rows[header_index]
    fmt = detect_csv_format(cells) if format == "auto" else format
    headerless = fmt in ("generic", "linkedin") and headerless_mod.looks_like_data(cells)
    if headerless:
        # No header at all: the first row is data; the columns are named by a known
        # layout that fits the values, else "column N" (and guessed from the values).
        layout = headerless_mod.known_layout(rows, header_index)
        if layout is not None and format in ("auto", layout[0]):
            fmt, cells = layout
        else:
            cells = [f"column {i}" for i in range(1, len(cells) + 1)]
        header_index -= 1
    header = generic.unique_header(cells)
    if fmt in _MODULES:
        mapping = _MODULES[fmt].mapping_for(header)
        if format != "auto" and all(v in ("extra", "ignore") for v in mapping.values()):
            raise ImportFileError(name, f"the file does not look like a {_LABELS[fmt]} "
                                  f"export: none of its columns ({', '.join(header[:6])}) "
                                  "are known; try the generic format")
        options = _MODULES[fmt].OPTIONS
        _complete_mapping(header, mapping, rows, header_index)
    else:
        mapping = generic.guess_mapping(header, rows, header_index)
        if headerless:
            headerless_mod.sniff_names(header, mapping, rows, header_index)
        options = generic.Options(source="generic")
    if mapping_overrides:
        _apply_overrides(mapping, mapping_overrides)
    result = ParseResult(format=fmt, encoding=encoding, delimiter=delimiter, header=header,
                         mapping=mapping, samples=_samples(rows, header_index, header))
    problems, warnings = headerless_mod.preamble_problems(rows[:first])
    result.problems += problems
    result.warnings += warnings
    result.total_rows += len(problems)
    data = _unclosed_quotes(chain(rows[header_index + 1:], reader), header_index + 2,
                            len(header), delimiter, result)
    return _Table(result, data, header_index + 2, options, bool(problems))


# --- big files: read as a stream, in batches ------------------------------------------------

# Files from this size on are read as a stream (never whole in memory) when they are
# plain UTF-8 CSV; smaller ones, and every other kind, are read whole (parse_file).
STREAM_BYTES = 32 << 20
_PREFIX_BYTES = 1 << 20  # read first, to recognise the file and its delimiter
_BLOCK = 1 << 20


@dataclass
class Stream:
    """A file read batch by batch: ``result`` holds the format, header and mapping from
    the start; its problems, warnings and row count grow as ``batches`` are read, and
    its ``records`` stay empty. ``empty``: not one record (the first batch is read to
    know). ``fraction_read()`` says how much of a streamed file has been read (None
    when the file was read whole, as one batch)."""

    result: ParseResult
    batches: Iterator[list[ContactRecord]]
    empty: bool = False
    fraction_read: Callable[[], float] | None = None


def stream_file(path: str | os.PathLike[str], format: str = "auto",
                mapping_overrides: dict[str, str] | None = None,
                encoding: str | None = None, progress: Progress | None = None,
                batch_size: int = 100_000, stream_bytes: int = STREAM_BYTES) -> Stream:
    """:func:`parse_file`, in batches of ``batch_size`` records for a big UTF-8 CSV file
    (``stream_bytes`` or more), so that memory stays the same whatever its length.

    Anything else (a smaller file, vCard, another encoding, a forced one) is read whole
    by :func:`parse_file` and given as one batch: exactly what parse_file reads.
    """
    path = Path(path)
    text = None
    if encoding is None:
        try:
            if path.stat().st_size >= stream_bytes:
                text = _open_utf8_csv(path, format)
        except OSError:
            text = None  # parse_file names the problem
    if text is None:
        result = parse_file(path, format, mapping_overrides, encoding, progress)
        records, result.records = result.records, []
        return Stream(result, iter([records] if records else []), not records)
    handle, chosen, prefix = text
    try:
        delimiter = sniff_delimiter(prefix)
        size = path.stat().st_size
        table = _open_table(csv.reader(_file_lines(handle, size, progress), delimiter=delimiter),
                            path.name, format, mapping_overrides, chosen, delimiter)
    except BaseException:
        handle.close()
        raise

    def fraction_read() -> float:
        try:
            return handle.buffer.tell() / size
        except ValueError:  # closed: read to the end
            return 1.0

    batches = _batches(handle, table, batch_size, progress, size)
    first = next(batches, None)
    if first is None:
        return Stream(table.result, iter(()), True, fraction_read)
    return Stream(table.result, chain([first], batches), False, fraction_read)


def _open_utf8_csv(path: Path, format: str) -> tuple[io.TextIOWrapper, str, str] | None:
    """The file opened as text when it is UTF-8 (with or without a BOM) through and
    through and not a vCard, with its encoding's name and its first megabyte of text;
    else None."""
    with path.open("rb") as raw:
        head = raw.read(_PREFIX_BYTES)
        if any(head.startswith(magic) for magic, _ in SIGNATURES) or b"\x00" in head:
            return None
        bom = head.startswith(codecs.BOM_UTF8)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            prefix = decoder.decode(head[3:] if bom else head)
            while block := raw.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    if format == "vcard" or (format == "auto" and looks_like_vcard(prefix)):
        return None
    chosen = "utf-8-sig" if bom else "utf-8"
    return path.open(encoding=chosen, newline=""), chosen, prefix


def _file_lines(handle: io.TextIOWrapper, size: int, progress: Progress | None) -> Iterator[str]:
    """The file's lines (split at CR, LF and CRLF only, as the csv module expects),
    with ``progress(bytes read, size)`` every few thousand lines."""
    for number, line in enumerate(handle):
        if progress is not None and not number % 4096:
            progress(handle.buffer.tell(), size)
        yield line


def _batches(handle: io.TextIOWrapper, table: _Table, size: int, progress: Progress | None,
             total: int) -> Iterator[list[ContactRecord]]:
    result = table.result
    records = iter_records(table.rows, table.first_number, result.header, result.mapping,
                           table.options, result)
    with handle:
        while batch := list(islice(records, size)):
            yield batch
    if progress is not None:
        progress(total, total)
    result.problems.sort(key=lambda p: p.row)


_BY_NAME_OK = frozenset({"email", "phone", "linkedin_url", "organization", "title"})
_NAME_FIELDS = frozenset({"name", "first_name", "last_name"})


def _complete_mapping(header: list[str], mapping: dict[str, str], rows: list[list[str]],
                      header_index: int) -> None:
    """Columns a known format does not know (another program's file that resembles
    it, such as Roundcube's beside Outlook's) are named by their header as in any
    spreadsheet, then by their values: a column of emails or phones is emails or
    phones whatever the format."""
    taken = set(mapping.values())
    for index, col in enumerate(header):
        if mapping[col] != "extra":
            continue
        field_name = generic.guess_field(col)
        if field_name in _NAME_FIELDS and not taken & _NAME_FIELDS or \
                generic.normalise_header(col) == "name" and not taken & _NAME_FIELDS:
            # A format's file without its name columns but with one of its own ("Name"
            # in an Outlook-like file written by another program) is named by it.
            mapping[col] = field_name if field_name in _NAME_FIELDS else "name"
            taken.add(mapping[col])
            continue
        if field_name in _BY_NAME_OK and (field_name in ("email", "phone")
                                          or field_name not in taken):
            mapping[col] = field_name
            taken.add(field_name)
            continue
        sniffed = generic.sniff_values(generic.column_values(rows, header_index, index))
        if sniffed and (sniffed != "linkedin_url" or sniffed not in taken):
            mapping[col] = sniffed
            taken.add(sniffed)


_HUGE_CELL = 1 << 20


def _unwrapped(row: list[str], width: int, delimiter: str) -> list[str]:
    """A whole row that a spreadsheet saved as one quoted cell (``"Ann,Lee,,Acme,""CEO,
    CFO"",1 May 2021"``: Excel does this to rows it once held in one column) read as the
    row it holds, when that row is as wide as the file's others."""
    if len(row) != 1 or width < 3 or row[0].count(delimiter) < width - 1:
        return row
    for spaced in (False, True):  # '..., ""CEO, CFO"",...': a space before the quote
        cells = next(csv.reader([row[0]], delimiter=delimiter, skipinitialspace=spaced), row)
        if len(cells) == width:
            return cells
    return row


def _unclosed_quotes(rows: Iterable[list[str]], first_number: int, width: int, delimiter: str,
                     result: ParseResult) -> Iterator[list[str]]:
    """Rows, with the file a stray quote swallowed given back.

    A quote opened and never closed makes the csv module read every following line
    into one cell: a thousand people as one person's notes. A cell whose lines mostly
    look like rows of this file (as many delimiters as the header has columns) is cut
    at its first line; the rest is read again as rows, and the row is reported. A cell
    past a megabyte is reported too.
    """
    number = first_number - 1
    for row in rows:
        number += 1
        joined = "".join(row)
        if joined.count("\n") < 3 and len(joined) <= _HUGE_CELL:
            yield row  # the common case, checked in one pass over the row's text
            continue
        swallowed = next((i for i, cell in enumerate(row)
                          if cell.count("\n") >= 3 and _holds_rows(cell, delimiter, width)),
                         None)
        if swallowed is None:
            big = next((i for i, cell in enumerate(row) if len(cell) > _HUGE_CELL), None)
            if big is not None:
                result.warnings.append(RowProblem(
                    number, _column(result, big), f"one cell holds {len(row[big]) // 1024:,} KB "
                    "of text; check that it is not several rows run together", [
                        c[:200] for c in row]))
            yield row
            continue
        cell = row[swallowed]
        head, _, rest = cell.partition("\n")
        again = list(iter_rows(rest + "".join(f"{delimiter}{c}" for c in row[swallowed + 1:]),
                               delimiter))
        result.warnings.append(RowProblem(
            number, _column(result, swallowed), f"a quote opened in this row is never closed; "
            f"the {len(again):,} lines after it were read as rows of their own: check this "
            "row", row[:swallowed] + [head]))
        yield row[:swallowed] + [head]
        for extra in again:
            number += 1
            yield extra


def _column(result: ParseResult, index: int) -> str:
    return result.header[index] if index < len(result.header) else f"column {index + 1}"


def _holds_rows(cell: str, delimiter: str, width: int) -> bool:
    lines = cell.split("\n")[1:51]
    need = max(1, width - 1)
    return sum(1 for line in lines if line.count(delimiter) >= need) * 10 >= len(lines) * 6


def _past_title_lines(rows: list[list[str]], index: int) -> int:
    """The header past a title line that splits into a few cells (``Contacts; May, 2024``):
    a narrower row naming no known column, followed by a full-width row that does."""
    while index + 1 < len(rows):
        row = rows[index]
        following = [r for r in rows[index + 1:index + 30] if any(c.strip() for c in r)]
        if not following:
            break
        widths = Counter(len(r) for r in following)
        width = widths.most_common(1)[0][0]
        nxt = following[0]
        known = [c for c in nxt if generic.guess_field(c) != "extra"]
        if len(row) < width == len(nxt) and known and \
                all(generic.guess_field(c) == "extra" for c in row):
            index = rows.index(nxt, index + 1)
            continue
        break
    return index


def _apply_overrides(mapping: dict[str, str], overrides: dict[str, str]) -> None:
    by_key = {normalise_header(col): col for col in mapping}
    by_lower = {col.lower(): col for col in mapping}
    for column, field_name in overrides.items():
        if field_name not in FIELDS:
            raise ValueError(f"unknown field {field_name!r} for column {column!r}; "
                             f"fields are: {', '.join(FIELDS)}")
        target = (column if column in mapping else by_lower.get(column.lower())
                  or by_key.get(normalise_header(column)))
        if target is None:
            raise ValueError(f"no column named {column!r}; columns are: "
                             f"{', '.join(mapping)}")
        mapping[target] = field_name


def _samples(rows: list[list[str]], header_index: int, header: list[str]) -> dict[str, list[str]]:
    samples: dict[str, list[str]] = {col: [] for col in header}
    pending = len(header)
    for row in rows[header_index + 1:header_index + 501]:
        for col, value in zip(header, row, strict=False):
            bucket = samples[col]
            value = value.strip()
            if value and len(bucket) < SAMPLE_COUNT:
                bucket.append(value)
                if len(bucket) == SAMPLE_COUNT:
                    pending -= 1
        if not pending:
            break
    return samples


def write_problems_csv(problems: Iterable[RowProblem], header: list[str],
                       path: str | os.PathLike[str]) -> None:
    """Write rows that were not imported, with ``row`` and ``reason`` columns."""
    problems = list(problems)
    width = max([len(header), *(len(p.values) for p in problems)])
    full_header = list(header) + [f"column {i}" for i in range(len(header) + 1, width + 1)]
    rows = [list(p.values) + [""] * (width - len(p.values)) + [str(p.row), p.reason]
            for p in problems]
    write_csv(path, full_header + ["row", "reason"], rows)

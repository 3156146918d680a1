"""The row engine every CSV format uses: rows + a column mapping -> records.

``build_records`` turns rows into records from a mapping with precomputed
column-index lists, so the LinkedIn, Google and Outlook parsers are
configurations of it (their own mapping plus an ``Options``).  Rules:
single-valued fields take the first non-empty mapped column (other differing
values go to ``extra``); ``location`` joins its columns with ``", "`` and
``notes`` with newlines; ``email``/``phone`` columns may repeat and a cell may
hold several values; a row needs a name or a valid email.  A value our CSV
export made formula-safe (``'+49 ...``) loses its apostrophe.

Rows are consumed as an iterable (the reader streams them) and only rows
that become problems or warnings keep their raw cells.  Values that repeat
down a column (first names, companies, titles, places) are interned, so a
100,000-row file holds each once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .records import ContactRecord, ParseResult, RowProblem
from .values import (
    clean_email,
    clean_label,
    has_word,
    is_phone_like,
    label_from_column,
    parse_date,
    split_multi,
    split_name,
    split_phones,
    split_tags,
    unquote_formula,
    value_kind,
)

SINGLE_FIELDS = (
    "first_name", "middle_name", "last_name", "name", "organization", "title",
    "department", "industry", "linkedin_url", "how_met", "birthday", "connected_on",
)
JOIN_FIELDS = {"location": ", ", "notes": "\n"}
MULTI_FIELDS = ("email", "phone", "email_label", "phone_label", "tags", "website")
FIELDS = [*SINGLE_FIELDS, "location", "notes", *MULTI_FIELDS, "extra", "ignore"]


@dataclass(slots=True)
class Options:
    """How one format reads its cells (the engine's knobs)."""

    source: str
    split_values: Callable[[str], list[str]] = split_multi
    split_phones: Callable[[str], list[str]] = split_phones
    split_tags: Callable[[str], list[str]] = split_tags
    empty_values: frozenset[str] = frozenset()
    # Per-column filler values (lower-case column name -> values) left out of extra.
    defaults: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Plan:
    singles: list[tuple[str, list[int]]] = field(default_factory=list)
    joins: list[tuple[str, str, list[int]]] = field(default_factory=list)
    emails: list[tuple[int, int, str]] = field(default_factory=list)
    phones: list[tuple[int, int, str]] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    websites: list[int] = field(default_factory=list)
    extras: list[tuple[int, frozenset[str]]] = field(default_factory=list)


_VALUE_COL = re.compile(r"^(.*?)\s*(?:-\s*)?value$", re.IGNORECASE)
_LABEL_COL = re.compile(r"^(.*?)\s*(?:-\s*)?(?:label|type)$", re.IGNORECASE)


def _plan(header: list[str], mapping: dict[str, str], options: Options) -> _Plan:
    plan = _Plan()
    by_field: dict[str, list[int]] = {}
    for index, col in enumerate(header):
        by_field.setdefault(mapping.get(col, "extra"), []).append(index)
    plan.singles = [(f, by_field[f]) for f in SINGLE_FIELDS if f in by_field]
    plan.joins = [(f, sep, by_field[f]) for f, sep in JOIN_FIELDS.items() if f in by_field]
    unpaired: list[int] = []
    for kind, target in (("email", plan.emails), ("phone", plan.phones)):
        labels = {}
        for index in by_field.get(f"{kind}_label", []):
            match = _LABEL_COL.match(header[index])
            if match:
                labels[match.group(1).casefold()] = index
            else:
                unpaired.append(index)
        for index in by_field.get(kind, []):
            match = _VALUE_COL.match(header[index])
            label_index = labels.pop(match.group(1).casefold(), -1) if match else -1
            target.append((index, label_index, label_from_column(header[index])))
        unpaired.extend(labels.values())
    plan.tags = by_field.get("tags", [])
    plan.websites = by_field.get("website", [])
    none: frozenset[str] = frozenset()
    plan.extras = [(i, options.defaults.get(header[i].strip().lower(), none))
                   for i in sorted(by_field.get("extra", []) + unpaired)]
    return plan


# Fields whose values repeat down a column: held once each (sys.intern).
# (Not last names: most are unique in a real network, and interning costs time.)
# A name made only of punctuation (Google's "-" placeholder rows) is no name.
_NAMES = frozenset({"first_name", "middle_name", "last_name", "name"})
_SHARED = frozenset({"first_name", "organization", "title", "department", "industry",
                     "location"})


def _unquoted(cells: list[str]) -> list[str]:
    """The cells with the formula-safety apostrophe of our CSV export removed."""
    out = []
    for cell in cells:
        stripped = cell.strip()
        out.append(unquote_formula(stripped) if stripped[:1] == "'" else cell)
    return out


def _one_newline(cell: str) -> str:
    """A cell's line breaks as ``\n``: Outlook and Excel write CRLF inside a quoted
    cell (and old Mac programs a bare CR), which the csv module keeps as it is; stored
    as it came, a note would show a stray ``\r`` at every line's end."""
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def build_records(rows: Iterable[list[str]], first_number: int, header: list[str],
                  mapping: dict[str, str], options: Options, result: ParseResult) -> None:
    """Append a record, problem or warnings to ``result`` for each data row.

    ``rows`` are the CSV records after the header (any iterable: the reader
    streams them) and ``first_number`` the row number of the first, as a
    spreadsheet counts (see :mod:`.records`).  Blank rows are skipped.
    The caller (``parse.parse_bytes``) pauses the cyclic garbage collector.
    """
    result.records.extend(iter_records(rows, first_number, header, mapping, options, result))


def iter_records(rows: Iterable[list[str]], first_number: int, header: list[str],
                 mapping: dict[str, str], options: Options,
                 result: ParseResult) -> Iterator[ContactRecord]:
    """:func:`build_records` as a stream: yields the records; problems, warnings and the
    row count go to ``result`` as the rows are read."""
    plan = _plan(header, mapping, options)
    width = len(header)
    empty = options.empty_values
    split_values = options.split_values
    split_phone_cell = options.split_phones
    problems = result.problems
    warnings = result.warnings
    source = options.source
    total = 0
    intern = sys.intern
    one = [(name, indexes[0], name in _SHARED) for name, indexes in plan.singles
           if len(indexes) == 1]
    many = [(name, indexes) for name, indexes in plan.singles if len(indexes) > 1]
    for number, raw in enumerate(rows, first_number):
        if not raw:
            continue
        joined = "".join(raw)
        if not joined.strip():
            continue
        total += 1
        cells = _unquoted(raw) if "'" in joined else raw
        if "\r" in joined:
            cells = [_one_newline(cell) for cell in cells]
        extra: dict[str, str] = {}
        spilled_values: list[tuple[str, str]] = []
        if len(cells) != width:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            else:
                spilled, spilled_values = _spill(cells[width:], width, extra)
                cells = cells[:width]
                if spilled:
                    kept = ", ".join(f"{where} ({what})" if what else where
                                     for where, what in spilled)
                    warnings.append(RowProblem(
                        number, spilled[0][0], f"the row has {len(raw)} cells but the header "
                        f"has {width}; the extra cells are kept as {kept}", list(raw)))
        values: dict[str, str] = {}
        for name, i, shared in one:
            value = cells[i]
            if value:
                value = value.strip()
                if value and value not in empty and (value[0].isalnum() or name not in _NAMES
                                                     or has_word(value)):
                    values[name] = intern(value) if shared else value
        for name, indexes in many:
            for i in indexes:
                value = cells[i].strip()
                if value and value not in empty and (name not in _NAMES or has_word(value)):
                    if name not in values:
                        values[name] = intern(value) if name in _SHARED else value
                    elif values[name] != value:
                        extra[header[i]] = value
        for name, sep, indexes in plan.joins:
            parts = [v for v in (cells[i].strip() for i in indexes) if v and v not in empty]
            if parts:
                value = sep.join(dict.fromkeys(parts))
                values[name] = intern(value) if name in _SHARED else value
        emails: list[tuple[str, str]] = []
        for i, label_i, label in plan.emails:
            cell = cells[i]
            if not cell or not (cell := cell.strip()):
                continue
            if label_i >= 0 and cells[label_i].strip():
                label = clean_label(cells[label_i])
            for part in split_values(cell):
                address = clean_email(part)
                if address is None:
                    extra[header[i]] = cell
                    warnings.append(RowProblem(number, header[i],
                                               f"'{part}' is not a valid email address; "
                                               "kept in the extra fields", list(raw)))
                elif (label, address) not in emails:
                    emails.append((label, address))
        phones: list[tuple[str, str]] = []
        for i, label_i, label in plan.phones:
            cell = cells[i]
            if not cell or not (cell := cell.strip()):
                continue
            if label_i >= 0 and cells[label_i].strip():
                label = clean_label(cells[label_i])
            for part in split_phone_cell(cell):
                if not is_phone_like(part):
                    extra[header[i]] = cell  # a label or a word, not a number
                elif (label, part) not in phones:
                    phones.append((label, part))
        if spilled_values:
            for kind, value in spilled_values:
                if kind == "email" and ("", value) not in emails and not any(
                        a == value for _, a in emails):
                    emails.append(("", value))
                elif kind == "phone" and not any(p == value for _, p in phones):
                    phones.append(("", value))
                elif kind == "linkedin_url" and "linkedin_url" not in values:
                    values["linkedin_url"] = value
        tags: list[str] = []
        for i in plan.tags:
            cell = cells[i]
            if cell.strip():
                for tag in options.split_tags(cell):
                    if tag not in tags:
                        tags.append(intern(tag))
        for i in plan.websites:
            cell = cells[i].strip()
            if cell:
                others = []
                for part in split_values(cell) if ":::" in cell else [cell]:
                    if "linkedin.com/" in part.lower() and "linkedin_url" not in values:
                        values["linkedin_url"] = part
                    else:
                        others.append(part)
                if others:
                    extra[header[i]] = " ::: ".join(others)
        for i, defaults in plan.extras:
            value = cells[i]
            if value and (value := value.strip()) and value not in empty \
                    and value not in defaults:
                extra[header[i]] = value
        full = values.pop("name", "")
        if full and ("first_name" in values or "last_name" in values):
            joined = " ".join(values.get(k, "") for k in ("first_name", "middle_name",
                                                           "last_name") if values.get(k))
            if full != joined:
                extra[header[plan_index(plan, "name")]] = full
        elif full:
            first, middle, last, rest = split_name(full)
            first, last = intern(first), intern(last)
            values["first_name"] = first
            if middle and "middle_name" not in values:
                values["middle_name"] = middle
            values["last_name"] = last
            if rest:
                extra["name prefix/suffix"] = rest
        when = values.pop("connected_on", None)
        connected = None
        if when is not None:
            connected = parse_date(when)
            if connected is None:
                column = header[plan_index(plan, "connected_on")]
                extra[column] = when
                warnings.append(RowProblem(number, column, f"'{when}' is not a date this "
                                           "importer understands; kept in the extra fields",
                                           list(raw)))
        if not (emails or values.get("first_name") or values.get("last_name")
                or values.get("middle_name")):
            problems.append(RowProblem(number, None, _why_not(values, extra, when, raw),
                                       list(raw)))
            continue
        result.total_rows += total
        total = 0
        yield ContactRecord(**values, emails=emails, phones=phones, tags=tags,
                            connected_on=connected, source=source, row=number, extra=extra)
    result.total_rows += total


def _spill(cells: list[str], width: int, extra: dict[str, str],
           ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Cells past the header's last column: an email, a phone or a profile URL there is
    the person's (by its look: no header names it), a web address is their website;
    anything else is kept as ``column N``. Returns (where each went, for the warning) and
    the (kind, value) pairs the row takes as its own."""
    spilled: list[tuple[str, str]] = []
    taken: list[tuple[str, str]] = []
    for position, value in enumerate(cells, width + 1):
        if not (value := value.strip()):
            continue
        kind = value_kind(value)
        if kind == "email":
            value = clean_email(value) or value
        if kind in ("email", "phone", "linkedin_url"):
            taken.append((kind, value))
            spilled.append((f"column {position}", kind.replace("linkedin_url", "LinkedIn URL")))
        elif kind == "website":
            extra["Website"] = f"{extra['Website']} ::: {value}" if "Website" in extra else value
            spilled.append((f"column {position}", "website"))
        else:
            extra[f"column {position}"] = value
            spilled.append((f"column {position}", ""))
    return spilled, taken


def plan_index(plan: _Plan, name: str) -> int:
    """The first column index mapped to a single field (for messages)."""
    return next(indexes[0] for field_name, indexes in plan.singles if field_name == name)


def _why_not(values: dict[str, str], extra: dict[str, str], when: str | None,
             raw: list[str]) -> str:
    bad_email = next((v for k, v in extra.items() if "@" in v), None)
    if bad_email:
        return f"no name and no valid email address ('{bad_email}' is not one)"
    if when and not values and not extra:
        return ("no name, email or organization: only the connection date is filled "
                "(LinkedIn leaves such rows for people who hid or closed their profile)")
    if values.get("organization"):
        return f"no name or email, only the organization '{values['organization']}'"
    return "no name or email address"

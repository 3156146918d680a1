"""Any CSV/TSV: guess a column mapping from the header names and the values.

Each header is looked up by :func:`.synonyms.guess_field` (synonyms in
English, German, French and Spanish, then substring rules); then the
*values* of still-unmapped columns are sniffed (mostly email addresses ->
``email``, ``linkedin.com/in/`` URLs -> ``linkedin_url``, phone-like ->
``phone``).  ``Name``/``Nom``/``Nombre`` mean the surname when a first-name
column exists beside them (German "Vorname, Name"), else a full name that
is split (``name``); ``"Last, First"`` is understood.

The rows are then read by the shared row engine (:mod:`.row_engine`); its
names and the value helpers are re-exported here for older imports.
"""

from __future__ import annotations

from .row_engine import (
    FIELDS,
    JOIN_FIELDS,
    MULTI_FIELDS,
    SINGLE_FIELDS,
    Options,
    build_records,
    plan_index,
)
from .synonyms import NAME_OR_FIRST, NAME_OR_SURNAME, SYNONYMS, guess_field, normalise_header
from .values import (
    EMAIL_RE,
    PHONE_RE,
    clean_email,
    clean_label,
    label_from_column,
    parse_date,
    split_multi,
    split_name,
    split_tags,
    unquote_formula,
)

__all__ = [
    "EMAIL_RE", "FIELDS", "JOIN_FIELDS", "MULTI_FIELDS", "PHONE_RE", "SINGLE_FIELDS",
    "SYNONYMS", "Options", "build_records", "clean_email", "clean_label", "column_values",
    "guess_field", "guess_mapping", "label_from_column",
    "normalise_header", "parse_date", "plan_index", "sniff_values", "split_multi",
    "split_name", "split_tags", "unique_header", "unquote_formula",
]


def guess_mapping(header: list[str], rows: list[list[str]], start: int) -> dict[str, str]:
    """Map each column by its header, then sniff the values of unknown ones."""
    mapping = {col: guess_field(col) for col in header}
    keys = {col: normalise_header(col) for col in header}
    fields = set(mapping.values())
    for col in header:
        if keys[col] in NAME_OR_SURNAME:
            surname = "first_name" in fields and "last_name" not in fields
            mapping[col] = "last_name" if surname else "name"
        elif keys[col] in NAME_OR_FIRST:
            mapping[col] = "first_name" if "last_name" in fields else "name"
    if {"name", "first_name", "last_name"} <= set(mapping.values()):
        # "Name" beside first *and* last name is a display name: keep it as extra.
        for col, name in mapping.items():
            if name == "name":
                mapping[col] = "extra"
    for index, col in enumerate(header):
        if mapping[col] == "extra":
            sniffed = sniff_values(column_values(rows, start, index))
            if sniffed:
                mapping[col] = sniffed
    return mapping


def sniff_values(values: list[str]) -> str | None:
    """``email``/``linkedin_url``/``phone`` if >= 80 % of the values look like it."""
    if not values:
        return None
    need = max(1, int(len(values) * 0.8 + 0.999))
    lowered = [v.lower() for v in values]
    if sum("linkedin.com/in/" in v or "linkedin.com/pub/" in v for v in lowered) >= need:
        return "linkedin_url"
    if sum(EMAIL_RE.fullmatch(v) is not None for v in values) >= need:
        return "email"
    if sum(PHONE_RE.fullmatch(v) is not None and sum(c.isdigit() for c in v) >= 6
           and parse_date(v) is None for v in values) >= need:  # a date is no phone
        return "phone"
    return None


def column_values(rows: list[list[str]], start: int, index: int, limit: int = 50,
                  scan: int = 1000) -> list[str]:
    """The first ``limit`` non-empty values of a column (stripped)."""
    out: list[str] = []
    for row in rows[start + 1:start + 1 + scan]:
        if index < len(row):
            value = row[index].strip()
            if value:
                out.append(value)
                if len(out) >= limit:
                    break
    return out


def unique_header(cells: list[str]) -> list[str]:
    """Header names made unique and non-empty (``"column N"``, ``"Email (2)"``)."""
    seen: dict[str, int] = {}
    out = []
    for number, cell in enumerate(cells, 1):
        name = cell.strip() or f"column {number}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out

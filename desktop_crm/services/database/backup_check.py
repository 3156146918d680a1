"""Checking a JSON backup completely before it replaces anything.

A backup is refused unless it carries every table of its schema version
(``"tables": {}`` once emptied the database), and every value fits its
column: the declared type, a timestamp the app can read and show, a tier,
status, strength or other choice the app knows, a time zone that exists,
and a foreign key that points at a row of the backup. A wrong value would
otherwise restore "successfully" and break the views that read it. The
first problems are reported with table, row and column; nothing is changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ... import domain
from ...store.dump import TableShape, schema_at
from ..meetings.local_time import EARLIEST, LATEST

_SHOWN = 5
# The choices a column may hold (the domain's words, as stored).
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("contact", "tier"): domain.TIERS,
    ("contact", "status"): domain.STATUSES,
    ("relationship", "kind"): domain.RELATIONSHIP_KINDS,
    ("relationship", "strength"): domain.STRENGTHS,
    ("meeting", "kind"): domain.MEETING_KINDS,
    ("meeting", "status"): domain.MEETING_STATUSES,
    ("introduction", "status"): domain.INTRODUCTION_STATUSES,
    ("outreach_attempt", "channel"): domain.OUTREACH_CHANNELS,
    ("question", "category"): domain.QUESTION_CATEGORIES,
    ("meeting_question", "agreement"): domain.AGREEMENTS,
}
# Stored timestamps are naive UTC text in one of peewee's formats.
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def parse_stored_time(value: str) -> dt.datetime | None:
    for fmt in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def _zone_ok(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _value_problem(table: str, column: str, kind: str, value: Any) -> str | None:
    """What is wrong with ``value`` in ``table.column`` (not null), or None."""
    if kind == "INTEGER":
        if not isinstance(value, int):
            return f"should be a whole number, not {value!r:.40}"
        if not -(2**63) <= value < 2**63:
            return "is a number too large to store"
    elif kind == "DATETIME":
        when = parse_stored_time(value) if isinstance(value, str) else None
        if when is None:
            return f"should be a time like 2026-01-31 09:30:00, not {value!r:.40}"
        if not EARLIEST <= when <= LATEST:
            return f"{value} is outside the years {EARLIEST.year}-{LATEST.year}"
    elif kind in ("TEXT", "") and not isinstance(value, str):
        return f"should be text, not {value!r:.40}"
    elif kind == "REAL" and not isinstance(value, (int, float)):
        return f"should be a number, not {value!r:.40}"
    allowed = CHOICES.get((table, column))
    if allowed and value not in allowed:
        return f"'{value:.40}' is not one of: {', '.join(allowed)}"
    if (table, column) == ("meeting", "tz") and not _zone_ok(value):
        return f"'{value:.40}' is not a time zone"
    return None


def _row_problems(table: str, index: int, row: dict[str, Any], shape: TableShape,
                  known: set[str]) -> list[str]:
    where = f"table '{table}' row {index + 1}"
    problems = []
    unknown = set(row) - known
    if unknown:
        problems.append(f"{where} has unknown column(s) {sorted(unknown)}")
    for name, column in shape.columns.items():
        if name not in row:
            if column.required and not column.has_default:
                problems.append(f"{where} column '{name}' is missing")
            continue
        value = row[name]
        if value is None:
            if column.required:
                problems.append(f"{where} column '{name}' is empty but required")
            continue
        wrong = _value_problem(table, name, column.type, value)
        if wrong:
            problems.append(f"{where} column '{name}' {wrong}")
    return problems


def backup_problems(tables: dict[str, Any], schema: int, known: dict[str, set[str]]) -> list[str]:
    """Every problem found (the caller shows the first few); ``known`` maps the
    current schema's tables to their columns."""
    shapes = schema_at(schema)
    problems = [f"table '{t}' is missing (a backup of schema {schema} has every table)"
                for t in shapes if t not in tables]
    problems += [f"unknown table '{t}'" for t in tables if t not in known]
    if problems:
        return problems
    ids: dict[str, set[Any]] = {}
    for table, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            problems.append(f"table '{table}' must be a list of objects")
            continue
        shape = shapes.get(table) or schema_at(max(schema, 1)).get(table)
        if shape is None:
            continue
        seen: set[Any] = set()
        for index, row in enumerate(rows):
            problems += _row_problems(table, index, row, shape, known[table])
            if "id" in row:
                if row["id"] in seen:
                    problems.append(f"table '{table}' row {index + 1} repeats id {row['id']!r:.20}")
                seen.add(row["id"])
            if len(problems) > _SHOWN:
                return problems
        ids[table] = seen
    for table, rows in tables.items():
        shape = shapes.get(table)
        if shape is None or not isinstance(rows, list):
            continue
        for column, parent in shape.foreign_keys.items():
            for index, row in enumerate(rows):
                value = row.get(column) if isinstance(row, dict) else None
                if value is not None and value not in ids.get(parent, set()):
                    problems.append(
                        f"table '{table}' row {index + 1} column '{column}' points at "
                        f"{parent} {value!r:.20}, which the backup does not hold")
                    if len(problems) > _SHOWN:
                        return problems
    return problems


def summarise(problems: list[str]) -> str:
    shown = "; ".join(problems[:_SHOWN])
    more = f" (and {len(problems) - _SHOWN} more)" if len(problems) > _SHOWN else ""
    return f"{shown}{more}"

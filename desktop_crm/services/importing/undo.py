"""Undoing an import, and the list of past imports.

Undo touches exactly what the batch wrote (its change log, see
:mod:`desktop_crm.store.import_log`), in one transaction:

* a field the batch changed goes back to its old value while it still holds
  the value the batch wrote; a field edited since is kept and listed ("kept
  your later edit");
* a row the batch created is deleted while it is still as the batch wrote
  it and nothing else points at it; otherwise it is kept and listed (a
  person edited since, an organization or tag a hand-typed contact uses).

It refuses (saying why) while a later import changed the same rows (undo
that first), and while people the import created have since gained
meetings, outreach or relationships: ``force=True`` then undoes the rest and
keeps those people with their work.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...store import bulk as store_bulk
from ...store import import_log as log
from ...store import import_queries as q
from ...store.database import db
from ...store.models import utcnow
from ..database.backups import before
from ..errors import NotFoundError, ServiceError
from ..validation import sort_name


@dataclass
class ImportBatchView:
    id: int
    created_at: str
    source: str
    format: str
    counts: dict[str, Any]
    undone_at: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": self.created_at, "source": self.source,
                "format": self.format, "counts": self.counts, "undone_at": self.undone_at}


def _view(row: tuple[Any, ...]) -> ImportBatchView:
    try:
        summary = json.loads(row[4] or "{}")
    except json.JSONDecodeError:
        summary = {}
    counts = summary.get("counts", summary) if isinstance(summary, dict) else {}
    return ImportBatchView(row[0], str(row[1]), row[2], row[3], counts,
                           str(row[5]) if row[5] else None)


def list_imports() -> list[ImportBatchView]:
    """Past imports, newest first."""
    return [_view(row) for row in q.list_batches()]


def get_import(batch_id: int) -> ImportBatchView:
    row = q.get_batch(batch_id)
    if row is None:
        raise NotFoundError(f"no import with id {batch_id} ('import --list' shows them)")
    return _view(row)


# What a person calls the rows that point at something the import created.
_USED_BY = {
    "meeting": "meetings", "outreach_attempt": "outreach attempts",
    "relationship": "relationships", "introduction": "introductions", "action": "actions",
    "contact": "contacts", "contact_email": "emails added since",
    "contact_phone": "phones added since", "contact_tag": "tags added since",
    "contact_history": "history entries", "reminder_snooze": "reminders",
}
_QUIET_FIELDS = frozenset({"updated_at", "sort_name"})
_NEVER = object()  # a "new" value nothing equals: the field is known edited since


@dataclass
class UndoReport:
    """What undoing an import did: rows removed or restored per table, and what it kept."""

    batch_id: int
    counts: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    def get(self, key: str, default: int = 0) -> int:
        return self.counts.get(key, default)

    def __getitem__(self, key: str) -> int:
        return self.counts[key]

    def summary(self) -> str:
        removed = self.get("contact")
        restored = self.get("contact restored")
        text = (f"Undid import {self.batch_id}: removed {removed} new contact(s), "
                f"restored {restored} changed contact(s).")
        if self.kept:
            text += f" Kept {len(self.kept)} thing(s) changed or used since the import."
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"undone": self.batch_id, "rows": self.counts, "kept": self.kept}


@before("undo")  # an automatic backup first
def undo_import(batch_id: int, force: bool = False) -> UndoReport:
    """Take back exactly what import ``batch_id`` wrote; keep and list later work."""
    report = UndoReport(batch_id)
    with db.atomic():
        batch = get_import(batch_id)
        if batch.undone_at:
            raise ServiceError(f"import {batch_id} was already undone on {batch.undone_at}")
        entries = log.entries_of(batch_id)
        later = _later_batches_touching(batch_id, entries)
        if later:
            raise ServiceError(
                f"import {batch_id} cannot be undone while later import(s) "
                f"{', '.join(map(str, later))} changed the same people; undo those first"
            )
        _read_legacy(entries, batch_id, batch.created_at)
        store_bulk.pause_fts()
        reindex = _restore_fields(entries, report)
        used = _delete_created(entries, report, reindex)
        if used and not force:
            listed = ", ".join(f"{n} {_USED_BY.get(t, t)}" for t, n in used.items())
            raise ServiceError(
                f"import {batch_id} created people who now have {listed}; undoing would "
                "touch that work, so those people are kept with it and the rest is undone. "
                "Use --force (or confirm in the app) to undo anyway")
        store_bulk.index_contacts_fts(0, -1, sorted(reindex))
        q.mark_undone(batch_id, str(utcnow()))
    return report


def _later_batches_touching(batch_id: int, mine: log.Entries) -> list[int]:
    """Later, not undone batches that changed a row this batch created or changed.

    Rows a later batch *created* never count: if one has an id this batch
    also used, this batch's row was deleted before (the id was free again).
    """
    touched = mine.touched()
    if not touched:
        return []
    return [later for later in log.later_batches(batch_id)
            if log.entries_of(later).changed_rows() & touched]


def _same(a: Any, b: Any) -> bool:
    if a is _NEVER or b is _NEVER:
        return False
    return a == b or (a is not None and b is not None and str(a) == str(b))


def _field_label(name: str) -> str:
    from .plan import FIELD_LABELS

    return FIELD_LABELS.get(name.removesuffix("_id"), name.replace("_", " "))


def _restore_fields(entries: log.Entries, report: UndoReport) -> set[int]:
    """Write back every changed field still as the batch left it; return contacts touched."""
    reindex: set[int] = set()
    for table, rows in entries.changed.items():
        known = set(log.columns_of(table))
        names = sorted({f for fields in rows.values() for f in fields if f in known})
        if not names:
            continue
        current = log.current_rows(table, list(rows), names)
        writes: dict[str, list[tuple[Any, int]]] = {}
        kept: dict[int, list[str]] = {}
        restored: set[int] = set()
        for row_id, fields in rows.items():
            now = current.get(row_id)
            if now is None:
                continue  # the row is gone: nothing to put back
            values = dict(zip(names, now, strict=True))
            for name, (old, new) in fields.items():
                if name not in values or _same(values[name], old):
                    continue
                if _same(values[name], new):
                    writes.setdefault(name, []).append((old, row_id))
                    if name not in _QUIET_FIELDS:
                        restored.add(row_id)
                elif name not in _QUIET_FIELDS:
                    kept.setdefault(row_id, []).append(_field_label(name))
        for name, values in writes.items():
            log.set_values(table, name, values)
        if table == "contact":
            _fix_sort_names([i for i in restored if {"first_name", "last_name"} & set(rows[i])])
            reindex |= restored | set(kept)
        if restored:
            report.counts[f"{table} restored"] = len(restored)
        labels = log.labels(table, list(kept))
        report.kept += [f"{labels[i]}: kept your later edit of {', '.join(fields)}"
                        for i, fields in kept.items()]
    return reindex


def _fix_sort_names(ids: Sequence[int]) -> None:
    rows = log.current_rows("contact", ids, ["first_name", "last_name"])
    log.set_values("contact", "sort_name", [(sort_name(f, la), i) for i, (f, la) in rows.items()])


def _delete_created(entries: log.Entries, report: UndoReport, reindex: set[int]) -> dict[str, int]:
    """Delete the created rows still as written and used by nothing else, children
    first, and list the rest. A person kept (edited since, or used by later work)
    keeps the emails, phones, tags and ties the import gave them. Returns what
    uses the people kept for later work, per table."""
    as_written: dict[str, list[int]] = {}
    changed: dict[str, list[int]] = {}
    for (table, _), created in entries.created.items():
        known = set(log.columns_of(table))
        columns = [c for c in created.columns or () if c in known]
        current = log.current_rows(table, list(created.sums), columns)
        for row_id, expected in created.sums.items():
            now = current.get(row_id)
            if now is None:
                continue  # deleted since (an emptied trash): nothing to do
            same = expected is None or log.fingerprint(now, created.kind) == expected
            (as_written if same else changed).setdefault(table, []).append(row_id)
            if "contact_id" in columns:
                reindex.add(now[columns.index("contact_id")])
    ours = {(t, i) for t, ids in as_written.items() for i in ids}
    used_people: dict[str, int] = {}
    kept_people = set(changed.get("contact", []))
    later_work: dict[int, set[tuple[str, int]]] = {}
    for person, rows in log.referrers("contact", as_written.get("contact", [])).items():
        later = {(t, i) for t, i in rows if (t, i) not in ours}
        if later:
            kept_people.add(person)
            later_work[person] = later
            for child, _ in later:
                used_people[child] = used_people.get(child, 0) + 1
    names = log.labels("contact", list(later_work))
    report.kept += [f"{names[i]}: still used by {_uses(rows)}; kept"
                    for i, rows in later_work.items()]
    for table in log.delete_order(set(as_written) | set(changed)):
        doomed = [i for i in as_written.get(table, []) if not (table == "contact"
                                                             and i in kept_people)]
        owners = log.pointers(table, "contact") if table != "contact" else []
        if owners and kept_people:
            held = log.current_rows(table, doomed, owners)
            doomed = [i for i in doomed if not kept_people & set(held[i])]
        used = log.referrers(table, doomed)
        doomed = [i for i in doomed if i not in used]
        log.delete_rows(table, doomed)
        if doomed:
            report.counts[table] = report.counts.get(table, 0) + len(doomed)
        if table == "contact":
            reindex.update(doomed)
        edited = changed.get(table, [])
        names = log.labels(table, edited + list(used))
        report.kept += [f"{names[i]}: changed since the import; kept" for i in edited]
        report.kept += [f"{names[i]}: still used by {_uses(rows)}; kept"
                        for i, rows in used.items()]
    return used_people


def _uses(rows: set[tuple[str, int]]) -> str:
    per: dict[str, int] = {}
    for table, _ in rows:
        per[table] = per.get(table, 0) + 1
    return ", ".join(f"{n} {_USED_BY.get(t, t)}" for t, n in per.items())


def _read_legacy(entries: log.Entries, batch_id: int, created_at: str) -> None:
    """Turn a batch logged by older versions (id ranges, whole old rows) into created
    rows and changed fields, keeping what the log cannot vouch for.

    Of an id range only rows that look written by the batch count: created at its
    time (or history naming it), or children of its people. A whole old row gives
    back only the columns an import writes, and never one the contact's history
    shows edited since.
    """
    from ...store.import_queries import CONTACT_UPDATE_COLUMNS

    people: set[int] = set()
    for table, rows in entries.legacy_updates.items():
        ids = [r["id"] for r in rows]
        edited = log.edited_since(table, ids, created_at)
        allowed = [c for c in CONTACT_UPDATE_COLUMNS if c not in _QUIET_FIELDS] \
            if table == "contact" else [c for c in rows[0] if c != "id"]
        current = log.current_rows(table, ids, allowed)
        changed = entries.changed.setdefault(table, {})
        for row in rows:
            now = current.get(row["id"])
            if now is None:
                continue
            fields = changed.setdefault(row["id"], {})
            for name, value in zip(allowed, now, strict=True):
                if name in row and not _same(value, row[name]):
                    new = _NEVER if (row["id"], name) in edited else value
                    fields[name] = (row[name], new)
        if table == "contact":
            people.update(ids)
    entries.legacy_updates.clear()
    legacy = {t: c for (t, cols), c in entries.created.items() if cols is None}
    for table in sorted(legacy, key=lambda t: t != "contact"):
        created = legacy[table]
        del entries.created[(table, None)]
        columns = log.fingerprint_columns(table)
        ids = sorted(created.sums)
        mine = log.rows_created_at(table, ids, created_at, batch_id)
        if "contact_id" in columns and not ({"created_at", "batch_id"} & set(columns)):
            owners = log.current_rows(table, ids, ["contact_id"])
            mine = {i for i in mine if owners.get(i, (None,))[0] in people}
        current = log.current_rows(table, sorted(mine), columns)
        if table == "contact":
            people.update(current)
        target = entries.created.setdefault((table, tuple(columns)), log.Created(columns))
        target.sums.update({i: log.fingerprint(v, target.kind) for i, v in current.items()})

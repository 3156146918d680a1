"""Undoing an import, and the list of past imports.

Undo restores every row the batch changed to its recorded old values and
deletes every row it created, in one transaction, so the database is as it
was before the import, overwritten fields included. It refuses (saying why)
when that would lose later work: a later import changed the same rows, or
people the import created have since gained meetings, outreach or
relationships (``force=True`` undoes anyway).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ...store import bulk as store_bulk
from ...store import import_queries as q
from ...store.database import db
from ...store.models import utcnow
from ..errors import NotFoundError, ServiceError


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


def undo_import(batch_id: int, force: bool = False) -> dict[str, int]:
    """Put the database back as it was before import ``batch_id``; return rows undone per table."""
    with db.atomic():
        batch = get_import(batch_id)
        if batch.undone_at:
            raise ServiceError(f"import {batch_id} was already undone on {batch.undone_at}")
        later = q.later_batches_touching(batch_id)
        if later:
            raise ServiceError(
                f"import {batch_id} cannot be undone while later import(s) "
                f"{', '.join(map(str, later))} changed the same people; undo those first"
            )
        created: dict[str, list[int]] = {}  # single ids (batches before id ranges)
        spans: dict[str, list[tuple[int, int]]] = {}  # (first, last) id ranges
        updated: dict[str, list[dict[str, Any]]] = {}
        for table, row_id, action, old_values in q.changes_of(batch_id):
            if action == "create":
                created.setdefault(table, []).append(row_id)
            elif action == "create_range":
                spans.setdefault(table, []).append((row_id, q.range_last(old_values)))
            else:
                updated.setdefault(table, []).append(json.loads(old_values))
        if not force:
            contacts = list(created.get("contact", []))
            for first, last in spans.get("contact", []):
                contacts.extend(range(first, last + 1))
            _refuse_if_used(batch_id, contacts)
        store_bulk.pause_fts()
        for table, rows in updated.items():
            q.restore_rows(table, rows)
        for table in q.UNDO_DELETE_ORDER:
            q.delete_rows(table, created.get(table, []))
            for first, last in spans.get(table, []):
                q.delete_range(table, first, last)
        changed = [r["id"] for r in updated.get("contact", [])]
        store_bulk.index_contacts_fts(0, -1, changed)
        q.mark_undone(batch_id, str(utcnow()))
    counts = {t: len(ids) for t, ids in created.items()}
    for table, ranges in spans.items():
        counts[table] = counts.get(table, 0) + sum(last - first + 1 for first, last in ranges)
    for table, rows in updated.items():
        counts[f"{table} restored"] = len(rows)
    return counts


def _refuse_if_used(batch_id: int, contact_ids: list[int]) -> None:
    used = q.dependents_of_contacts(contact_ids, batch_id)
    if used:
        listed = ", ".join(f"{n} {what}" for what, n in used.items())
        raise ServiceError(
            f"import {batch_id} created people who now have {listed}; undoing would delete "
            f"those too. Use --force (or confirm in the app) to undo anyway"
        )

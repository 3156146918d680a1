"""Property: an undo changes nothing but what its import wrote, whatever happened since.

Random interleavings of imports, hand adds, edits, ties, trash, empty trash
and undos. What an import wrote is found by comparing the database before
and after it (not from its own log). After each undo, every row and field
the import did not write is as it was; a row undo removed was one the import
created and still held exactly as written; a field undo changed is one the
import changed, put back from the value it wrote to the value it found. An
undo with nothing done in between gives back the database as it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop_crm.io.records import ContactRecord, ParseResult
from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact, update_contact
from desktop_crm.services.contacts.trash import empty_trash, trash_contacts
from desktop_crm.services.database.backup import export_backup
from desktop_crm.services.errors import ServiceError
from desktop_crm.services.network.relationships import add_relationship
from desktop_crm.store.database import db, on_server
from desktop_crm.store.dump import replace_all
from desktop_crm.store.models import Contact

# Columns that move without anyone editing the row's content.
DERIVED = {"updated_at", "sort_name", "org_sort", "last_contact_at", "next_meeting_at", "version"}
Rows = dict[tuple[str, int], dict[str, Any]]

_names = st.sampled_from(["Ann", "Bob", "Zoë", "Al", "陈"])
_orgs = st.sampled_from(["", "Acme", "Globex", "Initech"])
_emails = st.lists(st.sampled_from(["a@x.io", "b@y.org", "c@acme.com", "d@gmail.com"]),
                   max_size=2)
_tags = st.lists(st.sampled_from(["Friends", "Alumni", "Mentors"]), max_size=2)


@st.composite
def _records(draw: st.DrawFn) -> list[ContactRecord]:
    out = []
    for row in range(2, 2 + draw(st.integers(1, 4))):
        out.append(ContactRecord(
            first_name=draw(_names), last_name=draw(st.sampled_from(["Lee", "Ray", ""])),
            organization=draw(_orgs), title=draw(st.sampled_from(["", "CTO", "Engineer"])),
            notes=draw(st.sampled_from(["", "from a file"])),
            emails=[("", e) for e in draw(_emails)], tags=draw(_tags),
            source="google", row=row))
    return out


_KINDS = ("import", "import", "undo", "undo", "add", "edit", "edit", "tie", "trash", "empty")
_ARGS = {
    "import": _records(),
    "add": st.tuples(_names, _orgs, _tags, _emails),
    "edit": st.tuples(st.integers(0, 20), st.sampled_from(
        ["notes", "tier", "title", "emails", "organization", "tags"])),
    "tie": st.tuples(st.integers(0, 20), st.integers(0, 20)),
    "trash": st.integers(0, 20),
    "empty": st.none(),
    "undo": st.tuples(st.integers(0, 5), st.booleans()),
}


@st.composite
def _ops(draw: st.DrawFn) -> list[tuple[str, Any]]:
    """An import first, then a random mix weighted towards imports and undos."""
    kinds = ["import", *draw(st.lists(st.sampled_from(_KINDS), min_size=2, max_size=12))]
    return [(kind, draw(_ARGS[kind])) for kind in kinds]


def _rows() -> Rows:
    rows: Rows = {}
    for table, items in export_backup()["tables"].items():
        if table in ("import_batch", "import_change"):
            continue
        for item in items:
            if "id" in item:
                rows[(table, item["id"])] = item
    return rows


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in DERIVED and k != "deleted_at"}


def _written(before: Rows, after: Rows) -> tuple[Rows, dict[tuple[str, int, str], tuple]]:
    """Rows the import created, and fields it changed (old, new), from two snapshots."""
    created = {key: row for key, row in after.items() if key not in before}
    changed = {(*key, col): (before[key][col], value)
               for key, row in after.items() if key in before
               for col, value in row.items() if before[key][col] != value}
    return created, changed


def _check_undo(before: Rows, after: Rows, created: Rows,
                changed: dict[tuple[str, int, str], tuple]) -> None:
    assert not set(after) - set(before), "undo added rows"
    for key, row in before.items():
        if key not in after:
            assert key in created, f"undo deleted {key}, which the import did not create"
            assert _content(row) == _content(created[key]), f"undo deleted {key}, edited since"
            continue
        for col, value in row.items():
            if col in DERIVED or after[key][col] == value:
                continue
            old_new = changed.get((*key, col))
            assert old_new is not None, f"undo changed {key}.{col}, which the import did not"
            assert (value, after[key][col]) == (old_new[1], old_new[0]), (key, col)


def _search_index() -> list[tuple]:
    if on_server():  # a server's index is one tsvector per contact, kept by its triggers
        return db.execute_sql("SELECT contact_id FROM contact_search ORDER BY 1").fetchall()
    return db.execute_sql("SELECT rowid, name, organization, title, emails, notes "
                          "FROM contact_fts ORDER BY rowid").fetchall()


def _expected_index() -> list[tuple]:
    if on_server():
        return db.execute_sql("SELECT id FROM contact ORDER BY 1").fetchall()
    return db.execute_sql(
        "SELECT c.id, c.first_name || ' ' || c.last_name, coalesce(o.name, ''), c.title, "
        "coalesce((SELECT group_concat(e.email, ' ') FROM contact_email e "
        "WHERE e.contact_id = c.id), ''), c.notes FROM contact c "
        "LEFT JOIN organization o ON o.id = c.organization_id ORDER BY c.id").fetchall()


def _parsed(records: list[ContactRecord]) -> ParseResult:
    return ParseResult(format="generic", encoding="utf-8", delimiter=",", header=["x"],
                       records=records, total_rows=len(records))


_EMPTY: dict = {}


def _reset() -> None:
    if not _EMPTY:
        _EMPTY.update(export_backup()["tables"])
    with db.atomic():
        replace_all(_EMPTY)


def _live(index: int) -> int | None:
    ids = [c.id for c in Contact.select().where(Contact.deleted_at.is_null()).order_by(Contact.id)]
    return ids[index % len(ids)] if ids else None


def _edit(contact_id: int, what: str, step: int) -> None:
    value: Any = {"notes": f"typed {step}", "tier": "target", "title": f"Title {step}",
                  "emails": [f"mine{step}@hand.io"], "organization": "Initech",
                  "tags": ["Mentors", f"T{step}"]}[what]
    update_contact(contact_id, {what: value})


@settings(max_examples=int(os.environ.get("UNDO_EXAMPLES", "120")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=_ops())
def test_undo_changes_only_what_its_import_wrote(db_path: Path, ops: list) -> None:
    _reset()
    batches: list[tuple[int, Rows, Rows, dict, int]] = []  # id, before, created, changed, step
    last_write = 0
    for step, (op, arg) in enumerate(ops, start=1):
        if op == "import":
            before = _rows()
            batch = importing.import_parsed(_parsed(arg), "file.csv").batch_id
            created, changed = _written(before, _rows())
            batches.append((batch, before, created, changed, step))
        elif op == "add":
            first, org, tags, emails = arg
            create_contact({"first_name": first, "last_name": f"Hand{step}", "organization": org,
                            "tags": tags, "emails": emails, "notes": f"typed {step}"})
        elif op == "edit" and _live(arg[0]):
            _edit(_live(arg[0]), arg[1], step)  # type: ignore[arg-type]
        elif op == "tie" and _live(arg[0]) and _live(arg[0]) != _live(arg[1]):
            add_relationship(_live(arg[0]), _live(arg[1]), kind="friend")
        elif op == "trash" and _live(arg):
            trash_contacts([_live(arg)])  # type: ignore[list-item]
        elif op == "empty":
            empty_trash()
        elif op == "undo" and batches:
            batch, before_import, created, changed, made = batches.pop(arg[0] % len(batches))
            before = _rows()
            try:
                importing.undo_import(batch, force=arg[1])
            except ServiceError:
                event("undo refused")
                assert _rows() == before, "a refused undo changed something"
                batches.append((batch, before_import, created, changed, made))
                continue
            _check_undo(before, _rows(), created, changed)
            assert _search_index() == _expected_index()
            event("undo done")
            if last_write == made and not any(b[4] > made for b in batches):
                # Nothing happened since that import: the database is as it was before it.
                assert {k: _content(v) for k, v in _rows().items()} == \
                    {k: _content(v) for k, v in before_import.items()}
                event("undo with nothing since: exact")
        else:
            continue
        last_write = step

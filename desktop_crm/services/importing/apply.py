"""Writing a plan: one ImportBatch, one transaction, every change recorded for undo.

Rows are built as plain tuples with ids allocated up front, then written with
``executemany`` while the full-text triggers are paused (the new and changed
contacts are indexed in set statements at the end). Each created row is an
ImportChange ``create``; each contact changed is an ImportChange ``update``
holding the whole old row, so undo restores overwritten fields exactly.
Cancelling (``check_cancel`` raising) rolls the transaction back: nothing is
written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...store import bulk as store_bulk
from ...store import import_queries as q
from ...store.models import utcnow
from ..errors import ServiceError
from ..validation import sort_name
from .keys import fold
from .plan import Change, Plan, PlanItem
from .snapshot import Existing

Progress = Callable[[str, int, int], None]
_CHUNK = 5000


class ImportCancelled(ServiceError):
    """The user stopped the import; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was written")


@dataclass
class _Rows:
    """Everything one import writes, as tuples, with the ids it allocated."""

    now: str
    batch_id: int
    organizations: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)
    contacts: list[tuple[Any, ...]] = field(default_factory=list)
    contact_updates: list[tuple[Any, ...]] = field(default_factory=list)
    emails: list[tuple[Any, ...]] = field(default_factory=list)
    phones: list[tuple[Any, ...]] = field(default_factory=list)
    contact_tags: list[tuple[Any, ...]] = field(default_factory=list)
    history: list[tuple[Any, ...]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        if table not in self.ids:
            self.ids[table] = q.next_id(table)
        value = self.ids[table]
        self.ids[table] = value + 1
        return value


class _Builder:
    """Turns plan items into rows, creating organizations and tags on first use."""

    def __init__(self, plan: Plan, rows: _Rows) -> None:
        self.snapshot = plan.snapshot
        self.rows = rows
        self.org_ids = {key: org_id for key, (org_id, _) in self.snapshot.org_by_fold.items()}
        self.tag_ids = dict(self.snapshot.tag_by_fold)

    def org_id(self, name: str) -> int | None:
        if not name:
            return None
        key = fold(name)
        if key not in self.org_ids:
            org_id = self.rows.take("organization")
            now = self.rows.now
            self.rows.organizations.append((org_id, name, "", "", "", 0, "", now, now))
            self.org_ids[key] = org_id
        return self.org_ids[key]

    def tag_id(self, name: str) -> int:
        key = fold(name)
        if key not in self.tag_ids:
            tag_id = self.rows.take("tag")
            self.rows.tags.append((tag_id, name))
            self.tag_ids[key] = tag_id
        return self.tag_ids[key]

    def children(self, contact_id: int, item: PlanItem, emails: Iterable[tuple[str, str]],
                 phones: Iterable[tuple[str, str, str]], tags: Iterable[str],
                 email_pos: int = 0, phone_pos: int = 0) -> None:
        rows = self.rows
        for pos, (label, email) in enumerate(emails, start=email_pos):
            rows.emails.append((rows.take("contact_email"), contact_id, label, email, pos))
        for pos, (label, raw, e164) in enumerate(phones, start=phone_pos):
            rows.phones.append((rows.take("contact_phone"), contact_id, label, raw, e164, pos))
        for tag in tags:
            rows.contact_tags.append((rows.take("contact_tag"), contact_id, self.tag_id(tag)))
        for change in item.changes:
            if change.kind in ("replace", "alternate") or change.field == "organization":
                rows.history.append((rows.take("contact_history"), contact_id, rows.now, "import",
                                     change.field, change.old, change.new, rows.batch_id))

    def new_contact(self, item: PlanItem) -> None:
        person = item.incoming
        contact_id = self.rows.take("contact")
        self.rows.contacts.append((
            contact_id, person.first_name, person.last_name,
            sort_name(person.first_name, person.last_name), self.org_id(person.organization),
            person.title, person.industry, person.location, person.linkedin_url, person.how_met,
            person.notes, "", "primary", 0, "to_contact", ",".join(person.sources),
            self.rows.now, self.rows.now,
        ))
        self.children(contact_id, item, person.emails, person.phones, person.tags)

    def update_contact(self, item: PlanItem) -> None:
        assert item.contact_id is not None
        contact = self.snapshot.contacts[item.contact_id]
        values = _updated_values(contact, item.changes)
        org_id = contact.organization_id
        if values["organization"] != contact.organization:
            org_id = self.org_id(values["organization"])
        self.rows.contact_updates.append((
            values["first_name"], values["last_name"],
            sort_name(values["first_name"], values["last_name"]), org_id, values["title"],
            values["industry"], values["location"], values["linkedin_url"], values["how_met"],
            values["notes"], values["sources"], self.rows.now, contact.id,
        ))
        added = {(c.field, fold(c.new)) for c in item.changes if c.kind == "add"}
        person = item.incoming
        self.children(
            contact.id, item,
            [e for e in person.emails if ("email", fold(e[1])) in added],
            [p for p in person.phones if ("phone", fold(p[1])) in added],
            [t for t in person.tags if ("tag", fold(t)) in added],
            email_pos=len(contact.emails), phone_pos=contact.phone_count,
        )


def _updated_values(contact: Existing, changes: Sequence[Change]) -> dict[str, str]:
    values = {name: getattr(contact, name) for name in (
        "first_name", "last_name", "organization", "title", "industry", "location",
        "linkedin_url", "how_met", "notes")}
    sources = [s for s in contact.sources.split(",") if s]
    for change in changes:
        if change.kind in ("fill", "replace", "append"):
            values[change.field] = change.new
        elif change.kind == "add" and change.field == "sources":
            sources.append(change.new)
    values["sources"] = ",".join(sources)
    return values


def write_plan(plan: Plan, source: str, fmt: str, summary: dict[str, Any],
               progress: Progress | None = None,
               check_cancel: Callable[[], None] | None = None) -> int:
    """Write ``plan`` as one batch; the caller holds the transaction. Returns the batch id."""
    now = str(utcnow())
    rows = _Rows(now=now, batch_id=q.create_batch(source, fmt, now))
    builder = _Builder(plan, rows)
    for item in plan.items:
        if item.action in ("new", "review"):
            builder.new_contact(item)
        elif item.action == "update":
            builder.update_contact(item)
    _write(rows, progress or (lambda *_: None), check_cancel or (lambda: None))
    q.set_batch_summary(rows.batch_id, summary)
    return rows.batch_id


def _write(rows: _Rows, progress: Progress, check_cancel: Callable[[], None]) -> None:
    updated_ids = [r[-1] for r in rows.contact_updates]
    old_rows = q.fetch_rows("contact", updated_ids)
    changes: list[tuple[int, str, int, str, str]] = [
        (rows.batch_id, "contact", r["id"], "update", json.dumps(r, default=str)) for r in old_rows
    ]
    q.pause_fts()
    plan: list[tuple[str, Sequence[str] | None, list[tuple[Any, ...]]]] = [
        ("organization", ("id", "name", "industry", "location", "website", "is_target", "notes",
                          "created_at", "updated_at"), rows.organizations),
        ("tag", ("id", "name"), rows.tags),
        ("contact", store_bulk.CONTACT_COLUMNS, rows.contacts),
        ("contact update", None, rows.contact_updates),
        ("contact_email", ("id", "contact_id", "label", "email", "position"), rows.emails),
        ("contact_phone", ("id", "contact_id", "label", "raw", "e164", "position"), rows.phones),
        ("contact_tag", ("id", "contact_id", "tag_id"), rows.contact_tags),
        ("contact_history", ("id", "contact_id", "at", "kind", "field", "old_value", "new_value",
                             "batch_id"), rows.history),
    ]
    total = sum(len(r) for _, _, r in plan) or 1
    done = 0
    for table, columns, table_rows in plan:
        for start in range(0, len(table_rows), _CHUNK):
            check_cancel()
            chunk = table_rows[start : start + _CHUNK]
            if columns is None:
                q.update_contacts(chunk)
            else:
                q.insert_rows(table, columns, chunk)
                changes.extend((rows.batch_id, table, r[0], "create", "{}") for r in chunk)
            done += len(chunk)
            progress("writing", done, total)
    check_cancel()
    q.record_changes(changes)
    first = rows.contacts[0][0] if rows.contacts else 0
    last = rows.contacts[-1][0] if rows.contacts else -1
    progress("indexing", total, total)
    q.reindex_contacts_fts(first, last, updated_ids)


"""Writing a plan: one ImportBatch, one transaction, every change recorded for undo.

Rows are built as plain tuples with ids allocated up front and written with
``executemany`` while the full-text triggers are paused (the new and changed
contacts are indexed in set statements at the end). Organizations and tags
are written first; then the people go in chunks (a chunk's contacts, then
their emails, phones, tags and history), so a 100,000-row import never holds
all its rows as tuples at once.

Undo records (ImportChange): ids are allocated consecutively, so the rows
one import creates in a table are one id range, recorded as a single
``create_range`` change (``row_id`` the first id, ``old_values`` ``{"last":
N}``), not one ``create`` per row; each contact changed is an ``update``
holding the whole old row, so undo restores overwritten fields exactly.
Cancelling (``check_cancel`` raising) rolls the transaction back: nothing is
written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
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
_COLUMNS: dict[str, Sequence[str]] = {
    "organization": ("id", "name", "industry", "location", "website", "is_target", "notes",
                     "created_at", "updated_at"),
    "tag": ("id", "name"),
    "contact": store_bulk.CONTACT_COLUMNS,
    "contact_email": ("id", "contact_id", "label", "email", "position"),
    "contact_phone": ("id", "contact_id", "label", "raw", "e164", "position"),
    "contact_tag": ("id", "contact_id", "tag_id"),
    "contact_history": ("id", "contact_id", "at", "kind", "field", "old_value", "new_value",
                        "batch_id"),
}
# Children after their contacts: the foreign keys are checked row by row.
_CHUNK_TABLES = ("contact", "contact_email", "contact_phone", "contact_tag", "contact_history")


class ImportCancelled(ServiceError):
    """The user stopped the import; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was written")


class _Ids:
    """Consecutive ids per table, from the table's next free id; what was taken is a range."""

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        value = self.next.get(table)
        if value is None:
            value = self.first[table] = store_bulk.next_id(table)
        self.next[table] = value + 1
        return value

    def ranges(self) -> list[tuple[str, int, int]]:
        """(table, first id, last id) of every table that got rows."""
        return [(table, first, self.next[table] - 1) for table, first in self.first.items()]


class _Builder:
    """Turns plan items into rows; organizations and tags are created on first use."""

    def __init__(self, plan: Plan, now: str, batch_id: int) -> None:
        self.snapshot = plan.snapshot
        self.now = now
        self.batch_id = batch_id
        self.ids = _Ids()
        self.org_ids = {key: org_id for key, (org_id, _) in self.snapshot.org_by_fold.items()}
        self.org_by_name: dict[str, int] = {}  # as written -> id: saves folding it again
        self.tag_ids = dict(self.snapshot.tag_by_fold)
        self.new_orgs: list[tuple[Any, ...]] = []
        self.new_tags: list[tuple[Any, ...]] = []
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _CHUNK_TABLES}
        self.updates: list[tuple[Any, ...]] = []

    def org_id(self, name: str) -> int | None:
        if not name:
            return None
        org_id = self.org_by_name.get(name)
        if org_id is not None:
            return org_id
        key = fold(name)
        org_id = self.org_ids.get(key)
        if org_id is None:
            org_id = self.org_ids[key] = self.ids.take("organization")
            self.new_orgs.append((org_id, name, "", "", "", 0, "", self.now, self.now))
        self.org_by_name[name] = org_id
        return org_id

    def tag_id(self, name: str) -> int:
        key = fold(name)
        tag_id = self.tag_ids.get(key)
        if tag_id is None:
            tag_id = self.tag_ids[key] = self.ids.take("tag")
            self.new_tags.append((tag_id, name))
        return tag_id

    def prepare(self, item: PlanItem) -> None:
        """Create the organizations and tags ``item`` needs, in the order rows would."""
        if item.action in ("new", "review"):
            self.org_id(item.incoming.organization)
            for tag in item.incoming.tags:
                self.tag_id(tag)
        elif item.action == "update":
            contact = self.snapshot.contacts[item.contact_id]  # type: ignore[index]
            organization = _updated_values(contact, item.changes)["organization"]
            if organization != contact.organization:
                self.org_id(organization)
            for change in item.changes:
                if change.kind == "add" and change.field == "tag":
                    self.tag_id(change.new)

    def children(self, contact_id: int, item: PlanItem, emails: Iterable[tuple[str, str]],
                 phones: Iterable[tuple[str, str, str]], tags: Iterable[str],
                 email_pos: int = 0, phone_pos: int = 0) -> None:
        take, rows = self.ids.take, self.rows
        for pos, (label, email) in enumerate(emails, start=email_pos):
            rows["contact_email"].append((take("contact_email"), contact_id, label, email, pos))
        for pos, (label, raw, e164) in enumerate(phones, start=phone_pos):
            rows["contact_phone"].append((take("contact_phone"), contact_id, label, raw, e164,
                                          pos))
        for tag in tags:
            rows["contact_tag"].append((take("contact_tag"), contact_id, self.tag_id(tag)))
        for change in item.changes:
            if change.kind in ("replace", "alternate") or change.field == "organization":
                rows["contact_history"].append((
                    take("contact_history"), contact_id, self.now, "import", change.field,
                    change.old, change.new, self.batch_id))

    def new_contact(self, item: PlanItem) -> None:
        person = item.incoming
        contact_id = self.ids.take("contact")
        self.rows["contact"].append((
            contact_id, person.first_name, person.last_name,
            sort_name(person.first_name, person.last_name), self.org_id(person.organization),
            person.title, person.industry, person.location, person.linkedin_url, person.how_met,
            person.notes, "", person.tier or "primary", 0, "to_contact", ",".join(person.sources),
            self.now, self.now,
        ))
        self.children(contact_id, item, person.emails, person.phones, person.tags)

    def update_contact(self, item: PlanItem) -> None:
        assert item.contact_id is not None
        contact = self.snapshot.contacts[item.contact_id]
        values = _updated_values(contact, item.changes)
        org_id = contact.organization_id
        if values["organization"] != contact.organization:
            org_id = self.org_id(values["organization"])
        self.updates.append((
            values["first_name"], values["last_name"],
            sort_name(values["first_name"], values["last_name"]), org_id, values["title"],
            values["industry"], values["location"], values["linkedin_url"], values["how_met"],
            values["notes"], values["sources"], self.now, contact.id,
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

    def flush(self) -> list[int]:
        """Write the rows built so far (updates recorded for undo first); return the
        ids of the contacts updated."""
        updated = [r[-1] for r in self.updates]
        if updated:
            q.record_changes([(self.batch_id, "contact", r["id"], "update",
                               json.dumps(r, default=str))
                              for r in q.fetch_rows("contact", updated)])
        store_bulk.insert_contacts(self.rows["contact"])
        q.update_contacts(self.updates)
        for table in _CHUNK_TABLES[1:]:
            q.insert_rows(table, _COLUMNS[table], self.rows[table])
        for rows in self.rows.values():
            rows.clear()
        self.updates.clear()
        return updated


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
    progress = progress or (lambda *_: None)
    check_cancel = check_cancel or (lambda: None)
    now = str(utcnow())
    batch_id = q.create_batch(source, fmt, now)
    builder = _Builder(plan, now, batch_id)
    items = [i for i in plan.items if i.action in ("new", "review", "update")]
    for item in items:
        builder.prepare(item)
    store_bulk.pause_fts()
    q.insert_rows("organization", _COLUMNS["organization"], builder.new_orgs)
    q.insert_rows("tag", _COLUMNS["tag"], builder.new_tags)
    updated: list[int] = []
    total = len(items) or 1
    for start in range(0, len(items), _CHUNK):
        check_cancel()
        for item in items[start:start + _CHUNK]:
            if item.action == "update":
                builder.update_contact(item)
            else:
                builder.new_contact(item)
        updated += builder.flush()
        progress("writing", min(start + _CHUNK, len(items)), total)
    check_cancel()
    ranges = builder.ids.ranges()
    q.record_created_ranges(batch_id, ranges)
    progress("indexing", total, total)
    first, last = next(((lo, hi) for t, lo, hi in ranges if t == "contact"), (0, -1))
    store_bulk.index_contacts_fts(first, last, updated)
    q.set_batch_summary(batch_id, summary)
    return batch_id

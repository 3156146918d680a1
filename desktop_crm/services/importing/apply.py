"""Writing a plan: one ImportBatch, one transaction, every change recorded for undo.

Rows are built as plain tuples with ids allocated up front and written with
``executemany`` while the full-text triggers are paused (the new and changed
contacts are indexed in set statements at the end). Organizations and tags
are written first; then the people go in chunks (a chunk's contacts, then
their emails, phones, tags and history), so a 100,000-row import never holds
all its rows as tuples at once.

Undo records (the change log, :mod:`desktop_crm.store.import_log`): the
rows each chunk creates are one ``created`` entry per table (their ids and a
fingerprint of each row, computed from the tuples already in hand, so
nothing is read back); each contact changed is one ``changed`` entry holding
only the fields the import changed, old and new. Undo then takes back
exactly that and keeps what the user changed since. Other code that writes
rows inside the import's transaction records them with
:func:`record_created`. Cancelling
(``check_cancel`` raising) rolls the transaction back: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ...store import bulk as store_bulk
from ...store import import_log as log
from ...store import import_queries as q
from ...store.models import utcnow
from ..errors import ServiceError
from ..validation import sort_name
from .existing import updated_values
from .keys import fold
from .plan import Plan, PlanItem, Progress

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
# Fields whose every change goes to the contact's history, even a first fill: the
# contact was matched (and must stay matchable) by the value it had before.
_HISTORY_FIELDS = ("organization", "first_name", "last_name")
# Children after their contacts: the foreign keys are checked row by row.
_CHUNK_TABLES = ("contact", "contact_email", "contact_phone", "contact_tag", "contact_history")


class ImportCancelled(ServiceError):
    """The user stopped the import; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was written")


def record_created(batch_id: int, table: str, ids: Sequence[int]) -> None:
    """Record rows of any ``table`` that import ``batch_id`` inserted (call inside the
    import's transaction, after writing them): undo deletes each while it is still
    as written and nothing else points at it, and lists the others as kept."""
    log.record_created(batch_id, table, ids)


class _Ids:
    """Consecutive ids per table, from the table's next free id."""

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        value = self.next.get(table)
        if value is None:
            value = self.first[table] = store_bulk.next_id(table)
        self.next[table] = value + 1
        return value

    def contact_range(self) -> tuple[int, int]:
        """(first id, last id) of the contacts created; (0, -1) when none."""
        first = self.first.get("contact")
        return (first, self.next["contact"] - 1) if first is not None else (0, -1)


class _Recorder:
    """Logs what the import writes: created rows with fingerprints of the tuples
    written, changed contacts field by field."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id

    def created(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        log.record_written(self.batch_id, table, columns, rows)

    def changed_contacts(self, updates: Sequence[Sequence[Any]]) -> None:
        """Log the fields each update changes, against the rows as stored now."""
        names = q.CONTACT_UPDATE_COLUMNS
        old = log.current_rows("contact", [u[-1] for u in updates], names)
        log.record_changed(self.batch_id, "contact", (
            (u[-1], {n: (was, new) for n, was, new in zip(names, old[u[-1]], u, strict=False)
                     if was != new})
            for u in updates))


class _Builder:
    """Turns plan items into rows; organizations and tags are created on first use."""

    def __init__(self, plan: Plan, now: str, batch_id: int) -> None:
        self.snapshot = plan.snapshot
        self.now = now
        self.batch_id = batch_id
        self.ids = _Ids()
        self.log = _Recorder(batch_id)
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
            organization = updated_values(contact, item.changes)["organization"]
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
            if change.kind in ("replace", "alternate") or change.field in _HISTORY_FIELDS:
                rows["contact_history"].append((
                    take("contact_history"), contact_id, self.now, "import", change.field,
                    change.old, change.new, self.batch_id))

    def new_contact(self, item: PlanItem) -> None:
        person = item.incoming
        contact_id = self.ids.take("contact")
        item.contact_id = contact_id  # the ties an import records need to know who it created
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
        values = updated_values(contact, item.changes)
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
            self.log.changed_contacts(self.updates)
        store_bulk.insert_contacts(self.rows["contact"])
        q.update_contacts(self.updates)
        for table in _CHUNK_TABLES[1:]:
            q.insert_rows(table, _COLUMNS[table], self.rows[table])
        for table in _CHUNK_TABLES:
            self.log.created(table, _COLUMNS[table], self.rows[table])
        for rows in self.rows.values():
            rows.clear()
        self.updates.clear()
        return updated


def write_plan(plan: Plan, source: str, fmt: str, summary: dict[str, Any] | None = None,
               progress: Progress | None = None,
               check_cancel: Callable[[], None] | None = None,
               meanwhile: Callable[[], None] | None = None,
               batch_id: int | None = None) -> int:
    """Write ``plan`` as one batch; the caller holds the transaction. Returns the batch id.

    ``meanwhile`` is called once the rows are written, before the full-text index is
    built: work to start beside that one long statement. ``summary`` (if given) is
    recorded in the batch. ``batch_id``: add to that batch (a big file's next part)
    instead of starting one."""
    progress = progress or (lambda *_: None)
    check_cancel = check_cancel or (lambda: None)
    now = str(utcnow())
    if batch_id is None:
        batch_id = q.create_batch(source, fmt, now)
    builder = _Builder(plan, now, batch_id)
    items = [i for i in plan.items if i.action in ("new", "review", "update")]
    for item in items:
        builder.prepare(item)
    store_bulk.pause_fts()
    q.insert_rows("organization", _COLUMNS["organization"], builder.new_orgs)
    q.insert_rows("tag", _COLUMNS["tag"], builder.new_tags)
    builder.log.created("organization", _COLUMNS["organization"], builder.new_orgs)
    builder.log.created("tag", _COLUMNS["tag"], builder.new_tags)
    # A big file's next part finds them as the database now holds them.
    for org_id, name, *_ in builder.new_orgs:
        plan.snapshot.org_by_fold.setdefault(fold(name), (org_id, name))
    for tag_id, name in builder.new_tags:
        plan.snapshot.tag_by_fold.setdefault(fold(name), tag_id)
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
    if meanwhile is not None:
        meanwhile()
    progress("indexing", 0, 0)  # one long statement, then the index builds: no count
    first, last = builder.ids.contact_range()
    store_bulk.index_contacts_fts(first, last, updated)
    if summary is not None:
        q.set_batch_summary(batch_id, summary)
    return batch_id

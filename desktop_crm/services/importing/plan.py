"""The merge rules: what importing a file would do to each person, before anything is written.

For each incoming person (rows of the file already joined, see
:mod:`.incoming`):

* an existing contact with the same email, the same LinkedIn URL, or the same
  folded name and organization is *updated*, never duplicated: new
  information fills empty fields; a new email, phone or tag is added; a
  changed title or organization replaces the old one, which goes to the
  contact's history; any other differing value (a name spelled otherwise, a
  second location) is kept in the history too, and the field stays as it was;
* nothing new means *unchanged* (importing a file twice changes nothing);
* no exact match but a near-duplicate (:mod:`.fuzzy`) means *review*: the
  person is created separately unless the user decides to merge;
* otherwise *new*.

``decisions`` maps an item's first row to ``"separate"`` or to a candidate's
``target`` (``"contact:ID"`` or ``"row:N"``) to merge with it; planning again
with decisions is how the preview and the dialog apply them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ...io.records import ContactRecord
from .existing import Existing
from .fuzzy import Candidate, NearDuplicateFinder, SearchEntry
from .incoming import Incoming, absorb, from_record, group_records, merge_notes, phone_key
from .keys import email_key, fold
from .snapshot import Snapshot

Progress = Callable[[str, int, int], None]
# Fields where the file's value wins (people change jobs); the old one goes to history.
REPLACE_FIELDS = ("title", "organization")
# Fields where the contact's value stays; a differing value from the file goes to history.
KEEP_FIELDS = ("first_name", "last_name", "industry", "location", "linkedin_url", "how_met")
NAME_FIELDS = ("first_name", "last_name")
_COMPARED_FIELDS = (*REPLACE_FIELDS, *KEEP_FIELDS)
FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "organization": "organization",
    "title": "title",
    "industry": "industry",
    "location": "location",
    "linkedin_url": "LinkedIn URL",
    "how_met": "how met",
    "notes": "notes",
    "sources": "sources",
    "email": "email",
    "phone": "phone",
    "tag": "tag",
}


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Choices for a whole import: a tag for everyone in the file (recorded like any tag
    the file brings, so undo takes it off again) and a tier for the people it creates."""

    tag: str = ""
    tier: str = ""

    def apply(self, person: Incoming) -> None:
        if self.tag and all(fold(t) != fold(self.tag) for t in person.tags):
            person.tags = (*person.tags, self.tag)
        if self.tier:
            person.tier = self.tier


@dataclass(slots=True)
class Change:
    """One field an import changes, or a value it keeps aside.

    ``kind``: ``fill`` (was empty), ``replace`` (old value to history),
    ``add`` (another email, phone, tag or source), ``append`` (notes),
    ``alternate`` (the contact keeps its value; the file's goes to history).
    """

    field: str
    old: str
    new: str
    kind: str

    def describe(self) -> str:
        label = FIELD_LABELS.get(self.field, self.field)
        if self.kind == "fill":
            return f"{label} set to '{self.new}'"
        if self.kind == "replace":
            return f"{label} '{self.old}' -> '{self.new}' (old value kept in history)"
        if self.kind == "add":
            return f"{label} '{self.new}' added"
        if self.kind == "append":
            return f"{label}: text added"
        return f"{label} kept as '{self.old}'; '{self.new}' saved in history"


@dataclass(slots=True)
class PlanItem:
    """What happens to one incoming person. ``action``: new, update, unchanged or review."""

    action: str
    incoming: Incoming
    contact_id: int | None = None
    contact_name: str = ""
    matched_by: str = ""
    changes: Sequence[Change] = ()
    candidate: Candidate | None = None
    decision: str = ""  # "", "separate" or a candidate target

    @property
    def row(self) -> int:
        return self.incoming.row

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.kind in ("replace", "alternate")]


@dataclass
class Plan:
    items: list[PlanItem]
    snapshot: Snapshot
    # The near-duplicate search, when the caller runs it later (see NearDuplicateSearch).
    pending: NearDuplicateSearch | None = None
    # A file read in batches: how the next batches find the people no key matched, as
    # the search worked it out (item, entry), once it is finished.
    entries: list[tuple[PlanItem, SearchEntry | None]] = field(default_factory=list)

    def by_action(self, action: str) -> list[PlanItem]:
        return [i for i in self.items if i.action == action]


class NearDuplicateSearch:
    """The near-duplicate search of a plan's new people, run once.

    A preview runs it at once. An import may start it in a thread beside the
    writing (the new people are written the same whether or not they have a
    candidate) and :meth:`finish` it before anything reads the plan's
    counts: the search is Python and rapidfuzz, the index building it
    overlaps is SQLite working without the GIL. Finishing marks the items
    with a candidate ``review``. A later batch of a big file searches among the
    people the earlier ones made too, read from the import's connection: that
    search runs in the caller's thread, when finished.
    """

    def __init__(self, snapshot: Snapshot, items: list[PlanItem],
                 decisions: Mapping[int, str]) -> None:
        self._snapshot = snapshot
        self._items = items
        self._decisions = decisions
        self._people = [(i.incoming.name_fold, i.incoming.organization,
                         [e for _, e in i.incoming.emails], i.incoming) for i in items]
        self._found: list[Candidate | None] | None = None
        self._entries: list[SearchEntry | None] = []
        self.entries: list[tuple[PlanItem, SearchEntry | None]] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def _run(self, earlier: bool = False) -> None:
        try:
            snapshot = self._snapshot
            keep: list[SearchEntry | None] | None = [] if snapshot.in_batches else None
            found = _finder_for(snapshot).find_all(
                self._people, snapshot.earlier_people() if earlier else None, keep)
            self._found = _named(found, snapshot) if earlier else found
            self._entries = keep or []
        except BaseException as exc:  # re-raised by finish(), in the caller's thread
            self._error = exc

    def start(self) -> None:
        """Search in a thread of its own; :meth:`finish` waits for it (or searches then,
        when earlier batches are to be read)."""
        if self._snapshot.earlier_people() is not None:
            return
        if self._thread is None and self._found is None and self._people:
            self._thread = threading.Thread(target=self._run, name="near-duplicates",
                                            daemon=True)
            self._thread.start()

    def finish(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        elif self._found is None and self._people:
            self._run(earlier=True)
        if self._error is not None:
            raise self._error
        for item, candidate in zip(self._items, self._found or (), strict=False):
            if candidate is not None:
                item.action, item.candidate = "review", candidate
                item.decision = self._decisions.get(item.row, "") or "separate"
        self.entries = list(zip(self._items, self._entries, strict=False))
        self._people, self._found, self._entries = [], [], []


# Shared by the items that change nothing (most of a big file); a tuple, so never mutated.
_NO_CHANGES: tuple[Change, ...] = ()


def plan_import(
    records: Sequence[ContactRecord],
    decisions: Mapping[int, str] | None = None,
    snapshot: Snapshot | None = None,
    warnings: list[tuple[int, str, str]] | None = None,
    check_cancel: Callable[[], None] | None = None,
    consume: bool = False,
    batch: BatchOptions | None = None,
    later: bool = False,
    progress: Progress | None = None,
) -> Plan:
    """Match every record against the database (read-only) and say what would change.

    With ``consume=True`` the ``records`` list is used up (its items are
    replaced while planning): for callers that will not look at it again.
    ``batch`` gives every person of the file a tag and the new ones a tier.
    ``later=True`` leaves the near-duplicate search to the caller
    (``plan.pending``: start it, then :func:`finish_near_duplicates`).
    ``progress(stage, done, total)`` follows the ``matching`` (and, when run
    here, the ``near-duplicates``) stage; ``check_cancel()`` may raise to stop.
    """
    decisions = dict(decisions or {})
    report = progress or _no_progress
    cancel = check_cancel or _no_cancel
    count = len(records)
    total = 2 * count or 1  # people made from records, then matched with contacts
    report("matching", 0, total)
    snapshot = snapshot or Snapshot()
    sink = warnings if warnings is not None else []
    if consume and isinstance(records, list):
        # The caller gives the records up: each is replaced by its person as it is read,
        # so a big file's records and people are never all in memory together.
        people: list[Incoming] = records  # type: ignore[assignment]
    else:
        people = [None] * count  # type: ignore[list-item]
    for start in range(0, count, _STEP):
        cancel()
        report("matching", start, total)
        for index in range(start, min(start + _STEP, count)):
            people[index] = from_record(records[index], sink)  # type: ignore[arg-type]
    if batch is not None and (batch.tag or batch.tier):
        for person in people:
            batch.apply(person)
    joins = [(row, int(t[4:])) for row, t in decisions.items() if t.startswith("row:")]
    groups = group_records(people, joins)
    cancel()
    snapshot.prepare(groups)  # people an earlier batch of this import made (big files)
    matched = _match_groups(groups, snapshot, decisions)
    for group in groups:
        group.forget_keys()
    del people, groups
    items: list[PlanItem] = []
    fresh: list[PlanItem] = []
    contacts = snapshot.contacts
    # A big file's later batch: people an earlier one met are joined, as in one batch.
    joined = snapshot.joined([cid for _, cid, _ in matched if cid is not None])
    again = iter(joined or ())
    for start in range(0, len(matched), _STEP):
        cancel()
        report("matching", count + start * count // len(matched), total)
        for group, contact_id, how in matched[start:start + _STEP]:
            if contact_id is not None:
                items.append(_update_item(group, contacts[contact_id], how,
                                          next(again, False)))
            else:
                items.append(_new_item(group))
                fresh.append(items[-1])
    report("matching", total, total)
    # Near-duplicates of the people no key matched, searched in one batch.
    plan = Plan(items, snapshot, NearDuplicateSearch(snapshot, fresh, decisions))
    if not later:
        report("near-duplicates", 0, 0)  # no count: a moving bar
        finish_near_duplicates(plan)
        report("near-duplicates", 1, 1)
    return plan


_STEP = 5000  # records between progress reports and cancel checks


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _no_cancel() -> None:
    return None


def finish_near_duplicates(plan: Plan) -> None:
    """Run (or wait for) the plan's near-duplicate search and mark its reviews."""
    if plan.pending is not None:
        plan.pending.finish()
        plan.entries = plan.pending.entries
        plan.pending = None


def _match_groups(
    groups: list[Incoming], snapshot: Snapshot, decisions: Mapping[int, str]
) -> list[tuple[Incoming, int | None, str]]:
    """Each group with the contact it matches and how; groups matching the same contact
    are joined into the first of them."""
    first_for: dict[int, int] = {}  # contact id -> index in ``out``
    out: list[tuple[Incoming, int | None, str]] = []
    for group in groups:
        contact_id, how = _find_contact(group, snapshot, decisions)
        if contact_id is None:
            out.append((group, None, ""))
        elif contact_id in first_for:
            absorb(out[first_for[contact_id]][0], group)
        else:
            first_for[contact_id] = len(out)
            out.append((group, contact_id, how))
    return out


def _find_contact(
    group: Incoming, snapshot: Snapshot, decisions: Mapping[int, str]
) -> tuple[int | None, str]:
    for row in group.rows:
        target = decisions.get(row, "")
        if target.startswith("contact:"):
            contact_id = int(target[8:])
            if contact_id in snapshot.contacts:
                return contact_id, "your decision"
    by_key, recent = snapshot.by_key, snapshot.recent
    # keys(): one "e:" per email in order, then "l:" (LinkedIn URL), then "n:" (name).
    for index, key in enumerate(group.keys()):
        if key[0] == "n" and not snapshot.names_indexed:
            snapshot.index_names()
        found = by_key.get(key)
        if found is None and recent:
            found = recent.get(key)
        if found is not None:
            if key[0] == "e":
                return found, f"email {group.emails[index][1]}"
            return found, "LinkedIn URL" if key[0] == "l" else "name and organization"
    return None, ""


def _describe(who: Existing | Incoming | int) -> tuple[str, int | None, int | None]:
    """(display name, contact id, row) of a near-duplicate candidate; one an earlier batch
    made (its contact id) is named by :func:`_named`."""
    if isinstance(who, Existing):
        return who.name, who.id, None
    if isinstance(who, int):
        return "", who, None
    return who.name, None, who.row


def _named(found: list[Candidate | None], snapshot: Snapshot) -> list[Candidate | None]:
    """The candidates an earlier batch made, named as they were written; a dry run's
    (not written) by the row of the file, as when the file is read whole."""
    ids = sorted({c.contact_id for c in found
                  if c is not None and not c.name and c.contact_id is not None})
    if not ids:
        return found
    made = snapshot.made_by_row(ids)
    out: list[Candidate | None] = []
    for c in found:
        if c is not None and not c.name and c.contact_id is not None:
            name, row = made.get(c.contact_id, (f"contact {c.contact_id}", None))
            c = replace(c, name=name) if row is None else \
                replace(c, name=name, contact_id=None, row=row)
        out.append(c)
    return out


def _finder_for(snapshot: Snapshot) -> NearDuplicateFinder:
    finder = NearDuplicateFinder(_describe)
    loaded = snapshot.loaded  # made by earlier batches: searched with them, in their order
    for contact in snapshot.contacts.values():
        if contact.id not in loaded:
            finder.add_person(contact.name_fold, contact.organization, contact.emails, contact)
    return finder


def _new_item(group: Incoming) -> PlanItem:
    """A person no key matched: new (``review`` once a near-duplicate is found)."""
    changes = [Change(f, kept, value, "alternate") for f, value in group.alternates
               for kept in [getattr(group, f)]] if group.alternates else _NO_CHANGES
    return PlanItem("new", group, changes=changes)


def _update_item(group: Incoming, contact: Existing, how: str, joined: bool = False) -> PlanItem:
    """The changes ``group`` brings to ``contact``. Most people of a file imported again
    bring none: equal values are passed over before anything is folded.

    ``joined``: an earlier batch of this import made or changed the contact, so these
    are more rows of the same person in the same file, joined as in one batch (the
    first row's title and organization stay; a differing one goes to history)."""
    changes: list[Change] = []
    final: dict[str, str] = {}
    same_name: bool | None = None
    for name in _COMPARED_FIELDS:
        old, new = getattr(contact, name), getattr(group, name)
        final[name] = old
        if not new or old == new or fold(old) == fold(new):
            continue
        if name in NAME_FIELDS:
            # "Ann" + "" and "" + "Ann" are one name split differently: leave it as it is.
            if same_name is None:
                same_name = contact.name_fold == group.name_fold
            if same_name:
                continue
        if not old:
            # An organization set for the first time is history too: the contact was
            # matched (and stays matchable) as having none.
            changes.append(Change(name, old, new, "fill"))
            final[name] = new
        elif name in REPLACE_FIELDS and not joined:
            changes.append(Change(name, old, new, "replace"))
            final[name] = new
        elif (name, fold(new)) not in contact.known:
            changes.append(Change(name, old, new, "alternate"))
    for name, value in group.alternates:
        current = final.get(name, "")
        seen = {(c.field, fold(c.new)) for c in changes} | {(c.field, fold(c.old)) for c in changes}
        if fold(value) != fold(current) and (name, fold(value)) not in contact.known | seen:
            changes.append(Change(name, current, value, "alternate"))
    if group.notes:
        notes = merge_notes(contact.notes, group.notes)
        if notes != contact.notes:
            changes.append(Change("notes", contact.notes, notes, "append"))
    if group.emails:
        have = {email_key(e) for e in contact.emails}
        changes += [Change("email", "", e, "add") for _, e in group.emails
                    if email_key(e) not in have]
    if group.phones:
        changes += [Change("phone", "", raw, "add") for _, raw, e164 in group.phones
                    if phone_key(raw, e164) not in contact.phone_keys]
    if group.tags:
        changes += [Change("tag", "", t, "add") for t in group.tags
                    if fold(t) not in contact.tag_keys]
    if group.sources and not (len(group.sources) == 1 and group.sources[0] == contact.sources):
        present = [s for s in contact.sources.split(",") if s]
        changes += [Change("sources", contact.sources, s, "add") for s in group.sources
                    if s not in present]
    if changes:
        return PlanItem("update", group, contact.id, contact.name, how, changes)
    return PlanItem("unchanged", group, contact.id, contact.name, how, _NO_CHANGES)

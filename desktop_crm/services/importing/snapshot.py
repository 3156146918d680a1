"""What the database already holds, read once per import, shaped for matching.

Reading everything up front (a few set queries) and matching in memory is
what keeps a 100,000-row re-import within seconds: one query per table, not
one per row. Repeated texts (organizations, titles, sources, dates in "how
met") are shared rather than held once per contact, and the lookup keys live
in one dict keyed like :meth:`Incoming.keys` (``e:``, ``l:``, ``n:``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...store import import_queries as q
from .existing import (
    Existing,
    add_written,
    contact_keys,
    from_state,
    load_children,
    load_contacts,
    read_contacts,
    row_of_state,
    state_text,
    updated_values,
)
from .fuzzy import SearchEntry, org_block, search_entry
from .keys import email_key, fold, linkedin_key, name_fold, name_keys


def _first(pair: tuple[int, int]) -> int:
    return pair[0]


class Snapshot:
    """Live contacts with their emails, phones, tags and history, plus lookup indexes.

    A file imported in several batches (a big one, read as a stream) matches each
    batch against the contacts there before the import, held here, and against those
    the earlier batches made, found by their key hashes in a temporary table of the
    import's connection (see :meth:`remember` and :meth:`prepare`) and read from the
    database only when a later row matches them. SQLite keeps that table compact and
    answers a batch's keys in one join; :meth:`close` drops it (a rolled-back import
    loses it with everything else).
    """

    def __init__(self, dry: bool = False) -> None:
        # A dry run writes nothing: the people its batches would make or change are kept
        # as they would be written (see :meth:`remember`), in a scratch table.
        self.dry = dry
        self.contacts: dict[int, Existing] = load_contacts()
        # "e:<email>", "l:<profile URL>", "n:<name>\x1f<organization>" -> contact id.
        self.by_key: dict[str, int] = {}
        load_children(self.contacts)
        self._index()
        self.names_indexed = False
        self.org_by_fold: dict[str, tuple[int, str]] = {}
        for org_id, name in q.organizations():
            self.org_by_fold.setdefault(fold(name), (org_id, name))
        self.tag_by_fold: dict[str, int] = {fold(name): tag_id for tag_id, name in q.tags()}
        # Keys of this batch found among the contacts earlier batches made (key -> id),
        # and the contacts read for them.
        self.recent: dict[str, int] = {}
        self.loaded: set[int] = set()
        # What the earlier batches of this import met: the first contact they made (the
        # ones after it are theirs too), and whether the scratch tables (store) hold any
        # contacts made or met.
        self._first_made: int | None = None
        self._scratch = False
        self._made = False
        self._seen = False
        self._near = False  # people made, for the later batches' near-duplicate search
        # A file read in batches: each batch's search keeps how its people are found.
        self.in_batches = False
        self._org_blocks: dict[str, str] = {}
        # A dry run's contacts read back for this batch: the row each was first met at.
        self._first_rows: dict[int, int] = {}

    def earlier_people(self) -> EarlierPeople | None:
        """The people the earlier batches of this import made, for the near-duplicate
        search (None before a second batch). Read on this thread's connection: the
        search that uses them runs here too."""
        return EarlierPeople() if self._near else None

    def joined(self, ids: Sequence[int]) -> list[bool] | None:
        """For each of ``ids``: whether an earlier batch of this import matched or made
        that contact (its rows in this batch are more rows of a person already met).
        None when there was no earlier batch."""
        if self._first_made is None and not self._seen:
            return None
        # Contacts this import made: every id from its first on (it holds the write lock).
        first = self._first_made if self._first_made is not None else 1 << 62
        seen = q.seen_among(sorted(set(ids))) if self._seen else set()
        return [cid >= first or cid in seen for cid in ids]

    def remember(self, items: Sequence[Any],
                 entries: Sequence[tuple[Any, SearchEntry | None]] = ()) -> None:
        """After a batch is written (plan items with their contact ids): the people it
        made are found by their keys in the batches after it, and the contacts it
        changed are read again."""
        self.index_names()  # before the contacts held here change
        popped = {contact_id: self.contacts.pop(contact_id) for contact_id in self.loaded
                  if contact_id in self.contacts}
        self.loaded.clear()
        first_rows, self._first_rows = self._first_rows, {}
        self.recent = {}
        made: list[tuple[int, int]] = []  # (key hash, contact id)
        seen: list[int] = []  # contacts there before the import that this batch met
        changed: list[int] = []
        near: list[tuple[int, int, str]] = []  # (block hash, contact id, name)
        named: list[tuple[int, int]] = []  # (exact-name block hash, contact id)
        states: list[tuple[int, str]] = []  # a dry run's made people, as written
        # How the batch's search found its people (worked out there, not again here).
        entry_of = {id(item): entry for item, entry in entries}
        for item in items:
            contact_id = item.contact_id
            if contact_id is None:
                continue
            if item.action in ("new", "review"):
                self._searchable(item.incoming, entry_of.get(id(item)), contact_id, near,
                                 named)
            if contact_id in self.contacts:
                seen.append(contact_id)
                if item.action == "update":
                    changed.append(contact_id)
                    if self.dry:
                        self._written(self.contacts[contact_id], item)
                continue
            if self._first_made is None or contact_id < self._first_made:
                self._first_made = contact_id
            if item.action != "unchanged":  # made by this import: found again by its keys
                made.extend((hash(key), contact_id) for key in item.incoming.keys())
                if self.dry:
                    contact = popped.get(contact_id) or self._as_made(contact_id, item)
                    if contact_id in popped:
                        self._written(contact, item)
                    states.append((contact_id, state_text(
                        contact, first_rows.get(contact_id, item.row))))
                item.incoming.forget_keys()
        if seen or made or near or named or states:
            if not self._scratch:
                q.start_import_scratch()
                self._scratch = True
            if states:
                q.keep_states(states)
            if seen:
                q.remember_seen(sorted(set(seen)))
                self._seen = True
            if made:
                # In key order the inserts walk the table once; the sort is stable, so
                # of equal keys the first row's contact is kept, as in the file.
                made.sort(key=_first)
                q.remember_made(made)
                self._made = True
            if near or named:
                near.sort(key=_first)
                named.sort(key=_first)
                q.remember_near(near, named)
                self._near = True
        if changed:
            fresh = {cid: self.contacts[cid] for cid in changed} if self.dry \
                else read_contacts(changed)
            self.contacts.update(fresh)
            for contact in fresh.values():
                for key in contact_keys(contact):
                    self.by_key.setdefault(key, contact.id)

    def read(self, ids: Sequence[int]) -> dict[int, Existing]:
        """Contacts this import made (or, a dry run, would have made) as written."""
        if not self.dry or not ids:
            return read_contacts(ids)
        read = {}
        for cid, state in q.states_of(ids):
            read[cid] = from_state(state)
            self._first_rows[cid] = row_of_state(state)  # kept when it is written again
        return read

    def made_by_row(self, ids: Sequence[int]) -> dict[int, tuple[str, int | None]]:
        """(name, row) of contacts an earlier batch made: the row of the file a dry run
        first met each at (its contact is not written), None for a written one."""
        if not self.dry:
            return {cid: (contact.name, None) for cid, contact in read_contacts(ids).items()}
        # Kept when first made: a later row may have changed the state, never the row.
        return {cid: (from_state(state).name, row_of_state(state))
                for cid, state in q.states_of(ids)}

    def _organization(self, name: str) -> tuple[int | None, str]:
        """(id, name) of the organization ``name`` is written as (one already there, or
        the first spelling of a new one: see :meth:`DryWriter.write`)."""
        return self.org_by_fold.get(fold(name), (None, name)) if name else (None, "")

    def _as_made(self, contact_id: int, item: Any) -> Existing:
        """The contact a dry run's new person would be, as written (see ``apply``)."""
        person = item.incoming
        org_id, org = self._organization(person.organization)
        contact = Existing(contact_id, person.first_name, person.last_name, org_id, org,
                           person.title, person.industry, person.location,
                           person.linkedin_url, person.how_met, person.notes,
                           ",".join(person.sources))
        add_written(contact, item, person.emails, person.phones, person.tags)
        return contact

    def _written(self, contact: Existing, item: Any) -> None:
        """``contact`` changed as writing the update ``item`` changes it (see ``apply``)."""
        values = updated_values(contact, item.changes)
        for name, value in values.items():
            if name != "organization":
                setattr(contact, name, value)
        if values["organization"] != contact.organization:
            contact.organization_id, contact.organization = self._organization(
                values["organization"])
        added = {(c.field, fold(c.new)) for c in item.changes if c.kind == "add"}
        person = item.incoming
        add_written(contact, item, [e for e in person.emails if ("email", fold(e[1])) in added],
                  [p for p in person.phones if ("phone", fold(p[1])) in added],
                  [t for t in person.tags if ("tag", fold(t)) in added])

    def _searchable(self, person: Any, entry: SearchEntry | None, contact_id: int,
                    near: list[tuple[int, int, str]], named: list[tuple[int, int]]) -> None:
        """Note how the later batches' near-duplicate search finds ``person`` (made as
        ``contact_id``): by the hash of each of its blocks, and of its exact name
        (``entry``, as the search worked it out, or worked out here)."""
        if entry is None:
            name_key = person.name_fold
            if not name_key:
                return
            org = self._org_blocks.get(person.organization)
            if org is None:
                org = self._org_blocks[person.organization] = org_block(person.organization)
            entry = search_entry(name_key, org, [e for _, e in person.emails])
        name, blocks, own = entry
        near.extend((block, contact_id, name) for block in blocks)
        named.append((own, contact_id))

    def prepare(self, people: Sequence[Any]) -> None:
        """Before a later batch is matched: which of its keys belong to people an earlier
        batch made (``recent``); those people are read (``contacts``) until the next
        :meth:`remember`. A key is taken only when the contact read really has it."""
        self.recent = {}
        if not self._made:
            return
        wanted = [key for person in people for key in person.keys() if key not in self.by_key]
        if not wanted:
            return
        hashes = [hash(key) for key in wanted]
        found = dict(q.made_with(sorted(set(hashes))))
        hits = {key: found[h] for key, h in zip(wanted, hashes, strict=True) if h in found}
        read = self.read(sorted({cid for cid in hits.values() if cid not in self.contacts}))
        self.contacts.update(read)
        self.loaded.update(read)
        real = {cid: set(contact_keys(self.contacts[cid]))
                for cid in set(hits.values()) if cid in self.contacts}
        self.recent = {key: cid for key, cid in hits.items() if key in real.get(cid, ())}

    def close(self) -> None:
        """Drop what the earlier batches were remembered by (at the end of an import)."""
        if self._scratch:
            q.drop_import_scratch()
        self._scratch = self._made = self._seen = self._near = False

    def _index(self) -> None:
        # The earliest contact wins a shared email or URL, so matching is stable.
        by_key = self.by_key
        for contact in self.contacts.values():
            for email in contact.emails:
                by_key.setdefault(f"e:{email_key(email)}", contact.id)
            if contact.linkedin_url:
                by_key.setdefault(f"l:{linkedin_key(contact.linkedin_url)}", contact.id)

    def index_names(self) -> None:
        """Add the ``n:`` keys (name and organization, now and in the history) to
        ``by_key``. Done when a person is first looked up by name: an export whose every
        row has a profile URL or an email found here never needs them."""
        if self.names_indexed:
            return
        self.names_indexed = True
        by_key = self.by_key
        for contact in self.contacts.values():
            name = name_fold(contact.first_name, contact.last_name)
            if name:
                # Several people with one name at one organization were kept apart on
                # purpose; the newest is the one the latest import created.
                for key in name_keys(name, contact.organization, contact.phone_keys):
                    by_key[key] = contact.id
        # Names and organizations a contact had before (from its history) still identify
        # it, after the current ones: an older export naming the previous employer, or the
        # name as a file gave it before an import filled it in, is the same person (so
        # importing that file again changes nothing).
        for contact in self.contacts.values():
            if not contact.known:
                continue
            values = {"first_name": {contact.first_name}, "last_name": {contact.last_name},
                      "organization": {contact.organization}}
            for field_name, value in contact.known:
                if field_name in values:
                    values[field_name].add(value)
            for first in values["first_name"]:
                for last in values["last_name"]:
                    name = name_fold(first, last)
                    if not name:
                        continue
                    for organization in values["organization"]:
                        for key in name_keys(name, organization, contact.phone_keys):
                            by_key.setdefault(key, contact.id)


# Blocks asked for at a time: one query's answer stays small on either engine.
_BLOCKS_AT_ONCE = 2000


class EarlierPeople:
    """The earlier batches' people as :class:`~.fuzzy.Earlier`, read from the import's
    scratch tables (see :meth:`Snapshot.remember`), one block at a time. Each person is
    its contact id (a plain int: the search holds a block of them at a time)."""

    def exact(self, blocks: Sequence[str]) -> Mapping[str, Any]:
        hashes = {hash(block): block for block in blocks}
        found: dict[str, Any] = {}
        wanted = sorted(hashes)
        for start in range(0, len(wanted), _BLOCKS_AT_ONCE * 10):
            for block_hash, contact_id in q.named_with(wanted[start:start + _BLOCKS_AT_ONCE * 10]):
                found[hashes[block_hash]] = contact_id
        return found

    def members(self, blocks: Sequence[str]) -> Iterator[tuple[str, list[str], list[Any]]]:
        hashes = {hash(block): block for block in blocks}
        wanted = sorted(hashes)
        for start in range(0, len(wanted), _BLOCKS_AT_ONCE):
            current: int | None = None
            names: list[str] = []
            who: list[Any] = []
            for block_hash, contact_id, name in q.near_members(
                    wanted[start:start + _BLOCKS_AT_ONCE]):
                if block_hash != current:
                    if current is not None:
                        yield hashes[current], names, who
                    current, names, who = block_hash, [], []
                names.append(name)
                who.append(contact_id)
            if current is not None:
                yield hashes[current], names, who

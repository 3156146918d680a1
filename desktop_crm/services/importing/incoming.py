"""From parsed records to *incoming people*: one per person the file describes.

A file may hold the same person twice (a LinkedIn row and, further down, the
same email again); such rows are joined here, before the database is looked
at, so they become one contact. Joining follows the same rule as merging
with the database: new information fills empty fields, a differing value is
kept as an *alternate* (written to the contact's history), nothing is lost.
Values the contact table has no column for (department, birthday, unknown
columns) go into the notes as ``Label: value`` lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ...io.records import ContactRecord
from ..errors import ValidationError
from ..validation import clean_text, normalise_phone, validate_email
from .keys import (
    clean_linkedin_url,
    email_key,
    fold,
    linkedin_key,
    name_fold,
    name_keys,
)

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "organization",
    "title",
    "industry",
    "location",
    "linkedin_url",
    "how_met",
)
SOURCE_LABELS = {
    "linkedin": "LinkedIn",
    "google": "Google Contacts",
    "outlook": "Outlook",
    "vcard": "vCard",
    "generic": "a spreadsheet",
}


@dataclass(slots=True)
class Incoming:
    """One person from the file, possibly built from several rows.

    A 100,000-row file makes 100,000 of these, so the collections are tuples
    (the empty ones all the same ``()``) and the matching keys and folded name
    are computed once and cached; :func:`absorb` resets the caches.
    """

    rows: list[int]
    first_name: str = ""
    last_name: str = ""
    organization: str = ""
    title: str = ""
    industry: str = ""
    location: str = ""
    linkedin_url: str = ""
    how_met: str = ""
    notes: str = ""
    emails: tuple[tuple[str, str], ...] = ()
    phones: tuple[tuple[str, str, str], ...] = ()  # label, raw, e164
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # (field, value) found in a later row of the file that differed from the kept one.
    alternates: tuple[tuple[str, str], ...] = ()
    connected_on: dt.date | None = None  # since when the file's owner knows them (LinkedIn)
    tier: str = ""  # for a new contact: the batch's choice ("" = the default)
    _keys: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    _name_fold: str | None = field(default=None, repr=False, compare=False)

    @property
    def row(self) -> int:
        return self.rows[0]

    @property
    def name(self) -> str:
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return full or (self.emails[0][1] if self.emails else "")

    @property
    def name_fold(self) -> str:
        if self._name_fold is None:
            self._name_fold = name_fold(self.first_name, self.last_name)
        return self._name_fold

    def keys(self) -> tuple[str, ...]:
        """Every key this person can be recognised by, prefixed by kind, in matching
        order: one ``e:`` per email (in order), then ``l:`` (LinkedIn URL), then ``n:``
        (name and organization)."""
        if self._keys is None:
            found = [f"e:{email_key(e)}" for _, e in self.emails]
            if self.linkedin_url:
                found.append(f"l:{linkedin_key(self.linkedin_url)}")
            folded = self.name_fold
            if folded:
                found.extend(name_keys(folded, self.organization,
                                       (phone_key(raw, e164) for _, raw, e164 in self.phones)))
            self._keys = tuple(found)
        return self._keys

    def forget_keys(self) -> None:
        """Drop the cached matching keys once matching is done (they cost memory)."""
        self._keys = None

    def _changed(self) -> None:
        self._keys = None
        self._name_fold = None


def phone_key(raw: str, e164: str) -> str:
    """Two phones are the same when their E.164 (or, failing that, digits) agree."""
    return e164 or "".join(ch for ch in raw if ch.isdigit())


def from_record(record: ContactRecord, warnings: list[tuple[int, str, str]]) -> Incoming:
    """One record as an Incoming; values we cannot store as fields go to notes.

    Called once per row of a big file: the checks for what most rows lack
    (emails, phones, extra values) come first.
    """
    extra_lines: list[str] = []
    emails: tuple[tuple[str, str], ...] = ()
    if record.emails:
        emails = _unique_emails(_valid_emails(record, warnings, extra_lines))
    phones: tuple[tuple[str, str, str], ...] = ()
    if record.phones:
        phones = _unique_phones(_valid_phones(record, warnings, extra_lines))
    how_met = record.how_met
    if not how_met and record.connected_on is not None:
        how_met = _connected_note(record.source, record.connected_on)
    if record.middle_name or record.department or record.birthday or record.extra:
        for label, value in (
            ("Middle name", record.middle_name),
            ("Department", record.department),
            ("Birthday", record.birthday),
            *sorted(record.extra.items()),
        ):
            if value and (value := clean_text(value)):
                extra_lines.append(f"{label}: {value}")
    notes = record.notes
    if extra_lines:
        notes = "\n".join(p for p in (notes, "\n".join(extra_lines)) if p)
    # The parsers hand over stripped text ("" when absent): no cleaning needed here.
    return Incoming(
        rows=[record.row],
        first_name=record.first_name,
        last_name=record.last_name,
        organization=record.organization,
        title=record.title,
        industry=record.industry,
        location=record.location,
        linkedin_url=clean_linkedin_url(record.linkedin_url) if record.linkedin_url else "",
        how_met=how_met,
        notes=notes,
        emails=emails,
        phones=phones,
        tags=_unique_tags(record.tags) if record.tags else (),
        sources=_sources(record.source),
        connected_on=record.connected_on,
        alternates=tuple(dict.fromkeys(a for a in record.alternates if a[0] in TEXT_FIELDS))
        if record.alternates else (),
    )


def _valid_emails(record: ContactRecord, warnings: list[tuple[int, str, str]],
                  extra_lines: list[str]) -> list[tuple[str, str]]:
    emails = []
    for label, value in record.emails:
        try:
            emails.append((clean_text(label), validate_email(value)))
        except ValidationError as exc:
            warnings.append((record.row, "email", exc.message))
            extra_lines.append(f"Email: {value}")
    return emails


def _valid_phones(record: ContactRecord, warnings: list[tuple[int, str, str]],
                  extra_lines: list[str]) -> list[tuple[str, str, str]]:
    phones = []
    for label, value in record.phones:
        try:
            raw, e164 = normalise_phone(value)
            phones.append((clean_text(label), raw, e164))
        except ValidationError as exc:
            warnings.append((record.row, "phone", exc.message))
            extra_lines.append(f"Phone: {value}")
    return phones


@lru_cache(maxsize=1 << 14)
def _connected_note(source: str, when: dt.date) -> str:
    """``Connected on LinkedIn on 2024-05-30``; cached, since exports repeat dates."""
    where = SOURCE_LABELS.get(source, source or "the import")
    return f"Connected on {where} on {when.isoformat()}"


@lru_cache(maxsize=64)
def _sources(source: str) -> tuple[str, ...]:
    """One shared ``(source,)`` tuple per format, not one list per person."""
    return (source,) if source else ()


def _unique_emails(emails: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    emails = tuple(emails)
    if len(emails) < 2:
        return emails
    seen: set[str] = set()
    out = []
    for label, email in emails:
        if email_key(email) not in seen:
            seen.add(email_key(email))
            out.append((label, email))
    return tuple(out)


def _unique_phones(phones: Iterable[tuple[str, str, str]]) -> tuple[tuple[str, str, str], ...]:
    phones = tuple(phones)
    if len(phones) < 2:
        return phones
    seen: set[str] = set()
    out = []
    for phone in phones:
        key = phone_key(phone[1], phone[2])
        if key not in seen:
            seen.add(key)
            out.append(phone)
    return tuple(out)


def _unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    tags = tuple(tags)
    if len(tags) < 2:
        return tags if all(tags) else ()
    seen: set[str] = set()
    out = []
    for tag in tags:
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def merge_notes(existing: str, incoming: str) -> str:
    """Append ``incoming`` unless the existing notes already hold it (whatever their line
    breaks: notes imported before files' CRLFs were read as newlines kept them)."""
    if not incoming or incoming in existing:
        return existing
    if "\r" in existing and incoming in existing.replace("\r\n", "\n").replace("\r", "\n"):
        return existing
    return f"{existing}\n\n{incoming}" if existing else incoming


def absorb(into: Incoming, other: Incoming) -> None:
    """Join ``other`` (a later row of the same person) into ``into``."""
    into.rows.extend(other.rows)
    alternates = list(into.alternates)
    for name in TEXT_FIELDS:
        mine, theirs = getattr(into, name), getattr(other, name)
        if not mine:
            setattr(into, name, theirs)
        elif theirs and fold(mine) != fold(theirs) and (name, theirs) not in alternates:
            alternates.append((name, theirs))
    alternates.extend(a for a in other.alternates if a not in alternates)
    into.alternates = tuple(alternates)
    into.notes = merge_notes(into.notes, other.notes)
    into.emails = _unique_emails([*into.emails, *other.emails])
    into.phones = _unique_phones([*into.phones, *other.phones])
    into.tags = _unique_tags([*into.tags, *other.tags])
    into.sources = (*into.sources, *(s for s in other.sources if s not in into.sources))
    if other.connected_on is not None and (into.connected_on is None or other.connected_on < into.connected_on):
        into.connected_on = other.connected_on
    into._changed()


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Keep the earlier row as the root so the file's order decides.
            self.parent[max(ra, rb)] = min(ra, rb)


def group_records(
    people: Sequence[Incoming], joins: Iterable[tuple[int, int]] = ()
) -> list[Incoming]:
    """Join people sharing a key (and the row pairs in ``joins``), in file order."""
    uf = _UnionFind(len(people))
    owner: dict[str, int] = {}
    joined = False
    for index, person in enumerate(people):
        for key in person.keys():
            first = owner.setdefault(key, index)
            if first != index:
                uf.union(first, index)
                joined = True
    del owner
    joins = list(joins)
    if joins:
        by_row = {p.row: i for i, p in enumerate(people)}
        for row_a, row_b in joins:
            if row_a in by_row and row_b in by_row:
                uf.union(by_row[row_a], by_row[row_b])
                joined = True
    if not joined:
        return list(people)  # the common case: every row is a different person
    groups: dict[int, Incoming] = {}
    for index, person in enumerate(people):
        root = uf.find(index)
        if root in groups:
            absorb(groups[root], person)
        else:
            groups[root] = person
    return list(groups.values())

"""The contacts there before an import, as matching sees them (:class:`Existing`): read
from the database, found by their keys, changed as writing a plan changes them, and
kept as text in a dry run's scratch table (a big file's later batches read them back).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...store import import_queries as q
from .incoming import phone_key
from .keys import email_key, fold, linkedin_key, name_fold, name_keys

_NONE: frozenset = frozenset()


def _add(contact: Existing, attr: str, value: object) -> None:
    current = getattr(contact, attr)
    if current is _NONE:
        current = set()
        setattr(contact, attr, current)
    current.add(value)


@dataclass(slots=True)
class Existing:
    """One live contact as matching sees it."""

    id: int
    first_name: str
    last_name: str
    organization_id: int | None
    organization: str
    title: str
    industry: str
    location: str
    linkedin_url: str
    how_met: str
    notes: str
    sources: str
    # Shared empty defaults until a value arrives: 100,000 contacts without phones
    # should not cost 100,000 empty sets.
    emails: list[str] | tuple[()] = ()  # as stored, in order
    phone_keys: set[str] | frozenset[str] = _NONE
    phone_count: int = 0
    tag_keys: set[str] | frozenset[str] = _NONE
    # (field, folded value) the contact's history says it has had.
    known: set[tuple[str, str]] | frozenset[tuple[str, str]] = _NONE

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or (
            self.emails[0] if self.emails else f"contact {self.id}"
        )

    @property
    def name_fold(self) -> str:
        return name_fold(self.first_name, self.last_name)


def load_contacts(ids: Sequence[int] | None = None) -> dict[int, Existing]:
    """Live contacts by id (all, or those among ``ids``); texts that repeat across
    contacts are stored once."""
    shared: dict[str, str] = {}
    share = shared.setdefault
    contacts: dict[int, Existing] = {}
    for (cid, first, last, org_id, org, title, industry, location, linkedin, how_met, notes,
         sources) in q.live_contacts(ids):
        contacts[cid] = Existing(cid, share(first, first), last, org_id, share(org, org),
                                 share(title, title), share(industry, industry),
                                 share(location, location), linkedin, share(how_met, how_met),
                                 notes, share(sources, sources))
    return contacts


def load_children(contacts: dict[int, Existing], ids: Sequence[int] | None = None) -> None:
    """Emails, phones, tags and history of ``contacts`` (read for all, or for ``ids``)."""
    for contact_id, email, _position in q.contact_emails(ids):
        contact = contacts.get(contact_id)
        if contact is not None:
            if contact.emails:
                contact.emails.append(email)  # type: ignore[union-attr]
            else:
                contact.emails = [email]
    for contact_id, raw, e164, _position in q.contact_phones(ids):
        if contact_id in contacts:
            _add(contacts[contact_id], "phone_keys", phone_key(raw, e164))
            contacts[contact_id].phone_count += 1
    for contact_id, tag in q.contact_tag_names(ids):
        if contact_id in contacts:
            _add(contacts[contact_id], "tag_keys", fold(tag))
    for contact_id, field_name, old, new in q.history_values(ids):
        if contact_id in contacts:
            _add(contacts[contact_id], "known", (field_name, fold(old)))
            _add(contacts[contact_id], "known", (field_name, fold(new)))


def read_contacts(ids: Sequence[int]) -> dict[int, Existing]:
    """The contacts ``ids`` as they are now, with their children."""
    contacts = load_contacts(ids)
    load_children(contacts, ids)
    return contacts


def contact_keys(contact: Existing) -> list[str]:
    """The keys ``contact`` is found by (its current values; see :meth:`Incoming.keys`)."""
    keys = [f"e:{email_key(email)}" for email in contact.emails]
    if contact.linkedin_url:
        keys.append(f"l:{linkedin_key(contact.linkedin_url)}")
    name = name_fold(contact.first_name, contact.last_name)
    if name:
        keys.extend(name_keys(name, contact.organization, contact.phone_keys))
    return keys


# Fields whose every change is written to the history (as ``apply`` writes it).
_HISTORY_FIELDS = ("organization", "first_name", "last_name")


def add_written(contact: Existing, item: Any, emails: Sequence[tuple[str, str]],
                phones: Sequence[tuple[str, str, str]], tags: Sequence[str]) -> None:
    """Add the emails, phones, tags and history values writing ``item`` gives ``contact``."""
    if emails:
        contact.emails = [*contact.emails, *(e for _, e in emails)]
    for _, raw, e164 in phones:
        _add(contact, "phone_keys", phone_key(raw, e164))
        contact.phone_count += 1
    for tag in tags:
        _add(contact, "tag_keys", fold(tag))
    for change in item.changes:
        if change.kind in ("replace", "alternate") or change.field in _HISTORY_FIELDS:
            _add(contact, "known", (change.field, fold(change.old)))
            _add(contact, "known", (change.field, fold(change.new)))


_STATE_FIELDS = ("id", "first_name", "last_name", "organization_id", "organization", "title",
                 "industry", "location", "linkedin_url", "how_met", "notes", "sources",
                 "emails", "phone_count")


def state_text(contact: Existing, row: int) -> str:
    """``contact`` (first met at ``row`` of the file) as text, for a dry run's scratch
    table."""
    return json.dumps([*(getattr(contact, name) for name in _STATE_FIELDS),
                       sorted(contact.phone_keys), sorted(contact.tag_keys),
                       sorted(contact.known), row], ensure_ascii=False, separators=(",", ":"))


def row_of_state(text: str) -> int:
    return int(json.loads(text)[-1])


def from_state(text: str) -> Existing:
    values = json.loads(text)[:-1]
    count = len(_STATE_FIELDS)
    contact = Existing(*values[:count - 2])
    contact.emails = values[count - 2] or ()
    contact.phone_count = values[count - 1]
    phones, tags, known = values[count:]
    if phones:
        contact.phone_keys = set(phones)
    if tags:
        contact.tag_keys = set(tags)
    if known:
        contact.known = {tuple(pair) for pair in known}
    return contact


def updated_values(contact: Existing, changes: Sequence[Any]) -> dict[str, str]:
    """The fields ``contact`` holds once ``changes`` (a plan's, for it) are written: the
    one account of an update's values, for the writer and for a dry run alike."""
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

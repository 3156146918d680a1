"""What the database already holds, read once per import, shaped for matching.

Reading everything up front (a few set queries) and matching in memory is
what keeps a 100,000-row re-import within seconds: one query per table, not
one per row. Repeated texts (organizations, titles, sources, dates in "how
met") are shared rather than held once per contact, and the lookup keys live
in one dict keyed like :meth:`Incoming.keys` (``e:``, ``l:``, ``n:``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...store import import_queries as q
from .incoming import phone_key
from .keys import email_key, fold, linkedin_key, name_fold, name_org_key

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


def _load_contacts() -> dict[int, Existing]:
    """Live contacts by id; texts that repeat across contacts are stored once."""
    shared: dict[str, str] = {}
    share = shared.setdefault
    contacts: dict[int, Existing] = {}
    for (cid, first, last, org_id, org, title, industry, location, linkedin, how_met, notes,
         sources) in q.live_contacts():
        contacts[cid] = Existing(cid, share(first, first), last, org_id, share(org, org),
                                 share(title, title), share(industry, industry),
                                 share(location, location), linkedin, share(how_met, how_met),
                                 notes, share(sources, sources))
    return contacts


class Snapshot:
    """Live contacts with their emails, phones, tags and history, plus lookup indexes."""

    def __init__(self) -> None:
        self.contacts: dict[int, Existing] = _load_contacts()
        # "e:<email>", "l:<profile URL>", "n:<name>\x1f<organization>" -> contact id.
        self.by_key: dict[str, int] = {}
        self._load_children()
        self._index()
        self.org_by_fold: dict[str, tuple[int, str]] = {}
        for org_id, name in q.organizations():
            self.org_by_fold.setdefault(fold(name), (org_id, name))
        self.tag_by_fold: dict[str, int] = {fold(name): tag_id for tag_id, name in q.tags()}

    def _load_children(self) -> None:
        contacts = self.contacts
        for contact_id, email, _position in q.contact_emails():
            contact = contacts.get(contact_id)
            if contact is not None:
                if contact.emails:
                    contact.emails.append(email)  # type: ignore[union-attr]
                else:
                    contact.emails = [email]
        for contact_id, raw, e164, _position in q.contact_phones():
            if contact_id in contacts:
                _add(contacts[contact_id], "phone_keys", phone_key(raw, e164))
                contacts[contact_id].phone_count += 1
        for contact_id, tag in q.contact_tag_names():
            if contact_id in contacts:
                _add(contacts[contact_id], "tag_keys", fold(tag))
        for contact_id, field_name, old, new in q.history_values():
            if contact_id in contacts:
                _add(contacts[contact_id], "known", (field_name, fold(old)))
                _add(contacts[contact_id], "known", (field_name, fold(new)))

    def _index(self) -> None:
        # The earliest contact wins a shared email or URL, so matching is stable.
        by_key = self.by_key
        for contact in self.contacts.values():
            for email in contact.emails:
                by_key.setdefault(f"e:{email_key(email)}", contact.id)
            if contact.linkedin_url:
                by_key.setdefault(f"l:{linkedin_key(contact.linkedin_url)}", contact.id)
            key = name_org_key(contact.first_name, contact.last_name, contact.organization)
            if key:
                # Several people with one name at one organization were kept apart on
                # purpose; the newest is the one the latest import created.
                by_key[f"n:{key}"] = contact.id
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
                    for organization in values["organization"]:
                        key = name_org_key(first, last, organization)
                        if key:
                            by_key.setdefault(f"n:{key}", contact.id)

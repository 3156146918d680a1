"""Soft delete: the trash, restore and purge, for every object that has one.

Trashing sets ``deleted_at``; nothing is lost until the user purges or
empties the trash. Items trashed together share one timestamp, so a bulk
delete can be restored as a group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ...store.database import db
from ...store.models import BaseModel, Contact, Meeting, Organization, Relationship, utcnow
from ..database.backups import before
from ..errors import NotFoundError
from ..network.relationships import select_with_people

TRASHABLE: dict[str, type[BaseModel]] = {
    "contact": Contact,
    "organization": Organization,
    "relationship": Relationship,
    "meeting": Meeting,
}


@dataclass
class TrashedItem:
    kind: str
    id: int
    label: str
    deleted_at: dt.datetime


def _model(kind: str) -> type[BaseModel]:
    try:
        return TRASHABLE[kind]
    except KeyError:
        raise NotFoundError(f"nothing called '{kind}' can be trashed") from None


def trash(kind: str, ids: Iterable[int]) -> dt.datetime:
    """Move live items to the trash; return the shared timestamp (for undo)."""
    model = _model(kind)
    ids = list(ids)
    now = utcnow()
    with db.atomic():
        found = model.update(deleted_at=now).where(
            model.id.in_(ids), model.deleted_at.is_null()
        ).execute()
    if ids and not found:
        raise NotFoundError(f"no {kind} with id {', '.join(map(str, ids))} outside the trash")
    return now


def restore(kind: str, ids: Iterable[int]) -> int:
    """Bring items back from the trash; return how many came back."""
    model = _model(kind)
    ids = list(ids)
    with db.atomic():
        count = model.update(deleted_at=None).where(
            model.id.in_(ids), model.deleted_at.is_null(False)
        ).execute()
    if ids and not count:
        raise NotFoundError(f"no {kind} with id {', '.join(map(str, ids))} in the trash")
    return count


@before("purge")  # an automatic backup first
def purge(kind: str, ids: Iterable[int]) -> int:
    """Delete items for good; only items already in the trash can be purged."""
    model = _model(kind)
    with db.atomic():
        return model.delete().where(model.id.in_(list(ids)), model.deleted_at.is_null(False)).execute()


@before("empty-trash")  # an automatic backup first
def empty_trash() -> int:
    total = 0
    with db.atomic():
        for model in (Relationship, Meeting, Contact, Organization):
            total += model.delete().where(model.deleted_at.is_null(False)).execute()
    return total


def list_trash(limit: int = 1000, kinds: Iterable[str] = tuple(TRASHABLE)) -> list[TrashedItem]:
    """What is in the trash, newest first; ``kinds`` narrows it (the contact table
    shows trashed contacts itself, so the Trash view asks for the other kinds)."""
    kinds = set(kinds)
    items: list[TrashedItem] = []
    if "contact" in kinds:
        for c in Contact.select().where(Contact.deleted_at.is_null(False)).limit(limit):
            items.append(TrashedItem("contact", c.id, c.full_name, c.deleted_at))
    if "organization" in kinds:
        for o in Organization.select().where(Organization.deleted_at.is_null(False)).limit(limit):
            items.append(TrashedItem("organization", o.id, o.name, o.deleted_at))
    if "relationship" in kinds:
        for r in select_with_people().where(Relationship.deleted_at.is_null(False)).limit(limit):
            a = r.person_a.full_name if r.person_a_id else "You"
            items.append(TrashedItem("relationship", r.id, f"{a} – {r.person_b.full_name}", r.deleted_at))
    if "meeting" in kinds:
        for m in Meeting.select(Meeting, Contact).join(Contact).where(Meeting.deleted_at.is_null(False)).limit(limit):
            items.append(TrashedItem("meeting", m.id, f"Meeting with {m.contact.full_name}", m.deleted_at))
    items.sort(key=lambda item: item.deleted_at, reverse=True)
    return items


def trash_contacts(ids: Iterable[int]) -> dt.datetime:
    return trash("contact", ids)


def restore_contacts(ids: Iterable[int]) -> int:
    return restore("contact", ids)

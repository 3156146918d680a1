"""Tags: free labels on contacts, case-insensitive and unique by name."""

from __future__ import annotations

from collections.abc import Iterable

from peewee import fn

from ...store.database import db
from ...store.models import Contact, ContactTag, Tag
from ..errors import NotFoundError, ValidationError
from ..validation import clean_text
from .people import tag_id_for


def add_tag(contact_ids: Iterable[int], name: str) -> int:
    """Tag every contact in ``contact_ids``; return how many gained the tag."""
    ids = list(contact_ids)
    with db.atomic():
        tag_id = tag_id_for(name)
        rows = [{"contact": cid, "tag": tag_id} for cid in ids]
        before = ContactTag.select().where(ContactTag.tag == tag_id).count()
        for start in range(0, len(rows), 500):
            ContactTag.insert_many(rows[start : start + 500]).on_conflict_ignore().execute()
        return ContactTag.select().where(ContactTag.tag == tag_id).count() - before


def remove_tag(contact_ids: Iterable[int], name: str) -> int:
    tag = Tag.get_or_none(Tag.name == clean_text(name))
    if tag is None:
        raise NotFoundError(f"no tag called '{name}'")
    with db.atomic():
        return ContactTag.delete().where(
            ContactTag.tag == tag.id, ContactTag.contact.in_(list(contact_ids))
        ).execute()


def list_tags() -> list[tuple[str, int]]:
    """Every tag with how many live contacts carry it, by name."""
    query = (
        Tag.select(Tag.name, fn.count(Contact.id))
        .join(ContactTag, on=(ContactTag.tag == Tag.id))
        .join(Contact, on=((Contact.id == ContactTag.contact) & Contact.deleted_at.is_null()))
        .group_by(Tag.id)
        .order_by(fn.lower(Tag.name))
    )
    counted = dict(query.tuples())
    return [(t.name, counted.get(t.name, 0)) for t in Tag.select().order_by(fn.lower(Tag.name))]


def rename_tag(old: str, new: str) -> None:
    new = clean_text(new)
    if not new:
        raise ValidationError("tag", "a tag needs a name")
    tag = Tag.get_or_none(Tag.name == clean_text(old))
    if tag is None:
        raise NotFoundError(f"no tag called '{old}'")
    if Tag.get_or_none((Tag.name == new) & (Tag.id != tag.id)):
        raise ValidationError("tag", f"a tag called '{new}' already exists")
    tag.name = new
    tag.save()


def delete_tag(name: str) -> None:
    with db.atomic():
        deleted = Tag.delete().where(Tag.name == clean_text(name)).execute()
    if not deleted:
        raise NotFoundError(f"no tag called '{name}'")

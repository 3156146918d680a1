"""Who knows whom: relationships between two people, or between you and a contact."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from peewee import JOIN

from ...domain import RELATIONSHIP_KINDS
from ...store.database import db
from ...store.models import Contact, Relationship, utcnow
from ..conflicts import ATTEMPTS, StaleWrite, merge_edit, save_if_version
from ..errors import NotFoundError, ServiceError, ValidationError
from ..validation import clean_text, validate_strength
from ..views import RelationshipView

ME = None  # a person_a of None means "you"
# What a user may type, on the command line or in a form, to mean themselves.
ME_WORDS = ("me", "you", "myself")


def validate_kind(kind: str) -> str:
    cleaned = clean_text(kind).lower().replace(" ", "_").replace("-", "_") or "other"
    if cleaned not in RELATIONSHIP_KINDS:
        raise ValidationError("kind", f"'{kind}' is not one of: {', '.join(RELATIONSHIP_KINDS)}")
    return cleaned


def _check_person(contact_id: int | None, field: str) -> None:
    if contact_id is None:
        return
    if not Contact.get_or_none((Contact.id == contact_id) & Contact.deleted_at.is_null()):
        raise ValidationError(field, f"no contact with id {contact_id}")


def add_relationship(
    person_a: int | None,
    person_b: int | None,
    kind: str = "other",
    strength: str = "known",
    how: str = "",
    since: str = "",
) -> RelationshipView:
    """Record that A knows B (A None = you). An existing live link is updated, not doubled."""
    if person_b is None and person_a is not None:
        person_a, person_b = None, person_a
    if person_b is None:
        raise ValidationError("person", "a relationship needs at least one contact")
    if person_a == person_b:
        raise ValidationError("person", "a person cannot have a relationship with themselves")
    _check_person(person_a, "person A")
    _check_person(person_b, "person B")
    kind, strength = validate_kind(kind), validate_strength(strength)
    with db.atomic():
        existing = find_relationship(person_a, person_b)
        if existing is not None:
            existing.kind, existing.strength = kind, strength
            if how:
                existing.how = clean_text(how)
            if since:
                existing.since = clean_text(since)
            existing.save()
            rel_id = existing.id
        else:
            rel_id = Relationship.create(
                person_a=person_a,
                person_b=person_b,
                kind=kind,
                strength=strength,
                how=clean_text(how),
                since=clean_text(since),
            ).id
    return get_relationship(rel_id)


def find_relationship(a: int | None, b: int) -> Relationship | None:
    """The live relationship between a and b in either direction."""
    if a is None:
        cond = Relationship.person_a.is_null() & (Relationship.person_b == b)
    else:
        cond = ((Relationship.person_a == a) & (Relationship.person_b == b)) | (
            (Relationship.person_a == b) & (Relationship.person_b == a)
        )
    return Relationship.select().where(cond, Relationship.deleted_at.is_null()).first()


def update_relationship(
    rel_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    base: RelationshipView | None = None,
) -> RelationshipView:
    """Change the fields given; from an old ``expected_version`` merge against ``base``
    or raise ``EditConflict`` (see ``services/conflicts.py``)."""
    clean: dict[str, Any] = {}
    if "kind" in changes:
        clean["kind"] = validate_kind(changes["kind"])
    if "strength" in changes:
        clean["strength"] = validate_strength(changes["strength"])
    for key in ("how", "since"):
        if key in changes:
            clean[key] = clean_text(changes[key])
    for _attempt in range(ATTEMPTS):
        try:
            with db.atomic():
                rel = Relationship.get_or_none((Relationship.id == rel_id) & Relationship.deleted_at.is_null())
                if rel is None:
                    raise NotFoundError(f"no relationship with id {rel_id}")
                seen = rel.version
                merged = merge_edit(
                    f"the relationship {_view(rel).person_a} – {_view(rel).person_b}", rel_id,
                    expected_version, seen, clean, {key: getattr(rel, key) for key in clean},
                    {key: getattr(base, key) for key in clean} if base is not None else None,
                )
                for key, value in merged.items():
                    setattr(rel, key, value)
                save_if_version(rel, seen)
            return get_relationship(rel_id)
        except StaleWrite:
            continue
    raise ServiceError(f"relationship {rel_id} is being changed by another copy right now; try again")


def remove_relationship(rel_id: int) -> None:
    """Move a relationship to the trash (restorable)."""
    with db.atomic():
        count = Relationship.update(deleted_at=utcnow()).where(
            Relationship.id == rel_id, Relationship.deleted_at.is_null()
        ).execute()
    if not count:
        raise NotFoundError(f"no relationship with id {rel_id}")


def bulk_link(people: Iterable[int], to: int, kind: str = "colleague", strength: str = "known", how: str = "") -> int:
    """'These people all work with X': link each of ``people`` to ``to``."""
    count = 0
    with db.atomic():
        for person in people:
            if person != to:
                add_relationship(person, to, kind, strength, how)
                count += 1
    return count


def select_with_people() -> Any:
    """Relationships with both people joined in, so a list reads no row per person."""
    person_a, person_b = Contact.alias(), Contact.alias()
    return (
        Relationship.select(Relationship, person_a, person_b)
        .join_from(Relationship, person_a, JOIN.LEFT_OUTER, on=(Relationship.person_a == person_a.id), attr="person_a")
        .join_from(Relationship, person_b, on=(Relationship.person_b == person_b.id), attr="person_b")
    )


def get_relationship(rel_id: int) -> RelationshipView:
    rel = Relationship.get_or_none(Relationship.id == rel_id)
    if rel is None:
        raise NotFoundError(f"no relationship with id {rel_id}")
    return _view(rel)


def list_relationships(contact_id: int | None = None, me: bool = False) -> list[RelationshipView]:
    """Live relationships: all, those of one contact, or yours (``me=True``)."""
    query = select_with_people().where(Relationship.deleted_at.is_null())
    if me:
        query = query.where(Relationship.person_a.is_null())
    elif contact_id is not None:
        query = query.where(
            (Relationship.person_a == contact_id) | (Relationship.person_b == contact_id)
        )
    return [_view(r) for r in query.order_by(Relationship.id)]


def _view(rel: Relationship) -> RelationshipView:
    return RelationshipView(
        id=rel.id,
        person_a_id=rel.person_a_id,
        person_a=rel.person_a.full_name if rel.person_a_id else "You",
        person_b_id=rel.person_b_id,
        person_b=rel.person_b.full_name,
        kind=rel.kind,
        strength=rel.strength,
        how=rel.how,
        since=rel.since,
        version=rel.version,
    )

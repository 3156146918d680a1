"""Relationships that follow from other facts, e.g. an introduction.

When X introduces you to Y, two ties become known: you now know Y
("introduced by X"), and X knows Y. The introductions service (owned by the
workflow feature) calls :func:`record_introduction_link` after it records
an introduction; existing ties are kept as they are, never weakened.
"""

from __future__ import annotations

from ...store.models import Contact
from ..errors import NotFoundError
from ..views import RelationshipView
from .relationships import add_relationship, find_relationship


def record_introduction_link(introducer_id: int | None, introduced_id: int) -> list[RelationshipView]:
    """Create the ties an introduction implies; return those created (may be empty)."""
    introduced = Contact.get_or_none((Contact.id == introduced_id) & Contact.deleted_at.is_null())
    if introduced is None:
        raise NotFoundError(f"no contact with id {introduced_id}")
    introducer = None
    if introducer_id is not None:
        introducer = Contact.get_or_none((Contact.id == introducer_id) & Contact.deleted_at.is_null())
        if introducer is None:
            raise NotFoundError(f"no contact with id {introducer_id}")
    created: list[RelationshipView] = []
    if find_relationship(None, introduced_id) is None:
        how = f"introduced by {introducer.full_name}" if introducer else "met on my own"
        created.append(add_relationship(None, introduced_id, "introduced_by", "acquaintance", how=how))
    if introducer is not None and introducer_id != introduced_id:
        if find_relationship(introducer_id, introduced_id) is None:
            created.append(
                add_relationship(
                    introducer_id, introduced_id, "other", "known", how=f"introduced me to {introduced.full_name}"
                )
            )
    return created

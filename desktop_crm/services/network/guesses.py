"""What the user does with a guessed tie (see :mod:`.inferred`): see a person's guesses,
confirm one (it becomes a real relationship) or dismiss it (it never comes back)."""

from __future__ import annotations

from ...store import tie_facts
from ...store.database import db
from ..errors import ValidationError
from ..lookups import live_contact
from ..views import RelationshipView
from .graph import get_graph
from .relationships import add_relationship, find_relationship


def _check_pair(a: int, b: int) -> tuple[int, int]:
    if a == b:
        raise ValidationError("person", "a person cannot have a tie with themselves")
    live_contact(a)
    live_contact(b)
    return a, b


def confirm_inferred(a: int, b: int) -> RelationshipView:
    """The guess is right: record a real tie (kind colleague for shared employers)."""
    a, b = _check_pair(a, b)
    overlay = get_graph().inferred
    why = overlay.why(a, b)
    colleagues = any(g.kind == "organization" and b in g.members for g in overlay.groups_of(a))
    with db.atomic():
        existing = find_relationship(a, b)
        if existing is not None:
            raise ValidationError("person", "they are already recorded as knowing each other")
        return add_relationship(a, b, "colleague" if colleagues else "other", "known",
                                how=f"{why} (confirmed)")


def dismiss_inferred(a: int, b: int) -> None:
    """The guess is wrong: never infer a tie between these two again."""
    a, b = _check_pair(a, b)
    with db.atomic():
        tie_facts.dismiss_pair(a, b)


def inferred_ties(contact_id: int, limit: int = 200) -> list[tuple[int, str]]:
    """People this contact probably knows, and why (real ties left out)."""
    network = get_graph()
    live_contact(contact_id)
    known = network.graph._adj.get(contact_id, {})
    return [(other, why) for other, why in network.inferred.guesses_for(contact_id, limit + len(known))
            if other not in known][:limit]

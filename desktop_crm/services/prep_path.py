"""How you are connected to the person on a prep sheet: who introduced you, and the path.

Part of :mod:`desktop_crm.services.prep`. The warmest path comes from the
network service; when that fails (a graph still being built, a bug) the
sheet still prints, with your direct ties instead.
"""

from __future__ import annotations

import logging

from ..reports.prep_data import PathStep
from ..store.models import Contact, Introduction, Relationship
from .network.paths import PathStep as NetworkStep
from .network.paths import Person as NetworkPerson

log = logging.getLogger(__name__)


def name_of(contact: Contact | None) -> str:
    return contact.full_name if contact is not None else ""


def introductions_to(contact_id: int) -> list[Introduction]:
    """Live introductions of this person to you by someone, newest first."""
    return list(Introduction.select(Introduction, Contact)
                .join(Contact, on=Introduction.introducer == Contact.id)
                .where(Introduction.introduced == contact_id, Introduction.status != "declined",
                       Contact.deleted_at.is_null())
                .order_by(Introduction.date.desc(), Introduction.id.desc()))


def introduced_by(intros: list[Introduction]) -> str | None:
    """Who introduced you (several are joined with "and")."""
    names = list(dict.fromkeys(i.introducer.full_name for i in intros if i.introducer.full_name))
    return " and ".join(names[:2]) or None


def connection_path(contact: Contact, intros: list[Introduction]) -> list[PathStep]:
    """The warmest path from you. When that is only the "introduced" tie an
    introduction created, the path through the introducer tells more (whom
    to thank, whose name to mention), so it is drawn instead."""
    steps = _warmest(contact)
    if intros and len(steps) <= 1 and _only_introduced(contact.id):
        introducer = intros[0].introducer
        via = _warmest(introducer)
        if via and all(s.name != contact.full_name for s in via):
            return [*via, PathStep(contact.full_name, "introduced you")]
    return steps


def _only_introduced(contact_id: int) -> bool:
    """Whether your only direct tie to them is (at most) the introduction."""
    mine = Relationship.get_or_none(Relationship.deleted_at.is_null()
                                    & Relationship.person_a.is_null()
                                    & (Relationship.person_b == contact_id))
    return mine is None or mine.kind == "introduced_by"


def _warmest(contact: Contact) -> list[PathStep]:
    """The network service's warmest path; on any failure there (a graph
    still being built, a bug), your direct ties instead."""
    try:
        from .network.paths import path_to_person  # local: the graph is heavy to import
        result = path_to_person(contact.id, count=1)
        return [PathStep(s.person.name, s.tie) for s in result.paths[0].steps] \
            if result.paths else []
    except Exception:  # noqa: BLE001 - the sheet must print without the network feature
        log.warning("warmest path to contact %s failed; using direct ties", contact.id,
                    exc_info=True)
    return _direct_path(contact)


def _tie(kind: str, strength: str) -> str:
    return NetworkStep(NetworkPerson(0, ""), kind or "other", strength or "known").tie


def _direct_path(contact: Contact) -> list[PathStep]:
    """You -> them if you know them, else You -> a friend -> them."""
    alive = Relationship.deleted_at.is_null()
    mine = Relationship.get_or_none(alive & Relationship.person_a.is_null()
                                    & (Relationship.person_b == contact.id))
    if mine is not None:
        return [PathStep(contact.full_name, _tie(mine.kind, mine.strength))]
    friends = {r.person_b_id: r for r in Relationship.select().where(
        alive, Relationship.person_a.is_null())}
    for rel in Relationship.select().where(
            alive, (Relationship.person_a == contact.id) | (Relationship.person_b == contact.id)):
        other = rel.person_b_id if rel.person_a_id == contact.id else rel.person_a_id
        if other in friends:
            first = friends[other]
            return [PathStep(name_of(Contact.get_or_none(Contact.id == other)),
                             _tie(first.kind, first.strength)),
                    PathStep(contact.full_name, _tie(rel.kind, rel.strength))]
    return []

"""How you are connected to the person on a prep sheet: who introduced you, and the path.

Part of :mod:`desktop_crm.services.prep`. The warmest path, who could
introduce you and what to say when there is no path all come from the one
path service (:func:`desktop_crm.services.network.path_to_person`), so the
sheet says what Find a way and ``path`` say. When that fails (a graph still
being built, a bug) the sheet still prints, with your direct ties instead.
"""

from __future__ import annotations

import logging

from ...reports.prep_data import Connection, PathStep
from ...store.models import Contact, Introduction, Relationship
from ..network.paths import PathStep as NetworkStep
from ..network.paths import Person as NetworkPerson

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


def connection(contact: Contact, intros: list[Introduction]) -> Connection:
    """Who introduced you, the warmest path, who could introduce you, and the path finder's note."""
    result = _result(contact)
    steps = _steps(result) if result is not None else _direct_path(contact)
    if intros and len(steps) <= 1 and _only_introduced(contact.id):
        # The "introduced" tie alone says little: the path through the introducer
        # tells whom to thank and whose name to mention.
        introducer = intros[0].introducer
        via_result = _result(introducer)
        via = _steps(via_result) if via_result is not None else _direct_path(introducer)
        if via and all(s.name != contact.full_name for s in via):
            steps = [*via, PathStep(contact.full_name, "introduced you")]
    introducers: list[str] = []
    note = ""
    if result is not None:
        introducers = [_introducer_line(path) for path in result.paths if len(path.steps) >= 2]
        # A person nobody is recorded as knowing needs no note: the section stays out.
        if result.uses_inferred and result.paths:
            note = "A guess: " + "; ".join(result.paths[0].guesses()) + "."
        elif result.found or result.known_by or result.suggestions:
            note = result.message
    return Connection(introduced_by=introduced_by(intros), path=steps,
                      introducers=list(dict.fromkeys(introducers)), note=note)


def _introducer_line(path) -> str:
    first = path.steps[0]
    rest = " → ".join(s.person.name for s in path.steps[1:])
    return f"{first.person.name} ({first.tie}) → {rest}"


def _only_introduced(contact_id: int) -> bool:
    """Whether your only direct tie to them is (at most) the introduction."""
    mine = Relationship.get_or_none(Relationship.deleted_at.is_null()
                                    & Relationship.person_a.is_null()
                                    & (Relationship.person_b == contact_id))
    return mine is None or mine.kind == "introduced_by"


def _result(contact: Contact):
    """The path service's answer for this person, or None when it failed (the
    sheet must print without the network feature)."""
    try:
        from ..network.paths import path_to_person  # local: the graph is heavy to import
        return path_to_person(contact.id, count=3, draft=False)
    except Exception:  # noqa: BLE001 - the sheet must print without the network feature
        log.warning("warmest path to contact %s failed; using direct ties", contact.id,
                    exc_info=True)
    return None


def _steps(result) -> list[PathStep]:
    return [PathStep(s.person.name, s.tie) for s in result.paths[0].steps] if result.paths else []


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

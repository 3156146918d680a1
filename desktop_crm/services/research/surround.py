"""Surround: an organization's coverage, so the user can meet several people around a role.

For one organization: who you know there, whom you met, who introduced you
to them, and the gaps (nobody there yet, no one met, no one who can hire,
nobody on the team you are aiming for), each a :class:`Gap` with a code the
UI acts on. :func:`coverage_overview` gives the same in numbers for every
(target) organization, from grouped queries.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ...store.models import Contact, Introduction, Meeting, Relationship
from ...store.surround_queries import coverage_counts, distinct_titles
from ..contacts.profile import get_profile
from ..lookups import live_organization

_STOP = {"and", "or", "of", "the", "a", "an", "in", "for", "to", "lead", "senior", "junior", "head"}


@dataclass
class SurroundPerson:
    contact_id: int
    name: str
    title: str
    tier: str
    status: str
    you_know: bool  # a direct relationship with you
    met: bool  # at least one meeting held
    last_met_at: dt.datetime | None
    next_meeting_at: dt.datetime | None
    introduced_by: list[str] = field(default_factory=list)
    on_team: bool = False  # title matches your target roles

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("last_met_at", "next_meeting_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class Surround:
    organization_id: int
    name: str
    industry: str
    location: str
    is_target: bool
    people: list[SurroundPerson]
    introducers: list[tuple[int, str, int]]  # (contact id, name, people introduced here)
    gaps: list[Gap]

    @property
    def known(self) -> int:
        return len(self.people)

    @property
    def met(self) -> int:
        return sum(p.met for p in self.people)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["people"] = [p.to_dict() for p in self.people]
        data["introducers"] = [{"contact_id": i, "name": n, "count": c} for i, n, c in self.introducers]
        data["known"], data["met"] = self.known, self.met
        data["gaps"] = [g.to_dict() for g in self.gaps]
        return data


def role_words(target_roles: str) -> set[str]:
    """Significant words of the profile's target roles ('Data engineering lead' → data, engineering)."""
    words = {w for w in re.split(r"[^\w]+", target_roles.casefold()) if len(w) > 2}
    stems = {w[:6] for w in words - _STOP}
    return stems


def _on_team(title: str, stems: set[str]) -> bool:
    return bool(stems) and any(w[:6] in stems for w in re.split(r"[^\w]+", title.casefold()) if len(w) > 2)


def surround(organization_id: int) -> Surround:
    org = live_organization(organization_id)
    people = list(
        Contact.select()
        .where(Contact.organization == org.id, Contact.deleted_at.is_null())
        .order_by(Contact.sort_name)
    )
    ids = [p.id for p in people]
    held: dict[int, dt.datetime] = {}
    for m in Meeting.select(Meeting.contact, Meeting.starts_at).where(
        Meeting.contact.in_(ids), Meeting.status == "done", Meeting.deleted_at.is_null()
    ):
        held[m.contact_id] = max(held.get(m.contact_id, m.starts_at), m.starts_at)
    direct = {
        r.person_b_id
        for r in Relationship.select(Relationship.person_b).where(
            Relationship.person_a.is_null(), Relationship.person_b.in_(ids), Relationship.deleted_at.is_null()
        )
    }
    intro_by: dict[int, list[tuple[int, str]]] = {}
    for i in (
        Introduction.select(Introduction.introduced, Contact.id, Contact.first_name, Contact.last_name)
        .join(Contact, on=Introduction.introducer == Contact.id)
        .where(Introduction.introduced.in_(ids), Introduction.status != "declined")
    ):
        intro_by.setdefault(i.introduced_id, []).append((i.introducer.id, i.introducer.full_name))
    stems = role_words(get_profile().target_roles)
    rows = [
        SurroundPerson(
            contact_id=p.id,
            name=p.full_name,
            title=p.title,
            tier=p.tier,
            status=p.status,
            you_know=p.id in direct,
            met=p.id in held,
            last_met_at=held.get(p.id),
            next_meeting_at=p.next_meeting_at,
            introduced_by=sorted({n for _, n in intro_by.get(p.id, [])}),
            on_team=_on_team(p.title, stems),
        )
        for p in people
    ]
    counts: dict[tuple[int, str], int] = {}
    for pairs in intro_by.values():
        for pair in set(pairs):
            counts[pair] = counts.get(pair, 0) + 1
    introducers = sorted(((i, n, c) for (i, n), c in counts.items()), key=lambda t: (-t[2], t[1]))
    return Surround(
        org.id, org.name, org.industry, org.location, org.is_target, rows, introducers, gaps(rows, bool(stems))
    )


GAP_CODES = ("nobody_here", "no_one_met", "no_target_tier", "nobody_on_team", "few_people")
SURROUND_SIZE = 3  # people it takes to surround a role


@dataclass(frozen=True)
class Gap:
    """One thing missing to surround a role: a stable ``code`` to act on and a sentence to show.

    Codes: nobody_here, no_one_met, no_target_tier, nobody_on_team, few_people.
    """

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def gaps(people: list[SurroundPerson], has_target_roles: bool) -> list[Gap]:
    """What is missing to surround a role here, most important first."""
    return gaps_from_counts(
        known=len(people),
        met=sum(p.met for p in people),
        target_tier=sum(p.tier == "target" for p in people),
        on_team=sum(p.on_team for p in people),
        has_target_roles=has_target_roles,
    )


def gaps_from_counts(known: int, met: int, target_tier: int, on_team: int, has_target_roles: bool) -> list[Gap]:
    """The gaps from the numbers alone, so the overview needs no per-person rows."""
    if not known:
        return [Gap("nobody_here", "Nobody here yet: ask your bridges who knows someone at this organization.")]
    out = []
    if not met:
        out.append(Gap("no_one_met", "No one met yet: ask one of the people you know here for 20 minutes."))
    if not target_tier:
        out.append(Gap("no_target_tier", "No target-tier person (someone who can hire or is close to who decides)."))
    if has_target_roles and not on_team:
        out.append(Gap("nobody_on_team", "Nobody on the team you are aiming for yet (no title matches your target roles)."))
    if known < SURROUND_SIZE:
        out.append(Gap("few_people", f"Only {_people(known)} here: surrounding a role takes three or more."))
    return out


@dataclass
class CoverageRow:
    organization_id: int
    name: str
    is_target: bool
    known: int
    met: int
    target_tier: int
    gaps: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def coverage_overview(targets_only: bool = True) -> list[CoverageRow]:
    """Every (target) organization with its numbers, the least covered first.

    A few grouped queries for all organizations at once (see
    :mod:`desktop_crm.store.surround_queries`), not one surround each.
    """
    stems = role_words(get_profile().target_roles)
    team_titles = [t for t in distinct_titles() if _on_team(t, stems)] if stems else []
    rows = []
    for c in coverage_counts(team_titles, targets_only):
        found = gaps_from_counts(c.known, c.met, c.target_tier, c.on_team, bool(stems))
        rows.append(CoverageRow(c.organization_id, c.name, c.is_target, c.known, c.met, c.target_tier, len(found)))
    return sorted(rows, key=lambda r: (-r.gaps, r.met, r.name.casefold()))

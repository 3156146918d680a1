"""Plain read-only snapshots the services hand to the CLI and the UI.

They carry no database handle, so a view can keep one after the row changed
and a worker thread can pass one to the UI thread safely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class ContactView:
    id: int
    first_name: str
    last_name: str
    organization: str = ""
    organization_id: int | None = None
    title: str = ""
    industry: str = ""
    location: str = ""
    linkedin_url: str = ""
    how_met: str = ""
    notes: str = ""
    interests: str = ""
    tier: str = "primary"
    status: str = "to_contact"
    is_gatekeeper: bool = False
    sources: str = ""
    emails: list[dict[str, str]] = field(default_factory=list)
    phones: list[dict[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None
    last_contact_at: dt.datetime | None = None
    next_meeting_at: dt.datetime | None = None
    # How many writes the row has seen: an editor saves "from" this version.
    version: int = 1

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def primary_email(self) -> str:
        return self.emails[0]["email"] if self.emails else ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["full_name"] = self.full_name
        for key in ("created_at", "updated_at", "deleted_at", "last_contact_at", "next_meeting_at"):
            data[key] = _iso(data[key])
        return data


@dataclass
class OrganizationView:
    id: int
    name: str
    industry: str = ""
    location: str = ""
    website: str = ""
    is_target: bool = False
    notes: str = ""
    contact_count: int = 0
    deleted_at: dt.datetime | None = None
    version: int = 1  # an editor saves "from" this version

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["deleted_at"] = _iso(self.deleted_at)
        return data


@dataclass
class RelationshipView:
    id: int
    person_a_id: int | None  # None = you
    person_a: str
    person_b_id: int
    person_b: str
    kind: str
    strength: str
    how: str = ""
    since: str = ""
    version: int = 1  # an editor saves "from" this version

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

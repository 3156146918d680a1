"""Grouped queries behind the coverage of every organization (the Organizations table).

A handful of grouped queries, each on an index, instead of a surround per
organization: 1,000 organizations with 100,000 people in tens of
milliseconds. Which titles are "on the team" is decided by the caller (a
word-stem rule in Python); the matching titles come in as one JSON array.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from .database import db


@dataclass(frozen=True)
class CoverageCounts:
    """The numbers of one live organization; ``on_team`` counts people with a matching title."""

    organization_id: int
    name: str
    is_target: bool
    known: int
    met: int
    target_tier: int
    on_team: int


# Each query walks an index made for it (schema 1 and 3): the organization
# index for everyone, the trashed index to take the trashed out again, the
# live tier and title indexes, and meetings by contact (INDEXED BY keeps
# SQLite on the small trashed index: it would walk the organization one).
_ALL_BY_ORG = "SELECT organization_id, count(*) FROM contact WHERE organization_id IS NOT NULL GROUP BY 1"
_TRASHED_BY_ORG = (
    "SELECT organization_id, count(*) FROM contact INDEXED BY contact_trashed "
    "WHERE deleted_at IS NOT NULL AND organization_id IS NOT NULL GROUP BY 1"
)
_TARGET_TIER_BY_ORG = (
    "SELECT organization_id, count(*) FROM contact "
    "WHERE tier = 'target' AND deleted_at IS NULL AND organization_id IS NOT NULL GROUP BY 1"
)
_MET_BY_ORG = (
    "SELECT c.organization_id, count(DISTINCT m.contact_id) FROM meeting m "
    "JOIN contact c ON c.id = m.contact_id "
    "WHERE m.status = 'done' AND m.deleted_at IS NULL AND c.deleted_at IS NULL "
    "AND c.organization_id IS NOT NULL GROUP BY 1"
)
_ON_TEAM_BY_ORG = (
    "SELECT organization_id, count(*) FROM contact "
    "WHERE title IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL "
    "AND organization_id IS NOT NULL GROUP BY 1"
)


def _by_org(sql: str, params: tuple = ()) -> dict[int, int]:
    return dict(db.execute_sql(sql, params).fetchall())


def coverage_counts(team_titles: Sequence[str], targets_only: bool) -> list[CoverageCounts]:
    """Per live organization: people known, met (a held meeting), target tier, on the team."""
    where = "deleted_at IS NULL" + (" AND is_target = 1" if targets_only else "")
    orgs = db.execute_sql(f"SELECT id, name, is_target FROM organization WHERE {where}").fetchall()
    everyone, trashed = _by_org(_ALL_BY_ORG), _by_org(_TRASHED_BY_ORG)
    target_tier, met = _by_org(_TARGET_TIER_BY_ORG), _by_org(_MET_BY_ORG)
    on_team = _by_org(_ON_TEAM_BY_ORG, (json.dumps(list(team_titles)),)) if team_titles else {}
    return [
        CoverageCounts(
            org_id, name, bool(is_target),
            everyone.get(org_id, 0) - trashed.get(org_id, 0),
            met.get(org_id, 0), target_tier.get(org_id, 0), on_team.get(org_id, 0),
        )
        for org_id, name, is_target in orgs
    ]


def distinct_titles() -> list[str]:
    """Every distinct non-empty title of a live contact (read from the live title index)."""
    cursor = db.execute_sql("SELECT DISTINCT title FROM contact WHERE deleted_at IS NULL AND title != ''")
    return [row[0] for row in cursor.fetchall()]

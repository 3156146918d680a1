"""Wide-angle: everyone within N steps who works in X, lives in Y, is at Z or in a tier.

The answer is a list to act on: each person with how many steps away they
are and which of your own contacts leads to them (whom to ask).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ...domain import TIERS
from ...store import graph as store_graph
from ..errors import ValidationError
from ..validation import clean_text
from .graph import NetworkGraph, get_graph
from .paths import Person, row_name

MAX_STEPS = 3


@dataclass
class WideAngleFilter:
    max_steps: int = 2
    industry: str = ""
    location: str = ""
    organization: str = ""
    tier: str = ""
    match_any: bool = False  # industry/location/organization: any of them instead of all

    def cleaned(self) -> WideAngleFilter:
        """The same filter with trimmed text, or a ValidationError naming the bad field."""
        steps = int(self.max_steps)
        if not 1 <= steps <= MAX_STEPS:
            raise ValidationError("steps", f"must be between 1 and {MAX_STEPS}, not {self.max_steps}")
        tier = clean_text(self.tier).lower()
        if tier and tier not in TIERS:
            raise ValidationError("tier", f"'{self.tier}' is not one of: {', '.join(TIERS)}")
        return WideAngleFilter(
            steps,
            clean_text(self.industry),
            clean_text(self.location),
            clean_text(self.organization),
            tier,
            self.match_any,
        )

    @property
    def is_empty(self) -> bool:
        return not (self.industry or self.location or self.organization or self.tier)


@dataclass
class WideAngleHit:
    person: Person
    steps: int
    via_id: int
    via: str  # your first-degree contact who leads to them (themselves at one step)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.person), "steps": self.steps, "via_id": self.via_id, "via": self.via}


def wide_angle(flt: WideAngleFilter, network: NetworkGraph | None = None, limit: int | None = None) -> list[WideAngleHit]:
    """People within ``flt.max_steps`` matching the filter: nearest first, then by name."""
    flt = flt.cleaned()
    network = network or get_graph()
    hops = network.hops_from_you(flt.max_steps)
    matching = store_graph.contact_ids_matching(
        flt.industry, flt.location, flt.organization, flt.tier, flt.match_any
    )
    wanted = [cid for cid in matching if cid in hops]
    wanted.sort(key=lambda cid: hops[cid][0])
    rows = {row[0]: row for row in store_graph.contact_rows(set(wanted) | {hops[c][1] for c in wanted})}
    hits = []
    for cid in wanted:
        row = rows.get(cid)
        if row is None:
            continue
        steps, via = hops[cid]
        via_row = rows.get(via)
        via_name = row_name(via_row) if via_row else ""
        hits.append(WideAngleHit(Person.from_row(row), steps, via, via_name))
    hits.sort(key=lambda h: (h.steps, h.person.name.casefold()))
    return hits[:limit] if limit is not None else hits


def filter_choices(limit: int = 500) -> dict[str, list[str]]:
    """Values to offer in the filter boxes, most common first, sorted by name for the eye."""
    return {
        column: sorted(store_graph.distinct_values(column, limit), key=str.casefold)
        for column in ("industry", "location", "organization")
    }

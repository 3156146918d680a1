"""Reach: how many people are one, two and three steps away, and the likely pool.

Recorded data only ever shows part of the real network: most of the people
your contacts know are not in your database. The estimated pool says how
big the second degree probably is, with its assumptions spelled out so the
user can judge the figure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ...domain import TIERS
from ...store import graph as store_graph
from .graph import NetworkGraph, get_graph

PER_PERSON = 150  # people someone knows well enough to introduce (about Dunbar's number)
OVERLAP = 0.5  # share of those your own contacts have in common
ALL_ROWS_ABOVE = 20_000  # read every contact at once rather than by id lists


@dataclass
class ReachLevel:
    steps: int
    people: int
    by_tier: dict[str, int] = field(default_factory=dict)
    by_industry: list[tuple[str, int]] = field(default_factory=list)  # most first


@dataclass
class Reach:
    levels: list[ReachLevel]
    estimated_pool: int
    assumptions: str

    @property
    def total(self) -> int:
        return sum(level.people for level in self.levels)

    def to_dict(self) -> dict[str, Any]:
        return {
            "levels": [
                {**asdict(level), "by_industry": [{"industry": i, "people": n} for i, n in level.by_industry]}
                for level in self.levels
            ],
            "total": self.total,
            "estimated_pool": self.estimated_pool,
            "assumptions": self.assumptions,
        }


def compute_reach(max_steps: int = 3, network: NetworkGraph | None = None) -> Reach:
    """Counts per step (1..max_steps) by tier and industry, and the estimated pool."""
    network = network or get_graph()
    steps = network.steps_from_you(max_steps)
    rows = contact_facts(steps)
    tiers: dict[int, Counter] = {n: Counter() for n in range(1, max_steps + 1)}
    industries: dict[int, Counter] = {n: Counter() for n in range(1, max_steps + 1)}
    for cid, (industry, tier) in rows.items():
        depth = steps[cid]
        tiers[depth][tier] += 1
        industries[depth][industry or "(no industry)"] += 1
    levels = [
        ReachLevel(
            steps=n,
            people=sum(tiers[n].values()),
            by_tier={t: tiers[n].get(t, 0) for t in TIERS},
            by_industry=sorted(industries[n].items(), key=lambda item: (-item[1], item[0].casefold())),
        )
        for n in range(1, max_steps + 1)
    ]
    first = levels[0].people if levels else 0
    second = levels[1].people if len(levels) > 1 else 0
    estimate = first + max(second, round(first * PER_PERSON * OVERLAP))
    assumptions = (
        f"You know {first} people directly. If each knows about {PER_PERSON} people well enough "
        f"to introduce, and half of those overlap, about {estimate:,} people are within two steps "
        f"({second:,} of them recorded here)."
    )
    return Reach(levels=levels, estimated_pool=estimate, assumptions=assumptions)


def contact_facts(ids: dict[int, int] | set[int]) -> dict[int, tuple[str, str]]:
    """Contact id -> (industry, tier) for the live contacts among ``ids``."""
    if len(ids) > ALL_ROWS_ABOVE:
        rows = store_graph.contact_rows(None)
        return {row[0]: (row[6], row[8]) for row in rows if row[0] in ids}
    return {row[0]: (row[6], row[8]) for row in store_graph.contact_rows(ids)}

"""Inferred ties: people who probably know each other, never passed off as known.

Three facts suggest two people know each other:

* they work at the same organization, now or before (the history imports
  keep): "both at Acme", "both have worked at Acme";
* they share a label an import brought (a Google label, an Outlook
  category): "both labelled 'Climbing club'";
* one introduced you to the other, though no tie between them is recorded.

A group of n colleagues would be n² ties; instead each group is one *hub*
node (a negative id) tied to its members, each tie costing half an
inferred tie, so going member -> hub -> member costs exactly one inferred
tie (:data:`~.warmth.INFERRED_COST`, dearer than any real tie). Groups
larger than :data:`MAX_GROUP` are left out: at a big employer most people
have never met. The user confirms a guess (it becomes a real relationship)
or dismisses it (it never comes back: ``dismissed_tie``): :mod:`.guesses`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...normalise import fold
from ...store import tie_facts
from .warmth import INFERRED_COST

MAX_GROUP = 250  # members; past this a shared employer says little
HALF = INFERRED_COST / 2


@dataclass
class Group:
    hub: int  # its node id (negative)
    kind: str  # "organization" | "label"
    name: str
    members: dict[int, bool] = field(default_factory=dict)  # contact -> now (True) or before


@dataclass
class Overlay:
    """Inferred ties as extra adjacency beside the graph of known ties."""

    adj: dict[int, dict[int, dict]] = field(default_factory=dict)
    groups: dict[int, Group] = field(default_factory=dict)
    pairs: dict[tuple[int, int], str] = field(default_factory=dict)  # direct guesses -> why
    dismissed: set[tuple[int, int]] = field(default_factory=set)

    def is_hub(self, node: int) -> bool:
        return node < 0

    def why(self, a: int, b: int, hub: int | None = None) -> str:
        """Why a and b probably know each other ("both at Acme")."""
        if hub is not None and hub in self.groups:
            return describe_group(self.groups[hub], a, b)
        pair = self.pairs.get((min(a, b), max(a, b)))
        if pair:
            return pair
        for group in self.groups_of(a):
            if b in group.members:
                return describe_group(group, a, b)
        return "probably know each other"

    def groups_of(self, person: int) -> Iterator[Group]:
        for node in self.adj.get(person, {}):
            if node < 0 and node in self.groups:
                yield self.groups[node]

    def dismissed_pair(self, a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in self.dismissed

    def guesses_for(self, person: int, limit: int = 200) -> list[tuple[int, str]]:
        """The people ``person`` probably knows (id, why), group by group."""
        out: dict[int, str] = {}
        for node in self.adj.get(person, {}):
            if node >= 0:
                out.setdefault(node, self.why(person, node))
                continue
            group = self.groups.get(node)
            if group is None:
                continue
            for other in group.members:
                if other != person and not self.dismissed_pair(person, other):
                    out.setdefault(other, describe_group(group, person, other))
                if len(out) >= limit:
                    break
        return list(out.items())[:limit]


def describe_group(group: Group, a: int, b: int) -> str:
    if group.kind == "organization":
        both_now = group.members.get(a) and group.members.get(b)
        return f"both at {group.name}" if both_now else f"both have worked at {group.name}"
    return f"both labelled '{group.name}'"


def build_overlay(person_cost_delta: dict[int, float] | None = None) -> Overlay:
    """Read the groups and guesses from the database into adjacency (no cache)."""
    deltas = person_cost_delta or {}
    overlay = Overlay(dismissed=tie_facts.dismissed_pairs())
    for group in _groups():
        if not 2 <= len(group.members) <= MAX_GROUP:
            continue
        if len(group.members) == 2 and overlay.dismissed_pair(*group.members):
            continue
        overlay.groups[group.hub] = group
        hub_adj = overlay.adj.setdefault(group.hub, {})
        for member in group.members:
            data = {"w": HALF + 0.75 + deltas.get(member, 0.0), "s": 2, "inferred": True}
            hub_adj[member] = data
            overlay.adj.setdefault(member, {})[group.hub] = data
    for introducer, introduced, name_a, name_b in tie_facts.introduction_pairs():
        pair = (min(introducer, introduced), max(introducer, introduced))
        if introducer == introduced or pair in overlay.dismissed or pair in overlay.pairs:
            continue
        overlay.pairs[pair] = f"{name_a} introduced you to {name_b}"
        cost = INFERRED_COST + 1.5 + deltas.get(introducer, 0.0) + deltas.get(introduced, 0.0)
        data = {"w": cost, "s": 2, "inferred": True}
        overlay.adj.setdefault(introducer, {})[introduced] = data
        overlay.adj.setdefault(introduced, {})[introducer] = data
    return overlay


def _groups() -> Iterable[Group]:
    """Organization groups (current and past members, by folded name), then imported labels."""
    by_name: dict[str, Group] = {}
    hubs = iter(range(-1, -(1 << 62), -1))

    def group_for(name: str) -> Group | None:
        key = fold(name)
        if not key:
            return None
        if key not in by_name:
            by_name[key] = Group(next(hubs), "organization", name)
        return by_name[key]

    for contact_id, _org_id, name in tie_facts.current_organizations():
        if (group := group_for(name)) is not None:
            group.members[contact_id] = True
    for contact_id, name in tie_facts.past_organizations():
        if (group := group_for(name)) is not None:
            group.members.setdefault(contact_id, False)
    yield from by_name.values()
    labels: dict[int, Group] = {}
    for tag_id, name, contact_id in tie_facts.imported_tag_members():
        group = labels.get(tag_id)
        if group is None:
            group = labels[tag_id] = Group(next(hubs), "label", name)
        group.members[contact_id] = True
    yield from labels.values()


# --- the user's answer to a guess -------------------------------------------------------------

"""What the map shows and where: a radial layout around the centred person.

Rings by steps read better than a force layout for this app: you (or the
person the user centred on) in the middle, the people you know on the first
ring, the people they know on the second; each first-degree contact owns a
sector, so their friends sit behind them. It is linear in the nodes shown
(a force layout of 2,000 nodes takes seconds in pure Python).

Up to ``max_nodes`` people are shown. Past that, the map shows the centred
person's neighbourhood (one step, then two) filled warmest tie first, and
says how many people are hidden; the scene never holds the whole network.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...store import graph as store_graph
from .graph import YOU, NetworkGraph, get_graph, strength_name
from .paths import row_name

MAX_NODES = 2000
RING = 170.0  # distance between rings, scene units
SPACING = 34.0  # minimum arc length between neighbours on a ring
LANES = 6  # a crowded ring is drawn as up to this many close circles, neighbours alternating
LANE_GAP = 42.0


@dataclass
class MapNode:
    id: int
    name: str
    x: float
    y: float
    steps: int  # from the centre; -1 = not connected to the centre
    tier: str = ""
    organization: str = ""
    title: str = ""
    industry: str = ""
    location: str = ""
    introductions: int = 0
    gatekeeper: bool = False


@dataclass
class MapEdge:
    a: int
    b: int
    strength: str


@dataclass
class NetworkMap:
    centre: int
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    hidden: int = 0  # people in the network not on the map
    total: int = 0  # people in the network (you excluded)
    radius: int | None = None  # steps shown around the centre; None = everyone

    def node(self, node_id: int) -> MapNode | None:
        for node in self.nodes:
            if node.id == node_id:
                return node
        return None


def build_map(
    centre: int = YOU,
    max_nodes: int = MAX_NODES,
    pinned: dict[int, tuple[float, float]] | None = None,
    network: NetworkGraph | None = None,
    profile_name: str = "You",
    include: Iterable[int] = (),
) -> NetworkMap:
    """The people to draw around ``centre``, their positions and the ties between them.

    ``include`` adds people who must be on the map whatever its size (the
    steps of a highlighted path).
    """
    network = network or get_graph()
    graph = network.graph
    if centre not in graph:
        centre = YOU
    visible, radius = choose_visible(network, centre, max_nodes)
    chosen = set(visible)
    visible += [n for n in dict.fromkeys(include) if n in graph and n not in chosen]
    positions, steps = radial_layout(network, centre, visible)
    for node_id, pos in (pinned or {}).items():
        if node_id in positions:
            positions[node_id] = pos
    facts = {row[0]: row for row in store_graph.contact_rows(n for n in visible if n != YOU)}
    intros = store_graph.introduction_counts()
    nodes = []
    for node_id in visible:
        x, y = positions[node_id]
        row = facts.get(node_id)
        if node_id == YOU:
            nodes.append(MapNode(YOU, profile_name or "You", x, y, steps.get(YOU, -1), tier="you"))
        elif row is not None:
            nodes.append(
                MapNode(
                    node_id,
                    row_name(row),
                    x,
                    y,
                    steps.get(node_id, -1),
                    tier=row[8],
                    organization=row[4],
                    title=row[5],
                    industry=row[6],
                    location=row[7],
                    introductions=intros.get(node_id, (0, 0))[0],
                    gatekeeper=bool(row[10]),
                )
            )
    shown = {n.id for n in nodes}
    adj = graph._adj
    edges = [
        MapEdge(a, b, strength_name(data["s"]))
        for a in shown
        for b, data in adj[a].items()
        if a < b and b in shown
    ]
    total = graph.number_of_nodes() - 1
    return NetworkMap(
        centre=centre,
        nodes=nodes,
        edges=edges,
        hidden=max(0, total - (len(shown) - 1)),
        total=total,
        radius=radius,
    )


def choose_visible(network: NetworkGraph, centre: int, max_nodes: int) -> tuple[list[int], int | None]:
    """Everyone when the network fits, else the centre's warmest neighbourhood, and its radius."""
    graph = network.graph
    if graph.number_of_nodes() <= max_nodes:
        nodes = list(graph.nodes)
        if YOU not in nodes:
            nodes.append(YOU)
        return nodes, None
    adj = graph._adj
    chosen = [centre]
    seen = {centre}
    ring1 = sorted(adj[centre].items(), key=lambda item: item[1]["w"])
    for nbr, _ in ring1:
        if len(chosen) >= max_nodes:
            return chosen, 1
        chosen.append(nbr)
        seen.add(nbr)
    ring2: dict[int, float] = {}
    for nbr, data in ring1:
        base = data["w"]
        for far, far_data in adj[nbr].items():
            if far not in seen:
                cost = base + far_data["w"]
                if cost < ring2.get(far, math.inf):
                    ring2[far] = cost
    for far in sorted(ring2, key=ring2.__getitem__):
        if len(chosen) >= max_nodes:
            break
        chosen.append(far)
    if YOU not in seen and YOU not in ring2 and len(chosen) < max_nodes:
        chosen.append(YOU)
    return chosen, 2


def radial_layout(
    network: NetworkGraph, centre: int, visible: list[int]
) -> tuple[dict[int, tuple[float, float]], dict[int, int]]:
    """Positions on rings by steps from ``centre``; each parent's sector holds its children.

    Returns (positions, steps). People not connected to the centre through
    the visible ones go on an outer ring.
    """
    adj = network.graph._adj
    keep = set(visible)
    parent: dict[int, int] = {}
    steps = {centre: 0}
    order = [centre]
    children: dict[int, list[int]] = {centre: []}
    for node in order:  # breadth first; ``order`` grows while we walk it
        for nbr, _ in sorted(adj[node].items(), key=lambda item: item[1]["w"]):
            if nbr in keep and nbr not in steps:
                steps[nbr] = steps[node] + 1
                parent[nbr] = node
                children.setdefault(node, []).append(nbr)
                children.setdefault(nbr, [])
                order.append(nbr)
    leaves: dict[int, int] = {}
    for node in reversed(order):
        leaves[node] = max(1, sum(leaves[c] for c in children.get(node, ())))
    per_ring: dict[int, int] = {}
    for node in order:
        per_ring[steps[node]] = per_ring.get(steps[node], 0) + 1
    radius, lanes = ring_radii(per_ring)
    lane_of: dict[int, int] = {}
    seen_in_ring: dict[int, int] = {}
    positions: dict[int, tuple[float, float]] = {centre: (0.0, 0.0)}
    sector: dict[int, tuple[float, float]] = {centre: (0.0, 2 * math.pi)}
    for node in order:
        start, span = sector[node]
        kids = children.get(node, [])
        total = sum(leaves[k] for k in kids) or 1
        cursor = start
        for kid in kids:
            share = span * leaves[kid] / total
            sector[kid] = (cursor, share)
            angle = cursor + share / 2
            ring = steps[kid]
            index = seen_in_ring.get(ring, 0)
            seen_in_ring[ring] = index + 1
            lane_of[kid] = index % lanes[ring]
            r = radius[ring] + lane_of[kid] * LANE_GAP
            positions[kid] = (r * math.cos(angle), r * math.sin(angle))
            cursor += share
    stray = [n for n in visible if n not in positions]
    if stray:
        outer = max((radius[k] + (lanes[k] - 1) * LANE_GAP for k in radius), default=0.0) + RING
        outer = max(outer, len(stray) * SPACING / (2 * math.pi))
        for index, node in enumerate(stray):
            angle = 2 * math.pi * index / len(stray)
            positions[node] = (outer * math.cos(angle), outer * math.sin(angle))
            steps[node] = -1
    return positions, steps


def ring_radii(per_ring: dict[int, int]) -> tuple[dict[int, float], dict[int, int]]:
    """Inner radius and number of lanes of each ring, so every node gets ``SPACING`` of arc.

    A ring too crowded for one circle is split into up to ``LANES`` circles
    ``LANE_GAP`` apart (neighbours alternate between them) before it is
    pushed outwards: 1,700 people two steps away fit in a band instead of a
    circle five times wider.
    """
    radius = {0: 0.0}
    lanes = {0: 1}
    for ring in sorted(per_ring)[1:]:
        previous = radius[ring - 1] + (lanes[ring - 1] - 1) * LANE_GAP
        base = previous + RING
        per_lane = max(1, int(2 * math.pi * base / SPACING))
        count = min(LANES, math.ceil(per_ring[ring] / per_lane))
        needed = per_ring[ring] * SPACING / (2 * math.pi * count)
        radius[ring] = max(base, needed)
        lanes[ring] = count
    return radius, lanes


def mutual_connections(person: int, other: int = YOU, network: NetworkGraph | None = None) -> list[int]:
    """People both ``person`` and ``other`` (you by default) know, warmest to ``person`` first."""
    network = network or get_graph()
    adj = network.graph._adj
    if person not in adj or other not in adj:
        return []
    shared = [n for n in adj[person] if n in adj[other] and n not in (person, other)]
    shared.sort(key=lambda n: adj[person][n]["w"])
    return shared

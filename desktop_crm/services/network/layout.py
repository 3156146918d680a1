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
REFINE_ROUNDS = 8  # barycentric rounds that bring people who know each other together


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
    inferred: bool = False  # a guess (colleagues, a shared label), drawn dashed
    why: str = ""


@dataclass
class NetworkMap:
    centre: int
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    guesses: list[MapEdge] = field(default_factory=list)  # inferred ties between people shown
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
    # A path may end at someone with no known tie yet (reached through a guess): they join too.
    visible += [n for n in dict.fromkeys(include) if (n in graph or n > 0) and n not in chosen]
    facts = {row[0]: row for row in store_graph.contact_rows(n for n in visible if n != YOU)}
    organizations = {n: row[4] for n, row in facts.items() if row[4]}
    positions, steps = radial_layout(network, centre, visible, organizations=organizations)
    for node_id, pos in (pinned or {}).items():
        if node_id in positions:
            positions[node_id] = pos
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
        for b, data in adj.get(a, {}).items()
        if a < b and b in shown
    ]
    guesses = inferred_edges(network, shown)
    total = graph.number_of_nodes() - 1
    return NetworkMap(
        centre=centre,
        nodes=nodes,
        edges=edges,
        guesses=guesses,
        hidden=max(0, total - (len(shown) - 1)),
        total=total,
        radius=radius,
    )


MAX_GUESSES_PER_GROUP = 12  # people of one group shown; past that the ties would be a hairball


def inferred_edges(network: NetworkGraph, shown: set[int]) -> list[MapEdge]:
    """Ties between people on the map who probably know each other (and are not known to).

    The map draws them dashed, only around the selected person and on a
    chosen path (all of them at once would be a hairball); only groups with
    a few people on the map give them, and a person's guesses are listed in
    full in their side panel.
    """
    overlay = network.inferred
    adj = network.graph._adj
    out: dict[tuple[int, int], MapEdge] = {}
    for group in overlay.groups.values():
        members = sorted(m for m in group.members if m in shown)
        if not 2 <= len(members) <= MAX_GUESSES_PER_GROUP:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if b not in adj.get(a, {}) and not overlay.dismissed_pair(a, b):
                    out.setdefault((a, b), MapEdge(a, b, "acquaintance", True, overlay.why(a, b, group.hub)))
    for (a, b), why in overlay.pairs.items():
        if a in shown and b in shown and b not in adj.get(a, {}):
            out.setdefault((a, b), MapEdge(a, b, "acquaintance", True, why))
    return list(out.values())


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
    network: NetworkGraph, centre: int, visible: list[int], refine: int = REFINE_ROUNDS,
    organizations: dict[int, str] | None = None,
) -> tuple[dict[int, tuple[float, float]], dict[int, int]]:
    """Positions on rings by steps from ``centre``, in sectors, people who know each other together.

    Each person owns a sector of the ring around the centre and their own
    people sit behind them in it, as wide as the people it holds. The order
    of the sectors is what makes the map readable: first-degree people start
    grouped by organization, then ``refine`` rounds move every sibling
    towards the mean angle of the people they know (a barycentric ordering,
    as used to untangle layered drawings), so friends and colleagues end up
    side by side and the ties between them stay short. Deterministic (ties
    broken by id), linear in the ties shown per round. ``refine=0`` is the
    plain ring layout of earlier versions.

    Returns (positions, steps). People not connected to the centre through
    the visible ones go on an outer ring.
    """
    adj = network.graph._adj
    keep = set(visible)
    steps, order, children = _tree(adj, centre, keep)
    if organizations:
        first = children.get(centre, [])
        first.sort(key=lambda n: (organizations.get(n, "\uffff").casefold(), n))
    leaves: dict[int, int] = {}
    for node in reversed(order):
        leaves[node] = max(1, sum(leaves[c] for c in children.get(node, ())))
    neighbours = {n: [m for m in adj.get(n, {}) if m in keep and m != centre and m != n]
                  for n in order if n != centre}
    angles = _sector_angles(order, children, leaves, centre)
    for _round in range(refine):
        _reorder(order, children, neighbours, angles, centre)
        angles = _sector_angles(order, children, leaves, centre)
    per_ring: dict[int, int] = {}
    for node in order:
        per_ring[steps[node]] = per_ring.get(steps[node], 0) + 1
    radius, lanes = ring_radii(per_ring)
    positions: dict[int, tuple[float, float]] = {centre: (0.0, 0.0)}
    seen_in_ring: dict[int, int] = {}
    for node in order:
        if node == centre:
            continue
        ring = steps[node]
        index = seen_in_ring.get(ring, 0)
        seen_in_ring[ring] = index + 1
        r = radius[ring] + (index % lanes[ring]) * LANE_GAP
        angle = angles[node]
        positions[node] = (r * math.cos(angle), r * math.sin(angle))
    stray = [n for n in visible if n not in positions]
    if stray:
        outer = max((radius[k] + (lanes[k] - 1) * LANE_GAP for k in radius), default=0.0) + RING
        outer = max(outer, len(stray) * SPACING / (2 * math.pi))
        for index, node in enumerate(stray):
            angle = 2 * math.pi * index / len(stray)
            positions[node] = (outer * math.cos(angle), outer * math.sin(angle))
            steps[node] = -1
    return positions, steps


def _tree(adj: dict, centre: int, keep: set[int]) -> tuple[dict[int, int], list[int], dict[int, list[int]]]:
    """Breadth first from the centre, warmest tie first: steps, visiting order, children."""
    steps = {centre: 0}
    order = [centre]
    children: dict[int, list[int]] = {centre: []}
    for node in order:  # ``order`` grows while we walk it
        for nbr, _ in sorted(adj.get(node, {}).items(), key=lambda item: (item[1]["w"], item[0])):
            if nbr in keep and nbr not in steps:
                steps[nbr] = steps[node] + 1
                children.setdefault(node, []).append(nbr)
                children.setdefault(nbr, [])
                order.append(nbr)
    return steps, order, children


def _sector_angles(order: list[int], children: dict[int, list[int]], leaves: dict[int, int],
                   centre: int) -> dict[int, float]:
    """Each person's angle: the middle of their sector, sectors as wide as the people they hold."""
    angles: dict[int, float] = {}
    sector: dict[int, tuple[float, float]] = {centre: (0.0, 2 * math.pi)}
    for node in order:
        start, span = sector[node]
        kids = children.get(node, [])
        total = sum(leaves[k] for k in kids) or 1
        cursor = start
        for kid in kids:
            share = span * leaves[kid] / total
            sector[kid] = (cursor, share)
            angles[kid] = cursor + share / 2
            cursor += share
    return angles


def _reorder(order: list[int], children: dict[int, list[int]], neighbours: dict[int, list[int]],
             angles: dict[int, float], centre: int) -> None:
    """Sort every person's children by the mean direction of the people each child knows."""
    for node in order:
        kids = children.get(node)
        if not kids or len(kids) < 2:
            continue
        base = angles.get(node, 0.0) if node != centre else 0.0
        keyed = []
        for kid in kids:
            x = y = 0.0
            for other in neighbours.get(kid, ()):
                angle = angles.get(other)
                if angle is not None:
                    x += math.cos(angle)
                    y += math.sin(angle)
            here = angles[kid]
            # The child's own place counts too, so lone people keep theirs.
            x += 0.5 * math.cos(here)
            y += 0.5 * math.sin(here)
            mean = math.atan2(y, x)
            keyed.append(((mean - base + math.pi) % (2 * math.pi) if node != centre else mean % (2 * math.pi), kid))
        keyed.sort()
        children[node] = [kid for _, kid in keyed]


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

"""The network as a weighted networkx graph, built once and cached.

Node 0 is you; other nodes are contact ids. Every edge carries two numbers:

* ``w``: what it costs to go through this tie when looking for the warmest
  path: the tie's cost from its warmth (:mod:`.warmth`: the strength the
  user set plus meetings, answers, introductions and thank-yous, fading
  over time), plus the cost of the people at its ends. People who have
  answered or met you cost less to go through (they are likely to answer
  again); people marked do-not-contact or dormant cost much more, so a
  path avoids asking them. A person's own cost is split over their edges
  (half to each end), so the cost of a path is the sum of its ties plus
  the cost of each person in the middle.
* ``s``: the tie's strength as an index into ``STRENGTHS`` (0 close, 1 known,
  2 acquaintance), for drawing.

Inferred ties (colleagues, shared labels: :mod:`.inferred`) are kept apart
in ``NetworkGraph.inferred``, built on first use, so that reach, gatekeepers
and the map count only what is known.

The cache is keyed on the database file and the connection's change
counter, so any write made through the app makes the next caller reload.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import networkx as nx

from ...domain import STRENGTHS
from ...store import graph as store_graph
from . import warmth
from .inferred import Overlay, build_overlay

YOU = store_graph.YOU

STRENGTH_COST = {name: warmth.label_cost(name) for name in STRENGTHS}
PERSON_COST = 1.5  # one more person in the chain, default
RESPONSIVE_COST = 0.5  # answered an outreach or met you
AVOID_COST = {"do_not_contact": 8.0, "dormant": 4.0}

# One shared attribute dict per strength, used by every edge of that strength
# (a million edges, three dicts: much faster to build and ~150 MB smaller).
# So never change an edge's dict in place: replace it (see apply_person_costs).
EDGE_ATTRS = tuple({"w": STRENGTH_COST[name] + PERSON_COST, "s": index} for index, name in enumerate(STRENGTHS))


@dataclass
class NetworkGraph:
    """The graph and the cache key it was built for; distances from you are computed on demand."""

    graph: nx.Graph
    key: tuple[str, int] = ("", -1)
    person_deltas: dict[int, float] = field(default_factory=dict, repr=False)
    _levels: dict[int, dict[int, tuple[int, int]]] = field(default_factory=dict, repr=False)
    _inferred: Overlay | None = field(default=None, repr=False)

    @property
    def inferred(self) -> Overlay:
        """The inferred ties, read on first use."""
        if self._inferred is None:
            self._inferred = build_overlay(self.person_deltas)
        return self._inferred

    def steps_from_you(self, max_steps: int = 3) -> dict[int, int]:
        """Contact id -> number of steps from you (1..max_steps)."""
        return {node: hop[0] for node, hop in self.hops_from_you(max_steps).items()}

    def hops_from_you(self, max_steps: int = 3) -> dict[int, tuple[int, int]]:
        """Contact id -> (steps from you, the first-degree contact it is reached through)."""
        if max_steps not in self._levels:
            self._levels[max_steps] = hops_from(self.graph, YOU, max_steps)
        return self._levels[max_steps]


def build_graph(edges: Iterable[tuple[int, int, int]]) -> nx.Graph:
    """A graph from (a, b, strength index) rows with the default weights; you always present.

    Fills networkx's adjacency dicts directly (its documented subclassing
    hooks ``_adj``/``_node``) with the garbage collector paused: about three
    times faster than ``add_edges_from`` on a million edges, same graph.
    A later duplicate of a pair replaces the earlier one, as in networkx.
    """
    attrs = EDGE_ATTRS
    adj: dict[int, dict[int, dict]] = {YOU: {}}
    with paused_gc():
        for a, b, code in edges:
            data = attrs[code]  # 0..2: the SQL maps unknown strengths to "known"
            if a == b:
                continue
            try:
                adj[a][b] = data
            except KeyError:
                adj[a] = {b: data}
            try:
                adj[b][a] = data
            except KeyError:
                adj[b] = {a: data}
        graph = nx.Graph()
        graph._node = {node: {} for node in adj}
        graph._adj = adj
    return graph


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector around a burst of allocations.

    Building a million-edge graph or running a search allocates millions of
    small containers; each collection would rescan the whole graph.
    Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def apply_warmth(graph: nx.Graph) -> None:
    """Re-cost the few ties whose warmth differs from their label: what happened on them.

    Your ties to people you met, wrote to or were introduced to, and the ties
    between an introducer and the person introduced. Edge dicts are shared
    (see :data:`EDGE_ATTRS`), so each changed edge gets a fresh dict.
    """
    adj = graph._adj
    mine = adj[YOU]
    for person, history in warmth.your_histories().items():
        data = mine.get(person)
        if data is None:
            continue
        score = warmth.warmth_of(STRENGTHS[data["s"]], history)
        _set_edge(adj, YOU, person, warmth.tie_cost(score) + PERSON_COST, data["s"])
    for (a, b), points in warmth.introduction_points().items():
        data = adj.get(a, {}).get(b)
        if data is None:
            continue
        score = warmth.LABEL_POINTS[STRENGTHS[data["s"]]] + points
        _set_edge(adj, a, b, warmth.tie_cost(score) + PERSON_COST, data["s"])


def _set_edge(adj: dict, a: int, b: int, w: float, s: int) -> None:
    fresh = {"w": w, "s": s}
    adj[a][b] = fresh
    adj[b][a] = fresh


def person_deltas(responsive: Iterable[int], avoid: dict[int, str]) -> dict[int, float]:
    """Person -> what each of their ties costs more (or less) than the default, half their cost."""
    costs: dict[int, float] = {}
    for person in responsive:
        costs[person] = RESPONSIVE_COST
    for person, status in avoid.items():
        costs[person] = AVOID_COST.get(status, PERSON_COST)
    return {person: (cost - PERSON_COST) / 2 for person, cost in costs.items() if person != YOU}


def apply_person_costs(graph: nx.Graph, deltas: dict[int, float]) -> None:
    """Adjust the weights around the few people whose cost differs from the default."""
    adj = graph._adj
    for person, delta in deltas.items():
        if person not in adj:
            continue
        for nbr, data in list(adj[person].items()):
            _set_edge(adj, person, nbr, data["w"] + delta, data["s"])


def load_graph() -> NetworkGraph:
    """Read the whole network from the database and weight it (no cache)."""
    key = graph_key()
    graph = build_graph(store_graph.iter_edge_codes())
    apply_warmth(graph)
    deltas = person_deltas(store_graph.responsive_ids(), store_graph.avoid_ids())
    apply_person_costs(graph, deltas)
    return NetworkGraph(graph=graph, key=key, person_deltas=deltas)


_cache: dict[str, NetworkGraph] = {}
_lock = threading.Lock()


def graph_key() -> tuple[str, int]:
    """What the cache is keyed on, for the calling thread's connection."""
    return (store_graph.database_key(), store_graph.change_counter())


def get_graph() -> NetworkGraph:
    """The cached graph, reloaded when the database changed since it was built."""
    key = graph_key()
    with _lock:
        cached = _cache.get("graph")
        if cached is not None and cached.key == key:
            return cached
        fresh = load_graph()
        _cache["graph"] = fresh
        return fresh


def cached_graph(key: tuple[str, int]) -> NetworkGraph | None:
    """The cached graph if it is still true for ``key``, without loading anything."""
    with _lock:
        cached = _cache.get("graph")
        return cached if cached is not None and cached.key == key else None


def load_graph_in_worker() -> NetworkGraph:
    """Load from a worker thread (its own connection, closed afterwards).

    The caller stamps the result with the key it read on its own thread
    (:func:`remember_graph`), so later :func:`get_graph` calls there reuse it.
    """
    try:
        return load_graph()
    finally:
        store_graph.close_thread_connection()


def remember_graph(network: NetworkGraph, key: tuple[str, int]) -> None:
    """Cache a graph loaded elsewhere under the key read before loading began."""
    network.key = key
    with _lock:
        _cache["graph"] = network


def relationship_count() -> int:
    return store_graph.relationship_count()


def invalidate_graph() -> None:
    """Forget the cached graph (after a write made outside this connection)."""
    with _lock:
        _cache.clear()


def hops_from(graph: nx.Graph, source: int, max_steps: int) -> dict[int, tuple[int, int]]:
    """Node -> (steps, first hop) for nodes 1..max_steps from ``source``, breadth first.

    Neighbours are visited warmest tie first, so the first hop recorded for a
    person is the warmest of the equally short ways to them.
    """
    if source not in graph:
        return {}
    adj = graph._adj
    found: dict[int, tuple[int, int]] = {}
    first = sorted(adj[source].items(), key=lambda item: item[1]["w"])
    frontier = []
    for nbr, _data in first:
        if nbr != source:
            found[nbr] = (1, nbr)
            frontier.append(nbr)
    depth = 1
    while frontier and depth < max_steps:
        depth += 1
        nxt = []
        for node in frontier:
            via = found[node][1]
            for nbr in adj[node]:
                if nbr != source and nbr not in found:
                    found[nbr] = (depth, via)
                    nxt.append(nbr)
        frontier = nxt
    return found


def strength_name(index: int) -> str:
    return STRENGTHS[index] if 0 <= index < len(STRENGTHS) else "known"

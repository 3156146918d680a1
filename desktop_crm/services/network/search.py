"""Bidirectional Dijkstra over the network graph, with sets of targets and banned ties.

networkx's own search takes one target and no bans; the telephoto needs
"any person at this company" and "the best path whose first introducer is
not one we already listed", so the search is written here once. It reads
the graph's adjacency dicts directly: on a million ties it costs about the
same as ``nx.bidirectional_dijkstra``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from heapq import heappop, heappush
from itertools import chain, count

import networkx as nx

Banned = Mapping[int, Collection[int]]
Adjacency = Mapping[int, Mapping[int, dict]]
_NONE: dict = {}


def warmest_path(
    graph: nx.Graph,
    sources: Mapping[int, float],
    targets: Collection[int],
    banned: Banned | None = None,
    blocked: Collection[int] = (),
    overlay: Adjacency | None = None,
) -> tuple[float, list[int]] | None:
    """The cheapest path (cost, nodes) from any source to any target, or None.

    ``sources`` maps each start node to the cost already paid to reach it;
    ``banned`` forbids single ties (node -> neighbours, checked both ways);
    ``blocked`` nodes may not be entered at all. Weights are the ``w`` edge
    attribute. Ties in cost are broken by the order ties were recorded, so a
    result is stable for the same data. ``overlay`` adds ties that are not in
    the graph (inferred ones, through hub nodes).
    """
    adj = graph._adj
    extra = overlay or _NONE
    ban = _symmetric(banned or {})
    live_sources = {s: c for s, c in sources.items() if (s in adj or s in extra) and s not in blocked}
    live_targets = {t for t in targets if (t in adj or t in extra) and t not in blocked}
    if not live_sources or not live_targets:
        return None
    direct = [(c, s) for s, c in live_sources.items() if s in live_targets]
    if direct:
        cost, node = min(direct)
        return cost, [node]

    tick = count()
    dist: list[dict[int, float]] = [{}, {}]
    seen: list[dict[int, float]] = [dict(live_sources), {t: 0.0 for t in live_targets}]
    pred: list[dict[int, int | None]] = [
        {s: None for s in live_sources},
        {t: None for t in live_targets},
    ]
    fringe: list[list] = [[], []]
    for s, c in live_sources.items():
        heappush(fringe[0], (c, next(tick), s))
    for t in live_targets:
        heappush(fringe[1], (0.0, next(tick), t))
    best: float | None = None
    meet: int | None = None
    side = 1
    check_blocked = bool(blocked)
    while fringe[0] and fringe[1]:
        side = 1 - side
        here_dist, here_seen, here_pred = dist[side], seen[side], pred[side]
        other_seen = seen[1 - side]
        d, _, node = heappop(fringe[side])
        if node in here_dist:
            continue
        here_dist[node] = d
        if node in dist[1 - side]:
            break
        if best is not None and d >= best:
            # Nothing popped later on this side can improve the meeting point.
            break
        skip = ban.get(node)
        heap = fringe[side]
        ties = adj.get(node, _NONE).items()
        more = extra.get(node)
        if more:
            ties = chain(ties, more.items())
        for nbr, data in ties:
            if nbr in here_dist:
                continue
            if (skip is not None and nbr in skip) or (check_blocked and nbr in blocked):
                continue
            length = d + data["w"]
            known = here_seen.get(nbr)
            if known is None or length < known:
                here_seen[nbr] = length
                here_pred[nbr] = node
                heappush(heap, (length, next(tick), nbr))
                other = other_seen.get(nbr)
                if other is not None and (best is None or length + other < best):
                    best, meet = length + other, nbr
    if meet is None or best is None:
        return None
    return best, _join(pred, meet)


def _symmetric(banned: Banned) -> dict[int, set[int]]:
    """The banned ties listed from both ends, so the search checks one side only."""
    out: dict[int, set[int]] = {}
    for node, others in banned.items():
        for other in others:
            out.setdefault(node, set()).add(other)
            out.setdefault(other, set()).add(node)
    return out


def _join(pred: list[dict[int, int | None]], meet: int) -> list[int]:
    """The path through ``meet``: forward predecessors, then backward ones."""
    forward: list[int] = []
    node: int | None = meet
    while node is not None:
        forward.append(node)
        node = pred[0][node]
    forward.reverse()
    node = pred[1][meet]
    while node is not None:
        forward.append(node)
        node = pred[1][node]
    return forward


def fewest_steps(adj: Adjacency, source: int, targets: Collection[int], limit: int) -> int | None:
    """How many ties the shortest way from ``source`` to any target takes (None past ``limit``)."""
    wanted = set(targets)
    if source in wanted:
        return 0
    seen = {source}
    frontier = [source]
    for depth in range(1, limit + 1):
        nxt = []
        for node in frontier:
            for nbr in adj.get(node, _NONE):
                if nbr in wanted:
                    return depth
                if nbr not in seen:
                    seen.add(nbr)
                    nxt.append(nbr)
        if not nxt:
            return None
        frontier = nxt
    return None

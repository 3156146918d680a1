"""Gatekeepers: the people who open the most doors, ranked from the data.

Three signals, each scaled to the best in the network so that none drowns
the others:

* introductions given (declined ones do not count) — 40 %;
* meetings that came of those introductions — 30 %, because an
  introduction that leads to a meeting is the one that matters;
* betweenness within your own network (you and everyone up to two steps
  away) — 30 %: who sits on the short paths between the people you know.
  Exact for small networks, sampled (``k`` sources, fixed seed) for big ones.

The user's own gatekeeper flag is shown beside the ranking, never replaced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from ...store import graph as store_graph
from ...store.models import Contact
from .graph import YOU, NetworkGraph, get_graph
from .paths import Person

WEIGHTS = {"introductions": 0.4, "meetings": 0.3, "betweenness": 0.3}
EXACT_UP_TO = 1000  # ego-network nodes for exact betweenness
SAMPLES = 32  # sampled sources past that (about a second on 6,000 nodes)


@dataclass
class Gatekeeper:
    person: Person
    introductions: int
    meetings: int
    betweenness: float
    links_to: int  # second-degree people this first-degree contact connects you to
    flagged: bool
    score: float

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self.person)
        data.update(
            introductions=self.introductions,
            meetings=self.meetings,
            betweenness=round(self.betweenness, 4),
            links_to=self.links_to,
            flagged=self.flagged,
            score=round(self.score, 1),
        )
        return data


def rank_gatekeepers(limit: int = 20, network: NetworkGraph | None = None) -> list[Gatekeeper]:
    """The ``limit`` best door-openers, best first; flagged people always included."""
    network = network or get_graph()
    intros = store_graph.introduction_counts()
    between = ego_betweenness(network)
    links = second_degree_links(network)
    flagged = {row[0] for row in _flagged_rows()}
    candidates = (set(intros) | {n for n, b in between.items() if b > 0} | flagged) - {YOU}
    if not candidates:
        return []
    rows = {row[0]: row for row in store_graph.contact_rows(candidates)}
    top_i = max((intros.get(c, (0, 0))[0] for c in rows), default=0) or 1
    top_m = max((intros.get(c, (0, 0))[1] for c in rows), default=0) or 1
    top_b = max((between.get(c, 0.0) for c in rows), default=0.0) or 1.0
    ranked = []
    for cid, row in rows.items():
        given, met = intros.get(cid, (0, 0))
        bet = between.get(cid, 0.0)
        score = 100 * (
            WEIGHTS["introductions"] * given / top_i
            + WEIGHTS["meetings"] * met / top_m
            + WEIGHTS["betweenness"] * bet / top_b
        )
        ranked.append(Gatekeeper(Person.from_row(row), given, met, bet, links.get(cid, 0), bool(row[10]), score))
    ranked.sort(key=lambda g: (-g.score, g.person.name.casefold()))
    best = ranked[:limit]
    best += [g for g in ranked[limit:] if g.flagged]
    return best


def _flagged_rows() -> list[tuple]:
    return list(
        Contact.select(Contact.id)
        .where(Contact.is_gatekeeper == True, Contact.deleted_at.is_null())  # noqa: E712
        .tuples()
    )


def ego_betweenness(network: NetworkGraph, radius: int = 2, samples: int = SAMPLES) -> dict[int, float]:
    """Betweenness of each person within you and the people up to ``radius`` steps away."""
    nodes = [YOU, *network.steps_from_you(radius)]
    if len(nodes) < 3:
        return {}
    ego = nx.Graph()
    ego.add_nodes_from(nodes)
    adj = network.graph._adj
    keep = set(nodes)
    ego.add_edges_from((a, b) for a in nodes for b in adj[a] if b in keep and a < b)
    k = None if len(nodes) <= EXACT_UP_TO else min(samples, len(nodes))
    return nx.betweenness_centrality(ego, k=k, normalized=True, seed=42 if k else None)


def second_degree_links(network: NetworkGraph) -> dict[int, int]:
    """First-degree contact -> how many second-degree people they know."""
    steps = network.steps_from_you(2)
    adj = network.graph._adj
    return {
        node: sum(1 for nbr in adj[node] if steps.get(nbr) == 2)
        for node, depth in steps.items()
        if depth == 1
    }

"""What the map is given: rings around the centre, a capped neighbourhood with a hidden count, pins."""

from __future__ import annotations

import math
import time

import networkx as nx

from desktop_crm.services.contacts.bulk import bulk_create_contacts, bulk_create_relationships
from desktop_crm.services.network import build_map, get_graph, mutual_connections
from desktop_crm.services.network.graph import NetworkGraph, build_graph
from desktop_crm.services.network.layout import RING, choose_visible, radial_layout


def star_of_stars(db_path, friends: int = 6, each: int = 5) -> tuple[list[int], list[int]]:
    """You know ``friends`` people; each knows ``each`` more. Returns (first ring, second ring)."""
    ids = bulk_create_contacts([{"first_name": f"P{i}", "tier": "bridge"} for i in range(friends * (each + 1))])
    first, second = ids[:friends], ids[friends:]
    rows = [(None, f, "friend", "close") for f in first]
    rows += [(first[i // each], s, "colleague", "known") for i, s in enumerate(second)]
    bulk_create_relationships(rows)
    return first, second


def test_you_in_the_middle_friends_on_the_first_ring_theirs_behind_them(db_path) -> None:
    first, second = star_of_stars(db_path)
    m = build_map()
    pos = {n.id: (n.x, n.y) for n in m.nodes}
    assert pos[0] == (0.0, 0.0)
    r1 = {round(math.hypot(*pos[f]), 6) for f in first}
    r2 = [math.hypot(*pos[s]) for s in second]
    assert len(r1) == 1 and r1.pop() >= RING
    assert min(r2) > max(math.hypot(*pos[f]) for f in first)
    # each friend's own people sit in the friend's direction
    for index, friend in enumerate(first):
        angle = math.atan2(pos[friend][1], pos[friend][0])
        for person in second[index * 5 : index * 5 + 5]:
            theirs = math.atan2(pos[person][1], pos[person][0])
            assert abs(math.remainder(theirs - angle, 2 * math.pi)) < math.pi / len(first)
    assert {n.steps for n in m.nodes if n.id in second} == {2}
    assert len(m.edges) == len(first) + len(second) and m.hidden == 0 and m.radius is None


def test_past_the_cap_the_map_shows_the_warmest_neighbourhood_and_counts_the_rest(db_path) -> None:
    first, second = star_of_stars(db_path, friends=10, each=8)
    m = build_map(centre=0, max_nodes=30)
    shown = {n.id for n in m.nodes}
    assert len(shown) == 30 and set(first) <= shown
    assert m.hidden == m.total - 29 and m.total == 90 and m.radius == 2
    around_friend = build_map(centre=first[0], max_nodes=5)
    assert around_friend.centre == first[0] and len(around_friend.nodes) == 5
    assert around_friend.node(first[0]).x == 0.0 and around_friend.radius == 1
    must = build_map(centre=0, max_nodes=12, include=[second[-1]])
    assert second[-1] in {n.id for n in must.nodes}


def test_pinned_people_stay_where_they_were_put(db_path) -> None:
    first, _ = star_of_stars(db_path)
    m = build_map(pinned={first[0]: (123.0, -45.0)})
    assert (m.node(first[0]).x, m.node(first[0]).y) == (123.0, -45.0)


def test_mutual_connections_are_people_both_know(db_path) -> None:
    first, second = star_of_stars(db_path)
    bulk_create_relationships([(first[1], second[0], "friend", "known"), (None, second[0], "friend", "known")])
    assert set(mutual_connections(second[0])) == {first[0], first[1]}


def test_layout_of_a_thousand_people_is_quick() -> None:
    graph = build_graph((a + 1, b + 1, 1) for a, b in nx.barabasi_albert_graph(1000, 3, seed=1).edges)
    graph.add_edges_from((0, n, {"w": 2.5, "s": 0}) for n in range(1, 40))
    network = NetworkGraph(graph=graph)
    visible, _ = choose_visible(network, 0, 2000)
    started = time.perf_counter()
    positions, steps = radial_layout(network, 0, visible)
    assert time.perf_counter() - started < 1.0
    assert len(positions) == 1001 and steps[0] == 0
    assert len({(round(x, 3), round(y, 3)) for x, y in positions.values()}) == 1001  # nobody on top of anybody


def test_the_graph_is_what_the_database_says(db_path) -> None:
    first, second = star_of_stars(db_path)
    network = get_graph()
    assert network.graph.number_of_edges() == len(first) + len(second)
    assert network.graph[0][first[0]]["s"] == 0 and network.graph[first[0]][second[0]]["s"] == 1

"""The map's layout at 2,000 and 10,000 people, beside the plain ring layout, same run.

Run: ``python benchmarks/bench_map_layout.py``

A synthetic network shaped like a real one: you know 300 people in about 40
organizations; colleagues know each other; each of your contacts knows a
few people further out, mostly people their colleagues know too. For each
size it prints:

* the new layout (sectors ordered by organization, then barycentric rounds)
  and the plain ring layout of earlier versions (``refine=0``, no
  organizations), best of three runs each;
* how far apart tied people are drawn (mean angle between the two ends of a
  tie, in degrees; lower reads better: people who know each other sit
  together), and the mean tie length in scene units, for both.

Targets: 2,000 people < 0.5 s, 10,000 people < 3 s.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time


def synthetic(people: int, seed: int = 7):
    from desktop_crm.services.network.graph import NetworkGraph, build_graph

    rng = random.Random(seed)
    first = min(300, people // 6)
    orgs = max(8, first // 8)
    org_of = {p: rng.randrange(orgs) for p in range(1, people + 1)}
    edges: list[tuple[int, int, int]] = [(0, p, rng.randrange(3)) for p in range(1, first + 1)]
    by_org: dict[int, list[int]] = {}
    for p, o in org_of.items():
        by_org.setdefault(o, []).append(p)
    for members in by_org.values():  # colleagues know a few colleagues
        for p in members:
            for q in rng.sample(members, min(3, len(members))):
                if q != p:
                    edges.append((p, q, 1))
    for p in range(first + 1, people + 1):  # everyone further out is known by someone nearer
        edges.append((rng.randrange(1, max(2, min(p, first * 4))), p, 2))
    return NetworkGraph(graph=build_graph(edges)), {p: f"Org {o}" for p, o in org_of.items()}


def quality(network, positions) -> tuple[float, float]:
    angles, lengths = [], []
    for a, nbrs in network.graph._adj.items():
        for b in nbrs:
            if 0 < a < b and a in positions and b in positions:
                (xa, ya), (xb, yb) = positions[a], positions[b]
                diff = abs(math.remainder(math.atan2(ya, xa) - math.atan2(yb, xb), 2 * math.pi))
                angles.append(math.degrees(diff))
                lengths.append(math.hypot(xa - xb, ya - yb))
    return statistics.mean(angles), statistics.mean(lengths)


def best_of(runs: int, fn, *args, **kwargs) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> int:
    from desktop_crm.services.network.layout import choose_visible, radial_layout

    ok = True
    for people, target in ((2_000, 0.5), (10_000, 3.0)):
        network, orgs = synthetic(people)
        visible, _ = choose_visible(network, 0, people + 1)
        new_s, (new_pos, _) = best_of(3, radial_layout, network, 0, visible, organizations=orgs)
        old_s, (old_pos, _) = best_of(3, radial_layout, network, 0, visible, refine=0)
        new_angle, new_len = quality(network, new_pos)
        old_angle, old_len = quality(network, old_pos)
        edges = network.graph.number_of_edges()
        print(f"{people:,} people, {edges:,} ties:")
        print(f"  layout (sectors by organization + barycentric rounds): {new_s * 1000:.0f} ms   [target < {target:.1f} s]")
        print(f"  baseline ring layout (earlier versions): {old_s * 1000:.0f} ms; ratio {new_s / old_s:.1f}x")
        print(f"  tied people drawn apart: mean {new_angle:.1f} degrees vs {old_angle:.1f} baseline; "
              f"mean tie length {new_len:.0f} vs {old_len:.0f} scene units")
        ok &= new_s < target
    print("ALL TARGETS MET" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

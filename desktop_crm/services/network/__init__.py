"""The web of relationships: the weighted graph, warmest paths, gatekeepers, reach, the map.

Public entry points (each takes an optional ``network`` to reuse one graph):

* :func:`get_graph` / :func:`invalidate_graph` — the cached weighted graph;
* :func:`path_to_person`, :func:`path_to_organization` — telephoto;
* :func:`rank_gatekeepers`, :func:`compute_reach`, :func:`wide_angle`;
* :func:`build_map`, :func:`mutual_connections` — what the map draws;
* :func:`record_introduction_link` — ties implied by an introduction.
"""

from __future__ import annotations

from .gatekeepers import Gatekeeper, rank_gatekeepers
from .graph import YOU, NetworkGraph, get_graph, invalidate_graph, load_graph
from .layout import NetworkMap, build_map, mutual_connections
from .links import record_introduction_link
from .paths import PathResult, path_to_organization, path_to_person
from .reach import Reach, compute_reach
from .targets import Target, TargetChoices, resolve_target
from .wide_angle import WideAngleFilter, WideAngleHit, filter_choices, wide_angle

__all__ = [
    "YOU",
    "Gatekeeper",
    "NetworkGraph",
    "NetworkMap",
    "PathResult",
    "Reach",
    "Target",
    "TargetChoices",
    "WideAngleFilter",
    "WideAngleHit",
    "build_map",
    "compute_reach",
    "filter_choices",
    "get_graph",
    "invalidate_graph",
    "load_graph",
    "mutual_connections",
    "path_to_organization",
    "path_to_person",
    "rank_gatekeepers",
    "record_introduction_link",
    "resolve_target",
    "wide_angle",
]

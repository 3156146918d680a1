"""The web of relationships: the weighted graph, warmest paths, gatekeepers, reach, the map.

Public entry points (each takes an optional ``network`` to reuse one graph):

* :func:`get_graph` / :func:`invalidate_graph` — the cached weighted graph;
* :func:`path_to_person`, :func:`path_to_organization` — telephoto;
* :func:`rank_gatekeepers`, :func:`compute_reach`, :func:`wide_angle`;
* :func:`build_map`, :func:`mutual_connections` — what the map draws;
* :func:`record_introduction_link` — ties implied by an introduction;
* :func:`introductions_to_ask` — per target, the best person to ask next.

Also here: :mod:`.relationships` (who knows whom, as the user records it).

May call: the store, the domain's words, the shared services modules,
contacts (whom a path starts from and leads to) and meetings (the email
drafts of an ask).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_exports

# Lazy: importing the package must not load networkx (~0.4 s) until the network
# is used, so the window and the command line start without it.
_EXPORTS: dict[str, str] = {
    "IntroductionAsk": "asks",
    "introductions_to_ask": "asks",
    "Gatekeeper": "gatekeepers",
    "rank_gatekeepers": "gatekeepers",
    "YOU": "graph",
    "NetworkGraph": "graph",
    "get_graph": "graph",
    "invalidate_graph": "graph",
    "load_graph": "graph",
    "NetworkMap": "layout",
    "build_map": "layout",
    "mutual_connections": "layout",
    "record_introduction_link": "links",
    "PathResult": "paths",
    "path_to_organization": "paths",
    "path_to_person": "paths",
    "Reach": "reach",
    "compute_reach": "reach",
    "Target": "targets",
    "TargetChoices": "targets",
    "resolve_target": "targets",
    "WideAngleFilter": "wide_angle",
    "WideAngleHit": "wide_angle",
    "filter_choices": "wide_angle",
    "wide_angle": "wide_angle",
}

# Relationships past which a network is read in the background (the Network view)
# and not at all just to draw Today: reading a million ties takes seconds.
BACKGROUND_LOAD_ABOVE = 50_000

__all__ = sorted({*_EXPORTS, "BACKGROUND_LOAD_ABOVE"})

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .asks import IntroductionAsk, introductions_to_ask  # noqa: F401
    from .gatekeepers import Gatekeeper, rank_gatekeepers  # noqa: F401
    from .graph import YOU, NetworkGraph, get_graph, invalidate_graph, load_graph  # noqa: F401
    from .layout import NetworkMap, build_map, mutual_connections  # noqa: F401
    from .links import record_introduction_link  # noqa: F401
    from .paths import PathResult, path_to_organization, path_to_person  # noqa: F401
    from .reach import Reach, compute_reach  # noqa: F401
    from .targets import Target, TargetChoices, resolve_target  # noqa: F401
    from .wide_angle import WideAngleFilter, WideAngleHit, filter_choices, wide_angle  # noqa: F401

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

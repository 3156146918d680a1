"""Telephoto: the warmest ways from you to one person or one organization.

"Distinct" means a different first introducer: the user can ask only one
person at a time, so three paths through the same friend are one option.
When you know fewer people near the target than that, further paths keep
the first introducer and change the second. Each result names the first
introduction to ask for and drafts the request email; when nothing links
you to the target, the result says so, names who is recorded as knowing
the target, and suggests the people in your network closest to the
target's organization, industry or city.

Inferred ties (:mod:`.inferred`) are used only when no path of known ties
is as short or as warm, and every step that rests on one says so ("probably
knows them: both at Acme"). This is the one path service: Find a way,
``path``, the prep sheet, the Today view and the email drafts all ask it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ...store import graph as store_graph
from ...store.models import Contact
from ..contacts.profile import get_profile
from ..lookups import live_contact, live_organization
from .drafts import introduction_email
from .graph import YOU, NetworkGraph, get_graph, paused_gc
from .search import fewest_steps, warmest_path

MAX_RETRIES = 10  # re-searches when a path leans on a dismissed guess
RANKED = 3  # paths compared before the first is chosen (see rank_paths)
REACH_BONUS = 0.5  # per tie the first person has into the target's organization (up to three)
BRIDGE_BONUS = 0.5  # the first person is a Bridge

KIND_WORDS = {
    "friend": "friend",
    "colleague": "colleague",
    "family": "family",
    "alumni": "fellow alum",
    "introduced_by": "introduced",
    "reports_to": "reports to / manages",
    "other": "knows",
}


@dataclass
class Person:
    id: int
    name: str
    organization: str = ""
    title: str = ""
    industry: str = ""
    location: str = ""
    tier: str = ""

    @classmethod
    def from_row(cls, row: tuple) -> Person:
        """From a row of :func:`desktop_crm.store.graph.contact_rows`."""
        return cls(row[0], row_name(row), row[4], row[5], row[6], row[7], row[8])


def row_name(row: tuple) -> str:
    """'First Last' of a row of :func:`desktop_crm.store.graph.contact_rows`."""
    return " ".join(p for p in (row[1], row[2]) if p)


@dataclass
class PathStep:
    """One person on a path and the tie that reached them from the previous one."""

    person: Person
    kind: str = "other"
    strength: str = "known"
    inferred: bool = False
    why: str = ""  # for an inferred tie: "both at Acme"

    @property
    def tie(self) -> str:
        if self.inferred:
            return f"probably knows them: {self.why}" if self.why else "probably knows them"
        word = KIND_WORDS.get(self.kind, self.kind.replace("_", " "))
        if self.strength == "close":
            return "close" if self.kind == "other" else f"close {word}"
        if self.strength == "acquaintance":
            return "acquaintance" if self.kind == "other" else f"{word}, acquaintance"
        return word


@dataclass
class WarmPath:
    cost: float
    steps: list[PathStep]  # people after you, the target last
    reaches_org: int = 0  # people the first person knows at the target's organization
    score: float = 0.0  # cost less the bonus for asking a bridge into the organization (see rank_paths)

    @property
    def ids(self) -> list[int]:
        return [YOU, *(s.person.id for s in self.steps)]

    @property
    def inferred(self) -> bool:
        return any(s.inferred for s in self.steps)

    def guesses(self, you: str = "You") -> list[str]:
        """Each guessed step in words: "Maëlle Roux probably knows Tom Berg (both at Helios)"."""
        names = [you, *(s.person.name for s in self.steps)]
        return [f"{names[i]} probably knows {step.person.name} ({step.why})"
                for i, step in enumerate(self.steps) if step.inferred]

    def describe(self) -> str:
        """'You → Ana Silva (close friend) → Jürgen Müller (colleague)'."""
        return " → ".join(["You", *(f"{s.person.name} ({s.tie})" for s in self.steps)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "cost": round(self.cost, 2),
            "text": self.describe(),
            "ids": self.ids,
            "inferred": self.inferred,
            "steps": [
                {**asdict(s.person), "kind": s.kind, "strength": s.strength, "tie": s.tie,
                 "inferred": s.inferred, "why": s.why}
                for s in self.steps
            ],
        }


@dataclass
class Suggestion:
    person: Person
    reason: str
    steps: int

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.person), "reason": self.reason, "steps": self.steps}


@dataclass
class PathResult:
    target: str  # what the user asked for, as a label
    target_kind: str  # "person" | "organization"
    target_id: int
    paths: list[WarmPath] = field(default_factory=list)
    first_ask: str = ""
    introducer_id: int | None = None
    introduce_to_id: int | None = None
    email_subject: str = ""
    email_body: str = ""
    message: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)
    uses_inferred: bool = False
    known_by: list[Person] = field(default_factory=list)  # recorded as knowing the target

    @property
    def found(self) -> bool:
        return bool(self.paths)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "target_kind": self.target_kind,
            "target_id": self.target_id,
            "found": self.found,
            "message": self.message,
            "paths": [p.to_dict() for p in self.paths],
            "first_ask": self.first_ask,
            "introducer_id": self.introducer_id,
            "introduce_to_id": self.introduce_to_id,
            "email": {"subject": self.email_subject, "body": self.email_body},
            "suggestions": [s.to_dict() for s in self.suggestions],
            "uses_inferred": self.uses_inferred,
            "known_by": [asdict(p) for p in self.known_by],
        }


def path_to_person(contact_id: int, count: int = 3, network: NetworkGraph | None = None,
                   draft: bool = True) -> PathResult:
    """The ``count`` warmest distinct paths from you to one contact (and, with ``draft``,
    the email asking for the first introduction)."""
    target = live_contact(contact_id)
    result = PathResult(target=target.full_name, target_kind="person", target_id=contact_id)
    return _solve(result, {contact_id}, count, network, target.organization_id, target.industry, target.location,
                  draft)


def path_to_organization(org_id: int, count: int = 3, network: NetworkGraph | None = None,
                         draft: bool = True) -> PathResult:
    """The warmest distinct paths from you to anyone at an organization."""
    org = live_organization(org_id)
    members = {
        c.id
        for c in Contact.select(Contact.id).where(Contact.organization == org_id, Contact.deleted_at.is_null())
    }
    result = PathResult(target=org.name, target_kind="organization", target_id=org_id)
    return _solve(result, members, count, network, org_id, org.industry, org.location, draft)


def _solve(
    result: PathResult,
    targets: set[int],
    count: int,
    network: NetworkGraph | None,
    org_id: int | None,
    industry: str,
    location: str,
    draft: bool = True,
) -> PathResult:
    network = network or get_graph()
    raw, result.uses_inferred = choose_paths(network, targets, max(count, RANKED))
    result.paths = rank_paths(describe_paths(raw, network), network, org_id)[:count]
    if result.paths:
        _add_first_ask(result, draft)
        if result.uses_inferred:
            result.message = (
                "No path of known ties is as short or as warm: this one rests on a tie the app "
                "inferred. Confirm it or dismiss it."
            )
    else:
        _explain_no_path(result, targets, network)
        result.suggestions = suggest_nearby(network, targets, org_id, industry, location)
        if result.suggestions:
            result.message += " These people are closest to them; ask them who they know."
    return result


def rank_paths(paths: list[WarmPath], network: NetworkGraph, org_id: int | None) -> list[WarmPath]:
    """Warmest first, but a bridge whose ties reach into the target's organization
    goes before a slightly warmer path.

    Why: Rajkumar et al. (Science, 2022) found on LinkedIn that moderately weak
    ties, not the closest friends, carried the most job moves; a bridge who
    knows several people at the organization can also open the next door.
    Each path's ``score`` is its cost less :data:`BRIDGE_BONUS` when the first
    person is a Bridge and :data:`REACH_BONUS` per tie they have into the
    organization (up to three).
    """
    adj = network.graph._adj
    members: set[int] = set()
    if org_id:
        members = {row[0] for row in store_graph.contact_rows(
            {n for p in paths for n in adj.get(p.steps[0].person.id, {}) if n > 0}) if row[3] == org_id}
    for path in paths:
        first = path.steps[0].person
        path.reaches_org = len(members & set(adj.get(first.id, {}))) if len(path.steps) > 1 else 0
        bonus = REACH_BONUS * min(path.reaches_org, 3) if len(path.steps) > 1 else 0.0
        if len(path.steps) > 1 and first.tier == "bridge":
            bonus += BRIDGE_BONUS
        path.score = path.cost - bonus
    return sorted(paths, key=lambda p: (p.score, p.cost))


def _explain_no_path(result: PathResult, targets: set[int], network: NetworkGraph) -> None:
    who = "anyone at " + result.target if result.target_kind == "organization" else result.target
    if result.target_kind == "organization" and not targets:
        result.message = f"Nobody at {result.target} is in your contacts yet."
        return
    adj = network.graph._adj
    knowers = sorted({n for t in targets for n in adj.get(t, {}) if n != YOU and n not in targets})
    if result.target_kind == "person" and knowers:
        result.known_by = list(_people(set(knowers[:20])).values())
        names = _and([p.name for p in result.known_by[:3]], len(result.known_by))
        verb = "knows" if len(result.known_by) == 1 else "know"
        pronoun = "them" if len(result.known_by) > 1 else _first_name(result.known_by[0].name)
        result.message = (
            f"No known path from you to {who}: {names} {verb} {_first_name(result.target)}, "
            f"but nobody you know is recorded as knowing {pronoun} yet."
        )
        return
    result.message = f"No known path from you to {who}: nobody in your network is recorded as knowing them yet."


def _and(names: list[str], total: int) -> str:
    if total > len(names):
        return ", ".join(names) + f" and {total - len(names)} more"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def choose_paths(network: NetworkGraph, targets: set[int], count: int = 3) -> tuple[list[tuple[float, list[int]]], bool]:
    """Known paths, unless a path through an inferred tie beats them; and whether it did.

    Inferred ties win only when no path of known ties is as short or as warm
    as the best path through them.
    """
    known = warmest_paths(network, targets, count)
    overlay = network.inferred
    if not overlay.adj:
        return known, False
    guessed = warmest_paths(network, targets, count, overlay)
    if not guessed or not _uses_overlay(guessed[0][1], network):
        return known, False
    best_cost, best_path = guessed[0]
    steps = len(collapse(best_path))  # ties on the inferred path, hubs left out
    if known and known[0][0] <= best_cost:
        return known, False
    shorter = fewest_steps(network.graph._adj, YOU, targets, steps - 1) if steps > 1 else None
    if shorter is not None:
        return known, False
    return guessed, True


def _uses_overlay(path: list[int], network: NetworkGraph) -> bool:
    adj = network.graph._adj
    return any(n < 0 for n in path) or any(b not in adj.get(a, {}) for a, b in zip(path, path[1:], strict=False))


def collapse(path: list[int]) -> list[int]:
    """The people on a path, hub nodes (groups) left out."""
    return [n for n in path if n >= 0]


def warmest_paths(
    network: NetworkGraph, targets: set[int], count: int = 3, overlay: Any = None
) -> list[tuple[float, list[int]]]:
    """Up to ``count`` (cost, nodes) paths from you, distinct first introducers first.

    With ``overlay`` (an :class:`~.inferred.Overlay`) inferred ties may be
    used; the nodes then may include hubs (negative ids).
    """
    with paused_gc():
        return _warmest_paths(network.graph, targets, count, overlay)


def _warmest_paths(graph, targets: set[int], count: int, overlay: Any = None) -> list[tuple[float, list[int]]]:
    # One bidirectional search per introducer, banning the first ties already used.
    # (A single backward search settling your contacts gives the same answer with
    # the same median on a million ties, but a longer tail; measured.)
    extra = overlay.adj if overlay is not None else None
    found: list[tuple[float, list[int]]] = []
    banned_first: set[int] = set()
    bans: dict[int, set[int]] = {YOU: banned_first}
    retries = 0
    while len(found) < count:
        hit = warmest_path(graph, {YOU: 0.0}, targets, banned=bans, overlay=extra)
        if hit is None or len(hit[1]) < 2:
            break
        bad = _dismissed_step(hit[1], overlay)
        if bad is not None:
            retries += 1
            if retries > MAX_RETRIES:
                break
            bans.setdefault(bad[0], set()).add(bad[1])
            continue
        found.append(hit)
        banned_first.add(hit[1][1])
    # Fewer introducers than asked: vary the second step behind each first one.
    for _cost, path in list(found):
        if len(found) >= count:
            break
        _vary_second_step(graph, path, targets, count, found, extra)
    found.sort(key=lambda item: item[0])
    return found[:count]


def _dismissed_step(path: list[int], overlay: Any) -> tuple[int, int] | None:
    """The (hub, person) tie to ban when a path goes through a guess the user dismissed."""
    if overlay is None or not overlay.dismissed:
        return None
    for a, hub, b in zip(path, path[1:], path[2:], strict=False):
        if hub < 0 and a >= 0 and b >= 0 and overlay.dismissed_pair(a, b):
            return hub, b
    return None


def _vary_second_step(graph, path: list[int], targets: set[int], count: int, found: list, extra=None) -> None:
    if len(path) < 4:
        return
    first = path[1]
    start = graph._adj[YOU][first]["w"]
    used = {p[2] for _, p in found if len(p) > 3 and p[1] == first}
    while len(found) < count:
        hit = warmest_path(graph, {first: start}, targets, banned={first: used}, blocked={YOU}, overlay=extra)
        if hit is None or len(hit[1]) < 3:
            return
        cost, tail = hit
        found.append((cost, [YOU, *tail]))
        used.add(tail[1])


def describe_paths(raw: list[tuple[float, list[int]]], network: NetworkGraph | None = None) -> list[WarmPath]:
    """Attach names, the kind/strength of each tie, and why each guessed tie was guessed."""
    people = _people({n for _, path in raw for n in path if n > 0})
    adj = network.graph._adj if network is not None else {}
    overlay = network.inferred if network is not None and any(
        _uses_overlay(path, network) for _, path in raw) else None
    pairs = [(a, b) for _, path in raw for a, b in _ties(path)]
    ties = store_graph.relationship_details(dict.fromkeys(pairs))
    out = []
    for cost, path in raw:
        steps = []
        for prev, node, hub in _ties_with_hubs(path):
            person = people.get(node, Person(node, f"#{node}"))
            real = (prev, node) in ties and (hub is None and (network is None or node in adj.get(prev, {})))
            if real or overlay is None:
                kind, strength, _how = ties.get((prev, node), ("other", "known", ""))
                steps.append(PathStep(person=person, kind=kind, strength=strength))
            else:
                steps.append(PathStep(person=person, kind="other", strength="acquaintance", inferred=True,
                                      why=overlay.why(prev, node, hub)))
        out.append(WarmPath(cost=cost, steps=steps))
    return out


def _ties(path: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b, _hub in _ties_with_hubs(path)]


def _ties_with_hubs(path: list[int]) -> list[tuple[int, int, int | None]]:
    """(person, next person, the hub between them or None) along a path."""
    out: list[tuple[int, int, int | None]] = []
    prev: int | None = None
    hub: int | None = None
    for node in path:
        if node < 0:
            hub = node
            continue
        if prev is not None:
            out.append((prev, node, hub))
        prev, hub = node, None
    return out


def _people(ids: set[int]) -> dict[int, Person]:
    return {row[0]: Person.from_row(row) for row in store_graph.contact_rows(ids)}


def _add_first_ask(result: PathResult, draft: bool = True) -> None:
    best = result.paths[0]
    first = best.steps[0].person
    if len(best.steps) == 1:
        result.first_ask = (
            f"You already know {first.name} ({best.steps[0].tie}): ask them for a meeting directly."
        )
        return
    nxt = best.steps[1].person
    result.introducer_id, result.introduce_to_id = first.id, nxt.id
    if len(best.steps) == 2:
        result.first_ask = f"Ask {first.name} to introduce you to {nxt.name}."
    else:
        result.first_ask = (
            f"Ask {first.name} to introduce you to {nxt.name}, who can take you on towards "
            f"{best.steps[-1].person.name}."
        )
    if draft:
        result.email_subject, result.email_body = introduction_email(get_profile(), first, nxt)


def suggest_nearby(
    network: NetworkGraph,
    exclude: set[int],
    org_id: int | None,
    industry: str,
    location: str,
    limit: int = 5,
) -> list[Suggestion]:
    """People within three steps of you who share the target's organization, industry or city."""
    steps = network.steps_from_you(3)
    if not steps:
        return []
    reasons = []
    if org_id:
        reasons.append(("org", org_id))
    if industry:
        reasons.append(("industry", industry.casefold()))
    if location:
        reasons.append(("location", location.casefold()))
    if not reasons:
        return []
    ranked = []
    for row in store_graph.contact_rows(n for n in steps if n not in exclude):
        person = Person.from_row(row)
        for rank, (what, value) in enumerate(reasons):
            if what == "org" and row[3] == value:
                reason = f"works at {person.organization}"
            elif what == "industry" and row[6].casefold() == value:
                reason = f"works in {person.industry}"
            elif what == "location" and row[7].casefold() == value:
                reason = f"is based in {person.location}"
            else:
                continue
            ranked.append((rank, steps[row[0]], person.name.casefold(), Suggestion(person, reason, steps[row[0]])))
            break
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]

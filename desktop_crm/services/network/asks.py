"""Who to ask next: for each target, the best person you know to ask for an introduction.

Targets are the people you marked Target (not yet met, not dormant, not
do-not-contact) and the organizations marked as targets. For each, the one
path service (:mod:`.paths`) gives the warmest path; its first person is
the one to ask, its second the one to be introduced to. Ranked by the
path's score: its cost, less a bonus for bridges whose ties reach into the
target's organization (see :func:`.paths.rank_paths`), which also decides
which path Find a way lists first, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ...store.database import db
from ..meetings.email_drafts import draft_introduction_ask
from . import BACKGROUND_LOAD_ABOVE
from .graph import NetworkGraph, get_graph
from .paths import Person, WarmPath, path_to_organization, path_to_person
from .warmth import describe, your_histories

SKIP_STATUSES = ("scheduled", "met", "thanked", "dormant", "do_not_contact")
MAX_TARGETS = 60  # people and organizations looked at, most recently changed first


@dataclass
class IntroductionAsk:
    target: str  # the person's or organization's name
    target_kind: str  # "person" | "organization"
    target_id: int
    introducer: Person
    introduce_to: Person
    path: WarmPath
    reaches_org: int  # people the introducer knows at the target's organization
    score: float  # lower is better
    tie_words: str = ""  # the warmth of your tie to the introducer, in words
    email_subject: str = ""
    email_body: str = ""
    email_to: str = ""

    @property
    def why(self) -> str:
        """One line on why this person is the one to ask."""
        parts = []
        if self.introducer.tier == "bridge":
            parts.append("a bridge into other circles")
        if self.reaches_org > 1:
            parts.append(f"knows {self.reaches_org} people there")
        elif self.reaches_org == 1 and self.target_kind == "organization":
            parts.append("knows someone there")
        if self.path.inferred:
            parts.append("the path rests on a guessed tie")
        parts.append(f"your tie is {self.tie_words or self.path.steps[0].tie}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "target_kind": self.target_kind,
            "target_id": self.target_id,
            "introducer": asdict(self.introducer),
            "introduce_to": asdict(self.introduce_to),
            "path": self.path.to_dict(),
            "reaches_org": self.reaches_org,
            "why": self.why,
            "tie": self.tie_words,
            "score": round(self.score, 2),
            "email": {"to": self.email_to, "subject": self.email_subject, "body": self.email_body},
        }


TODAY = 5  # introductions to ask for, in the day's summary (window and command line)


def todays_asks(drafts: bool = True) -> list[IntroductionAsk]:
    """The few introductions Today lists; none while a big network is not loaded yet
    (the Network view loads it in the background: Today stays instant)."""
    from . import graph

    if graph.cached_graph(graph.graph_key()) is None and graph.relationship_count() > BACKGROUND_LOAD_ABOVE:
        return []
    return introductions_to_ask(limit=TODAY, drafts=drafts)


def introductions_to_ask(limit: int = 20, network: NetworkGraph | None = None,
                         drafts: bool = True) -> list[IntroductionAsk]:
    """The best introduction to ask for, per target; best first."""
    network = network or get_graph()
    asks: list[IntroductionAsk] = []
    for kind, target_id in _targets():
        if kind == "person":
            result = path_to_person(target_id, count=1, network=network, draft=False)
        else:
            result = path_to_organization(target_id, count=1, network=network, draft=False)
        if not result.paths or len(result.paths[0].steps) < 2:
            continue  # no way yet, or you know them already: no introduction needed
        path = result.paths[0]
        introducer, introduce_to = path.steps[0].person, path.steps[1].person
        asks.append(IntroductionAsk(result.target, kind, target_id, introducer, introduce_to, path,
                                    path.reaches_org, path.score))
    asks.sort(key=lambda a: (a.score, a.target.casefold()))
    best = asks[:limit]
    histories = your_histories()
    for ask in best:
        first = ask.path.steps[0]
        ask.tie_words = describe(first.strength, histories.get(ask.introducer.id)).text
    if drafts:
        for ask in best:
            draft = draft_introduction_ask(ask.introducer.id, ask.introduce_to.id)
            ask.email_subject, ask.email_body, ask.email_to = draft.subject, draft.body, draft.to
    return best


def _targets() -> list[tuple[str, int]]:
    marks = ", ".join("?" for _ in SKIP_STATUSES)
    people = db.execute_sql(
        f"SELECT id FROM contact WHERE deleted_at IS NULL AND tier = 'target' AND status NOT IN ({marks}) "
        "ORDER BY updated_at DESC, id LIMIT ?", (*SKIP_STATUSES, MAX_TARGETS))
    orgs = db.execute_sql(
        "SELECT id FROM organization WHERE deleted_at IS NULL AND is_target = 1 ORDER BY updated_at DESC, id LIMIT ?",
        (MAX_TARGETS,))
    return [("person", row[0]) for row in people] + [("organization", row[0]) for row in orgs]

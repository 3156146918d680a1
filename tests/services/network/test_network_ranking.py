"""Gatekeeper ranking, reach counts and wide-angle filters on hand-built networks."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm import clock
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.network import (
    WideAngleFilter,
    compute_reach,
    rank_gatekeepers,
    wide_angle,
)
from desktop_crm.services.network.relationships import add_relationship
from desktop_crm.store.models import Introduction, Meeting


def person(name: str, **fields) -> int:
    return create_contact({"first_name": name, "last_name": "Test", **fields}).id


def test_gatekeepers_rank_introductions_meetings_and_bridging(db_path) -> None:
    giver, once, bridge, flagged = (person(n) for n in ("Gia", "Olli", "Bea", "Flo"))
    flagged_row = create_contact({"first_name": "Fay", "last_name": "Test", "is_gatekeeper": True}).id
    met = [person(f"Met{i}") for i in range(3)]
    for index, target in enumerate(met):
        Introduction.create(introducer=giver, introduced=target, status="met" if index < 2 else "made")
    Introduction.create(introducer=once, introduced=met[0], status="made")
    Introduction.create(introducer=flagged, introduced=met[1], status="declined")
    Meeting.create(contact=met[2], starts_at=clock.utcnow() + dt.timedelta(days=1), status="done")
    # Bea is the only way to four people: the network's bridge.
    add_relationship(None, bridge, "friend", "close")
    for i in range(4):
        add_relationship(bridge, person(f"Far{i}"), "colleague", "known")
    ranked = rank_gatekeepers()
    order = [g.person.name.split()[0] for g in ranked]
    assert order[0] == "Gia"
    gia = ranked[0]
    assert (gia.introductions, gia.meetings) == (3, 3)
    bea = next(g for g in ranked if g.person.id == bridge)
    assert bea.betweenness > 0 and bea.links_to == 4
    assert order.index("Bea") < order.index("Olli")  # bridging four beats one introduction
    fay = next(g for g in ranked if g.person.id == flagged_row)
    assert fay.flagged and fay.score == 0
    assert "Flo" not in order  # a declined introduction counts for nothing


def test_gatekeepers_empty_network(db_path) -> None:
    assert rank_gatekeepers() == []


def test_reach_counts_steps_by_tier_and_industry(db_path) -> None:
    a = person("A", industry="Energy", tier="primary")
    b = person("B", industry="Software", tier="bridge")
    c = person("C", industry="Energy", tier="target")
    d = person("D", industry="", tier="target")
    e = person("E", industry="Energy", tier="target")
    person("Lonely")
    add_relationship(None, a, "friend", "close")
    add_relationship(None, b, "friend", "known")
    add_relationship(a, c, "colleague", "known")
    add_relationship(b, c, "colleague", "known")
    add_relationship(b, d, "colleague", "known")
    add_relationship(d, e, "colleague", "known")
    reach = compute_reach()
    assert [level.people for level in reach.levels] == [2, 2, 1]
    one, two, three = reach.levels
    assert one.by_tier == {"primary": 1, "bridge": 1, "target": 0}
    assert two.by_tier == {"primary": 0, "bridge": 0, "target": 2}
    assert dict(one.by_industry) == {"Energy": 1, "Software": 1}
    assert two.by_industry == [("(no industry)", 1), ("Energy", 1)]
    assert three.by_industry == [("Energy", 1)]
    assert reach.total == 5
    assert reach.estimated_pool == 2 + 150  # 2 known x 150 each x half overlap
    assert "You know 2 people directly" in reach.assumptions


def test_wide_angle_filters_within_steps_and_names_whom_to_ask(db_path) -> None:
    ana = person("Ana", industry="Software", location="Berlin")
    ben = person("Ben", industry="Energy", location="Oslo", tier="bridge")
    cy = person("Cy", industry="Energy", location="Berlin", tier="target")
    dee = person("Dee", industry="Energy", location="Paris", tier="target")
    add_relationship(None, ana, "friend", "close")
    add_relationship(ana, ben, "friend", "known")
    add_relationship(ana, cy, "friend", "known")
    add_relationship(cy, dee, "friend", "known")

    def who(**kw) -> list[tuple[str, int, str]]:
        return [(h.person.name.split()[0], h.steps, h.via.split()[0] if h.via else "") for h in wide_angle(WideAngleFilter(**kw))]

    assert who(industry="energy") == [("Ben", 2, "Ana"), ("Cy", 2, "Ana")]
    assert who(industry="energy", max_steps=3) == [("Ben", 2, "Ana"), ("Cy", 2, "Ana"), ("Dee", 3, "Ana")]
    assert who(industry="energy", location="berlin") == [("Cy", 2, "Ana")]
    assert who(industry="energy", location="berlin", match_any=True) == [
        ("Ana", 1, "Ana"), ("Ben", 2, "Ana"), ("Cy", 2, "Ana"),
    ]
    assert who(tier="target", max_steps=3) == [("Cy", 2, "Ana"), ("Dee", 3, "Ana")]
    assert who(industry="ener%") == []  # LIKE wildcards typed by the user are literal


def test_wide_angle_refuses_bad_filters_naming_the_field(db_path) -> None:
    with pytest.raises(ValidationError) as steps:
        wide_angle(WideAngleFilter(max_steps=5, industry="x"))
    assert steps.value.field == "steps"
    with pytest.raises(ValidationError) as tier:
        wide_angle(WideAngleFilter(tier="boss"))
    assert tier.value.field == "tier" and "primary" in tier.value.message

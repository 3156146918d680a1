"""The demo network: realistic, reproducible from a seed, and something in every view."""

from __future__ import annotations

import datetime as dt

from desktop_crm.services.demo import build_demo
from desktop_crm.store import close_database, open_store
from desktop_crm.store.models import (
    Contact,
    Introduction,
    Meeting,
    Organization,
    OutreachAttempt,
    Relationship,
)


def snapshot() -> tuple:
    people = [(c.first_name, c.last_name, c.tier, c.organization_id) for c in Contact.select().order_by(Contact.id)]
    links = [(r.person_a_id, r.person_b_id, r.kind, r.strength) for r in Relationship.select().order_by(Relationship.id)]
    return people, links


def test_demo_is_reproducible_and_rich(tmp_path) -> None:
    now = dt.datetime(2026, 11, 23, 9, 0)
    results = []
    for name in ("a", "b"):
        open_store(tmp_path / f"{name}.sqlite3")
        try:
            counts = build_demo(seed=3, now=now)
            results.append(snapshot())
            assert 180 <= counts["contacts"] <= 220
            assert Organization.select().count() == 30
            assert {c.tier for c in Contact.select()} == {"primary", "bridge", "target"}
            assert Meeting.select().where(Meeting.status == "planned").count() > 0
            assert Meeting.select().where(Meeting.status == "done").count() > 0
            assert Introduction.select().count() > 0
            assert OutreachAttempt.select().count() > 0
            # Second and third degree: someone you do not know directly knows someone else.
            direct = {r.person_b_id for r in Relationship.select().where(Relationship.person_a.is_null())}
            second = {r.person_b_id for r in Relationship.select().where(Relationship.person_a.in_(direct))}
            third = {r.person_b_id for r in Relationship.select().where(Relationship.person_a.in_(second - direct))}
            assert second - direct and third - second - direct
        finally:
            close_database()
    assert results[0] == results[1]

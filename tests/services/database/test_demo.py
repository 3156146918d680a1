"""The demo network: realistic, reproducible from a seed, and something in every view."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm import clock
from desktop_crm.services.database.demo import build_demo, demo_is_stale, rebuild_demo
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
    now = dt.datetime(2026, 11, 23, 9, 0)  # passed in: the demo is the same on any day
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


@pytest.mark.parametrize(
    "day",
    [
        dt.datetime(2028, 2, 29, 9, 0),  # a leap day
        dt.datetime(2027, 3, 28, 1, 30),  # just after Europe's spring DST change
        dt.datetime(2030, 12, 31, 23, 30),  # the last half hour of a year
    ],
)
def test_the_demo_on_any_day_has_work_ahead_and_behind(tmp_path, day) -> None:
    from desktop_crm.services.today import today

    open_store(tmp_path / "demo.sqlite3")
    try:
        with clock.frozen(day):
            build_demo()
            work = today(tz="Europe/Berlin")
            assert work.upcoming and all(m.starts_at > day for m in work.upcoming)
            assert work.thank_yous, "a meeting held yesterday wants its thank-you"
            assert work.follow_ups
            assert not demo_is_stale()
    finally:
        close_database()


def test_a_demo_left_behind_by_the_calendar_is_rebuilt_around_today(tmp_path, now) -> None:
    open_store(tmp_path / "demo.sqlite3")
    try:
        with clock.frozen(now - dt.timedelta(days=400)):
            build_demo()
        assert demo_is_stale()
        before = Contact.select().count()
        Contact.create(first_name="Edited", last_name="Demo")
        counts = rebuild_demo()
        assert counts["contacts"] == before == Contact.select().count()
        assert not Contact.select().where(Contact.first_name == "Edited").exists()
        assert Meeting.select().where(Meeting.status == "planned", Meeting.starts_at > now).exists()
        assert not demo_is_stale()
    finally:
        close_database()

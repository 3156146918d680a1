"""Today: every section, and the 12-week rhythm bucketed by local week."""

from __future__ import annotations

import datetime as dt
import json

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.meetings import actions, introductions, outreach
from desktop_crm.services.today import rhythm, today
from desktop_crm.store.models import utcnow

NOW = dt.datetime(2026, 11, 18, 12, 0)  # a Wednesday


def test_rhythm_counts_by_local_week(db_path):
    cid = create_contact({"first_name": "Ana"}).id
    outreach.log_attempt(cid, "email", on=dt.datetime(2026, 11, 16, 9, 0))  # this week
    outreach.log_attempt(cid, "email", answered=True, on=dt.datetime(2026, 11, 10, 9, 0))  # last week
    # Sunday 23:30 UTC is already Monday in Berlin: this week there, last week in UTC.
    outreach.log_attempt(cid, "email", on=dt.datetime(2026, 11, 15, 23, 30))
    m = meetings.schedule_meeting(cid, {"when": "2026-11-17T10:00", "tz": "UTC"})
    meetings.mark_done(m.id)
    berlin = rhythm(12, "Europe/Berlin", NOW)
    assert len(berlin) == 12 and berlin[-1].week_start == dt.date(2026, 11, 16)
    assert (berlin[-1].outreach, berlin[-1].answers, berlin[-1].meetings) == (2, 0, 1)
    assert (berlin[-2].outreach, berlin[-2].answers) == (1, 1)
    utc = rhythm(12, "UTC", NOW)
    assert (utc[-1].outreach, utc[-2].outreach) == (1, 2)


def test_today_gathers_every_section(db_path):
    now = utcnow()
    ana = create_contact({"first_name": "Ana", "last_name": "A"}).id
    bo = create_contact({"first_name": "Bo", "last_name": "B"}).id
    cy = create_contact({"first_name": "Cy", "last_name": "C"}).id
    soon = meetings.schedule_meeting(ana, {"when": (now + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), "tz": "UTC"})
    held = meetings.schedule_meeting(bo, {"when": (now - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"), "tz": "UTC"})
    meetings.mark_done(held.id)
    forgotten = meetings.schedule_meeting(cy, {"when": (now - dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"), "tz": "UTC"})
    for days in (30, 20, 10):
        outreach.log_attempt(ana, "email", on=now - dt.timedelta(days=days))
    outreach.log_attempt(cy, "email", on=now - dt.timedelta(days=9))
    di = create_contact({"first_name": "Di", "last_name": "D"}).id
    ed = create_contact({"first_name": "Ed", "last_name": "E"}).id
    for days in (30, 20, 10):
        outreach.log_attempt(di, "linkedin", on=now - dt.timedelta(days=days))
    outreach.log_attempt(ed, "email", on=now - dt.timedelta(days=9))
    intro = introductions.record_introduction({"first_name": "Dee"}, introducer_id=bo, meeting_id=held.id)
    act = actions.add_action("Send Bo the article", meeting_id=held.id, due=now.date())
    t = today(tz="Europe/Berlin")
    assert [m.id for m in t.upcoming] == [soon.id]
    assert [d.meeting.id for d in t.thank_yous] == [held.id] and not t.thank_yous[0].overdue
    assert [m.id for m in t.needs_outcome] == [forgotten.id]
    # Ana has a meeting planned: neither chased nor suggested dormant.
    assert [s.contact_id for s in t.dormant] == [di]
    assert [s.contact_id for s in t.follow_ups] == [ed]
    assert [i.id for i in t.introductions_promised] == [intro.id]
    assert [a.id for a in t.actions] == [act.id]
    assert t.this_week.outreach + sum(w.outreach for w in t.rhythm[:-1]) == 8
    json.dumps(t.to_dict())  # the CLI prints it as JSON


def test_demo_today_is_not_empty_and_fast(demo_db):
    import time

    start = time.perf_counter()
    t = today(tz="Europe/Berlin")
    assert time.perf_counter() - start < 1.0
    assert t.upcoming and t.dormant and t.introductions_promised


def test_thank_yous_for_meetings_over_a_week_ago_are_kept_apart_as_overdue(db_path):
    now = utcnow()
    fresh, late, stale = (create_contact({"first_name": n, "last_name": "T"}).id for n in ("Fay", "Lou", "Sam"))
    ids = {}
    for person, ago in ((fresh, dt.timedelta(hours=3)), (late, dt.timedelta(days=3)), (stale, dt.timedelta(days=10))):
        m = meetings.schedule_meeting(person, {"when": (now - ago).strftime("%Y-%m-%dT%H:%M"), "tz": "UTC"})
        ids[person] = meetings.mark_done(m.id).id
    t = today(tz="UTC", now=now)
    assert [d.meeting.id for d in t.thank_yous] == [ids[late], ids[fresh]]  # most urgent first
    assert t.thank_yous[0].overdue and not t.thank_yous[1].overdue
    assert [d.meeting.id for d in t.overdue_thank_yous] == [ids[stale]]
    assert t.to_dict()["overdue_thank_yous"][0]["meeting"]["id"] == ids[stale]
    meetings.mark_thank_you_sent(ids[stale])
    assert today(tz="UTC", now=now).overdue_thank_yous == []

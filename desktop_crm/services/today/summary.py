"""Today: what needs doing now, and the rhythm of the search over the last 12 weeks.

One call gathers everything the Today view and ``desktop-crm today`` show:
upcoming meetings, thank-yous due, meetings waiting for an outcome,
follow-ups due, dormant suggestions, introductions promised but not made,
promised actions due, and weekly counts (outreach sent, answers, meetings
held, introductions received) bucketed by local week (Monday first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from ...store.models import Introduction, Meeting, OutreachAttempt, utcnow
from ..meetings.actions import ActionView, actions_due
from ..meetings.introductions import IntroductionView, promised_not_made
from ..meetings.lifecycle import MeetingView, upcoming_meetings, views
from ..meetings.local_time import system_zone_name, utc_to_local, zone
from ..meetings.outreach import OutreachState, dormant_suggestions, follow_ups_due

WEEKS = 12
THANK_YOU_STALE_AFTER = dt.timedelta(days=7)  # since the meeting ended: "Overdue", kept apart


@dataclass
class ThankYouDue:
    meeting: MeetingView
    due_at: dt.datetime  # naive UTC
    due_local: dt.datetime  # aware, in the meeting's zone
    overdue: bool
    hours_left: float  # negative when overdue

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting.to_dict(),
            "due_at": self.due_at.isoformat(),
            "due_local": self.due_local.isoformat(),
            "overdue": self.overdue,
            "hours_left": round(self.hours_left, 1),
        }


@dataclass
class RhythmWeek:
    week_start: dt.date  # local Monday
    outreach: int = 0
    answers: int = 0
    meetings: int = 0
    introductions: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["week_start"] = self.week_start.isoformat()
        return data


@dataclass
class Today:
    now: dt.datetime  # naive UTC
    tz: str
    upcoming: list[MeetingView] = field(default_factory=list)
    thank_yous: list[ThankYouDue] = field(default_factory=list)  # due, or overdue for under a week
    overdue_thank_yous: list[ThankYouDue] = field(default_factory=list)  # meetings over a week ago
    needs_outcome: list[MeetingView] = field(default_factory=list)  # past, still 'planned'
    follow_ups: list[OutreachState] = field(default_factory=list)
    dormant: list[OutreachState] = field(default_factory=list)
    introductions_promised: list[IntroductionView] = field(default_factory=list)
    actions: list[ActionView] = field(default_factory=list)
    rhythm: list[RhythmWeek] = field(default_factory=list)  # oldest first; last = this week

    @property
    def this_week(self) -> RhythmWeek:
        return self.rhythm[-1]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"now": self.now.isoformat(), "tz": self.tz}
        for key in (
            "upcoming", "thank_yous", "overdue_thank_yous", "needs_outcome", "follow_ups", "dormant",
            "introductions_promised", "actions", "rhythm",
        ):
            out[key] = [item.to_dict() for item in getattr(self, key)]
        out["this_week"] = self.this_week.to_dict()
        return out


def thank_yous_due(now: dt.datetime | None = None) -> list[ThankYouDue]:
    """Held meetings whose thank-you is not marked sent, most urgent first.

    Due 24 elapsed hours after the meeting ends; overdue ones stay until sent.
    """
    now = now or utcnow()
    rows = Meeting.select().where(
        Meeting.status == "done", Meeting.thank_you_sent_at.is_null(), Meeting.deleted_at.is_null()
    )
    out = []
    for m in views(list(rows)):
        due = m.thank_you_due_at
        assert due is not None
        hours = (due - now).total_seconds() / 3600
        out.append(ThankYouDue(m, due, utc_to_local(due, m.tz), hours < 0, hours))
    return sorted(out, key=lambda t: t.due_at)


def split_thank_yous(
    items: list[ThankYouDue], now: dt.datetime | None = None
) -> tuple[list[ThankYouDue], list[ThankYouDue]]:
    """(recent, stale): a thank-you for a meeting that ended over a week ago is stale.

    Stale ones are still owed (a late thank-you beats none) but should not
    crowd today's, so Today groups them under a collapsed "Overdue" line.
    """
    now = now or utcnow()
    stale = [t for t in items if now - t.meeting.ends_at > THANK_YOU_STALE_AFTER]
    recent = [t for t in items if now - t.meeting.ends_at <= THANK_YOU_STALE_AFTER]
    return recent, stale


def meetings_needing_outcome(now: dt.datetime | None = None) -> list[MeetingView]:
    """Planned meetings that have ended: mark them done, cancelled or no-show."""
    now = now or utcnow()
    rows = Meeting.select().where(
        Meeting.status == "planned", Meeting.deleted_at.is_null(), Meeting.starts_at < now
    )
    return [m for m in views(list(rows.order_by(Meeting.starts_at))) if m.ends_at <= now]


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def rhythm(weeks: int = WEEKS, tz: str | None = None, now: dt.datetime | None = None) -> list[RhythmWeek]:
    """Counts per local week, oldest first, ending with the current week."""
    zone_name = tz or system_zone_name()
    zone(zone_name)
    now = now or utcnow()
    current = _week_start(utc_to_local(now, zone_name).date())
    buckets = {current - dt.timedelta(weeks=i): RhythmWeek(current - dt.timedelta(weeks=i)) for i in range(weeks)}
    # Widen the window by a day each side: local weeks do not align with UTC days.
    since = dt.datetime.combine(min(buckets), dt.time()) - dt.timedelta(days=1)

    def add(at: dt.datetime, attr: str) -> None:
        week = _week_start(utc_to_local(at, zone_name).date())
        if week in buckets and at <= now:
            setattr(buckets[week], attr, getattr(buckets[week], attr) + 1)

    for o in OutreachAttempt.select(OutreachAttempt.at, OutreachAttempt.answered).where(OutreachAttempt.at >= since):
        add(o.at, "outreach")
        if o.answered:
            add(o.at, "answers")
    for m in Meeting.select(Meeting.starts_at).where(
        Meeting.starts_at >= since, Meeting.status == "done", Meeting.deleted_at.is_null()
    ):
        add(m.starts_at, "meetings")
    for i in Introduction.select(Introduction.date).where(
        Introduction.date >= since, Introduction.status != "declined"
    ):
        add(i.date, "introductions")
    return [buckets[k] for k in sorted(buckets)]


def today(now: dt.datetime | None = None, tz: str | None = None, days_ahead: int = 14) -> Today:
    """Everything the Today view shows, computed at ``now`` (naive UTC; default the clock)."""
    now = now or utcnow()
    zone_name = tz or system_zone_name()
    recent, stale = split_thank_yous(thank_yous_due(now), now)
    return Today(
        now=now,
        tz=zone_name,
        upcoming=upcoming_meetings(days_ahead, now),
        thank_yous=recent,
        overdue_thank_yous=stale,
        needs_outcome=meetings_needing_outcome(now),
        follow_ups=follow_ups_due(now),
        dormant=dormant_suggestions(now),
        introductions_promised=promised_not_made(),
        actions=actions_due(now=now),
        rhythm=rhythm(WEEKS, zone_name, now),
    )

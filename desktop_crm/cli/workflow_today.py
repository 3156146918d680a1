"""Printing the Today summary as text for ``desktop-crm today``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..services.today import Today


def print_today(t: Today, asks: Sequence[Any] = ()) -> None:
    """Sections with something in them, then this week's counts."""
    _section("Upcoming meetings", [f"{m.local_label}  {m.contact_name} ({m.kind}, {m.minutes} min)  [id {m.id}]" for m in t.upcoming])
    _section(
        "Thank-you notes due",
        [
            f"{d.meeting.contact_name}: {'OVERDUE since' if d.overdue else 'due by'} "
            f"{d.due_local:%a %d %b %H:%M %Z}  [meeting {d.meeting.id}]"
            for d in t.thank_yous
        ],
    )
    _section(
        "Overdue thank-you notes (meetings over a week ago)",
        [f"{d.meeting.contact_name}: met {d.meeting.local_label}  [meeting {d.meeting.id}]" for d in t.overdue_thank_yous],
    )
    _section("Meetings to close (done, cancelled or no-show?)", [f"{m.local_label}  {m.contact_name}  [id {m.id}]" for m in t.needs_outcome])
    _section("Follow-ups due", [f"{s.contact_name}: {s.unanswered_streak} unanswered, last {s.last_attempt_at:%Y-%m-%d}" for s in t.follow_ups])
    _section("Suggest moving to dormant (three unanswered attempts)", [s.contact_name for s in t.dormant])
    _section("Introductions promised, not made yet", [f"{i.introducer_name} → {i.introduced_name} ({i.age_days} days)" for i in t.introductions_promised])
    _section("Promised actions", [f"{a.text} ({a.contact_name}){' OVERDUE' if a.overdue else ''}" for a in t.actions])
    _section(
        "Introductions to ask for",
        [f"{a.target}: ask {a.introducer.name} to introduce you to {a.introduce_to.name}" for a in asks],
    )
    w = t.this_week
    print(
        f"This week: {w.outreach} outreach sent, {w.answers} answers, "
        f"{w.meetings} meetings, {w.introductions} introductions received."
    )


def _section(title: str, lines: list[str]) -> None:
    if not lines:
        return
    print(f"{title} ({len(lines)})")
    for line in lines[:20]:
        print(f"  {line}")
    if len(lines) > 20:
        print(f"  … and {len(lines) - 20} more")
    print()

"""Meetings out to any calendar as .ics (the file format lives in :mod:`desktop_crm.io.ics`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...io.ics import IcsEvent, events_to_ics
from ..meetings.lifecycle import MeetingView, get_meeting, upcoming_meetings
from .files import check_target, write_atomic

_ICS_STATUS = {"planned": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED", "no_show": "CANCELLED"}


def meeting_event(m: MeetingView) -> IcsEvent:
    """One meeting as a calendar event: title, where, and the objectives to read beforehand."""
    who = m.contact_name + (f" ({m.organization})" if m.organization else "")
    lines = [f"Informational interview with {who}, {m.minutes} minutes ({m.kind})."]
    for label, text in (
        ("Learn", m.objective_learn),
        ("Reveal", m.objective_reveal),
        ("Ask", m.objective_ask),
    ):
        if text:
            lines.append(f"{label}: {text}")
    lines.append("Listen most of the time; ask for introductions before you leave.")
    return IcsEvent(
        uid=f"meeting-{m.id}@desktop-crm",
        start=m.local_start,
        minutes=m.minutes,
        summary=f"{m.kind.capitalize()} with {m.contact_name}",
        description="\n".join(lines),
        location=m.place,
        status=_ICS_STATUS.get(m.status, "CONFIRMED"),
    )


def _meetings(meeting_ids: Iterable[int] | None) -> list[MeetingView]:
    if meeting_ids is None:
        return upcoming_meetings(days=None)
    return [get_meeting(i) for i in meeting_ids]


def export_ics(meeting_ids: Iterable[int] | None = None) -> bytes:
    """The given meetings (any status), or every upcoming planned meeting when None."""
    return events_to_ics(meeting_event(m) for m in _meetings(meeting_ids))


def write_ics(path: str | Path, meeting_ids: Iterable[int] | None = None,
              replace: bool = True) -> tuple[Path, int]:
    """Write the .ics file whole; return (path, number of meetings in it).

    The count is the meetings written, not ``BEGIN:VEVENT`` found in the text,
    which a meeting's notes could fake.
    """
    check_target(path, replace)
    meetings = _meetings(list(meeting_ids) if meeting_ids is not None else None)
    data = events_to_ics(meeting_event(m) for m in meetings)
    return write_atomic(path, data, replace), len(meetings)

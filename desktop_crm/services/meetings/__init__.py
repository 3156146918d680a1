"""Meetings (informational interviews) and everything around one: asking for
it (outreach and its etiquette), its local time, saving the meeting dialog in
one go, its lists and agenda, the email drafts, the introductions and the
promised actions it brings.

May call: the store, the domain's words, the shared services modules,
contacts, network (the tie an introduction implies) and research (the
answers the meeting dialog saves with the meeting).

The package also answers for :mod:`.lifecycle` (``meetings.<name>``), lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "agenda": "lifecycle",
    "AgendaDay": "lifecycle",
    "check_status_time": "lifecycle",
    "DEFAULT_MINUTES": "lifecycle",
    "delete_meeting": "lifecycle",
    "get_meeting": "lifecycle",
    "group_by_day": "lifecycle",
    "introductions_met": "lifecycle",
    "list_meetings": "lifecycle",
    "live_meeting": "lifecycle",
    "mark_done": "lifecycle",
    "mark_thank_you_sent": "lifecycle",
    "MeetingView": "lifecycle",
    "schedule_meeting": "lifecycle",
    "set_status": "lifecycle",
    "sync_contact": "lifecycle",
    "TEXT_FIELDS": "lifecycle",
    "upcoming_meetings": "lifecycle",
    "update_meeting": "lifecycle",
    "validate_changes": "lifecycle",
    "validate_kind": "lifecycle",
    "validate_minutes": "lifecycle",
    "validate_new": "lifecycle",
    "validate_status": "lifecycle",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .lifecycle import (
        DEFAULT_MINUTES,  # noqa: F401
        TEXT_FIELDS,  # noqa: F401
        AgendaDay,  # noqa: F401
        MeetingView,  # noqa: F401
        agenda,  # noqa: F401
        check_status_time,  # noqa: F401
        delete_meeting,  # noqa: F401
        get_meeting,  # noqa: F401
        group_by_day,  # noqa: F401
        introductions_met,  # noqa: F401
        list_meetings,  # noqa: F401
        live_meeting,  # noqa: F401
        mark_done,  # noqa: F401
        mark_thank_you_sent,  # noqa: F401
        schedule_meeting,  # noqa: F401
        set_status,  # noqa: F401
        sync_contact,  # noqa: F401
        upcoming_meetings,  # noqa: F401
        update_meeting,  # noqa: F401
        validate_changes,  # noqa: F401
        validate_kind,  # noqa: F401
        validate_minutes,  # noqa: F401
        validate_new,  # noqa: F401
        validate_status,  # noqa: F401
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

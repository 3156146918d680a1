"""A meeting open in its dialog, for the tests that edit one while something else happens."""

from __future__ import annotations

import datetime as dt
from typing import Any


def open_meeting(qtbot, database: Any, now: dt.datetime):
    """Ana Silva's meeting at the Café in two days, open in the meeting dialog on
    ``database`` (a file or a server's URL): ``(meeting, contact id, dialog)``."""
    from desktop_crm.services.contacts import create_contact
    from desktop_crm.services.meetings import schedule_meeting
    from desktop_crm.ui.context import AppContext
    from desktop_crm.ui.meetings.meeting_dialog import MeetingDialog

    cid = create_contact({"first_name": "Ana", "last_name": "Silva"}).id
    meeting = schedule_meeting(cid, {"when": now + dt.timedelta(days=2), "tz": "UTC",
                                     "place": "Café"})
    dialog = MeetingDialog(AppContext(database), meeting_id=meeting.id)
    qtbot.addWidget(dialog)
    return meeting, cid, dialog

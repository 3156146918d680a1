"""A dropped server connection while a form holds typed, unsaved text.

With a PostgreSQL database open in the window, the window's own connection is
killed (``pg_terminate_backend``, as a server restart or a network cut does)
while a contact form or a meeting form holds what the user typed. Save says
so in one line under the form and keeps every typed value; the next Save (the
store reconnects by itself) writes it, exactly once.
"""

from __future__ import annotations

import datetime as dt

import pg_server
import pytest
from meeting_helpers import open_meeting
from PySide6.QtWidgets import QDialog

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")

pytestmark = pg_server.NEEDS_SERVER




def _drop_the_windows_connection(url: str) -> None:
    """End the backend serving the app's connection, from another connection."""
    from desktop_crm.store.database import db

    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        gone = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,))
        assert gone.fetchone()[0] in (0, 1)


def _said_in_one_line(text: str) -> None:
    assert "Not saved" in text and "connection to the server was lost" in text
    assert "still here" in text and "\n" not in text
    assert "Traceback" not in text and "leadpw" not in text and ":" + "crm" + "@" not in text


def test_a_new_contact_typed_when_the_connection_drops_is_kept_and_saved_once(qtbot, pg_db) -> None:
    from desktop_crm.services.contacts import list_contacts
    from desktop_crm.ui.contacts.editor import ContactEditor

    editor = ContactEditor()
    qtbot.addWidget(editor)
    editor.fields["first_name"].setText("Grace")
    editor.fields["last_name"].setText("Hopper")
    editor.fields["title"].setText("Rear Admiral")
    editor.notes.setPlainText("Met at the Navy alumni evening; café on Friday")
    typed = editor.form_data()
    _drop_the_windows_connection(pg_db)
    assert editor.save() is False
    assert not editor.banner.isHidden()
    _said_in_one_line(editor.banner.text())
    assert editor.form_data() == typed  # every typed value is still in the form
    assert editor.result() != QDialog.DialogCode.Accepted
    with qtbot.waitSignal(editor.saved, timeout=5000):
        assert editor.save() is True  # the store reconnected by itself
    rows = [c for c in list_contacts() if c.last_name == "Hopper"]
    assert len(rows) == 1
    assert (rows[0].title, rows[0].notes) == ("Rear Admiral", "Met at the Navy alumni evening; café on Friday")


def test_an_edited_contact_is_kept_when_the_connection_drops_and_saved_once(qtbot, pg_db) -> None:
    from desktop_crm.services.contacts import create_contact, get_contact
    from desktop_crm.ui.contacts.editor import ContactEditor

    contact = create_contact({"first_name": "Ada", "last_name": "Byron", "title": "Analyst"})
    editor = ContactEditor(contact.id)
    qtbot.addWidget(editor)
    editor.fields["title"].setText("Lead Analyst")
    typed = editor.form_data()
    _drop_the_windows_connection(pg_db)
    assert editor.save() is False
    _said_in_one_line(editor.banner.text())
    assert editor.form_data() == typed
    assert get_contact(contact.id).title == "Analyst"  # reconnected; nothing half-written
    assert editor.save() is True
    saved = get_contact(contact.id)
    assert saved.title == "Lead Analyst" and saved.version == contact.version + 1  # one write


def test_a_meeting_typed_when_the_connection_drops_is_kept_and_saved_once(qtbot, pg_db, now) -> None:
    from desktop_crm.services.contacts import create_contact
    from desktop_crm.services.meetings import list_meetings
    from desktop_crm.services.meetings.actions import list_actions
    from desktop_crm.ui.context import AppContext
    from desktop_crm.ui.meetings.meeting_dialog import MeetingDialog

    cid = create_contact({"first_name": "Ana", "last_name": "Silva"}).id
    dialog = MeetingDialog(AppContext(pg_db), contact_id=cid)
    qtbot.addWidget(dialog)
    dialog.schedule.set_wall_time(now + dt.timedelta(days=3))
    dialog.schedule.zone.setCurrentText("Europe/Lisbon")
    dialog.schedule.place.setText("Café Nicola")
    dialog.schedule.ask.setPlainText("Two introductions in grid storage")
    dialog.outcome.notes.setPlainText("Bring the portfolio")
    dialog.outcome.action_text.setText("Send the article on batteries")
    dialog.outcome.add_action_button.click()
    typed = dialog.form_state()
    _drop_the_windows_connection(pg_db)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.general_error.isHidden()
    _said_in_one_line(dialog.general_error.text())
    assert dialog.form_state() == typed
    assert list_meetings(contact_id=cid) == []  # nothing of the failed save is there
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    (meeting,) = list_meetings(contact_id=cid)
    assert (meeting.place, meeting.objective_ask, meeting.notes) == (
        "Café Nicola", "Two introductions in grid storage", "Bring the portfolio")
    assert meeting.tz == "Europe/Lisbon"
    assert [a.text for a in list_actions(meeting_id=meeting.id)] == ["Send the article on batteries"]


def test_an_edited_meeting_is_kept_when_the_connection_drops_and_saved_once(qtbot, pg_db, now) -> None:
    from desktop_crm.services.meetings import get_meeting

    meeting, _cid, dialog = open_meeting(qtbot, pg_db, now)
    dialog.schedule.place.setText("Library")
    dialog.outcome.notes.setPlainText("Ask about the reorg")
    typed = dialog.form_state()
    _drop_the_windows_connection(pg_db)
    dialog.save()
    _said_in_one_line(dialog.general_error.text())
    assert dialog.form_state() == typed
    assert get_meeting(meeting.id).version == meeting.version
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = get_meeting(meeting.id)
    assert (saved.place, saved.notes, saved.version) == ("Library", "Ask about the reorg", meeting.version + 1)

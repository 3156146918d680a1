"""The Meetings view: list and agenda, filters, status actions, prep sheet, .ics export."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_crm import clock
from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.meetings.local_time import system_zone_name, utc_to_local
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.meetings.view import MeetingsView


@pytest.fixture
def context(demo_db):
    return AppContext(demo_db)


def _filter(qtbot, view: MeetingsView, key: str) -> None:
    button = next(b for b in view.filters.buttons() if b.property("key") == key)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_filters_show_planned_done_or_all(qtbot, context):
    view = MeetingsView(context)
    qtbot.addWidget(view)
    assert {m.status for m in view.model.rows} == {"planned"}
    assert view.model.rowCount() == len(meetings.list_meetings(status="planned"))
    _filter(qtbot, view, "done")
    assert view.model.rows and {m.status for m in view.model.rows} == {"done"}
    assert view.model.rows[0].starts_at >= view.model.rows[-1].starts_at  # newest first
    _filter(qtbot, view, "all")
    assert view.model.rowCount() == len(meetings.list_meetings())


def test_agenda_groups_meetings_under_one_heading_per_local_day(qtbot, context):
    view = MeetingsView(context)
    qtbot.addWidget(view)
    view.set_mode("agenda")
    assert view.stack.currentWidget() is view.agenda
    zone = system_zone_name()
    days = {utc_to_local(m.starts_at, zone).date() for m in view.model.rows}
    assert view.agenda.topLevelItemCount() == len(days)
    children = sum(view.agenda.topLevelItem(i).childCount() for i in range(view.agenda.topLevelItemCount()))
    assert children == view.model.rowCount()


def test_a_meeting_scheduled_from_the_view_appears_in_the_list(qtbot, context):
    person = create_contact({"first_name": "Listy", "last_name": "McListface"}).id
    view = MeetingsView(context)
    qtbot.addWidget(view)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.last_dialog
    dialog.schedule.contact.set_contact(person)
    day = clock.today() + dt.timedelta(days=2)
    dialog.schedule.set_wall_time(dt.datetime.combine(day, dt.time(11, 0)))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(m.contact_id == person for m in view.model.rows), timeout=2000)


def test_mark_done_then_cancel_and_no_show_follow_the_rules(qtbot, context):
    person = create_contact({"first_name": "Donna", "last_name": "Held"}).id
    past = meetings.schedule_meeting(person, {"when": clock.utcnow() - dt.timedelta(hours=2), "tz": "UTC"})
    other = meetings.schedule_meeting(person, {"when": clock.utcnow() + dt.timedelta(days=5), "tz": "UTC"})
    view = MeetingsView(context)
    qtbot.addWidget(view)
    view.select(past.id)
    assert view.done_button.isEnabled()
    with qtbot.waitSignal(context.data_changed, timeout=2000):
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert meetings.get_meeting(past.id).status == "done"
    assert view.model.row_of(past.id) == -1  # gone from the planned filter
    view.select(other.id)
    view.cancel_action.trigger()
    assert meetings.get_meeting(other.id).status == "cancelled"
    _filter(qtbot, view, "done")
    view.select(past.id)
    assert not view.done_button.isEnabled()  # already done
    assert view.model.data(view.model.index(view.model.row_of(past.id), 7)).startswith("Due in")


def test_prep_sheet_asks_the_window_for_this_meeting_and_person(qtbot, context):
    view = MeetingsView(context)
    qtbot.addWidget(view)
    first = view.model.rows[0]
    view.select(first.id)
    with qtbot.waitSignal(context.prep_sheet_requested, timeout=1000) as blocker:
        qtbot.mouseClick(view.prep_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [first.id, first.contact_id]


def test_export_writes_ics_that_icalendar_reads_back(qtbot, context, tmp_path):
    view = MeetingsView(context)
    qtbot.addWidget(view)
    view.export_upcoming(str(tmp_path / "upcoming"))
    calendar = icalendar.Calendar.from_ical((tmp_path / "upcoming.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(meetings.upcoming_meetings(days=None))
    first = view.model.rows[0]
    view.select(first.id)
    view.export_selected(str(tmp_path / "one.ics"))
    [event] = icalendar.Calendar.from_ical((tmp_path / "one.ics").read_bytes()).walk("VEVENT")
    assert first.contact_name in str(event["SUMMARY"])
    assert event.decoded("DTSTART").astimezone(dt.UTC).replace(tzinfo=None) == first.starts_at


def test_empty_database_explains_what_a_meeting_is(qtbot, db_path):
    view = MeetingsView(AppContext(db_path))
    qtbot.addWidget(view)
    assert view.stack.currentWidget() is view.empty
    assert "informational interview" in view.empty.text.text()

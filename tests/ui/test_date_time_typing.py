"""Typing a date or a time where the user clicks: '14', '14:30', '2:30 pm' all land where meant."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLineEdit,
    QStyle,
    QStyleOptionSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_crm import clock
from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.meetings.local_time import parse_time_of_day
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.meetings.dialogs import MeetingDialog
from desktop_crm.ui.widgets.date_time_fields import DateField


@pytest.fixture
def dialog(qtbot, demo_db):
    person = create_contact({"first_name": "Tim", "last_name": "Ing"}).id
    dlg = MeetingDialog(AppContext(demo_db), contact_id=person)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.person = person
    return dlg


def _type_time(qtbot, dialog: MeetingDialog, text: str, x: int = 6) -> None:
    """Click into the time field (on the hour by default) and type, as a user would."""
    dialog.schedule.place.setFocus()
    qtbot.waitUntil(dialog.schedule.place.hasFocus)
    field = dialog.schedule.time.lineEdit()
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(x, field.height() // 2))
    qtbot.wait(10)
    qtbot.keyClicks(field, text)


def _save(qtbot, dialog: MeetingDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("typed", ["14:30", "2:30 pm", "1430", "2:30PM", "14.30"])
def test_a_typed_time_is_saved_as_meant(qtbot, dialog, typed):
    _type_time(qtbot, dialog, typed)
    _save(qtbot, dialog)
    [saved] = meetings.list_meetings(contact_id=dialog.person)
    assert (saved.local_start.hour, saved.local_start.minute) == (14, 30)


def test_typing_two_digits_into_the_clicked_hour_replaces_it(qtbot, dialog):
    field = dialog.schedule.time.lineEdit()
    assert field.text() == "10:00"
    _type_time(qtbot, dialog, "14")
    dialog.schedule.place.setFocus()  # leaving the field tidies it
    qtbot.waitUntil(lambda: field.text() == "14:00")
    assert dialog.schedule.wall_time().time() == dt.time(14, 0)


def test_an_unreadable_time_is_refused_at_the_when_field(qtbot, dialog):
    _type_time(qtbot, dialog, "half past")
    _save(qtbot, dialog)
    assert "not a time of day" in dialog.errors.message("when")
    assert dialog.isVisible()
    assert meetings.list_meetings(contact_id=dialog.person) == []


def test_clicking_the_day_and_typing_replaces_the_day(qtbot, demo_db):
    form = QWidget()
    qtbot.addWidget(form)
    other = QLineEdit(form)  # where the focus is before the user clicks the date
    field = DateField(parent=form)
    layout = QVBoxLayout(form)
    layout.addWidget(other)
    layout.addWidget(field)
    field.set_date(dt.date(2026, 12, 6))
    form.resize(260, 80)
    form.show()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    line = field.lineEdit()
    x = line.fontMetrics().horizontalAdvance("Sun ") + 3  # on the "6", not on the weekday
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
    qtbot.wait(10)
    qtbot.keyClicks(field, "14")
    assert field.day() == dt.date(2026, 12, 14)


def test_the_date_opens_a_calendar(qtbot, dialog):
    date = dialog.schedule.date
    assert date.calendarPopup()
    option = QStyleOptionSpinBox()
    date.initStyleOption(option)
    arrow = date.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, QStyle.SubControl.SC_SpinBoxDown, date)
    qtbot.mouseClick(date, Qt.MouseButton.LeftButton, pos=arrow.center())
    qtbot.waitUntil(lambda: date.calendarWidget().isVisible(), timeout=1000)
    tomorrow = clock.today() + dt.timedelta(days=1)
    assert date.calendarWidget().selectedDate().day() == tomorrow.day
    date.calendarWidget().window().hide()


@given(st.integers(0, 23), st.integers(0, 59))
def test_every_24_hour_time_reads_back(hour, minute):
    assert parse_time_of_day(f"{hour}:{minute:02d}") == dt.time(hour, minute)
    assert parse_time_of_day(f"{hour:02d}{minute:02d}") == dt.time(hour, minute)


@given(st.integers(1, 12), st.integers(0, 59), st.sampled_from(["am", "pm", " AM", " p.m."]))
def test_every_12_hour_time_reads_as_meant(hour, minute, suffix):
    expected = dt.time(hour % 12 + (12 if "p" in suffix.lower() else 0), minute)
    assert parse_time_of_day(f"{hour}:{minute:02d}{suffix}") == expected


@pytest.mark.parametrize("text", ["", "25:00", "14:60", "13 pm", "0 am", "soon", "14:3"])
def test_unreadable_times_say_what_they_expect(text):
    with pytest.raises(ValidationError) as caught:
        parse_time_of_day(text)
    assert "14:30" in caught.value.message

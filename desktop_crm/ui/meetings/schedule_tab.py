"""The "Meeting" page of the meeting dialog: who, when (in which zone), how long, where, why.

The date and time are a wall-clock reading in the chosen zone (default this
computer's), handed to the meetings service as naive local time plus the
zone name; the service turns them into the stored UTC instant and refuses
times that do not exist on a daylight-saving night. The date has a calendar
pop-up; the time is typed as people write it ("14:30", "2:30 pm").
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...services.meetings import DEFAULT_MINUTES, MeetingView
from ...services.meetings.local_time import system_zone_name
from ..widgets.date_time_fields import DateField, TimeField
from ..widgets.field_errors import FieldErrors
from .contact_picker import ContactPicker

KINDS = (("coffee", "Coffee"), ("office", "At their office"), ("phone", "Phone call"), ("video", "Video call"))
STATUSES = (("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled"), ("no_show", "No-show"))


def _zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))) + ["UTC"]


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 14)
    return box


class ScheduleTab(QWidget):
    """Inputs for :func:`services.meetings.schedule_meeting` / ``update_meeting``."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact = ContactPicker()
        # A wall time in the chosen zone, not in this machine's: a plain date
        # and a typed time, so a time this machine's clocks skip (02:30 on a
        # spring DST day in Berlin) can still be typed for a meeting elsewhere.
        self.date = DateField()
        self.time = TimeField("when")
        self.when = self.date  # where the form puts the focus first
        tomorrow = clock.today() + dt.timedelta(days=1)
        self.set_wall_time(dt.datetime.combine(tomorrow, dt.time(10, 0)))
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(_zones())
        self.zone.setCurrentText(system_zone_name())
        self.zone.setMinimumContentsLength(18)
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 480)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setToolTip("Respect their time: 30 minutes is usually right")
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.place = QLineEdit()
        self.place.setPlaceholderText("Café, office address, phone number or video link")
        self.status = QComboBox()
        for key, label in STATUSES:
            self.status.addItem(label, key)
        self.learn = _text_box("What do you want to learn from this person?")
        self.reveal = _text_box("What do you want them to know about you?")
        self.ask = _text_box("The outcome you will ask for, e.g. two introductions")

        when_row = QWidget()
        row = QHBoxLayout(when_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date, 3)
        row.addWidget(self.time, 1)
        row.addWidget(self.zone, 2)
        how_row = QWidget()
        row = QHBoxLayout(how_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.minutes)
        row.addWidget(self.kind, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("With:", errors.wrap("contact", self.contact))
        form.addRow("When:", errors.wrap("when", when_row, "tz"))
        form.addRow("Length and kind:", errors.wrap("minutes", how_row, "kind"))
        form.addRow("Place:", self.place)
        form.addRow("Status:", errors.wrap("status", self.status))
        objectives = QGroupBox("Objectives")
        goals = QFormLayout(objectives)
        goals.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        goals.addRow("Learn:", self.learn)
        goals.addRow("Reveal:", self.reveal)
        goals.addRow("Ask:", self.ask)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(objectives)
        layout.addStretch(1)

    def set_meeting(self, m: MeetingView) -> None:
        """Fill every input from a stored meeting (wall time shown in its own zone)."""
        self.contact.set_contact(m.contact_id)
        self.set_wall_time(m.local_start)
        self.zone.setCurrentText(m.tz)
        self.minutes.setValue(m.minutes)
        self.kind.setCurrentIndex(max(0, self.kind.findData(m.kind)))
        self.place.setText(m.place)
        self.status.setCurrentIndex(max(0, self.status.findData(m.status)))
        self.learn.setPlainText(m.objective_learn)
        self.reveal.setPlainText(m.objective_reveal)
        self.ask.setPlainText(m.objective_ask)

    def set_wall_time(self, wall: dt.datetime) -> None:
        """Show ``wall`` (a naive wall time in the meeting's zone) as typed."""
        self.date.set_date(wall.date())
        self.time.set_time(wall.time())

    def wall_time(self) -> dt.datetime:
        """The date and the typed time; a ValidationError on 'when' if the time cannot be read."""
        return dt.datetime.combine(self.date.day(), self.time.time())

    def values(self) -> dict[str, Any]:
        """The meeting fields as the meetings service takes them (contact apart)."""
        return {
            "when": self.wall_time(),
            "tz": self.zone.currentText().strip(),
            "minutes": self.minutes.value(),
            "kind": self.kind.currentData(),
            "place": self.place.text(),
            "status": self.status.currentData(),
            "objective_learn": self.learn.toPlainText(),
            "objective_reveal": self.reveal.toPlainText(),
            "objective_ask": self.ask.toPlainText(),
        }

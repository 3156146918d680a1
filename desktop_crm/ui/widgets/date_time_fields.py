"""Date and time inputs that take typing where the user clicks.

Qt's date edits put typed digits into the section under the caret without
replacing it, so clicking the hour of "10:00" and typing "14" made "1410",
which was refused silently; only a double-click selected the section. Here a
click selects the whole part clicked (day, month, year), and the time of day
is its own text field that reads "14:30", "1430" or "2:30 pm" through
:func:`services.meetings.local_time.parse_time_of_day`, with a list of half hours.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from ...services.errors import ValidationError
from ...services.meetings.local_time import parse_time_of_day
from .theme import ERROR, pick


class DateField(QDateEdit):
    """A date with a calendar pop-up; clicking a part selects it, so typing replaces it."""

    def __init__(self, display_format: str = "ddd d MMM yyyy", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_format)
        self.lineEdit().installEventFilter(self)  # clicks land on the line edit inside

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.lineEdit() and isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton:
            at = self.lineEdit().cursorPositionAt(event.position().toPoint())
            if event.type() == QEvent.Type.MouseButtonPress:
                self._pressed_at = at
            elif event.type() == QEvent.Type.MouseButtonRelease and at == getattr(self, "_pressed_at", None):
                # After Qt has handled the click (a drag keeps its own selection).
                QTimer.singleShot(0, self, lambda: self._select_part_at(at))
        return super().eventFilter(watched, event)

    def _select_part_at(self, pos: int) -> None:
        """Select the part (day, month, year) at ``pos``, as a double-click would.

        Not ``setSelectedSection``: "ddd" and "d" are both the day section,
        and Qt would select the weekday name whichever of the two was clicked.
        """
        line = self.lineEdit()
        text = line.text()
        start = pos
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        end = pos
        while end < len(text) and text[end].isalnum():
            end += 1
        if end > start:
            line.setSelection(start, end - start)

    def set_date(self, day: dt.date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))

    def day(self) -> dt.date:
        qd = self.date()
        return dt.date(qd.year(), qd.month(), qd.day())


def _mark_unreadable(widget: QWidget, bad: bool) -> None:
    """Typed text in the error colour while it cannot be read; the inherited colours otherwise."""
    palette = QPalette()
    if bad:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Text, pick(ERROR, palette))
    widget.setPalette(palette)


def _half_hours() -> list[str]:
    return [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]


class TimeField(QComboBox):
    """A time of day typed freely ("14:30", "2:30 pm") or picked from the half hours.

    Coming into the field (a click or Tab) selects the whole time, so what
    is typed replaces it; no inline completion, so typing "2" never turns
    into "20:00". When the field loses focus a readable entry is rewritten as
    "14:30"; an unreadable one is marked and :meth:`time` raises a
    ValidationError saying why.
    """

    def __init__(self, field: str = "when", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)
        self.addItems(_half_hours())
        self.setMaxVisibleItems(12)
        self.lineEdit().setPlaceholderText("14:30")
        self.setToolTip("Type a time (14:30, 1430, 2:30 pm) or pick one from the list")
        self.setMinimumContentsLength(8)
        self.lineEdit().textEdited.connect(lambda _text: _mark_unreadable(self.lineEdit(), False))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        # Deferred: the click that brought the focus would clear the selection.
        QTimer.singleShot(0, self, self.lineEdit().selectAll)

    def set_time(self, value: dt.time) -> None:
        self.setEditText(f"{value.hour:02d}:{value.minute:02d}")

    def time(self) -> dt.time:
        """The typed time, or a ValidationError for the field named at construction."""
        return parse_time_of_day(self.currentText(), self.field)

    def normalize(self) -> bool:
        """Rewrite a readable entry as HH:MM; mark an unreadable one. True when readable."""
        try:
            value = self.time()
        except ValidationError as exc:
            _mark_unreadable(self.lineEdit(), True)
            self.lineEdit().setToolTip(exc.message)
            return False
        _mark_unreadable(self.lineEdit(), False)
        self.lineEdit().setToolTip("")
        self.set_time(value)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if self.currentText().strip():
            self.normalize()

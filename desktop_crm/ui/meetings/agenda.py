"""The agenda: the same meetings grouped under a heading per local day.

Days are this computer's calendar days (where the user lives); each row
still shows the meeting's own wall time when it happens in another zone.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ... import clock
from ...domain import MEETING_KIND_LABELS, MEETING_STATUS_LABELS
from ...services.meetings import MeetingView, group_by_day
from ...services.meetings.local_time import system_zone_name, utc_to_local
from ..widgets.theme import muted_text
from .model import MEETING_ID_ROLE


def day_heading(day: dt.date, today: dt.date) -> str:
    """'Today · Monday 23 November', 'Tomorrow · …', or 'Friday 4 December 2026'."""
    label = f"{day:%A} {day.day} {day:%B}" + ("" if day.year == today.year else f" {day.year}")
    offset = (day - today).days
    prefix = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get(offset)
    return f"{prefix} · {label}" if prefix else label


class AgendaTree(QTreeWidget):
    """Day headings with their meetings underneath; double-click asks to open one."""

    meeting_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(("Time", "With", "Kind and place", "Status"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self._line = self.fontMetrics().height()
        self.setAlternatingRowColors(False)
        self.setIndentation(12)
        self.setColumnWidth(0, 150)
        self.setColumnWidth(1, 280)
        self.setColumnWidth(2, 260)
        self.itemDoubleClicked.connect(self._activated)

    def set_meetings(self, rows: list[MeetingView], zone_name: str | None = None) -> None:
        zone_name = zone_name or system_zone_name()
        today = utc_to_local(clock.utcnow(), zone_name).date()
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for day, meetings in group_by_day(rows, zone_name):
            head = QTreeWidgetItem([day_heading(day, today)])
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setSizeHint(0, QSize(-1, self._line + 18))
            self.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for m in meetings:
                head.addChild(self._row(m, zone_name))
            head.setExpanded(True)

    def _row(self, m: MeetingView, zone_name: str) -> QTreeWidgetItem:
        here = utc_to_local(m.starts_at, zone_name)
        time = f"{here:%H:%M}"
        if m.tz != zone_name:
            time += f"  ({m.local_start:%H:%M} {m.local_start.tzname()})"
        who = m.contact_name + (f" — {m.organization}" if m.organization else "")
        where = MEETING_KIND_LABELS.get(m.kind, m.kind) + (f", {m.place}" if m.place else "")
        item = QTreeWidgetItem([time, who, where, MEETING_STATUS_LABELS.get(m.status, m.status)])
        item.setData(0, MEETING_ID_ROLE, m.id)
        item.setSizeHint(0, QSize(-1, self._line + 10))
        item.setToolTip(0, f"{m.local_label}, {m.minutes} minutes")
        if m.status in ("cancelled", "no_show"):
            for column in range(4):
                item.setForeground(column, muted_text(self.palette()))
        return item

    def current_meeting_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, MEETING_ID_ROLE) if item is not None else None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        meeting_id = item.data(0, MEETING_ID_ROLE)
        if meeting_id is not None:
            self.meeting_activated.emit(int(meeting_id))

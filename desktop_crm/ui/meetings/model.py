"""A small table model over a list of meetings (a person has tens or hundreds, not millions).

The service filters and orders; the model only formats. The wall time is
shown in the meeting's own zone, with the zone's abbreviation, because a
video call with someone in Tokyo happens at Tokyo's 9:00.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ... import clock
from ...domain import MEETING_KIND_LABELS, MEETING_STATUS_LABELS
from ...services.meetings import MeetingView

COLUMNS = ("When", "With", "Organization", "Kind", "Length", "Place", "Status", "Thank-you")
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 20


def thank_you_label(m: MeetingView, now: dt.datetime | None = None) -> str:
    """'sent', 'due in 5 h', 'overdue' or '' (meeting not held)."""
    if m.status != "done":
        return ""
    if m.thank_you_sent_at is not None:
        return "Sent"
    now = now or clock.utcnow()
    assert m.thank_you_due_at is not None
    hours = (m.thank_you_due_at - now).total_seconds() / 3600
    return "Overdue" if hours < 0 else f"Due in {max(1, round(hours))} h"


class MeetingTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[MeetingView] = []

    def set_rows(self, rows: list[MeetingView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def meeting(self, row: int) -> MeetingView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, meeting_id: int) -> int:
        return next((i for i, m in enumerate(self.rows) if m.id == meeting_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(m, column)
        if role == MEETING_ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{m.local_label} ({m.tz})"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(m: MeetingView, column: int) -> str:
        if column == 0:
            return m.local_label
        if column == 1:
            return m.contact_name
        if column == 2:
            return m.organization
        if column == 3:
            return MEETING_KIND_LABELS.get(m.kind, m.kind)
        if column == 4:
            return f"{m.minutes} min"
        if column == 5:
            return m.place
        if column == 6:
            return MEETING_STATUS_LABELS.get(m.status, m.status)
        return thank_you_label(m)

"""The organizations table: one row per employer with its people and coverage.

Rows combine the organization's fields with its surround numbers; the
coverage column is a painted bar of people met out of people known.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...services.contacts.organizations import list_organizations
from ...services.research.surround import coverage_overview
from ..plain_text import tip
from ..widgets.delegates import paint_cell_background
from ..widgets.theme import pick

ROW_ROLE = Qt.ItemDataRole.UserRole + 20
COVERAGE = ("#3d8b4f", "#6cc47e")
# Coverage reads "met of people"; a target company carries a star after its name.
COLUMNS = ("Name", "Industry", "Location", "People", "Coverage")
COVERAGE_COLUMN = 4


@dataclass
class OrgRow:
    id: int
    name: str
    industry: str
    location: str
    is_target: bool
    people: int
    met: int
    target_tier: int
    gaps: int

    @property
    def coverage(self) -> float:
        """Share of the people known here whom you have met (0 when nobody is known)."""
        return self.met / self.people if self.people else 0.0

    def sort_key(self, column: int) -> Any:
        keys = (self.name.casefold(), self.industry.casefold(), self.location.casefold(),
                self.people, (self.coverage, self.people))
        return keys[column]


def load_rows() -> list[OrgRow]:
    """Every live organization with its surround numbers, alphabetical."""
    coverage = {row.organization_id: row for row in coverage_overview(targets_only=False)}
    rows = []
    for org in list_organizations():
        cov = coverage.get(org.id)
        rows.append(OrgRow(
            id=org.id, name=org.name, industry=org.industry, location=org.location,
            is_target=org.is_target, people=org.contact_count,
            met=cov.met if cov else 0, target_tier=cov.target_tier if cov else 0,
            gaps=cov.gaps if cov else 0,
        ))
    return rows


class OrganizationsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OrgRow] = []

    def set_rows(self, rows: list[OrgRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {
                "People": "People you have in your contacts at this organization",
                "Coverage": "How many of the people you know here you have met",
                "Name": "★ marks a target company: one you are aiming for",
            }.get(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.UserRole:
            return row.sort_key(column)
        if role == Qt.ItemDataRole.DisplayRole:
            values = (f"{row.name} ★" if row.is_target else row.name, row.industry, row.location,
                      str(row.people), f"{row.met} of {row.people}")
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            gaps = f"{row.gaps} gap{'s' if row.gaps != 1 else ''} to close" if row.gaps else "No gaps"
            return tip(f"{row.name}: {row.met} of {row.people} met · {row.target_tier} target-tier · {gaps}")
        return None

    def row_of(self, org_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == org_id), -1)


class CoverageDelegate(QStyledItemDelegate):
    """A thin bar of met / known under the 'n of m met' text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        row: OrgRow | None = index.data(ROW_ROLE)
        opt = paint_cell_background(self, painter, option, index)
        value = index.data()
        text = self.displayText(value, opt.locale) if value is not None else ""  # what the cell said
        if row is None:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        rect = opt.rect.adjusted(6, 2, -6, -2)
        bar_width = min(44, max(20, rect.width() // 2 - 6))
        bar = QRectF(rect.x(), rect.center().y() - 3, bar_width, 6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(bar, 3, 3)
        if row.people:
            painter.setBrush(pick(COVERAGE, palette))
            painter.drawRoundedRect(QRectF(bar.x(), bar.y(), bar.width() * row.coverage, bar.height()), 3, 3)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        text_rect = rect.adjusted(bar_width + 8, 0, 0, 0)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter),
                         opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 52, size.height())

"""The list of findings: one row per answered question, with its state bar.

The model holds the service's :class:`Finding` summaries; the delegate
paints the question, its category and state, and the stacked bar, so a
glance down the list shows how far the research has come.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain import QUESTION_CATEGORY_LABELS
from ...services.research.findings import Finding
from ..plain_text import tip
from ..widgets.delegates import paint_cell_background
from ..widgets.theme import muted_text, pick
from .bar import STATE_LABELS, VALIDATED_BG, VALIDATED_FG, counts_text, paint_bar

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
BAR_WIDTH = 110
PAD = 8
BADGE = "✓ Validated"


class FindingsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = findings
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.findings)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        finding = self.findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(f"{finding.text}\n{STATE_LABELS[finding.state]}: {counts_text(finding.counts)}")
        if role == FINDING_ROLE:
            return finding
        return None

    def row_of(self, question_id: int) -> int:
        for row, finding in enumerate(self.findings):
            if finding.question_id == question_id:
                return row
        return -1

    def replace(self, finding: Finding) -> None:
        """Swap in a fresh summary for one question (after a mark), keeping the rest."""
        row = self.row_of(finding.question_id)
        if row < 0:
            return
        self.findings[row] = finding
        index = self.index(row)
        self.dataChanged.emit(index, index)


class FindingDelegate(QStyledItemDelegate):
    """Two lines of text on the left; the state and bar on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(320, metrics.height() * 2 + PAD * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        finding: Finding | None = index.data(FINDING_ROLE)
        opt = paint_cell_background(self, painter, option, index)
        if finding is None:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = opt.rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)
        metrics = QFontMetrics(opt.font)
        line = metrics.height()
        badge_width = self._badge_width(opt.font) + PAD if finding.validated else 0
        title_width = max(40, rect.width() - badge_width)
        meta_width = max(40, rect.width() - BAR_WIDTH - PAD)
        painter.save()
        painter.setPen(text_colour)
        title = metrics.elidedText(finding.text, Qt.TextElideMode.ElideRight, title_width)
        painter.drawText(QRectF(rect.x(), rect.y(), title_width, line), Qt.AlignmentFlag.AlignVCenter, title)
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.setPen(text_colour if selected else muted_text(palette))
        category = QUESTION_CATEGORY_LABELS.get(finding.category, finding.category)
        answers = f"{finding.counts.total} answer" + ("" if finding.counts.total == 1 else "s")
        second = f"{category} · {answers} · {STATE_LABELS[finding.state]}"
        second = QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideRight, meta_width)
        second_y = rect.y() + line + 4
        painter.drawText(QRectF(rect.x(), second_y, meta_width, line), Qt.AlignmentFlag.AlignVCenter, second)
        if finding.validated:
            self._badge(painter, QRectF(rect.right() - badge_width + PAD, rect.y(), badge_width - PAD, line), small, palette)
        bar = QRectF(rect.right() - BAR_WIDTH, second_y + line / 2 - 4, BAR_WIDTH, 8)
        paint_bar(painter, bar, finding.counts, palette)
        painter.restore()

    @staticmethod
    def _badge_width(font: QFont) -> int:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        return QFontMetrics(small).horizontalAdvance(BADGE) + 14

    def _badge(self, painter: QPainter, rect: QRectF, font: QFont, palette: QPalette) -> None:
        label = BADGE
        pill = rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pick(VALIDATED_BG, palette))
        painter.drawRoundedRect(pill, rect.height() / 2, rect.height() / 2)
        painter.setPen(pick(VALIDATED_FG, palette))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

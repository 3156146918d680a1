"""List rows with a wrapped main line and a smaller, muted second line; and a list that
explains itself when empty.

Used for question suggestions (the question, then why it fits) so the reason
reads as secondary without a widget per row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..widgets.delegates import paint_cell_background
from ..widgets.theme import muted_text

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 7
PAD = 6


class TwoLineDelegate(QStyledItemDelegate):
    """Display text wrapped on top; ``SUBTITLE_ROLE`` text below in a smaller muted font."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return option.font, small

    def _rects(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, width: int) -> tuple[QRect, QRect]:
        main_font, small = self._fonts(option)
        flags = int(Qt.TextFlag.TextWordWrap)
        top = QFontMetrics(main_font).boundingRect(QRect(0, 0, width, 10_000), flags, str(index.data() or ""))
        sub_text = str(index.data(SUBTITLE_ROLE) or "")
        sub = QFontMetrics(small).boundingRect(QRect(0, 0, width, 10_000), flags, sub_text) if sub_text else QRect()
        return top, sub

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = (option.widget.viewport().width() if option.widget else 400) - 2 * PAD
        top, sub = self._rects(option, index, width)
        return QSize(width, top.height() + (sub.height() + 2 if sub.height() else 0) + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = paint_cell_background(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        main_font, small = self._fonts(opt)
        area = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        top, sub = self._rects(opt, index, area.width())
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(main_font)
        painter.setPen(opt.palette.color(role))
        flags = int(Qt.TextFlag.TextWordWrap)
        painter.drawText(QRect(area.left(), area.top(), area.width(), top.height()), flags, str(index.data() or ""))
        if sub.height():
            painter.setFont(small)
            painter.setPen(opt.palette.color(role) if selected else muted_text(opt.palette))
            y = area.top() + top.height() + 2
            painter.drawText(QRect(area.left(), y, area.width(), sub.height()), flags, str(index.data(SUBTITLE_ROLE)))
        painter.restore()


class HintList(QListWidget):
    """A list that paints a short explanation of what to do while it has no rows."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().paintEvent(event)
        if self.count() or not self.hint:
            return
        painter = QPainter(self.viewport())
        painter.setPen(muted_text(self.palette()))
        rect = self.viewport().rect().adjusted(16, 16, -16, -16)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), self.hint)

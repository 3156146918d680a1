"""What every custom-painted list or table cell starts with.

Delegates that draw their own content (tier pills, coverage bars, two-line
rows) first let the style paint the cell's background, selection and focus
exactly as a plain cell would, then draw on top; this is that first step.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


def paint_cell_background(delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem,
                          index: QModelIndex | QPersistentModelIndex) -> QStyleOptionViewItem:
    """Paint the cell without its text; return the initialised option (its
    ``text`` emptied) for the caller to draw the content with."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = opt.widget.style() if opt.widget else None
    if style is not None:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    return opt


class WrappingDelegate(QStyledItemDelegate):
    """Text that wraps to the column's width in a tree, so long questions read whole.

    Qt's tree asks a delegate for a row height without the column width, so
    word-wrapped rows stay one line high and elide; this delegate measures
    the text at the width the column really has, and the view lays its rows
    out again whenever that width changes.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        view.header().sectionResized.connect(lambda *_: view.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        text = str(index.data() or "")
        width = self.view.columnWidth(index.column()) - 12
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * (depth + (1 if self.view.rootIsDecorated() else 0))
        if not text or width <= 20:
            return size
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        rect = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), rect.height() + 8))

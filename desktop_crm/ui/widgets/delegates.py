"""What every custom-painted list or table cell starts with.

Delegates that draw their own content (tier pills, coverage bars, two-line
rows) first let the style paint the cell's background, selection and focus
exactly as a plain cell would, then draw on top; this is that first step.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


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

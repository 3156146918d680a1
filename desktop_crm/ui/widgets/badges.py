"""Tier badges: a rounded coloured label, painted by a delegate in the table.

Painting it (rather than an index widget per row) keeps the table at the
cost of a rectangle per visible cell however many rows there are.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...domain import TIER_HELP, TIER_LABELS
from .delegates import paint_cell_background
from .theme import TIER_COLOURS, TIER_TEXT, pick

TIER_ROLE = Qt.ItemDataRole.UserRole + 1


class TierBadgeDelegate(QStyledItemDelegate):
    """Draws the tier (read from ``TIER_ROLE``) as a small pill."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        tier = index.data(TIER_ROLE)
        if not tier:
            super().paint(painter, option, index)
            return
        opt = paint_cell_background(self, painter, option, index)
        label = TIER_LABELS.get(tier, tier.title())
        metrics = opt.fontMetrics
        width = metrics.horizontalAdvance(label) + 16
        height = min(opt.rect.height() - 6, metrics.height() + 4)
        rect = QRectF(opt.rect.x() + 6, opt.rect.center().y() - height / 2 + 0.5, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pick(TIER_COLOURS.get(tier, TIER_COLOURS["primary"]), opt.palette))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(pick(TIER_TEXT.get(tier, TIER_TEXT["primary"]), opt.palette))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        tier = index.data(TIER_ROLE)
        if tier:  # the pill's own label, whatever text the cell holds
            label = TIER_LABELS.get(tier, tier.title())
            return QSize(option.fontMetrics.horizontalAdvance(label) + 16 + 12, size.height())
        return QSize(size.width() + 16, size.height())


class TierBadge(QLabel):
    """The same pill as a widget, for the detail panel; painted like the delegate's."""

    def __init__(self, tier: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tier = ""
        self.set_tier(tier)

    def set_tier(self, tier: str) -> None:
        self.tier = tier
        self.setVisible(bool(tier))
        self.setText(TIER_LABELS.get(tier, tier.title()) if tier else "")
        self.setToolTip(TIER_HELP.get(tier, ""))
        self.setContentsMargins(9, 1, 9, 1)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        if not self.tier:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pick(TIER_COLOURS.get(self.tier, TIER_COLOURS["primary"]), self.palette()))
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(pick(TIER_TEXT.get(self.tier, TIER_TEXT["primary"]), self.palette()))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())

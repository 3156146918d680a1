"""The small stacked bar of agreeing / differing / open answers, painted with QPainter.

One painting function serves the list delegate (many rows, no widgets) and
the widget in the detail panel, so both read the same at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...services.research.findings import FindingCounts
from ..widgets.theme import pick

# (light scheme, dark scheme): accents only; the track comes from the palette.
AGREE = ("#3d8b4f", "#6cc47e")
DIFFER = ("#c4661f", "#f0a05a")
VALIDATED_BG = ("#d7ecd9", "#23502b")
VALIDATED_FG = ("#1d5a26", "#cdeed2")
STATE_LABELS = {
    "validated": "Validated",
    "mixed": "People differ",
    "gathering": "Ask more people",
    "unanswered": "No answers yet",
}


def segment_colours(palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """Agree, differ, open: open is the palette's mid tone so it reads as 'not yet'."""
    return pick(AGREE, palette), pick(DIFFER, palette), palette.color(QPalette.ColorRole.Mid)


def paint_bar(painter: QPainter, rect: QRectF, counts: FindingCounts, palette: QPalette) -> None:
    """Three segments in proportion to the counts; an empty track when there are none."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = min(4.0, rect.height() / 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
    painter.drawRoundedRect(rect, radius, radius)
    total = counts.total
    if total:
        painter.setClipPath(_rounded(rect, radius))
        x = rect.x()
        for value, colour in zip((counts.agree, counts.differ, counts.open), segment_colours(palette), strict=True):
            width = rect.width() * value / total
            if width > 0:
                painter.fillRect(QRectF(x, rect.y(), width, rect.height()), colour)
                x += width
    painter.setClipping(False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.restore()


def _rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def counts_text(counts: FindingCounts) -> str:
    return f"{counts.agree} agree · {counts.differ} differ · {counts.open} open"


class StackedBar(QWidget):
    """The bar as a widget, with the counts in its tooltip."""

    def __init__(self, parent: QWidget | None = None, height: int = 10) -> None:
        super().__init__(parent)
        self.counts = FindingCounts()
        self._height = height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: FindingCounts) -> None:
        self.counts = counts
        self.setToolTip(counts_text(counts))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, self._height)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self._height)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        paint_bar(painter, QRectF(self.rect()), self.counts, self.palette())
        painter.end()


class Legend(QWidget):
    """Swatches naming the bar's three colours, for the toolbar."""

    LABELS = ("agree", "differ", "open")

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(label) + 22 for label in self.LABELS)
        return QSize(width, metrics.height())

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        x = 0
        side = max(8, metrics.height() - 6)
        for label, colour in zip(self.LABELS, segment_colours(self.palette()), strict=True):
            painter.fillRect(QRectF(x, (self.height() - side) / 2, side, side), colour)
            x += side + 4
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(x, 0, metrics.horizontalAdvance(label) + 2, self.height()),
                             Qt.AlignmentFlag.AlignVCenter, label)
            x += metrics.horizontalAdvance(label) + 22 - side - 4
        painter.end()

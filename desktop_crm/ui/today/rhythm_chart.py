"""The rhythm of the search at a glance: 12 weeks of outreach, answers, meetings and
introductions, drawn with QPainter as grouped bars (oldest left, this week right).

Colours come in a light and a dark variant chosen from the palette; text and
grid lines use palette roles, so the chart reads in either scheme.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...services.today import RhythmWeek
from ..widgets.theme import muted_text, pick

# (attribute, label, (light colour, dark colour))
SERIES = (
    ("outreach", "Outreach sent", ("#3b78c3", "#7fb2f0")),
    ("answers", "Answers", ("#2e8b57", "#7fd19f")),
    ("meetings", "Meetings held", ("#d9822b", "#f3b36b")),
    ("introductions", "Introductions", ("#8a56c2", "#c3a0ec")),
)


def series_colour(attr: str, palette: QPalette) -> QColor:
    pair = next(colours for key, _label, colours in SERIES if key == attr)
    return pick(pair, palette)


def nice_ceiling(value: int) -> int:
    """A round top for the y axis at or above ``value``: 1, 2, 5, 10, 20, 50..."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


class RhythmChart(QWidget):
    """Grouped bars per week; hover a week for its numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: list[RhythmWeek] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(190)
        self.setAccessibleName("Rhythm chart of the last 12 weeks")

    def sizeHint(self) -> QSize:
        return QSize(620, 200)

    def set_weeks(self, weeks: list[RhythmWeek]) -> None:
        self.weeks = list(weeks)
        self.setToolTip("")
        self.update()

    def _plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("000") + 10
        legend = fm.height() + 10
        return QRectF(left, legend + 6, self.width() - left - 6, self.height() - legend - fm.height() - 16)

    def _top(self) -> int:
        peak = max((getattr(w, key) for w in self.weeks for key, _l, _c in SERIES), default=0)
        return nice_ceiling(peak)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        self._draw_legend(painter, palette)
        plot = self._plot_rect()
        top = self._top()
        self._draw_grid(painter, palette, plot, top)
        if not self.weeks:
            return
        slot = plot.width() / len(self.weeks)
        bar = max(2.0, min(12.0, (slot - 8) / len(SERIES)))
        fm = self.fontMetrics()
        for i, week in enumerate(self.weeks):
            x0 = plot.left() + i * slot + (slot - bar * len(SERIES)) / 2
            if i == len(self.weeks) - 1:
                highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
                highlight.setAlpha(40)
                painter.fillRect(QRectF(plot.left() + i * slot + 1, plot.top(), slot - 2, plot.height()), highlight)
            for j, (key, _label, _c) in enumerate(SERIES):
                value = getattr(week, key)
                if not value:
                    continue
                h = plot.height() * value / top
                painter.fillRect(
                    QRectF(x0 + j * bar, plot.bottom() - h, bar - 1, h), series_colour(key, palette)
                )
            if (len(self.weeks) - 1 - i) % 2 == 0:  # every other week, counted back from this one
                label = "This week" if i == len(self.weeks) - 1 else f"{week.week_start.day} {week.week_start:%b}"
                painter.setPen(muted_text(palette))
                rect = QRectF(plot.left() + i * slot - 20, plot.bottom() + 4, slot + 40, fm.height())
                painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)

    def _draw_legend(self, painter: QPainter, palette: QPalette) -> None:
        fm = self.fontMetrics()
        x = self._plot_rect().left()
        for key, label, _c in SERIES:
            painter.fillRect(QRectF(x, 4 + (fm.height() - 10) / 2, 10, 10), series_colour(key, palette))
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QPointF(x + 14, 4 + fm.ascent()), label)
            x += 14 + fm.horizontalAdvance(label) + 18

    def _draw_grid(self, painter: QPainter, palette: QPalette, plot: QRectF, top: int) -> None:
        fm = self.fontMetrics()
        grid = QColor(palette.color(QPalette.ColorRole.WindowText))
        grid.setAlpha(40)
        for value in (0, top // 2 if top >= 2 else None, top):
            if value is None:
                continue
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted_text(palette))
            painter.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )

    def week_at(self, x: float) -> RhythmWeek | None:
        plot = self._plot_rect()
        if not self.weeks or not plot.left() <= x <= plot.right():
            return None
        index = int((x - plot.left()) / (plot.width() / len(self.weeks)))
        return self.weeks[min(index, len(self.weeks) - 1)]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        week = self.week_at(event.position().x())
        if week is None:
            QToolTip.hideText()
            return
        lines = [f"Week of {week.week_start.day} {week.week_start:%B}"]
        lines += [f"{label}: {getattr(week, key)}" for key, label, _c in SERIES]
        QToolTip.showText(event.globalPosition().toPoint(), "\n".join(lines), self)
